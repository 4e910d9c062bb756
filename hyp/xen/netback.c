/*
 * netback: xenbus device type "vif" (include/xen/io/netif.h), one per domain whose
 * config has pvkit,vif, each a port of the switch (vswitch.h).
 *
 * Both rings are mapped for as long as the device is connected (gnttab_map); every
 * frame is moved with a grant copy, out of the sender's fragments into a hyp buffer
 * and from there into a page the receiver posted. Nothing is queued: a frame is
 * switched and delivered in the sender's event-channel hypercall, and a receiver
 * with no buffer posted loses it (counted), so no guest can hold up another.
 *
 * Transmit requests are copied out of the ring once, up to a frame's worth, and
 * judged by netif_tx_check (netif_check.h) before anything is done with them; a
 * receive request is copied once too and its grant checked by the copy itself. A
 * producer index further ahead than the ring is long, or a frame that does not end
 * within XEN_NETIF_NR_SLOTS_MIN slots, stops the ring (logged); a bad frame or a
 * bad grant only earns NETIF_RSP_ERROR. The backend's own indices live here, not in
 * the shared page.
 */
#include <string.h>

#include <arch/barrier.h>
#include <arch/lock.h>
#include <virtio/csum.h>
#include "domain.h"
#include "evtchn.h"
#include "fmt.h"
#include "gnttab.h"
#include "log.h"
#include "mem.h"
#include "netback.h"
#include "netif_check.h"
#include "ring.h"
#include "vswitch.h"
#include "xenbus_back.h"
#include "xenstore.h"

#define TX_MASK		(NETIF_TX_RING_SIZE - 1)
#define RX_MASK		(NETIF_RX_RING_SIZE - 1)

struct vif {
	struct spinlock tx_lock;	/* the transmit ring; taken before the switch's */
	int connected, broken;
	unsigned domid;
	uint8_t mac[6];
	struct netif_tx_sring *txs;	/* mapped from the frontend */
	struct netif_rx_sring *rxs;
	int tx_map, rx_map;		/* gnttab_map handles */
	uint32_t hyp_port;
	int port;			/* on the switch */
	RING_IDX tx_cons, rx_cons;	/* = the response producers: answered at once */
	unsigned long tx_frames, tx_errors, rx_errors;
	const char *told[8];		/* reasons for refusing a frame already logged */
	uint8_t frame[NETIF_FRAME_MAX];	/* the transmit path's bounce buffer */
};

static struct vif *vifs;		/* by frontend domain id (netback_init) */
static unsigned max_id;

int netback_init(unsigned max_domid)
{
	vifs = mem_zalloc((max_domid + 1) * sizeof(*vifs));
	if (!vifs)
		return -1;
	max_id = max_domid;
	return 0;
}

static struct vif *vif_of(const struct xenback_dev *dev)
{
	return vifs && dev->fe <= max_id ? &vifs[dev->fe] : NULL;
}

static void broken(struct vif *v, const char *ring, const char *why, uint32_t a, uint32_t b)
{
	v->broken = 1;
	log_msg("d%u vif: %s ring: %s (%#x, %#x): the ring is no longer served", v->domid,
		ring, why, a, b);
}

/* --- receive: the switch hands a frame to this vif ----------------------------------- */

/* Under the switch's lock (vswitch.h), from any domain's transmit or the uplink. */
static int deliver(void *arg, const void *frame, size_t len)
{
	struct vif *v = arg;
	struct netif_rx_request req;
	struct netif_rx_response rsp;
	struct domain *d;
	RING_IDX prod, old;
	uint32_t used;
	int16_t st;

	if (!v->connected || v->broken || !(d = domain_get(v->domid)))
		return -1;
	prod = __atomic_load_n(&v->rxs->hdr.req_prod, __ATOMIC_ACQUIRE);
	if (ring_used(prod, v->rx_cons, NETIF_RX_RING_SIZE, &used)) {
		broken(v, "receive", "request producer out of range", prod, v->rx_cons);
		domain_put(d);
		return -1;
	}
	if (!used) {
		domain_put(d);
		return -1;			/* no buffer posted: dropped */
	}
	req = v->rxs->ring[v->rx_cons & RX_MASK].req;
	st = gnttab_copy_to(d, req.gref, 0, frame, (unsigned)len);
	rsp = (struct netif_rx_response){
		.id = req.id,
		.offset = 0,
		.flags = 0,
		.status = st == GNTST_okay ? (int16_t)len : NETIF_RSP_ERROR,
	};
	if (st != GNTST_okay)
		v->rx_errors++;
	v->rxs->ring[v->rx_cons & RX_MASK].rsp = rsp;
	v->rx_cons++;
	old = v->rxs->hdr.rsp_prod;
	wmb();				/* the response before the index */
	v->rxs->hdr.rsp_prod = v->rx_cons;
	mb();				/* the index before the frontend's event index */
	if (xen_ring_notify(v->rx_cons, old, v->rxs->hdr.rsp_event))
		evtchn_hyp_notify(v->hyp_port);
	domain_put(d);
	return st == GNTST_okay ? 0 : -1;
}

