/* sched_op(cmd, arg): yield, block until an interrupt is pending, shut down. */
#include "xen.h"

#include <arch/guest_copy.h>
#include <arch/vgic.h>
#include "domain.h"
#include "sched.h"
#include "vcpu.h"

static struct vcpu *block(struct vcpu *v)
{
	struct domain *d = v->dom;
	struct vcpu *next = v;

	xen_ret(v, 0);
	spin_lock(&d->lock);		/* as for WFI: no lost wake-up (traps.c) */
	if (!vgic_has_pending(v))
		next = vcpu_block(v);
	spin_unlock(&d->lock);
	return next;
}

static struct vcpu *shutdown(struct vcpu *v)
{
	uint32_t reason;		/* struct sched_shutdown { uint32_t reason; } */

	if (copy_from_guest(v, &reason, v->regs.x[1], sizeof(reason)))
		return xen_ret(v, -XEN_EFAULT);
	if (reason > SHUTDOWN_WATCHDOG)
		return xen_ret(v, -XEN_EINVAL);
	xen_ret(v, 0);
	domain_shutdown(v->dom, (enum shutdown_reason)reason);
	return NULL;
}

struct vcpu *do_sched_op(struct vcpu *v)
{
	switch (v->regs.x[0]) {
	case SCHEDOP_yield:
		xen_ret(v, 0);
		return vcpu_yield(v);
	case SCHEDOP_block:
		return block(v);
	case SCHEDOP_shutdown:
		return shutdown(v);
	default:
		return xen_ret(v, -XEN_ENOSYS);
	}
}
