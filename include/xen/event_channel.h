/*
 * event_channel_op(cmd, arg): event channels, the 2-level ABI (Xen's event_channel.h).
 *
 * A port is a per-domain number (1 .. EVTCHN_MAX-1 in the pvkit hyp; 0 is never
 * valid). Sending on a port marks the port at the other end pending in its domain's
 * shared_info and, unless it is masked there, raises the upcall interrupt (the
 * /hypervisor node's PPI) on the vCPU the port is bound to.
 * Every call returns 0 or -XEN_E*; OUT fields are written only on success.
 */
#ifndef PVKIT_XEN_EVENT_CHANNEL_H
#define PVKIT_XEN_EVENT_CHANNEL_H

#include <xen/xen.h>

typedef uint32_t evtchn_port_t;

#define EVTCHNOP_bind_interdomain	0
#define EVTCHNOP_bind_virq		1
#define EVTCHNOP_close			3
#define EVTCHNOP_send			4
#define EVTCHNOP_status			5
#define EVTCHNOP_alloc_unbound		6
#define EVTCHNOP_bind_ipi		7
#define EVTCHNOP_bind_vcpu		8
#define EVTCHNOP_unmask			9
#define EVTCHNOP_init_control		11	/* FIFO ABI: answered -ENOSYS */

/* A fresh port in <dom> that <remote_dom> may later bind to. */
struct evtchn_alloc_unbound {
	domid_t dom;		/* IN: DOMID_SELF */
	domid_t remote_dom;	/* IN: who may bind (DOMID_SELF: loopback; 0: the hyp) */
	evtchn_port_t port;	/* OUT */
};

/* Connect a fresh local port to <remote_dom, remote_port>, which must be unbound and
 * waiting for the caller. */
struct evtchn_bind_interdomain {
	domid_t remote_dom;	/* IN */
	uint16_t pad;
	evtchn_port_t remote_port;	/* IN */
	evtchn_port_t local_port;	/* OUT */
};

/* A port raised by the hypervisor for a virtual interrupt (none offered: -EINVAL). */
struct evtchn_bind_virq {
	uint32_t virq;		/* IN: VIRQ_* */
	uint32_t vcpu;		/* IN */
	evtchn_port_t port;	/* OUT */
};
#define NR_VIRQS	24

/* A port whose sends come back to the caller, notifying <vcpu>. */
struct evtchn_bind_ipi {
	uint32_t vcpu;		/* IN */
	evtchn_port_t port;	/* OUT */
};

/* close: an interdomain peer goes back to unbound, waiting for a new connection.
 * send: notify the other end. unmask: clear the mask bit and deliver what is pending. */
struct evtchn_close {
	evtchn_port_t port;	/* IN */
};
struct evtchn_send {
	evtchn_port_t port;	/* IN */
};
struct evtchn_unmask {
	evtchn_port_t port;	/* IN */
};

/* Which vCPU a (non-IPI) port notifies. */
struct evtchn_bind_vcpu {
	evtchn_port_t port;	/* IN */
	uint32_t vcpu;		/* IN */
};

#define EVTCHNSTAT_closed	0
#define EVTCHNSTAT_unbound	1
#define EVTCHNSTAT_interdomain	2
#define EVTCHNSTAT_pirq		3
#define EVTCHNSTAT_virq		4
#define EVTCHNSTAT_ipi		5

struct evtchn_status {
	domid_t dom;		/* IN: DOMID_SELF */
	uint16_t pad;
	evtchn_port_t port;	/* IN */
	uint32_t status;	/* OUT: EVTCHNSTAT_* */
	uint32_t vcpu;		/* OUT: the vCPU it notifies */
	union {
		struct {
			domid_t dom;	/* OUT: who may bind */
		} unbound;
		struct {
			domid_t dom;	/* OUT: the peer */
			uint16_t pad;
			evtchn_port_t port;
		} interdomain;
		uint32_t virq;
	} u;
};
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status layout");
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "layout");

#endif