/* --- transmit: the frontend notified ------------------------------------------------- */

static void respond_tx(struct vif *v, const union netif_tx_slot *s, unsigned slots,
		       int extras_from, int16_t status)
{
	for (unsigned i = 0; i < slots; i++) {
		/* Extra-info slots (after the first) get NETIF_RSP_NULL, as on Xen. */
		int extra = extras_from && i >= 1 && (int)i < extras_from;
		struct netif_tx_response r = { .id = s[i].req.id,
					       .status = extra ? NETIF_RSP_NULL : status };

		v->txs->ring[(v->tx_cons + i) & TX_MASK].rsp = r;
	}
	v->tx_cons += slots;
}

/* Where a frame's extra-info slots end (1 + their count), or 0 without any. */
static int extras_end(const union netif_tx_slot *s, unsigned slots)
{
	unsigned i = 1;

	if (!(s[0].req.flags & NETTXF_extra_info))
		return 0;
	while (i < slots && (s[i++].extra.flags & XEN_NETIF_EXTRA_FLAG_MORE))
		;
	return (int)i;
}

/* Gather a good frame's fragments into v->frame: 0, or -1 on a bad grant. */
static int gather(struct vif *v, struct domain *d, const union netif_tx_slot *s,
		  const struct netif_tx_frame *f)
{
	unsigned pos = 0;

	for (unsigned k = 0; k < f->frags; k++) {
		const struct netif_tx_request *r = &s[f->slot[k]].req;

		if (gnttab_copy_from(d, r->gref, r->offset, v->frame + pos, f->size[k]))
			return -1;
		pos += f->size[k];
	}
	return 0;
}

/* Log why a frame was refused, once per reason (a handful of constant strings), so
 * that a lying guest cannot fill the log but every check that fired is visible. */
static void refused(struct vif *v, const char *why)
{
	unsigned i = 0;

	while (i < sizeof(v->told) / sizeof(v->told[0]) && v->told[i] && v->told[i] != why)
		i++;
	if (i == sizeof(v->told) / sizeof(v->told[0]) || v->told[i])
		return;			/* told already, or no room left to remember */
	v->told[i] = why;
	log_msg("d%u vif: transmit: %s: answered NETIF_RSP_ERROR (each reason reported once)",
		v->domid, why);
}

