/*
 * The few pieces of the Xen guest ABI hcbench's Xen operations use, written from Xen's
 * public headers for arm64 (xen_ulong_t and xen_pfn_t are 64-bit, one legacy vCPU in
 * shared_info, empty arch parts). When include/xen/ (the runtime's Xen ABI headers)
 * lands, these move there.
 */
#ifndef HCBENCH_XEN_ABI_H
#define HCBENCH_XEN_ABI_H

#include <stdint.h>

#define XEN_HYPERCALL_MEMORY_OP		12
#define XEN_HYPERCALL_GRANT_TABLE_OP	20
#define XEN_HYPERCALL_EVENT_CHANNEL_OP	32

#define DOMID_SELF			0x7ff0

/* memory_op(XENMEM_add_to_physmap, struct xen_add_to_physmap *) */
#define XENMEM_ADD_TO_PHYSMAP		7
#define XENMAPSPACE_SHARED_INFO		0
struct xen_add_to_physmap {
	uint16_t domid;		/* IN: DOMID_SELF */
	uint16_t size;		/* IN: only for XENMAPSPACE_gmfn_range */
	uint32_t space;		/* IN: XENMAPSPACE_* */
	uint64_t idx;		/* IN: index in that space (0: the shared_info page) */
	uint64_t gpfn;		/* IN: guest frame to put it at */
};
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap layout");

/* shared_info and vcpu_info (2-level event channels) as arm64 lays them out. */
struct xen_vcpu_info {
	uint8_t evtchn_upcall_pending;	/* Xen sets it, then raises the upcall PPI */
	uint8_t evtchn_upcall_mask;	/* unused on Arm */
	uint8_t pad[6];
	uint64_t evtchn_pending_sel;	/* which evtchn_pending words have bits */
	uint8_t time[32];		/* struct vcpu_time_info: not used here */
};
struct xen_shared_info {
	struct xen_vcpu_info vcpu_info[1];	/* XEN_LEGACY_MAX_VCPUS on Arm */
	uint64_t evtchn_pending[64];
	uint64_t evtchn_mask[64];
	/* wallclock and arch fields follow: not used here */
};
_Static_assert(sizeof(struct xen_vcpu_info) == 48, "vcpu_info layout");
_Static_assert(__builtin_offsetof(struct xen_shared_info, evtchn_mask) == 560,
	       "shared_info layout");

/* event_channel_op(cmd, arg) */
#define EVTCHNOP_SEND			4
#define EVTCHNOP_BIND_IPI		7
struct evtchn_bind_ipi {
	uint32_t vcpu;		/* IN */
	uint32_t port;		/* OUT */
};
struct evtchn_send {
	uint32_t port;		/* IN */
};

/* grant_table_op(GNTTABOP_copy, struct gnttab_copy *, count) */
#define GNTTABOP_COPY			5
#define GNTST_OKAY			0
struct gnttab_copy_ptr {
	uint64_t gmfn;		/* a grant reference when GNTCOPY_*_gref is set */
	uint16_t domid;
	uint16_t offset;
	uint32_t pad;
};
struct gnttab_copy {
	struct gnttab_copy_ptr source, dest;	/* IN */
	uint16_t len;		/* IN: bytes, within one page on each side */
	uint16_t flags;		/* IN: GNTCOPY_source_gref / GNTCOPY_dest_gref */
	int16_t status;		/* OUT: GNTST_* */
	uint16_t pad;
};
_Static_assert(sizeof(struct gnttab_copy) == 40, "gnttab_copy layout");

#endif
