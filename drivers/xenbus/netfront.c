/*
 * netfront's data path (include/xen/io/netif.h) as a pv_net: a transmit and a
 * receive ring, one event channel for both.
 *
 * Every frame goes out as one request (a 2 KiB buffer never crosses its page), so
 * the backend needs no scatter-gather. Nothing is offloaded: frames leave with
 * their checksums filled in by the stack, and the handshake asks the backend for
 * none blank on the way in (feature-no-csum-offload), so the features are 0 and
 * lwIP checks what it receives.
 *
 * What the backend writes is copied once (a response is read into a local struct
 * before use) and checked: a response producer beyond what was requested, or an
 * id that names no buffer out on loan, means the backend has lost its way, and the
 * device stops (-EIO); a response with a bad offset or length only drops its frame.
 */
#include <errno.h>
#include <string.h>

#include "driver.h"
#include "netfront.h"
#include "xenbus_int.h"

#define TX_MASK		(NETIF_TX_RING_SIZE - 1)
#define RX_MASK		(NETIF_RX_RING_SIZE - 1)

static void give_up(struct netfront *nf, const char *why, unsigned a, unsigned b)
{
	if (!nf->dead)
		drv_log(0, "%s: backend %s (%u, %u): device stopped", nf->name, why, a, b);
	nf->dead = 1;
}

static void push_tx(struct netfront *nf)
{
	RING_IDX old = nf->txs->hdr.req_prod;

	wmb();			/* the requests before the index that publishes them */
	nf->txs->hdr.req_prod = nf->tx_prod;
	mb();			/* the index before the backend's event is looked at */
	if (xen_ring_notify(nf->tx_prod, old, nf->txs->hdr.req_event))
		evtchn_notify(nf->port);
}

static void push_rx(struct netfront *nf)
{
	RING_IDX old = nf->rxs->hdr.req_prod;

	wmb();
	nf->rxs->hdr.req_prod = nf->rx_prod;
	mb();
	if (xen_ring_notify(nf->rx_prod, old, nf->rxs->hdr.req_event))
		evtchn_notify(nf->port);
}

static void post_rx(struct netfront *nf, unsigned id)
{
	union netif_rx_slot *s = &nf->rxs->ring[nf->rx_prod & RX_MASK];

	s->req.id = (uint16_t)id;
	s->req.pad = 0;
	s->req.gref = (grant_ref_t)nf->rx_gref[id];
	nf->rx_prod++;
}

/* Take back the transmit buffers the backend is done with. */
static void reclaim_tx(struct netfront *nf)
{
	RING_IDX prod = __atomic_load_n(&nf->txs->hdr.rsp_prod, __ATOMIC_ACQUIRE);

	if (prod - nf->tx_cons > nf->tx_prod - nf->tx_cons) {
		give_up(nf, "answered transmit requests it was not given", prod, nf->tx_prod);
		return;
	}
	for (; nf->tx_cons != prod; nf->tx_cons++) {
		struct netif_tx_response r = nf->txs->ring[nf->tx_cons & TX_MASK].rsp;

		if (r.id >= NF_TX_BUFS || !nf->tx_busy[r.id]) {
			give_up(nf, "answered a transmit buffer not on loan", r.id, nf->tx_cons);
			return;
		}
		nf->tx_busy[r.id] = 0;
		nf->tx_free[nf->ntx_free++] = (uint8_t)r.id;
		if (r.status != NETIF_RSP_OKAY)
			nf->tx_errors++;
	}
}

static int send(struct pv_net *n, const struct pv_iov *iov, unsigned cnt)
{
	struct netfront *nf = n->priv;
	union netif_tx_slot *s;
	size_t total = 0;
	uint8_t *buf;
	unsigned i;

	for (i = 0; i < cnt; i++)
		total += iov[i].len;
	if (total == 0 || total > NETIF_FRAME_MAX)
		return -EINVAL;
	if (nf->dead)
		return -EIO;
	reclaim_tx(nf);
	if (!nf->ntx_free && !nf->dead) {
		/* Ask for an event at the next response, then look once more: one that
		 * came meanwhile would otherwise go unannounced. */
		nf->txs->hdr.rsp_event = nf->tx_cons + 1;
		mb();
		reclaim_tx(nf);
	}
	if (nf->dead)
		return -EIO;
	if (!nf->ntx_free)
		return -EAGAIN;

	i = nf->tx_free[--nf->ntx_free];
	buf = nf->tx + i * NF_TX_BUF_SIZE;
	for (unsigned k = 0, off = 0; k < cnt; off += iov[k].len, k++)
		memcpy(buf + off, iov[k].base, iov[k].len);
	nf->tx_busy[i] = 1;
	s = &nf->txs->ring[nf->tx_prod & TX_MASK];
	s->req = (struct netif_tx_request){
		.gref = (grant_ref_t)nf->tx_gref[i / 2],
		.offset = (uint16_t)(i % 2 * NF_TX_BUF_SIZE),
		.flags = 0,
		.id = (uint16_t)i,
		.size = (uint16_t)total,
	};
	nf->tx_prod++;
	push_tx(nf);
	return 0;
}

