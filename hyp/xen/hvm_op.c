/* hvm_op(op, arg): HVMOP_get_param for the xenstore and console rings. */
#include "hcall.h"

#include <xen/hvm.h>

#include <arch/guest_copy.h>
#include "domain.h"
#include "vcpu.h"

static long get_param(struct vcpu *v, uint64_t arg)
{
	struct xen_hvm_param p;
	struct xen_domain *x = &v->dom->xen;

	if (copy_from_guest(v, &p, arg, sizeof(p)))
		return -XEN_EFAULT;
	if (!xen_domid_is_self(v, p.domid))
		return -XEN_EPERM;
	switch (p.index) {
	case HVM_PARAM_STORE_PFN:
		p.value = x->store_page ? GUEST_MAGIC_BASE / XEN_PAGE_SIZE + GUEST_MAGIC_XENSTORE : 0;
		break;
	case HVM_PARAM_STORE_EVTCHN:
		p.value = x->store_port;
		break;
	case HVM_PARAM_CONSOLE_PFN:
		p.value = x->console_page ? GUEST_MAGIC_BASE / XEN_PAGE_SIZE + GUEST_MAGIC_CONSOLE : 0;
		break;
	case HVM_PARAM_CONSOLE_EVTCHN:
		p.value = x->console_port;
		break;
	default:
		return -XEN_EINVAL;
	}
	return copy_to_guest(v, arg, &p, sizeof(p)) ? -XEN_EFAULT : 0;
}

struct vcpu *do_hvm_op(struct vcpu *v)
{
	switch (v->regs.x[0]) {
	case HVMOP_get_param:
		return xen_ret(v, get_param(v, v->regs.x[1]));
	case HVMOP_set_param:
		return xen_ret(v, -XEN_EPERM);	/* the parameters are the hyp's to set */
	default:
		return xen_ret(v, -XEN_ENOSYS);
	}
}
