/*
 * grant_table_op(cmd, ops, count): grant tables, version 1 (Xen's grant_table.h).
 *
 * A domain grants another domain access to one of its pages by filling an entry of
 * its grant table (frames the hypervisor owns, mapped into the guest's grant window,
 * the /hypervisor node's reg). The grantee names the page by (granting domid, ref).
 * The pvkit hyp plays domain 0: it is the grantee of every backend grant.
 *
 * grant_table_op returns 0 when it processed all `count` operations (each carries its
 * own GNTST_* status), or -XEN_E* when it could not read or write the operations
 * themselves (-EFAULT) or does not offer the command (-ENOSYS).
 */
#ifndef PVKIT_XEN_GRANT_TABLE_H
#define PVKIT_XEN_GRANT_TABLE_H

#include <xen/xen.h>

typedef uint32_t grant_ref_t;
typedef uint32_t grant_handle_t;

/*
 * An entry, in guest memory. To grant: write domid and frame, barrier, then flags.
 * To revoke: compare-and-swap flags from what it was to 0, which fails while the
 * hypervisor has the entry in use (GTF_reading / GTF_writing set).
 */
struct grant_entry_v1 {
	uint16_t flags;		/* GTF_*; the guest writes the type, the hyp the in-use bits */
	domid_t domid;		/* the domain allowed to use it */
	uint32_t frame;		/* the guest frame number being granted */
};
#define GNTTAB_ENTRIES_PER_FRAME	(XEN_PAGE_SIZE / sizeof(struct grant_entry_v1))
/* Refs 0-7 are the toolstack's by convention: guests allocate from 8 on. */
#define GNTTAB_NR_RESERVED_ENTRIES	8

#define GTF_invalid		0x0
#define GTF_permit_access	0x1
#define GTF_type_mask		0x3
#define GTF_readonly		(1u << 2)	/* grantee may only read */
#define GTF_reading		(1u << 3)	/* set by the hyp while it reads the page */
#define GTF_writing		(1u << 4)	/* set by the hyp while it writes the page */

#define GNTTABOP_map_grant_ref	0	/* not offered to guests: backends are in the hyp */
#define GNTTABOP_unmap_grant_ref 1	/* likewise */
#define GNTTABOP_setup_table	2
#define GNTTABOP_copy		5
#define GNTTABOP_query_size	6
#define GNTTABOP_set_version	8
#define GNTTABOP_get_version	10

/* Grow the caller's table to nr_frames and learn where each frame is mapped. */
struct gnttab_setup_table {
	domid_t dom;		/* IN: DOMID_SELF */
	uint16_t pad0;
	uint32_t nr_frames;	/* IN */
	int16_t status;		/* OUT: GNTST_* */
	uint16_t pad1[3];
	uint64_t frame_list;	/* IN: guest address of uint64_t[nr_frames], OUT: gpfns */
};
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "gnttab_setup_table layout");

struct gnttab_query_size {
	domid_t dom;		/* IN: DOMID_SELF */
	uint16_t pad;
	uint32_t nr_frames;	/* OUT: frames in use */
	uint32_t max_nr_frames;	/* OUT: the most the table may have */
	int16_t status;		/* OUT: GNTST_* */
	uint16_t pad1;
};
_Static_assert(sizeof(struct gnttab_query_size) == 16, "gnttab_query_size layout");

/*
 * Hypervisor copy: `len` bytes from source to dest, each side either one of the
 * caller's own frames (gmfn, domid must be DOMID_SELF) or a grant (GNTCOPY_*_gref set:
 * ref in <domid>'s table, which must grant the caller access; write access for dest).
 * Neither side may cross its page.
 */
struct gnttab_copy_ptr {
	union {
		grant_ref_t ref;
		uint64_t gmfn;
	} u;			/* IN */
	domid_t domid;		/* IN */
	uint16_t offset;	/* IN: byte offset in the page */
	uint32_t pad;
};
struct gnttab_copy {
	struct gnttab_copy_ptr source, dest;
	uint16_t len;		/* IN */
	uint16_t flags;		/* IN: GNTCOPY_* */
	int16_t status;		/* OUT: GNTST_* */
	uint16_t pad;
};
_Static_assert(sizeof(struct gnttab_copy) == 40, "gnttab_copy layout");
#define GNTCOPY_source_gref	(1u << 0)
#define GNTCOPY_dest_gref	(1u << 1)

struct gnttab_set_version {
	uint32_t version;	/* IN/OUT: 1 is the only one offered */
};
struct gnttab_get_version {
	domid_t dom;		/* IN: DOMID_SELF */
	uint16_t pad;
	uint32_t version;	/* OUT: 1 */
};

/* Per-operation results. */
#define GNTST_okay		0
#define GNTST_general_error	(-1)	/* entry not a valid grant to the caller */
#define GNTST_bad_domain	(-2)	/* no such domain */
#define GNTST_bad_gntref	(-3)	/* ref beyond the granting domain's table */
#define GNTST_bad_handle	(-4)
#define GNTST_bad_page		(-9)	/* frame outside the domain's memory */
#define GNTST_bad_copy_arg	(-10)	/* offset + len crosses the page */
#define GNTST_permission_denied	(-8)	/* gmfn of another domain, foreign table */
#define GNTST_no_space		(-13)	/* the hyp's mapping table is full */

#endif
