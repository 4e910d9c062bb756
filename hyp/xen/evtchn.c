/*
 * Event channels: port tables, binding, and delivery into the 2-level bitmaps of
 * shared_info. The bitmaps are guest memory: the hyp only sets bits there with atomic
 * operations and reads the mask; nothing it reads back from them steers it.
 */
#include "evtchn.h"

#include <string.h>

#include <arch/lock.h>
#include <arch/vgic.h>
#include "domain.h"
#include "log.h"
#include "mem.h"

enum evtchn_state { ECS_FREE, ECS_UNBOUND, ECS_INTERDOMAIN, ECS_IPI };

/* The hyp's ports: a few per domain (xenstore, console, backends), sized at boot. */
#define HYP_PORTS_BASE		128
#define HYP_PORTS_PER_DOMAIN	4

static struct spinlock lock;
static unsigned hyp_ports = HYP_PORTS_BASE;
static struct evtchn hport_boot[HYP_PORTS_BASE], *hport = hport_boot;
static struct hyp_cb {
	evtchn_fn fn;
	void *arg;
} hyp_cb_boot[HYP_PORTS_BASE], *hyp_cb = hyp_cb_boot;

int evtchn_init(unsigned max_domid)
{
	unsigned n = HYP_PORTS_BASE + max_domid * HYP_PORTS_PER_DOMAIN;
	void *p;

	if (max_domid * HYP_PORTS_PER_DOMAIN < HYP_PORTS_BASE)
		return 0;		/* the static tables do */
	if (!(p = mem_zalloc(n * (sizeof(*hport) + sizeof(*hyp_cb)))))
		return -1;
	hport = p;
	hyp_cb = (struct hyp_cb *)(hport + n);
	hyp_ports = n;
	return 0;
}

static struct evtchn *port_of(struct domain *d, uint32_t p)
{
	if (p == 0 || p >= EVTCHN_MAX || d->xen.evtchn[p].state == ECS_FREE)
		return NULL;
	return &d->xen.evtchn[p];
}

static int alloc_port(struct evtchn *tab, unsigned n)
{
	for (unsigned p = 1; p < n; p++)
		if (tab[p].state == ECS_FREE)
			return (int)p;
	return -1;
}

/* A running domain other than the caller's, or NULL. */
static struct domain *peer_domain(domid_t id)
{
	struct domain *d = domain_by_id(id);

	return d && __atomic_load_n(&d->state, __ATOMIC_ACQUIRE) == DOM_RUNNING ? d : NULL;
}

/* --- delivery (2-level) ------------------------------------------------------------ */

static struct vcpu_info *vcpu_info_of(struct domain *d, unsigned vcpu)
{
	if (d->xen.vcpu_info[vcpu])
		return d->xen.vcpu_info[vcpu];
	return vcpu == 0 ? &d->xen.shinfo->vcpu_info[0] : &d->xen.spare_vi[vcpu];
}

