/* Hypercall buffers: copy between the hyp and the running vCPU's guest virtual
 * addresses. Returns 0, or -1 if any byte is unmapped or outside the domain's RAM
 * (the hypercall then fails with -EFAULT). */
#ifndef ARCH_GUEST_COPY_H
#define ARCH_GUEST_COPY_H

#include <stddef.h>
#include <stdint.h>

struct vcpu;

int copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, size_t len);
int copy_to_guest(struct vcpu *v, uint64_t gva, const void *src, size_t len);

#endif
