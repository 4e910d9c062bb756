/*
 * The grant table: its frames mapped into the /hypervisor window with
 * XENMAPSPACE_grant_table, entries handed out from a free list (refs below
 * GNTTAB_NR_RESERVED_ENTRIES are the toolstack's).
 */
#include <errno.h>

#include "xenbus_int.h"

#define FRAMES_MAX	4		/* 2048 references */

static struct grant_entry_v1 *table;
static unsigned nrefs;
static uint16_t next_free[FRAMES_MAX * GNTTAB_ENTRIES_PER_FRAME];
static unsigned free_head;		/* 0: none (ref 0 is never handed out) */

int gnttab_init(uint64_t window, uint64_t size)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	unsigned frames;
	long err;

	err = drv_xen_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size,
				(unsigned long)&q, 1);
	if (err || q.status != GNTST_okay) {
		drv_log(0, "xenbus: GNTTABOP_query_size failed (%ld, status %d)", err, q.status);
		return -EIO;
	}
	frames = q.max_nr_frames < FRAMES_MAX ? q.max_nr_frames : FRAMES_MAX;
	if (frames * XEN_PAGE_SIZE > size)
		frames = (unsigned)(size / XEN_PAGE_SIZE);
	for (unsigned i = 0; i < frames; i++) {
		struct xen_add_to_physmap x = {
			.domid = DOMID_SELF, .space = XENMAPSPACE_grant_table, .idx = i,
			.gpfn = window / XEN_PAGE_SIZE + i,
		};

		if ((err = drv_xen_hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
					     (unsigned long)&x, 0))) {
			drv_log(0, "xenbus: grant-table frame %u not mapped (%ld)", i, err);
			return xen_errno(err);
		}
	}
	if (!frames || !(table = drv_map_memory(window, frames * XEN_PAGE_SIZE)))
		return -ENOMEM;
	nrefs = frames * GNTTAB_ENTRIES_PER_FRAME;
	for (unsigned r = nrefs - 1; r >= GNTTAB_NR_RESERVED_ENTRIES; r--) {
		next_free[r] = (uint16_t)free_head;
		free_head = r;
	}
	return 0;
}

int gnttab_grant(unsigned domid, uint64_t gfn, int readonly)
{
	unsigned ref = free_head;
	struct grant_entry_v1 *e;

	if (!ref)
		return -ENOSPC;
	free_head = next_free[ref];
	e = &table[ref];
	e->domid = (domid_t)domid;
	e->frame = (uint32_t)gfn;
	/* The type last: the entry is valid the moment it is set. */
	__atomic_store_n(&e->flags, (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0)),
			 __ATOMIC_RELEASE);
	return (int)ref;
}

int gnttab_end(unsigned ref)
{
	uint16_t flags;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= nrefs)
		return -EINVAL;
	flags = __atomic_load_n(&table[ref].flags, __ATOMIC_ACQUIRE);
	if ((flags & (GTF_reading | GTF_writing)) ||
	    !__atomic_compare_exchange_n(&table[ref].flags, &flags, 0, 0, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return -EBUSY;		/* the hypervisor is using it right now */
	next_free[ref] = (uint16_t)free_head;
	free_head = ref;
	return 0;
}