/* One pass over what is published: 1 if responses were produced. tx_lock held. */
static int tx_pass(struct vif *v, struct domain *d)
{
	union netif_tx_slot s[XEN_NETIF_NR_SLOTS_MIN];
	struct netif_tx_frame f;
	unsigned nr_grefs = d->xen.gnt_frames * GNTTAB_ENTRIES_PER_FRAME;
	RING_IDX prod = __atomic_load_n(&v->txs->hdr.req_prod, __ATOMIC_ACQUIRE);
	uint32_t used;
	int answered = 0;

	if (ring_used(prod, v->tx_cons, NETIF_TX_RING_SIZE, &used)) {
		broken(v, "transmit", "request producer out of range", prod, v->tx_cons);
		return 0;
	}
	while (used) {
		unsigned n = used < XEN_NETIF_NR_SLOTS_MIN ? used : XEN_NETIF_NR_SLOTS_MIN;
		enum netif_tx_verdict verdict;

		/* Copied once; only the copy is looked at from here on. */
		for (unsigned i = 0; i < n; i++)
			s[i] = v->txs->ring[(v->tx_cons + i) & TX_MASK];
		verdict = netif_tx_check(s, n, nr_grefs, &f);
		if (verdict == NETIF_TX_WAIT)
			break;
		if (verdict == NETIF_TX_FATAL) {
			broken(v, "transmit", f.why, prod, v->tx_cons);
			break;
		}
		if (verdict == NETIF_TX_OK && gather(v, d, s, &f)) {
			verdict = NETIF_TX_BAD;
			f.why = "a grant the copy refused";
		}
		if (verdict == NETIF_TX_BAD) {
			v->tx_errors++;
			refused(v, f.why);
		}
		respond_tx(v, s, f.slots, extras_end(s, f.slots),
			   verdict == NETIF_TX_OK ? NETIF_RSP_OKAY : NETIF_RSP_ERROR);
		used -= f.slots;
		answered = 1;
		if (verdict != NETIF_TX_OK)
			continue;
		v->tx_frames++;
		/* A blank checksum (NETTXF_csum_blank) is finished here: no receiver
		 * was asked whether it takes them. */
		struct csum_loc loc;

		if ((s[0].req.flags & NETTXF_csum_blank) && !csum_locate(v->frame, f.len, &loc))
			csum_complete(v->frame, f.len, loc.start, loc.offset);
		vswitch_input(v->port, v->frame, f.len);
	}
	return answered;
}

static void tx_event(void *arg)
{
	struct vif *v = arg;
	struct domain *d;
	RING_IDX old;
	int answered = 0;

	spin_lock(&v->tx_lock);
	if (!v->connected || v->broken || !(d = domain_get(v->domid))) {
		spin_unlock(&v->tx_lock);
		return;
	}
	old = v->txs->hdr.rsp_prod;
	for (;;) {
		answered |= tx_pass(v, d);
		if (v->broken)
			break;
		/* Ask for an event at the next request, then look once more: one
		 * published meanwhile would otherwise go unnoticed. */
		v->txs->hdr.req_event = v->tx_cons + 1;
		mb();
		if (__atomic_load_n(&v->txs->hdr.req_prod, __ATOMIC_ACQUIRE) == v->tx_cons)
			break;
	}
	if (answered) {
		wmb();
		v->txs->hdr.rsp_prod = v->tx_cons;
		mb();
		if (xen_ring_notify(v->tx_cons, old, v->txs->hdr.rsp_event))
			evtchn_hyp_notify(v->hyp_port);
	}
	spin_unlock(&v->tx_lock);
	domain_put(d);
}

/* --- xenbus ------------------------------------------------------------------------- */

static int be_key(struct xenback_dev *dev, const char *dir, const char *name,
		  const char *value)
{
	char path[96];

	fmt_snprintf(path, sizeof(path), "%s/%s", dir, name);
	return xenstore_write(path, value);
}

static int setup(struct xenback_dev *dev)
{
	struct domain *d = domain_by_id(dev->fe);
	struct vif *v = vif_of(dev);
	char mac[18];

	if (!d || !v)
		return -1;
	memcpy(v->mac, d->cfg->vif_mac, 6);
	v->domid = dev->fe;
	fmt_snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", v->mac[0], v->mac[1],
		     v->mac[2], v->mac[3], v->mac[4], v->mac[5]);
	/* The toolstack's keys, in both directories, and what this backend offers:
	 * copies only (no page flipping), scatter-gather on transmit (frames up to
	 * XEN_NETIF_NR_SLOTS_MIN slots), no segmentation offload. */
	return be_key(dev, dev->fe_path, "mac", mac) || be_key(dev, dev->fe_path, "handle", "0") ||
	       be_key(dev, dev->be_path, "mac", mac) || be_key(dev, dev->be_path, "handle", "0") ||
	       be_key(dev, dev->be_path, "feature-rx-copy", "1") ||
	       be_key(dev, dev->be_path, "feature-rx-flip", "0") ||
	       be_key(dev, dev->be_path, "feature-sg", "1") ? -1 : 0;
}

