/*
 * The Xen hypercalls the hyp answers (hvc #0xEA1, number in x16, arguments x0-x4,
 * result in x0, as on Xen on Arm). Numbers and sub-operations from Xen's public
 * headers (xen.h, version.h, sched.h), written out here for what we implement.
 * Issue 6 adds memory_op, grant_table_op, event_channel_op, hvm_op and vcpu_op to
 * the table in hypercall.c.
 */
#ifndef XEN_XEN_H
#define XEN_XEN_H

#include <stdint.h>

#define XEN_NR_HYPERCALLS	64

#define __HYPERVISOR_xen_version	17
#define __HYPERVISOR_console_io		18
#define __HYPERVISOR_sched_op		29

#define XENVER_version		0
#define XENVER_extraversion	1
#define XENVER_capabilities	3
#define XENVER_changeset	4
#define XENVER_get_features	6
#define XENVER_pagesize		7
#define XENVER_guest_handle	8

#define CONSOLEIO_write		0
#define CONSOLEIO_read		1

#define SCHEDOP_yield		0
#define SCHEDOP_block		1
#define SCHEDOP_shutdown	2

#define XEN_EPERM	1
#define XEN_EFAULT	14
#define XEN_EINVAL	22
#define XEN_ENOSYS	38

struct vcpu;
typedef struct vcpu *(*xen_hypercall_fn)(struct vcpu *v);

extern const xen_hypercall_fn xen_hypercalls[XEN_NR_HYPERCALLS];

struct vcpu *do_xen_version(struct vcpu *v);
struct vcpu *do_console_io(struct vcpu *v);
struct vcpu *do_sched_op(struct vcpu *v);
struct vcpu *xen_enosys(struct vcpu *v);
/* Set the result register and stay on v. */
static inline struct vcpu *xen_ret(struct vcpu *v, long ret)
{
	*(uint64_t *)v = (uint64_t)ret;		/* regs.x[0]: the frame starts the vCPU */
	return v;
}

#endif
