/*
 * virtio-net (spec 5.1) as a pv_net: one receive and one transmit queue, no merged
 * receive buffers, no segmentation offload.
 *
 * Every frame, in both directions, sits in a 2 KiB driver buffer behind its
 * virtio_net_hdr and is handed over as two descriptors, header and frame: the layout a
 * legacy device without VIRTIO_F_ANY_LAYOUT requires and every other device accepts.
 * The header is 10 bytes on the legacy interface and 12 (with num_buffers) once
 * VIRTIO_F_VERSION_1 is negotiated (spec 5.1.6).
 *
 * Checksum offload (csum.c): with VIRTIO_NET_F_CSUM, TCP/UDP frames go out with the
 * pseudo-header sum in place and NEEDS_CSUM, and the device finishes them. With
 * VIRTIO_NET_F_GUEST_CSUM, the device may deliver frames already validated
 * (DATA_VALID) or with a partial checksum (NEEDS_CSUM, from the host itself); the
 * driver finishes partial ones and checks the rest, so every TCP/UDP frame the user
 * gets has a correct checksum it need not verify (PV_NET_F_CSUM_RX).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <pvkit/net.h>
#include "csum.h"
#include "env.h"
#include "virtio.h"

/* Feature bits (spec 5.1.3). */
#define VIRTIO_NET_F_CSUM	0
#define VIRTIO_NET_F_GUEST_CSUM	1
#define VIRTIO_NET_F_MAC	5

#define CFG_MAC			0	/* u8[6], with VIRTIO_NET_F_MAC (spec 5.1.4) */

/* struct virtio_net_hdr (spec 5.1.6) */
struct net_hdr {
	uint8_t flags;
	uint8_t gso_type;		/* VIRTIO_NET_HDR_GSO_NONE: 0 */
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;		/* only with VIRTIO_F_VERSION_1 */
};
#define HDR_F_NEEDS_CSUM	1
#define HDR_F_DATA_VALID	2
#define HDR_LEN_LEGACY		10
#define HDR_LEN_MODERN		12

#define RXQ			0
#define TXQ			1
#define MTU			1500
#define FRAME_MAX		(MTU + 14)
#define BUF_SIZE		2048	/* header + the largest frame, two per page */
/* 64 frames each way: about 90 KiB, more than a 64 KiB TCP window in flight. */
#define RX_BUFS			64
#define TX_BUFS			64
#define QUEUE_MAX		(2 * 64)	/* two descriptors per frame */
#define BUF_PAGES(n)		((n) * BUF_SIZE / DRV_PAGE_SIZE)

struct vnet {
	struct pv_net net;
	struct virtio_dev *dev;
	struct virtq rxq, txq;
	size_t hdr_len;
	uint8_t *rx, *tx;		/* RX_BUFS / TX_BUFS buffers of BUF_SIZE */
	unsigned nrx, ntx;		/* buffers in use: capped by the queue sizes */
	uint8_t tx_free[TX_BUFS];	/* stack of free transmit buffers */
	unsigned ntx_free;
	unsigned long rx_dropped;
	int dead;
	char name[16], rxname[28], txname[28];
};
_Static_assert(sizeof(struct vnet) <= DRV_PAGE_SIZE, "struct vnet fits its page");

static int post_rx(struct vnet *v, unsigned i)
{
	uint64_t pa = drv_virt_to_phys(v->rx + i * BUF_SIZE);
	struct virtq_buf b[2] = {
		{ pa, v->hdr_len, 1 },
		{ pa + v->hdr_len, BUF_SIZE - v->hdr_len, 1 },
	};

	return virtq_add(&v->rxq, b, 2, (void *)(uintptr_t)(i + 1));
}

/* The device broke the rules: stop it and take every buffer back. */
static void give_up(struct vnet *v)
{
	v->dead = 1;
	virtio_reset(v->dev);
	while (virtq_detach(&v->rxq))
		;
	for (void *c; (c = virtq_detach(&v->txq)); )
		v->tx_free[v->ntx_free++] = (unsigned)(uintptr_t)c - 1;
}

/* Transmit completions interrupt only while a sender is waiting for space (send
 * returned -EAGAIN): otherwise they are reclaimed in passing, an interrupt saved per
 * frame. The flag is a hint the device may ignore; that only costs an interrupt. */
