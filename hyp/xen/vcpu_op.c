/* vcpu_op(cmd, vcpuid, arg): VCPUOP_register_vcpu_info. */
#include "hcall.h"

#include <xen/vcpu.h>

#include <arch/guest_copy.h>
#include "domain.h"
#include "evtchn.h"
#include "vcpu.h"

static long register_vcpu_info(struct vcpu *v, uint64_t vcpuid, uint64_t arg)
{
	struct vcpu_register_vcpu_info r;
	struct domain *d = v->dom;
	uint64_t pa;

	if (vcpuid >= d->nvcpus)
		return -XEN_ENOENT;
	if (copy_from_guest(v, &r, arg, sizeof(r)))
		return -XEN_EFAULT;
	/* Inside one page of the domain's RAM, 8-aligned (the hyp updates it with 64-bit
	 * atomics). */
	if (r.offset > XEN_PAGE_SIZE - sizeof(struct vcpu_info) || (r.offset & 7) ||
	    r.mfn >= (1UL << 52))
		return -XEN_EINVAL;
	pa = domain_ipa_to_pa(d, r.mfn * XEN_PAGE_SIZE + r.offset, sizeof(struct vcpu_info));
	if (!pa)
		return -XEN_EINVAL;
	return evtchn_register_vcpu_info(d, (unsigned)vcpuid, (struct vcpu_info *)(uintptr_t)pa);
}

struct vcpu *do_vcpu_op(struct vcpu *v)
{
	if (v->regs.x[0] == VCPUOP_register_vcpu_info)
		return xen_ret(v, register_vcpu_info(v, v->regs.x[1], v->regs.x[2]));
	return xen_ret(v, -XEN_ENOSYS);
}
