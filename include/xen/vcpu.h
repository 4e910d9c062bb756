/*
 * vcpu_op(cmd, vcpuid, arg): where a vCPU's struct vcpu_info lives (Xen's vcpu.h).
 * Linux on Arm registers one per CPU; without it, only vCPU 0 has one (in shared_info).
 */
#ifndef PVKIT_XEN_VCPU_H
#define PVKIT_XEN_VCPU_H

#include <xen/xen.h>

#define VCPUOP_register_vcpu_info	10

struct vcpu_register_vcpu_info {
	uint64_t mfn;		/* IN: guest frame holding the vcpu_info */
	uint32_t offset;	/* IN: byte offset in that frame; it must not cross the page */
	uint32_t rsvd;		/* IN: 0 */
};
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "layout");

#endif
