/*
 * The Xen guest ABI as pvkit uses it, written from Xen's public headers (xen.h,
 * arch-arm.h, version.h, features.h, sched.h) for AArch64 guests. Shared by the hyp
 * (which answers these calls) and the guest drivers (which make them), so both sides
 * compile against one definition.
 *
 * Calling convention (Xen on Arm): `hvc #0xEA1`, hypercall number in x16, arguments in
 * x0-x4, result in x0 (negative = -XEN_E*). Pointer arguments are guest virtual
 * addresses; structures below are laid out identically for AArch32 and AArch64
 * (fixed-width fields, 64-bit quantities 8-aligned, explicit padding), as Xen's are.
 *
 * Version: the pvkit hyp reports Xen 4.17 (XENVER_version = 0x40011).
 */
#ifndef PVKIT_XEN_XEN_H
#define PVKIT_XEN_XEN_H

#include <stdint.h>

#define XEN_PAGE_SHIFT		12
#define XEN_PAGE_SIZE		4096u

/* Hypercall numbers (x16). */
#define __HYPERVISOR_memory_op		12
#define __HYPERVISOR_xen_version	17
#define __HYPERVISOR_console_io		18
#define __HYPERVISOR_grant_table_op	20
#define __HYPERVISOR_vcpu_op		24
#define __HYPERVISOR_sched_op		29
#define __HYPERVISOR_event_channel_op	32
#define __HYPERVISOR_hvm_op		34

/* Errors, as negative results (Xen uses the Linux errno values). */
#define XEN_EPERM	1
#define XEN_ENOENT	2
#define XEN_ESRCH	3
#define XEN_ENOMEM	12
#define XEN_EFAULT	14
#define XEN_EBUSY	16
#define XEN_EEXIST	17
#define XEN_EINVAL	22
#define XEN_ENOSPC	28
#define XEN_ENOSYS	38
#define XEN_EACCES	13

/* Domain ids. The pvkit hyp plays domain 0 (the owner of every backend and of
 * xenstore); guests are 1, 2, ... DOMID_SELF stands for the caller in any domid
 * argument that accepts it. */
typedef uint16_t domid_t;
#define DOMID_HYP		0
#define DOMID_FIRST_RESERVED	0x7ff0
#define DOMID_SELF		0x7ff0

/* xen_version(cmd, arg) */
#define XENVER_version		0	/* result: major << 16 | minor */
#define XENVER_extraversion	1	/* arg: char[16] OUT */
#define XENVER_capabilities	3	/* arg: char[1024] OUT */
#define XENVER_changeset	4	/* arg: char[64] OUT */
#define XENVER_get_features	6	/* arg: struct xen_feature_info IN/OUT */
#define XENVER_pagesize		7	/* result: 4096 */
#define XENVER_guest_handle	8	/* arg: uint8_t[16] OUT */

struct xen_feature_info {
	uint32_t submap_idx;	/* IN: which 32-feature word (0 is the only one) */
	uint32_t submap;	/* OUT: bit n = XENFEAT n is offered */
};

/* Feature bits (submap 0) the hyp offers every guest. */
#define XENFEAT_writable_page_tables	0	/* guests own their page tables */
#define XENFEAT_auto_translated_physmap	2	/* frame numbers are guest-physical */
#define XENFEAT_ARM_SMCCC_supported	14	/* SMCCC 1.1 over hvc #0 */
#define XENFEAT_not_direct_mapped	16	/* guest-physical != host-physical */

/* sched_op(cmd, arg) */
#define SCHEDOP_yield		0
#define SCHEDOP_block		1
#define SCHEDOP_shutdown	2	/* arg: struct sched_shutdown IN */

struct sched_shutdown {
	uint32_t reason;	/* IN: 0 poweroff, 1 reboot, 2 suspend, 3 crash, 4 watchdog */
};

/* console_io(cmd, count, buffer) */
#define CONSOLEIO_write		0
#define CONSOLEIO_read		1

/*
 * Per-vCPU event state (the 2-level event-channel ABI). It lives in shared_info for
 * vCPU 0 (Arm has exactly one legacy slot), or wherever the guest registered it with
 * VCPUOP_register_vcpu_info. 48 bytes.
 */
struct vcpu_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	int8_t flags;
	uint8_t pad1[2];
};	/* unused on Arm (the generic timer is the clock): left zero */

struct vcpu_info {
	/* Set to 1 by the hypervisor when it marks a word in evtchn_pending_sel, just
	 * before raising the upcall interrupt; the guest clears it before scanning. */
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;	/* not used on Arm: the GIC masks the upcall */
	uint8_t pad0[6];
	/* Bit w set: word w of evtchn_pending may have unmasked pending ports. Set by
	 * the hypervisor, exchanged to 0 by the guest. */
	uint64_t evtchn_pending_sel;
	struct vcpu_time_info time;
};

#define XEN_LEGACY_MAX_VCPUS	1
#define XEN_EVTCHN_WORDS	64	/* 64 x 64 ports in the 2-level ABI */

/* The page the guest maps with XENMEM_add_to_physmap(XENMAPSPACE_shared_info). */
struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	/* Port p pending: bit p % 64 of word p / 64. Set by the hypervisor, cleared by
	 * the guest once it has handled the event. */
	uint64_t evtchn_pending[XEN_EVTCHN_WORDS];
	/* Port p masked: the guest sets and clears these; a masked port still becomes
	 * pending, but no upcall is raised until it is unmasked. */
	uint64_t evtchn_mask[XEN_EVTCHN_WORDS];
	uint32_t wc_version;		/* wall clock: not provided (zero) */
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;
};

_Static_assert(sizeof(struct vcpu_info) == 48, "vcpu_info is 48 bytes on Arm");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_pending) == 48, "layout");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_mask) == 560, "layout");

/* Where the toolstack's "magic" pages live in a guest's physical map (arch-arm.h):
 * the PV console ring at +0 pages, the xenstore ring at +1. */
#define GUEST_MAGIC_BASE	0x39000000UL
#define GUEST_MAGIC_SIZE	0x01000000UL
#define GUEST_MAGIC_CONSOLE	0
#define GUEST_MAGIC_XENSTORE	1

#endif
