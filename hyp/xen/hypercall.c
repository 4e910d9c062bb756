/*
 * The Xen hypercall table, indexed by the number in x16. The entry code (vectors.S)
 * checks the bound and the empty slots; both return -ENOSYS.
 */
#include "hcall.h"

#include "domain.h"
#include "vcpu.h"

const xen_hypercall_fn xen_hypercalls[XEN_NR_HYPERCALLS] = {
	[__HYPERVISOR_memory_op] = do_memory_op,
	[__HYPERVISOR_xen_version] = do_xen_version,
	[__HYPERVISOR_console_io] = do_console_io,
	[__HYPERVISOR_grant_table_op] = do_grant_table_op,
	[__HYPERVISOR_vcpu_op] = do_vcpu_op,
	[__HYPERVISOR_sched_op] = do_sched_op,
	[__HYPERVISOR_event_channel_op] = do_event_channel_op,
	[__HYPERVISOR_hvm_op] = do_hvm_op,
};

struct vcpu *xen_enosys(struct vcpu *v)
{
	return xen_ret(v, -XEN_ENOSYS);
}

int xen_domid_is_self(const struct vcpu *v, uint16_t domid)
{
	return domid == DOMID_SELF || domid == v->dom->id;
}
