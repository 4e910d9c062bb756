/* event_channel_op(cmd, arg): each command's argument struct in, results out. */
#include "hcall.h"

#include <arch/guest_copy.h>
#include "domain.h"
#include "evtchn.h"
#include "vcpu.h"

/* Every argument struct is at most this big (evtchn_status). */
#define ARG_MAX		24

static const uint8_t arg_size[] = {
	[EVTCHNOP_bind_interdomain] = sizeof(struct evtchn_bind_interdomain),
	[EVTCHNOP_bind_virq] = sizeof(struct evtchn_bind_virq),
	[EVTCHNOP_close] = sizeof(struct evtchn_close),
	[EVTCHNOP_send] = sizeof(struct evtchn_send),
	[EVTCHNOP_status] = sizeof(struct evtchn_status),
	[EVTCHNOP_alloc_unbound] = sizeof(struct evtchn_alloc_unbound),
	[EVTCHNOP_bind_ipi] = sizeof(struct evtchn_bind_ipi),
	[EVTCHNOP_bind_vcpu] = sizeof(struct evtchn_bind_vcpu),
	[EVTCHNOP_unmask] = sizeof(struct evtchn_unmask),
};

/* Run cmd on the copy of its argument in a; returns 0 / -XEN_E*, and whether the
 * argument has results to copy back. */
static long run(struct vcpu *v, unsigned cmd, void *a, int *out)
{
	struct domain *d = v->dom;

	*out = 0;
	switch (cmd) {
	case EVTCHNOP_alloc_unbound: {
		struct evtchn_alloc_unbound *u = a;

		if (!xen_domid_is_self(v, u->dom))
			return -XEN_EPERM;	/* only a privileged domain names another */
		*out = 1;
		return evtchn_alloc_unbound(d, u->remote_dom, &u->port);
	}
	case EVTCHNOP_bind_interdomain: {
		struct evtchn_bind_interdomain *b = a;

		*out = 1;
		return evtchn_bind_interdomain(d, b->remote_dom, b->remote_port, &b->local_port);
	}
	case EVTCHNOP_bind_ipi: {
		struct evtchn_bind_ipi *b = a;

		*out = 1;
		return evtchn_bind_ipi(d, b->vcpu, &b->port);
	}
	case EVTCHNOP_bind_virq:
		/* No virtual interrupt is raised through event channels here: the timer is
		 * the generic timer, and there is no console or debug VIRQ for a domU. */
		return -XEN_EINVAL;
	case EVTCHNOP_close:
		return evtchn_close(d, ((struct evtchn_close *)a)->port);
	case EVTCHNOP_send:
		return evtchn_send(d, ((struct evtchn_send *)a)->port);
	case EVTCHNOP_status: {
		struct evtchn_status *s = a;

		if (!xen_domid_is_self(v, s->dom))
			return -XEN_EPERM;
		*out = 1;
		return evtchn_status(d, s);
	}
	case EVTCHNOP_bind_vcpu: {
		struct evtchn_bind_vcpu *b = a;

		return evtchn_bind_vcpu(d, b->port, b->vcpu);
	}
	case EVTCHNOP_unmask:
		return evtchn_unmask(d, ((struct evtchn_unmask *)a)->port);
	default:
		return -XEN_ENOSYS;
	}
}

struct vcpu *do_event_channel_op(struct vcpu *v)
{
	uint64_t cmd = v->regs.x[0], arg = v->regs.x[1];
	uint64_t buf[ARG_MAX / 8];
	int out;
	long r;

	/* FIFO (init_control, expand_array, set_priority) and the rest: not offered,
	 * so guests fall back to the 2-level ABI. */
	if (cmd >= sizeof(arg_size) || !arg_size[cmd])
		return xen_ret(v, -XEN_ENOSYS);
	if (copy_from_guest(v, buf, arg, arg_size[cmd]))
		return xen_ret(v, -XEN_EFAULT);
	r = run(v, (unsigned)cmd, buf, &out);
	if (r == 0 && out && copy_to_guest(v, arg, buf, arg_size[cmd]))
		return xen_ret(v, -XEN_EFAULT);
	return xen_ret(v, r);
}
