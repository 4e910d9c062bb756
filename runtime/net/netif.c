/*
 * An lwIP netif on a pv_net device (virtio-net, Xen netfront: include/pvkit/net.h).
 *
 * Receive: the device's notify (interrupt context) only signals this netif's rx
 * thread (a pv_event, so no signal is lost between a poll and the sleep).
 * The thread polls the device, whose rx callback copies each frame into a pbuf and
 * parks it; after poll returns, the parked frames go to lwIP (tcpip_input, under the
 * core lock). lwIP is never entered from inside the driver's poll: that could block
 * on the core lock halfway through the driver's ring walk, and a transmitting
 * thread's poll would then re-enter the driver.
 *
 * Transmit: linkoutput (called by lwIP under the core lock, in any thread) hands the
 * pbuf chain to ops->send as a list of pieces. When the ring is full it reclaims
 * finished transmissions with poll(budget 0), which delivers no frames, then waits
 * for the device's notify, and drops the frame (TCP retransmits) only if the device
 * stays full for TX_STALL_NS.
 *
 * Checksums: where the device offers to fill (PV_NET_F_CSUM_TX) or has already
 * validated (PV_NET_F_CSUM_RX) TCP and UDP checksums, lwIP skips that work for this
 * netif (LWIP_CHECKSUM_CTRL_PER_NETIF).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lwip/etharp.h>
#include <lwip/netif.h>
#include <lwip/pbuf.h>
#include <lwip/snmp.h>
#include <lwip/tcpip.h>
#include <netif/ethernet.h>

#include <pvkit/log.h>
#include <pvkit/net.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include "netif.h"

/* Frames taken from the device per poll: bounds the parked list, and how long the
 * rx thread runs before other threads get the CPU. */
#define RX_BUDGET	32
/* Pieces of one outgoing frame passed to the device as is; longer chains (rare:
 * lwIP builds a segment from at most a header and a few data pbufs) are copied. */
#define TX_MAX_IOV	8
/* How long a full transmit ring may stay full before a frame is dropped. */
#define TX_STALL_NS	(1000ull * 1000 * 1000)
#define RX_THREAD_STACK	(16 * 1024)

struct pvnetif {
	struct pv_net *dev;
	struct netif *netif;
	struct pv_event rx_ev, tx_ev;		/* signalled by notify */
	struct pbuf *parked[RX_BUDGET];
	unsigned nparked;
	unsigned long rx_nomem, tx_dropped;
	uint8_t *bounce;			/* mtu + 14 bytes, for long chains */
};

/* Interrupt context: wake whoever waits for frames or ring space. */
static void pvnetif_notify(struct pv_net *dev, void *arg)
{
	struct pvnetif *pn = arg;

	pv_event_signal(&pn->rx_ev);
	pv_event_signal(&pn->tx_ev);
}

/* Inside the driver's poll: copy the frame, park it, never block. */
static void pvnetif_rx(struct pv_net *dev, const void *frame, size_t len, void *arg)
{
	struct pvnetif *pn = arg;
	struct pbuf *p;

	if (len > 0xffff || pn->nparked == RX_BUDGET)
		return;		/* cannot happen with a driver honouring budget and mtu */
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p) {
		if (!pn->rx_nomem++)
			pv_warn("%s: receive buffers exhausted (PBUF_POOL_SIZE in lwipopts.h), "
				"dropping frames", dev->info.name);
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	pn->parked[pn->nparked++] = p;
}

/* The event count is read before each poll: a notify that comes between a poll that
 * found nothing and the sleep makes the sleep return at once. */
static void rx_thread(void *arg)
{
	struct pvnetif *pn = arg;

	for (;;) {
		unsigned seen = pv_event_read(&pn->rx_ev);
		int n = pn->dev->ops->poll(pn->dev, RX_BUDGET);

		/* input may block on the core lock; re-read nparked each time */
		for (unsigned i = 0; i < pn->nparked; i++) {
			if (pn->netif->input(pn->parked[i], pn->netif) != ERR_OK)
				pbuf_free(pn->parked[i]);
		}
		pn->nparked = 0;
		if (n == RX_BUDGET)
			pv_yield();	/* more may wait: let others run first */
		else
			pv_event_wait(&pn->rx_ev, seen, 0);
	}
}

