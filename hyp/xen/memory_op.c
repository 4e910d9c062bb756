/* memory_op(cmd, arg): XENMEM_add_to_physmap for shared_info and grant-table frames. */
#include "hcall.h"

#include <xen/memory.h>

#include <arch/guest_copy.h>
#include "domain.h"
#include "evtchn.h"
#include "gnttab.h"
#include "vcpu.h"

static long add_to_physmap(struct vcpu *v, uint64_t arg)
{
	struct xen_add_to_physmap x;
	struct domain *d = v->dom;

	if (copy_from_guest(v, &x, arg, sizeof(x)))
		return -XEN_EFAULT;
	if (!xen_domid_is_self(v, x.domid))
		return -XEN_EPERM;
	switch (x.space) {
	case XENMAPSPACE_shared_info: {
		/* The guest names a page of its RAM (Linux gives one it allocated); that
		 * page becomes shared_info, with its current contents. */
		uint64_t pa = x.gpfn < (1UL << 52) ?
			      domain_ipa_to_pa(d, x.gpfn * XEN_PAGE_SIZE, XEN_PAGE_SIZE) : 0;

		if (x.idx != 0 || !pa)
			return -XEN_EINVAL;
		evtchn_move_shared_info(d, (struct shared_info *)(uintptr_t)pa);
		return 0;
	}
	case XENMAPSPACE_grant_table:
		return gnttab_map_frame(d, x.idx, x.gpfn);
	default:
		return -XEN_EINVAL;	/* gmfn moves, foreign and MMIO spaces: not offered */
	}
}

struct vcpu *do_memory_op(struct vcpu *v)
{
	if (v->regs.x[0] == XENMEM_add_to_physmap)
		return xen_ret(v, add_to_physmap(v, v->regs.x[1]));
	return xen_ret(v, -XEN_ENOSYS);
}