/* An unsigned frontend key: 0, or -1 (missing, not a number, above max). */
static int fe_uint(struct xenback_dev *dev, const char *name, uint32_t max, uint32_t *out)
{
	char path[96], val[16];
	uint32_t n = 0;

	fmt_snprintf(path, sizeof(path), "%s/%s", dev->fe_path, name);
	if (xenstore_read(path, val, sizeof(val)) || !val[0])
		return -1;
	for (const char *p = val; *p; p++) {
		if (*p < '0' || *p > '9' || n > (max - (uint32_t)(*p - '0')) / 10)
			return -1;
		n = n * 10 + (uint32_t)(*p - '0');
	}
	*out = n;
	return 0;
}

static void unmap(struct vif *v, struct domain *d)
{
	if (v->tx_map >= 0)
		gnttab_unmap(d, v->tx_map);
	if (v->rx_map >= 0)
		gnttab_unmap(d, v->rx_map);
	v->tx_map = v->rx_map = -1;
}

static int connect(struct xenback_dev *dev)
{
	struct vif *v = vif_of(dev);
	uint32_t tx_ref, rx_ref, port, copy;
	struct domain *d;
	void *tx, *rx;
	int err = -1;

	if (!v || !(d = domain_get(dev->fe))) {
		dev->error = "the frontend's domain is ending";
		return -1;
	}
	v->tx_map = v->rx_map = -1;
	if (fe_uint(dev, "tx-ring-ref", 0xffffffff, &tx_ref) ||
	    fe_uint(dev, "rx-ring-ref", 0xffffffff, &rx_ref) ||
	    fe_uint(dev, "event-channel", 0xffffffff, &port)) {
		dev->error = "tx-ring-ref, rx-ring-ref or event-channel missing or not a number";
	} else if (fe_uint(dev, "request-rx-copy", 1, &copy) || !copy) {
		dev->error = "request-rx-copy is not 1: this backend only copies";
	} else if ((v->tx_map = gnttab_map(d, tx_ref, 1, &tx)) < 0 ||
		   (v->rx_map = gnttab_map(d, rx_ref, 1, &rx)) < 0) {
		dev->error = "tx-ring-ref or rx-ring-ref is not a grant of a page to domain 0";
	} else if (evtchn_hyp_bind(d, port, tx_event, v, &v->hyp_port)) {
		dev->error = "event-channel is not a port left unbound for domain 0";
	} else if ((v->port = vswitch_attach(v->mac, deliver, v)) < 0) {
		evtchn_hyp_close(v->hyp_port);
		dev->error = "the switch has no free port";
	} else {
		err = 0;
	}
	if (err) {
		unmap(v, d);
		domain_put(d);
		return -1;
	}
	/* The frontend initialised the indices; the backend's own start from there. */
	spin_lock(&v->tx_lock);
	v->txs = tx;
	v->rxs = rx;
	v->tx_cons = v->txs->hdr.rsp_prod;
	v->rx_cons = v->rxs->hdr.rsp_prod;
	v->broken = 0;
	v->tx_frames = v->tx_errors = v->rx_errors = 0;
	memset(v->told, 0, sizeof(v->told));
	v->connected = 1;
	spin_unlock(&v->tx_lock);
	domain_put(d);
	/* Frames the frontend queued before we looked. */
	tx_event(v);
	return 0;
}

static void disconnect(struct xenback_dev *dev)
{
	struct vif *v = vif_of(dev);
	struct vsw_stats st;

	if (!v || !v->connected)
		return;
	spin_lock(&v->tx_lock);
	v->connected = 0;
	vswitch_stats(v->port, &st);
	vswitch_detach(v->port);	/* no deliver() runs past this */
	spin_unlock(&v->tx_lock);
	evtchn_hyp_close(v->hyp_port);
	/* The domain may be ending (domain_get fails), but its grant table is still
	 * there: xen_domain_destroy calls the backends first. */
	struct domain *d = domain_by_id(dev->fe);

	if (d)
		unmap(v, d);
	log_msg("d%u vif: disconnected: sent %lu frames (%lu refused), received %lu "
		"(%lu dropped: no buffer or a bad one), %lu with a forged source", v->domid,
		v->tx_frames, v->tx_errors, st.out, st.dropped, st.spoofed);
}

const struct xenback_ops netback_ops = {
	.type = "vif",
	.setup = setup,
	.connect = connect,
	.disconnect = disconnect,
};