static err_t send_frame(struct pvnetif *pn, const struct pv_iov *iov, unsigned cnt)
{
	struct pv_net *dev = pn->dev;
	uint64_t deadline = 0;
	int err;

	while ((err = dev->ops->send(dev, iov, cnt)) == -EAGAIN) {
		unsigned seen = pv_event_read(&pn->tx_ev);

		dev->ops->poll(dev, 0);		/* reclaim finished transmissions only */
		if ((err = dev->ops->send(dev, iov, cnt)) != -EAGAIN)
			break;
		if (!deadline)
			deadline = pv_now_ns() + TX_STALL_NS;
		if (pv_event_wait(&pn->tx_ev, seen, deadline) < 0 && pv_now_ns() >= deadline) {
			if (!pn->tx_dropped++)
				pv_warn("%s: transmit ring stayed full for %llu ms, dropping "
					"frames", dev->info.name, TX_STALL_NS / 1000000);
			return ERR_IF;
		}
	}
	if (err) {
		if (!pn->tx_dropped++)
			pv_warn("%s: the device refused a frame (error %d)", dev->info.name, err);
		return ERR_IF;
	}
	return ERR_OK;
}

static err_t pvnetif_linkoutput(struct netif *netif, struct pbuf *p)
{
	struct pvnetif *pn = netif->state;
	struct pv_iov iov[TX_MAX_IOV];
	unsigned cnt = 0;

	for (struct pbuf *q = p; q; q = q->next) {
		if (!q->len)
			continue;
		if (cnt == TX_MAX_IOV) {
			if (p->tot_len > pn->dev->info.mtu + SIZEOF_ETH_HDR)
				return ERR_IF;
			pbuf_copy_partial(p, pn->bounce, p->tot_len, 0);
			iov[0] = (struct pv_iov){ pn->bounce, p->tot_len };
			cnt = 1;
			break;
		}
		iov[cnt++] = (struct pv_iov){ q->payload, q->len };
	}
	return send_frame(pn, iov, cnt);
}

void *pvnetif_create(struct pv_net *dev)
{
	struct pvnetif *pn = calloc(1, sizeof(*pn));

	if (!pn)
		return NULL;
	pn->bounce = malloc(dev->info.mtu + SIZEOF_ETH_HDR);
	if (!pn->bounce) {
		free(pn);
		return NULL;
	}
	pn->dev = dev;
	pn->rx_ev = pn->tx_ev = (struct pv_event)PV_EVENT_INIT;
	return pn;
}

err_t pvnetif_init(struct netif *netif)
{
	struct pvnetif *pn = netif->state;
	struct pv_net *dev = pn->dev;

	pn->netif = netif;
	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = pvnetif_linkoutput;
	netif->mtu = dev->info.mtu;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, dev->info.mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
		       NETIF_FLAG_LINK_UP;
	MIB2_INIT_NETIF(netif, snmp_ifType_ethernet_csmacd, 0);
	/* Checksums the device takes over (include/pvkit/net.h) are not computed twice:
	 * under emulation every guest instruction saved counts. */
	u16_t csum = NETIF_CHECKSUM_ENABLE_ALL;

	if (dev->info.features & PV_NET_F_CSUM_TX)
		csum &= (u16_t)~(NETIF_CHECKSUM_GEN_TCP | NETIF_CHECKSUM_GEN_UDP);
	if (dev->info.features & PV_NET_F_CSUM_RX)
		csum &= (u16_t)~(NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP);
	NETIF_SET_CHECKSUM_CTRL(netif, csum);

	dev->arg = pn;
	dev->rx = pvnetif_rx;
	dev->notify = pvnetif_notify;
	/* its first poll also takes frames that arrived before notify was set */
	if (!pv_thread_create("net-rx", rx_thread, pn, RX_THREAD_STACK)) {
		pv_err("%s: no memory for the receive thread", dev->info.name);
		return ERR_MEM;
	}
	return ERR_OK;
}