/* Hand one response's frame up (or drop it); the buffer goes straight back. */
static int rx_one(struct netfront *nf, const struct netif_rx_response *r)
{
	struct pv_net *n = &nf->net;
	int ok = r->status >= NETIF_FRAME_MIN && r->status <= NETIF_FRAME_MAX &&
		 r->offset + r->status <= 4096 &&
		 !(r->flags & (NETRXF_more_data | NETRXF_extra_info));

	if (ok && n->rx)
		n->rx(n, nf->rx + r->id * 4096 + r->offset, (size_t)r->status, n->arg);
	else if (!ok)
		nf->rx_dropped++;
	post_rx(nf, r->id);
	return ok;
}

static int poll(struct pv_net *n, int budget)
{
	struct netfront *nf = n->priv;
	int delivered = 0, posted = 0;

	if (nf->dead)
		return 0;
	reclaim_tx(nf);
	while (delivered < budget && !nf->dead) {
		RING_IDX prod = __atomic_load_n(&nf->rxs->hdr.rsp_prod, __ATOMIC_ACQUIRE);

		if (prod - nf->rx_cons > nf->rx_prod - nf->rx_cons) {
			give_up(nf, "answered receive requests it was not given", prod,
				nf->rx_prod);
			break;
		}
		if (prod == nf->rx_cons) {
			/* Ask for an event at the next frame, then look once more. */
			nf->rxs->hdr.rsp_event = nf->rx_cons + 1;
			mb();
			if (__atomic_load_n(&nf->rxs->hdr.rsp_prod, __ATOMIC_ACQUIRE) == prod)
				break;
			continue;
		}
		for (; nf->rx_cons != prod && delivered < budget; nf->rx_cons++) {
			struct netif_rx_response r = nf->rxs->ring[nf->rx_cons & RX_MASK].rsp;

			/* Responses come in request order, and requests go out in id order
			 * behind each other, but only the id says which page was written. */
			if (r.id >= NF_RX_BUFS) {
				give_up(nf, "answered a receive buffer that does not exist", r.id,
					nf->rx_cons);
				break;
			}
			delivered += rx_one(nf, &r);
			posted++;
		}
	}
	if (posted && !nf->dead)
		push_rx(nf);
	return delivered;
}

static const struct pv_net_ops netfront_ops = { .send = send, .poll = poll };

void netfront_event(unsigned port, void *arg)
{
	struct netfront *nf = arg;

	if (nf->net.notify)
		nf->net.notify(&nf->net, nf->net.arg);
}

static int grant(struct netfront *nf, void *page, int readonly)
{
	return gnttab_grant(nf->backend_id, drv_virt_to_phys(page) / XEN_PAGE_SIZE, readonly);
}

int netfront_rings_init(struct netfront *nf)
{
	if (!(nf->txs = drv_alloc_pages(1)) || !(nf->rxs = drv_alloc_pages(1)) ||
	    !(nf->tx = drv_alloc_pages(NF_TX_PAGES)) || !(nf->rx = drv_alloc_pages(NF_RX_BUFS)))
		return -ENOMEM;
	/* Events wanted from the first response on (io/ring.h's SHARED_RING_INIT). */
	nf->txs->hdr.req_event = nf->txs->hdr.rsp_event = 1;
	nf->rxs->hdr.req_event = nf->rxs->hdr.rsp_event = 1;
	if ((nf->tx_ring_ref = grant(nf, nf->txs, 0)) < 0 ||
	    (nf->rx_ring_ref = grant(nf, nf->rxs, 0)) < 0)
		return -ENOSPC;
	for (unsigned i = 0; i < NF_TX_PAGES; i++)
		if ((nf->tx_gref[i] = grant(nf, nf->tx + i * 4096, 1)) < 0)
			return -ENOSPC;
	for (unsigned i = 0; i < NF_RX_BUFS; i++)
		if ((nf->rx_gref[i] = grant(nf, nf->rx + i * 4096, 0)) < 0)
			return -ENOSPC;
	for (unsigned i = 0; i < NF_TX_BUFS; i++)
		nf->tx_free[nf->ntx_free++] = (uint8_t)(NF_TX_BUFS - 1 - i);
	return 0;
}

void netfront_start(struct netfront *nf)
{
	nf->net.ops = &netfront_ops;
	nf->net.priv = nf;
	nf->net.info.name = nf->name;
	nf->net.info.mtu = NF_MTU;
	nf->net.info.features = 0;
	for (unsigned i = 0; i < NF_RX_BUFS; i++)
		post_rx(nf, i);
	push_rx(nf);
}
