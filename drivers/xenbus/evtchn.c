/*
 * Event channels, 2-level ABI: shared_info mapped into a page of our RAM, vCPU 0's
 * vcpu_info registered in a page of ours (Xen's shared_info slot if that fails), the
 * upcall interrupt dispatching pending, unmasked ports to their handlers.
 */
#include <errno.h>

#include "xenbus_int.h"

static struct shared_info *shared;
static struct vcpu_info *vcpu0;
static struct {
	evtchn_handler fn;
	void *arg;
} handlers[EVTCHN_PORTS];

/* The hypervisor set evtchn_upcall_pending, then raised this interrupt. */
static void upcall(void *unused)
{
	while (__atomic_exchange_n(&vcpu0->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST)) {
		uint64_t sel = __atomic_exchange_n(&vcpu0->evtchn_pending_sel, 0,
						   __ATOMIC_SEQ_CST);

		while (sel) {
			unsigned w = (unsigned)__builtin_ctzll(sel);
			uint64_t bits = __atomic_load_n(&shared->evtchn_pending[w], __ATOMIC_SEQ_CST) &
					~__atomic_load_n(&shared->evtchn_mask[w], __ATOMIC_SEQ_CST);

			sel &= sel - 1;
			while (bits) {
				unsigned b = (unsigned)__builtin_ctzll(bits), port = w * 64 + b;

				bits &= bits - 1;
				__atomic_fetch_and(&shared->evtchn_pending[w], ~(1ULL << b),
						   __ATOMIC_SEQ_CST);
				if (port < EVTCHN_PORTS && handlers[port].fn)
					handlers[port].fn(port, handlers[port].arg);
			}
		}
	}
}

int evtchn_init(unsigned intid)
{
	struct xen_add_to_physmap xatp = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info };
	struct vcpu_register_vcpu_info reg = { 0 };
	void *page = drv_alloc_pages(1), *vpage = drv_alloc_pages(1);
	long err;

	if (!page || !vpage)
		return -ENOMEM;
	xatp.gpfn = drv_virt_to_phys(page) / XEN_PAGE_SIZE;
	if ((err = drv_xen_hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
				     (unsigned long)&xatp, 0))) {
		drv_log(0, "xenbus: XENMEM_add_to_physmap(shared_info) failed (%ld)", err);
		return xen_errno(err);
	}
	shared = page;
	/* Everything masked until a handler is bound, as Linux starts. */
	for (unsigned w = 0; w < XEN_EVTCHN_WORDS; w++)
		__atomic_store_n(&shared->evtchn_mask[w], ~0ULL, __ATOMIC_SEQ_CST);
	reg.mfn = drv_virt_to_phys(vpage) / XEN_PAGE_SIZE;
	if (drv_xen_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 0,
			      (unsigned long)&reg) == 0) {
		vcpu0 = vpage;
	} else {
		vcpu0 = &shared->vcpu_info[0];
		drv_free_pages(vpage, 1);
	}
	if (drv_irq_register(intid, upcall, NULL))
		return -EBUSY;
	drv_irq_enable(intid);
	return 0;
}

void evtchn_mask(unsigned port)
{
	__atomic_fetch_or(&shared->evtchn_mask[port / 64], 1ULL << (port % 64), __ATOMIC_SEQ_CST);
}

void evtchn_unmask(unsigned port)
{
	struct evtchn_unmask u = { port };
	uint64_t bit = 1ULL << (port % 64);

	__atomic_fetch_and(&shared->evtchn_mask[port / 64], ~bit, __ATOMIC_SEQ_CST);
	/* Pending while masked: the hypervisor raises the upcall for it now. */
	if (__atomic_load_n(&shared->evtchn_pending[port / 64], __ATOMIC_SEQ_CST) & bit)
		hyp_evtchn(EVTCHNOP_unmask, &u);
}

int evtchn_bind(unsigned port, evtchn_handler fn, void *arg)
{
	if (port == 0 || port >= EVTCHN_PORTS || !shared)
		return -EINVAL;
	handlers[port].arg = arg;
	__atomic_store_n(&handlers[port].fn, fn, __ATOMIC_SEQ_CST);
	evtchn_unmask(port);
	return 0;
}

void evtchn_unbind(unsigned port)
{
	if (port == 0 || port >= EVTCHN_PORTS || !shared)
		return;
	evtchn_mask(port);
	__atomic_store_n(&handlers[port].fn, NULL, __ATOMIC_SEQ_CST);
}

int evtchn_notify(unsigned port)
{
	struct evtchn_send s = { port };
	long err = hyp_evtchn(EVTCHNOP_send, &s);

	return err ? xen_errno(err) : 0;
}

int evtchn_alloc_unbound(unsigned remote, unsigned *port)
{
	struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = (domid_t)remote };
	long err = hyp_evtchn(EVTCHNOP_alloc_unbound, &a);

	if (err)
		return xen_errno(err);
	*port = a.port;
	return 0;
}

int evtchn_bind_interdomain(unsigned rdom, unsigned rport, unsigned *port)
{
	struct evtchn_bind_interdomain b = { .remote_dom = (domid_t)rdom, .remote_port = rport };
	long err = hyp_evtchn(EVTCHNOP_bind_interdomain, &b);

	if (err)
		return xen_errno(err);
	*port = b.local_port;
	return 0;
}

int evtchn_bind_ipi(unsigned vcpu, unsigned *port)
{
	struct evtchn_bind_ipi b = { .vcpu = vcpu };
	long err = hyp_evtchn(EVTCHNOP_bind_ipi, &b);

	if (err)
		return xen_errno(err);
	*port = b.port;
	return 0;
}

int evtchn_close(unsigned port)
{
	struct evtchn_close c = { port };
	long err;

	evtchn_unbind(port);
	err = hyp_evtchn(EVTCHNOP_close, &c);
	return err ? xen_errno(err) : 0;
}

int evtchn_state(unsigned port)
{
	struct evtchn_status s = { .dom = DOMID_SELF, .port = port };
	long err = hyp_evtchn(EVTCHNOP_status, &s);

	return err ? xen_errno(err) : (int)s.status;
}