/* Word w of the bitmaps has something for this vCPU: select it, raise the upcall. */
static void mark_vcpu(struct domain *d, unsigned vcpu, unsigned w)
{
	struct vcpu_info *vi = vcpu_info_of(d, vcpu);

	if (__atomic_fetch_or(&vi->evtchn_pending_sel, 1UL << w, __ATOMIC_SEQ_CST) >> w & 1)
		return;			/* the guest has not scanned that word yet */
	if (__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
		return;			/* an upcall is already on its way */
	vgic_inject(&d->vcpu[vcpu], GUEST_EVTCHN_PPI);
}

static void set_pending(struct domain *d, uint32_t port)
{
	struct shared_info *s = d->xen.shinfo;
	unsigned w = port / 64;
	uint64_t bit = 1UL << (port % 64);

	if (!s)
		return;			/* the domain is gone */
	if (__atomic_fetch_or(&s->evtchn_pending[w], bit, __ATOMIC_SEQ_CST) & bit)
		return;
	if (__atomic_load_n(&s->evtchn_mask[w], __ATOMIC_SEQ_CST) & bit)
		return;			/* delivered when the guest unmasks it */
	mark_vcpu(d, d->xen.evtchn[port].vcpu, w);
}

static void clear_pending(struct domain *d, uint32_t port)
{
	__atomic_fetch_and(&d->xen.shinfo->evtchn_pending[port / 64], ~(1UL << (port % 64)),
			   __ATOMIC_SEQ_CST);
}

/* --- the hypercall side ------------------------------------------------------------- */

int evtchn_alloc_unbound(struct domain *d, domid_t remote, uint32_t *port)
{
	int p;

	if (remote == DOMID_SELF)
		remote = (domid_t)d->id;
	if (remote >= DOMID_FIRST_RESERVED)
		return -XEN_EINVAL;
	spin_lock(&lock);
	p = alloc_port(d->xen.evtchn, EVTCHN_MAX);
	if (p > 0)
		d->xen.evtchn[p] = (struct evtchn){ ECS_UNBOUND, 0, remote, 0 };
	spin_unlock(&lock);
	if (p < 0)
		return -XEN_ENOSPC;
	*port = (uint32_t)p;
	return 0;
}

/* The remote end must be unbound and waiting for the caller. */
static struct evtchn *waiting_end(struct domain *d, domid_t rdom, uint32_t rport,
				  struct domain **rd)
{
	struct evtchn *e;

	if (rdom == DOMID_HYP) {
		*rd = NULL;
		e = rport && rport < hyp_ports ? &hport[rport] : NULL;
	} else {
		*rd = rdom == DOMID_SELF ? d : peer_domain(rdom);
		e = *rd ? port_of(*rd, rport) : NULL;
	}
	return e && e->state == ECS_UNBOUND && e->remote_dom == d->id ? e : NULL;
}

int evtchn_bind_interdomain(struct domain *d, domid_t rdom, uint32_t rport, uint32_t *port)
{
	struct domain *rd;
	struct evtchn *re;
	int p, err = 0;

	if (rdom != DOMID_SELF && rdom != DOMID_HYP && !peer_domain(rdom))
		return -XEN_ESRCH;
	spin_lock(&lock);
	if (!(re = waiting_end(d, rdom, rport, &rd)))
		err = -XEN_EINVAL;
	else if ((p = alloc_port(d->xen.evtchn, EVTCHN_MAX)) < 0)
		err = -XEN_ENOSPC;
	if (!err) {
		d->xen.evtchn[p] = (struct evtchn){ ECS_INTERDOMAIN, 0,
						    rd ? (uint16_t)rd->id : DOMID_HYP, rport };
		re->state = ECS_INTERDOMAIN;
		re->remote_dom = (uint16_t)d->id;
		re->remote_port = (uint32_t)p;
		/* Sends to the unbound end went nowhere: as Xen does, assume one was lost. */
		set_pending(d, (uint32_t)p);
		*port = (uint32_t)p;
	}
	spin_unlock(&lock);
	return err;
}

int evtchn_bind_ipi(struct domain *d, unsigned vcpu, uint32_t *port)
{
	int p;

	if (vcpu >= d->nvcpus)
		return -XEN_ENOENT;
	spin_lock(&lock);
	p = alloc_port(d->xen.evtchn, EVTCHN_MAX);
	if (p > 0)
		d->xen.evtchn[p] = (struct evtchn){ ECS_IPI, (uint8_t)vcpu, 0, 0 };
	spin_unlock(&lock);
	if (p < 0)
		return -XEN_ENOSPC;
	*port = (uint32_t)p;
	return 0;
}

/* The other end of an interdomain channel goes back to waiting for d. Lock held. */
static void unbind_peer(struct domain *d, struct evtchn *e)
{
	struct evtchn *pe;

	if (e->remote_dom == DOMID_HYP)
		pe = e->remote_port < hyp_ports ? &hport[e->remote_port] : NULL;
	else
		pe = peer_domain(e->remote_dom) ? &domain_by_id(e->remote_dom)->xen.evtchn[
			e->remote_port % EVTCHN_MAX] : NULL;
	if (pe && pe->state == ECS_INTERDOMAIN && pe->remote_dom == d->id) {
		pe->state = ECS_UNBOUND;
		pe->remote_port = 0;
	}
}

int evtchn_close(struct domain *d, uint32_t port)
{
	struct evtchn *e;
	int err = 0;

	spin_lock(&lock);
	if (!(e = port_of(d, port))) {
		err = -XEN_EINVAL;
	} else {
		if (e->state == ECS_INTERDOMAIN)
			unbind_peer(d, e);
		e->state = ECS_FREE;
		clear_pending(d, port);
	}
	spin_unlock(&lock);
	return err;
}

int evtchn_send(struct domain *d, uint32_t port)
{
	struct evtchn *e;
	evtchn_fn fn = NULL;
	void *arg = NULL;
	int err = 0;

	spin_lock(&lock);
	if (!(e = port_of(d, port))) {
		err = -XEN_EINVAL;
	} else if (e->state == ECS_IPI) {
		set_pending(d, port);
	} else if (e->state == ECS_INTERDOMAIN && e->remote_dom == DOMID_HYP) {
		fn = hyp_cb[e->remote_port % hyp_ports].fn;
		arg = hyp_cb[e->remote_port % hyp_ports].arg;
	} else if (e->state == ECS_INTERDOMAIN) {
		struct domain *rd = e->remote_dom == d->id ? d : peer_domain(e->remote_dom);

		if (rd)
			set_pending(rd, e->remote_port);
	}	/* unbound: the event goes nowhere, as on Xen */
	spin_unlock(&lock);
	if (fn)
		fn(arg);
	return err;
}

int evtchn_status(struct domain *d, struct evtchn_status *st)
{
	static const uint32_t stat[] = {
		[ECS_FREE] = EVTCHNSTAT_closed, [ECS_UNBOUND] = EVTCHNSTAT_unbound,
		[ECS_INTERDOMAIN] = EVTCHNSTAT_interdomain, [ECS_IPI] = EVTCHNSTAT_ipi,
	};
	struct evtchn e;

	if (st->port == 0 || st->port >= EVTCHN_MAX)
		return -XEN_EINVAL;
	spin_lock(&lock);
	e = d->xen.evtchn[st->port];
	spin_unlock(&lock);
	st->status = stat[e.state];
	st->vcpu = e.vcpu;
	memset(&st->u, 0, sizeof(st->u));
	if (e.state == ECS_UNBOUND) {
		st->u.unbound.dom = e.remote_dom;
	} else if (e.state == ECS_INTERDOMAIN) {
		st->u.interdomain.dom = e.remote_dom;
		st->u.interdomain.port = e.remote_port;
	}
	return 0;
}

int evtchn_bind_vcpu(struct domain *d, uint32_t port, unsigned vcpu)
{
	struct evtchn *e;
	int err = 0;

	if (vcpu >= d->nvcpus)
		return -XEN_ENOENT;
	spin_lock(&lock);
	if (!(e = port_of(d, port)))
		err = -XEN_EINVAL;
	else if (e->state == ECS_IPI)
		err = -XEN_EINVAL;		/* fixed at bind time */
	else
		e->vcpu = (uint8_t)vcpu;
	spin_unlock(&lock);
	return err;
}

int evtchn_unmask(struct domain *d, uint32_t port)
{
	struct shared_info *s;
	unsigned w = port / 64;
	uint64_t bit = 1UL << (port % 64);
	int err = 0;

	spin_lock(&lock);
	if (!port_of(d, port)) {
		err = -XEN_EINVAL;
	} else {
		s = d->xen.shinfo;
		__atomic_fetch_and(&s->evtchn_mask[w], ~bit, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&s->evtchn_pending[w], __ATOMIC_SEQ_CST) & bit)
			mark_vcpu(d, d->xen.evtchn[port].vcpu, w);
	}
	spin_unlock(&lock);
	return err;
}

