/*
 * The Xen hypercall table, indexed by the number in x16. The entry code (vectors.S)
 * checks the bound and the empty slots; both return -ENOSYS.
 */
#include "xen.h"

#include "vcpu.h"

const xen_hypercall_fn xen_hypercalls[XEN_NR_HYPERCALLS] = {
	[__HYPERVISOR_xen_version] = do_xen_version,
	[__HYPERVISOR_console_io] = do_console_io,
	[__HYPERVISOR_sched_op] = do_sched_op,
};

struct vcpu *xen_enosys(struct vcpu *v)
{
	return xen_ret(v, -XEN_ENOSYS);
}
