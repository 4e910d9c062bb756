/* xen_version(cmd, arg): what Xen 4.17 answers, in the same layouts. */
#include "xen.h"

#include <arch/guest_copy.h>
#include "domain.h"
#include "vcpu.h"

#define XEN_MAJOR	4
#define XEN_MINOR	17

static struct vcpu *copy_out(struct vcpu *v, const char *s, size_t size)
{
	char buf[64] = { 0 };	/* the guest's buffer has exactly `size` bytes */

	for (size_t i = 0; s[i] && i < size - 1 && i < sizeof(buf) - 1; i++)
		buf[i] = s[i];
	if (size > sizeof(buf)) {
		/* xen_capabilities_info_t is 1024 bytes: zero the rest in pieces. */
		static const char zero[64];

		for (size_t off = sizeof(buf); off < size; off += sizeof(zero))
			if (copy_to_guest(v, v->regs.x[1] + off, zero, sizeof(zero)))
				return xen_ret(v, -XEN_EFAULT);
		size = sizeof(buf);
	}
	if (copy_to_guest(v, v->regs.x[1], buf, size))
		return xen_ret(v, -XEN_EFAULT);
	return xen_ret(v, 0);
}

static struct vcpu *__attribute__((noinline)) xen_version_other(struct vcpu *v)
{
	switch (v->regs.x[0]) {
	case XENVER_extraversion:
		return copy_out(v, ".0-pvkit", 16);
	case XENVER_capabilities:
		return copy_out(v, "xen-3.0-aarch64", 1024);
	case XENVER_changeset:
		return copy_out(v, "pvkit", 64);
	case XENVER_pagesize:
		return xen_ret(v, 4096);
	case XENVER_get_features: {
		/* struct xen_feature_info { uint32 submap_idx; uint32 submap; }: no
		 * optional features yet (issue 6 adds them). */
		uint32_t fi[2];

		if (copy_from_guest(v, fi, v->regs.x[1], sizeof(fi)))
			return xen_ret(v, -XEN_EFAULT);
		fi[1] = 0;
		if (copy_to_guest(v, v->regs.x[1], fi, sizeof(fi)))
			return xen_ret(v, -XEN_EFAULT);
		return xen_ret(v, 0);
	}
	case XENVER_guest_handle: {
		uint8_t handle[16] = { 0 };

		handle[15] = (uint8_t)v->dom->id;
		if (copy_to_guest(v, v->regs.x[1], handle, sizeof(handle)))
			return xen_ret(v, -XEN_EFAULT);
		return xen_ret(v, 0);
	}
	default:
		return xen_ret(v, -XEN_ENOSYS);
	}
}

/* XENVER_version is the null hypercall guests and benchmarks use: a leaf function. */
struct vcpu *do_xen_version(struct vcpu *v)
{
	if (v->regs.x[0] == XENVER_version)
		return xen_ret(v, XEN_MAJOR << 16 | XEN_MINOR);
	return xen_version_other(v);
}