static void tx_irq(struct vnet *v, int on)
{
	v->txq.avail->flags = on ? 0 : VIRTQ_AVAIL_F_NO_INTERRUPT;
}

static void reclaim_tx(struct vnet *v)
{
	unsigned before = v->ntx_free;
	uint32_t len;
	void *c;

	while ((c = virtq_get(&v->txq, &len)))
		v->tx_free[v->ntx_free++] = (unsigned)(uintptr_t)c - 1;
	if (v->ntx_free != before)
		tx_irq(v, 0);
}

static int send(struct pv_net *n, const struct pv_iov *iov, unsigned cnt)
{
	struct vnet *v = n->priv;
	struct net_hdr *h;
	struct csum_loc loc;
	uint8_t *buf, *frame;
	size_t total = 0;
	unsigned i;

	for (i = 0; i < cnt; i++)
		total += iov[i].len;
	if (total == 0 || total > FRAME_MAX)
		return -EINVAL;
	if (v->dead)
		return -EIO;
	if (!v->ntx_free)
		reclaim_tx(v);
	if (!v->ntx_free && !v->txq.broken) {
		tx_irq(v, 1);
		/* The flag must be visible before the used ring is looked at again: a
		 * buffer the device returns after that look then interrupts. */
		mb();
		reclaim_tx(v);
	}
	if (v->txq.broken) {
		give_up(v);
		return -EIO;
	}
	if (!v->ntx_free)
		return -EAGAIN;

	i = v->tx_free[--v->ntx_free];
	buf = v->tx + i * BUF_SIZE;
	frame = buf + v->hdr_len;
	for (unsigned k = 0, off = 0; k < cnt; off += iov[k].len, k++)
		memcpy(frame + off, iov[k].base, iov[k].len);
	h = (struct net_hdr *)buf;
	memset(h, 0, v->hdr_len);
	if (virtio_has(v->dev, VIRTIO_NET_F_CSUM) && !csum_locate(frame, total, &loc)) {
		csum_prepare_partial(frame, &loc);
		h->flags = HDR_F_NEEDS_CSUM;
		h->csum_start = loc.start;
		h->csum_offset = loc.offset;
	}

	uint64_t pa = drv_virt_to_phys(buf);
	struct virtq_buf b[2] = { { pa, v->hdr_len, 0 }, { pa + v->hdr_len, total, 0 } };

	/* Cannot run out: each of the ntx buffers needs two of the queue's descriptors. */
	if (virtq_add(&v->txq, b, 2, (void *)(uintptr_t)(i + 1))) {
		v->tx_free[v->ntx_free++] = i;
		give_up(v);
		return -EIO;
	}
	virtq_kick(&v->txq);
	return 0;
}

/* Whether a received frame may go up, finishing its checksum if the device left it
 * partial. The header is copied first: nothing the device wrote is read twice. */
static int rx_accept(struct vnet *v, const uint8_t *buf, uint8_t *frame, size_t len)
{
	struct net_hdr h;

	if (!virtio_has(v->dev, VIRTIO_NET_F_GUEST_CSUM))
		return 1;
	memcpy(&h, buf, v->hdr_len);
	if (h.flags & HDR_F_NEEDS_CSUM)
		return csum_complete(frame, len, h.csum_start, h.csum_offset) == 0;
	if (h.flags & HDR_F_DATA_VALID)
		return 1;
	return csum_verify(frame, len);
}

static int poll(struct pv_net *n, int budget)
{
	struct vnet *v = n->priv;
	int delivered = 0, refilled = 0;
	uint32_t len;
	void *c;

	if (v->dead)
		return 0;
	reclaim_tx(v);
	while (delivered < budget && (c = virtq_get(&v->rxq, &len))) {
		unsigned i = (unsigned)(uintptr_t)c - 1;
		uint8_t *buf = v->rx + i * BUF_SIZE, *frame = buf + v->hdr_len;

		/* len is at most BUF_SIZE (virtq_get checked): a short one is dropped. */
		if (len < v->hdr_len + 14 || !rx_accept(v, buf, frame, len - v->hdr_len)) {
			v->rx_dropped++;
		} else {
			if (n->rx)
				n->rx(n, frame, len - v->hdr_len, n->arg);
			delivered++;
		}
		if (v->dead)
			return delivered;	/* rx sent, and the device failed meanwhile */
		/* The buffer goes straight back: rx has returned and the frame with it. */
		post_rx(v, i);
		refilled++;
	}
	if (v->rxq.broken || v->txq.broken)
		give_up(v);
	else if (refilled)
		virtq_kick(&v->rxq);
	return delivered;
}

