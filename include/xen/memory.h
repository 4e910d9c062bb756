/*
 * memory_op(cmd, arg): the one memory operation pvkit uses, putting a hypervisor page
 * (shared_info, grant-table frames) into the caller's physical map (Xen's memory.h).
 */
#ifndef PVKIT_XEN_MEMORY_H
#define PVKIT_XEN_MEMORY_H

#include <xen/xen.h>

#define XENMEM_add_to_physmap	7

#define XENMAPSPACE_shared_info	0	/* idx must be 0 */
#define XENMAPSPACE_grant_table	1	/* idx = grant-table frame number */
/* Set in idx with XENMAPSPACE_grant_table: a v2 status frame (not offered). */
#define XENMAPIDX_grant_table_status	0x80000000u

struct xen_add_to_physmap {
	domid_t domid;		/* IN: DOMID_SELF (or the caller's own id) */
	uint16_t size;		/* IN: only for gmfn ranges; ignored here */
	uint32_t space;		/* IN: XENMAPSPACE_* */
	uint64_t idx;		/* IN: index of the page within that space */
	uint64_t gpfn;		/* IN: guest frame number to put it at */
};
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap layout");

#endif