void evtchn_move_shared_info(struct domain *d, struct shared_info *to)
{
	spin_lock(&lock);
	if (to != d->xen.shinfo) {
		memcpy(to, d->xen.shinfo, XEN_PAGE_SIZE);
		d->xen.shinfo = to;
	}
	spin_unlock(&lock);
}

int evtchn_register_vcpu_info(struct domain *d, unsigned vcpu, struct vcpu_info *vi)
{
	int err = 0;

	spin_lock(&lock);
	if (d->xen.vcpu_info[vcpu]) {
		err = -XEN_EINVAL;		/* once per vCPU, as on Xen */
	} else {
		memcpy(vi, vcpu_info_of(d, vcpu), sizeof(*vi));
		d->xen.vcpu_info[vcpu] = vi;
		/* Whatever was pending may have been noted in the old place only. */
		__atomic_store_n(&vi->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
		__atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
		vgic_inject(&d->vcpu[vcpu], GUEST_EVTCHN_PPI);
	}
	spin_unlock(&lock);
	return err;
}

/* --- the hyp's ends ------------------------------------------------------------------ */

int evtchn_hyp_connect(struct domain *d, evtchn_fn fn, void *arg, uint32_t *guest_port,
		       uint32_t *hyp_port)
{
	int p, h, err = 0;

	spin_lock(&lock);
	p = alloc_port(d->xen.evtchn, EVTCHN_MAX);
	h = alloc_port(hport, hyp_ports);
	if (p < 0 || h < 0) {
		err = -XEN_ENOSPC;
	} else {
		d->xen.evtchn[p] = (struct evtchn){ ECS_INTERDOMAIN, 0, DOMID_HYP, (uint32_t)h };
		hport[h] = (struct evtchn){ ECS_INTERDOMAIN, 0, (uint16_t)d->id, (uint32_t)p };
		hyp_cb[h].fn = fn;
		hyp_cb[h].arg = arg;
		*guest_port = (uint32_t)p;
		*hyp_port = (uint32_t)h;
	}
	spin_unlock(&lock);
	return err;
}

int evtchn_hyp_bind(struct domain *d, uint32_t guest_port, evtchn_fn fn, void *arg,
		    uint32_t *hyp_port_out)
{
	struct evtchn *e;
	int h, err = 0;

	spin_lock(&lock);
	e = port_of(d, guest_port);
	if (!e || e->state != ECS_UNBOUND || e->remote_dom != DOMID_HYP)
		err = -XEN_EINVAL;
	else if ((h = alloc_port(hport, hyp_ports)) < 0)
		err = -XEN_ENOSPC;
	if (!err) {
		*e = (struct evtchn){ ECS_INTERDOMAIN, e->vcpu, DOMID_HYP, (uint32_t)h };
		hport[h] = (struct evtchn){ ECS_INTERDOMAIN, 0, (uint16_t)d->id, guest_port };
		hyp_cb[h].fn = fn;
		hyp_cb[h].arg = arg;
		*hyp_port_out = (uint32_t)h;
	}
	spin_unlock(&lock);
	return err;
}

void evtchn_hyp_notify(uint32_t h)
{
	struct evtchn *e = &hport[h % hyp_ports];
	struct domain *d;

	spin_lock(&lock);
	if (e->state == ECS_INTERDOMAIN && (d = peer_domain(e->remote_dom)) &&
	    port_of(d, e->remote_port))
		set_pending(d, e->remote_port);
	spin_unlock(&lock);
}

void evtchn_hyp_close(uint32_t h)
{
	struct evtchn *e = &hport[h % hyp_ports];
	struct domain *d;

	spin_lock(&lock);
	if (e->state == ECS_INTERDOMAIN && (d = domain_by_id(e->remote_dom))) {
		struct evtchn *ge = &d->xen.evtchn[e->remote_port % EVTCHN_MAX];

		if (ge->state == ECS_INTERDOMAIN && ge->remote_dom == DOMID_HYP &&
		    ge->remote_port == h)
			*ge = (struct evtchn){ ECS_UNBOUND, ge->vcpu, DOMID_HYP, 0 };
	}
	if (h && h < hyp_ports) {
		e->state = ECS_FREE;
		hyp_cb[h].fn = NULL;
	}
	spin_unlock(&lock);
}

/* --- domain lifetime ----------------------------------------------------------------- */

int evtchn_domain_init(struct domain *d)
{
	d->xen.shinfo_page = mem_alloc_page();
	if (!d->xen.shinfo_page)
		return -1;
	d->xen.shinfo = (struct shared_info *)(uintptr_t)d->xen.shinfo_page;
	return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
	spin_lock(&lock);
	for (uint32_t p = 1; p < EVTCHN_MAX; p++) {
		struct evtchn *e = &d->xen.evtchn[p];

		if (e->state == ECS_INTERDOMAIN && e->remote_dom != d->id)
			unbind_peer(d, e);
		e->state = ECS_FREE;
	}
	/* Nothing may write into the domain's RAM any more. */
	d->xen.shinfo = NULL;
	memset(d->xen.vcpu_info, 0, sizeof(d->xen.vcpu_info));
	spin_unlock(&lock);
	if (d->xen.shinfo_page)
		mem_free(d->xen.shinfo_page, 1);
	d->xen.shinfo_page = 0;
}
