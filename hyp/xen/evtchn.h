/*
 * Event channels, 2-level ABI. Each domain has EVTCHN_MAX ports; the hyp, as domain 0,
 * has its own table of ports, each with a callback, for the backends it runs
 * (xenstore, console; block and network in phase 2). A guest sending on a port
 * connected to the hyp runs that callback, in the guest's hypercall; the hyp
 * notifying a guest marks the guest's port pending and raises its upcall.
 *
 * One lock covers every table: sends cross domains, and there are few pCPUs.
 * Lock order: xenstore lock -> event-channel lock -> a domain's lock (vGIC).
 * Callbacks run with no lock held.
 */
#ifndef XEN_EVTCHN_H
#define XEN_EVTCHN_H

#include <stdint.h>

#include <xen/event_channel.h>

struct domain;

/* The hypercall side: each returns 0 or -XEN_E*. d is the caller. */
int evtchn_alloc_unbound(struct domain *d, domid_t remote, uint32_t *port);
int evtchn_bind_interdomain(struct domain *d, domid_t rdom, uint32_t rport, uint32_t *port);
int evtchn_bind_ipi(struct domain *d, unsigned vcpu, uint32_t *port);
int evtchn_close(struct domain *d, uint32_t port);
int evtchn_send(struct domain *d, uint32_t port);
int evtchn_status(struct domain *d, struct evtchn_status *st);
int evtchn_bind_vcpu(struct domain *d, uint32_t port, unsigned vcpu);
int evtchn_unmask(struct domain *d, uint32_t port);

/* Where the domain's 2-level state lives: its shared_info page (moved there with the
 * current contents), a vCPU's registered vcpu_info (every event then looks pending
 * once, as on Xen, so nothing is lost). Both are host addresses inside the domain. */
void evtchn_move_shared_info(struct domain *d, struct shared_info *to);
int evtchn_register_vcpu_info(struct domain *d, unsigned vcpu, struct vcpu_info *vi);

/* Boot: room for the hyp's ends of max_domid domains' channels. 0 or -1. */
int evtchn_init(unsigned max_domid);
/* The hyp's ends. fn(arg) runs when the guest sends. */
typedef void (*evtchn_fn)(void *arg);
/* A new port in d connected to a new hyp port (the toolstack's alloc_unbound plus the
 * daemon's bind): 0, or -XEN_ENOSPC. */
int evtchn_hyp_connect(struct domain *d, evtchn_fn fn, void *arg, uint32_t *guest_port,
		       uint32_t *hyp_port);
/* Bind a hyp port to d's port `guest_port`, which d allocated unbound for domain 0
 * (a frontend's "event-channel" key). */
int evtchn_hyp_bind(struct domain *d, uint32_t guest_port, evtchn_fn fn, void *arg,
		    uint32_t *hyp_port);
void evtchn_hyp_notify(uint32_t hyp_port);
void evtchn_hyp_close(uint32_t hyp_port);

/* Domain lifetime: its shared_info starts in a hyp page; at the end every port goes,
 * peers back to unbound. */
int evtchn_domain_init(struct domain *d);
void evtchn_domain_destroy(struct domain *d);

#endif
