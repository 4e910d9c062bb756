/*
 * The Xen hypercalls the hyp answers (hvc #0xEA1, number in x16, arguments x0-x4,
 * result in x0, as on Xen on Arm). Numbers, structures and errors are the shared ABI
 * headers' (include/xen/); this is the hyp's side: the handler table and helpers.
 *
 * Handlers run on the hypercall fast path (arch/aarch64/vectors.S), where only x0-x17,
 * x29 and x30 of the guest are saved: they read their arguments from v->regs.x[0..4],
 * write only x0 (the result), and return the vCPU to run (v to stay, NULL to
 * reschedule).
 */
#ifndef XEN_HCALL_H
#define XEN_HCALL_H

#include <stdint.h>

#include <xen/xen.h>

#define XEN_NR_HYPERCALLS	64

struct vcpu;
typedef struct vcpu *(*xen_hypercall_fn)(struct vcpu *v);

extern const xen_hypercall_fn xen_hypercalls[XEN_NR_HYPERCALLS];

struct vcpu *do_memory_op(struct vcpu *v);
struct vcpu *do_xen_version(struct vcpu *v);
struct vcpu *do_console_io(struct vcpu *v);
struct vcpu *do_grant_table_op(struct vcpu *v);
struct vcpu *do_vcpu_op(struct vcpu *v);
struct vcpu *do_sched_op(struct vcpu *v);
struct vcpu *do_event_channel_op(struct vcpu *v);
struct vcpu *do_hvm_op(struct vcpu *v);
struct vcpu *xen_enosys(struct vcpu *v);

/* Set the result register and stay on v. */
static inline struct vcpu *xen_ret(struct vcpu *v, long ret)
{
	*(uint64_t *)v = (uint64_t)ret;		/* regs.x[0]: the frame starts the vCPU */
	return v;
}

/* The domid argument of a call that only lets a guest name itself: DOMID_SELF or its
 * own id. Returns 0 if it names the caller. */
int xen_domid_is_self(const struct vcpu *v, uint16_t domid);

#endif