static const struct pv_net_ops vnet_ops = { .send = send, .poll = poll };

static void on_irq(struct virtio_dev *d, uint32_t status)
{
	struct vnet *v = d->priv;

	if ((status & 1) && v->net.notify)
		v->net.notify(&v->net, v->net.arg);
}

static void read_mac(struct vnet *v, uint8_t mac[6])
{
	if (virtio_has(v->dev, VIRTIO_NET_F_MAC)) {
		for (int i = 0; i < 6; i++)
			mac[i] = virtio_config8(v->dev, CFG_MAC + i);
		return;
	}
	/* Locally administered, unicast (02:...), "pv", then the transport's address
	 * bits: stable across boots and different for every slot. */
	mac[0] = 0x02;
	mac[1] = 'p';
	mac[2] = 'v';
	mac[3] = v->dev->base >> 24;
	mac[4] = v->dev->base >> 16;
	mac[5] = v->dev->base >> 8;
}

/* On failure the pages stay allocated: see blk.c. */
static int attach(struct virtio_dev *d)
{
	struct vnet *v = drv_alloc_pages(1);
	int err;

	if (!v || !(v->rx = drv_alloc_pages(BUF_PAGES(RX_BUFS))) ||
	    !(v->tx = drv_alloc_pages(BUF_PAGES(TX_BUFS))))
		return -ENOMEM;
	v->dev = d;
	v->hdr_len = virtio_has(d, VIRTIO_F_VERSION_1) ? HDR_LEN_MODERN : HDR_LEN_LEGACY;
	virtio_name(v->name, sizeof(v->name), "virtio-net", d->unit, "");
	virtio_name(v->rxname, sizeof(v->rxname), "virtio-net", d->unit, " receiveq");
	virtio_name(v->txname, sizeof(v->txname), "virtio-net", d->unit, " transmitq");
	if ((err = virtio_queue_setup(d, &v->rxq, RXQ, QUEUE_MAX, v->rxname)) ||
	    (err = virtio_queue_setup(d, &v->txq, TXQ, QUEUE_MAX, v->txname)))
		return err;
	v->nrx = v->rxq.num / 2 < RX_BUFS ? v->rxq.num / 2 : RX_BUFS;
	v->ntx = v->txq.num / 2 < TX_BUFS ? v->txq.num / 2 : TX_BUFS;
	if (!v->nrx || !v->ntx) {
		drv_log(0, "%s: queues of %u and %u descriptors, expected at least 2", v->name,
			v->rxq.num, v->txq.num);
		return -EIO;
	}
	for (unsigned i = 0; i < v->ntx; i++)
		v->tx_free[v->ntx_free++] = v->ntx - 1 - i;
	for (unsigned i = 0; i < v->nrx; i++)
		post_rx(v, i);
	tx_irq(v, 0);

	v->net = (struct pv_net){
		.ops = &vnet_ops,
		.priv = v,
		.info = {
			.name = v->name,
			.mtu = MTU,
			.features =
				(virtio_has(d, VIRTIO_NET_F_CSUM) ? PV_NET_F_CSUM_TX : 0) |
				(virtio_has(d, VIRTIO_NET_F_GUEST_CSUM) ? PV_NET_F_CSUM_RX : 0),
		},
	};
	read_mac(v, v->net.info.mac);
	d->priv = v;
	d->on_irq = on_irq;
	virtio_driver_ok(d);
	virtq_kick(&v->rxq);
	pv_net_register(&v->net);
	return 0;
}

const struct virtio_driver virtio_net_driver = {
	.name = "virtio-net",
	.features = VIRTIO_FEATURE(VIRTIO_NET_F_CSUM) | VIRTIO_FEATURE(VIRTIO_NET_F_GUEST_CSUM) |
		    VIRTIO_FEATURE(VIRTIO_NET_F_MAC),
	.attach = attach,
};
