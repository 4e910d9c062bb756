/*
 * Which hypervisor the image runs on and how to call it. Decided once at boot from the
 * device tree and a few safe probes (docs/ABI.md, "Discovery"); never compiled in.
 */
#ifndef PVKIT_HYPERVISOR_H
#define PVKIT_HYPERVISOR_H

#include <stdint.h>

enum pv_hyp_kind {
	PV_HYP_NONE,		/* bare machine (firmware PSCI at most) */
	PV_HYP_XEN,		/* Xen: /hypervisor "xen,xen" */
	PV_HYP_PVKIT,		/* the pvkit hyp: Xen-compatible plus its own UID */
	PV_HYP_KVM,		/* KVM: SMCCC vendor-hyp UID */
	PV_HYP_UNKNOWN,		/* an SMCCC hypervisor with an unrecognised UID */
};

enum pv_smccc_conduit {
	PV_SMCCC_NONE,		/* no PSCI/SMCCC at all */
	PV_SMCCC_HVC,		/* hvc #0 */
	PV_SMCCC_SMC,		/* smc #0 */
};

struct pv_hypervisor {
	enum pv_hyp_kind kind;
	const char *name;		/* "none", "xen", "pvkit", "kvm", "unknown" */
	int xen_conduit;		/* 1: Xen hypercalls (hvc #0xEA1) are available */
	unsigned xen_major, xen_minor;	/* from XENVER_version, 0 if not Xen */
	char xen_compat[24];		/* version from the compatible, e.g. "4.17" */
	unsigned evtchn_irq;		/* Xen event-channel INTID from /hypervisor */
	uint64_t gnttab_base, gnttab_size; /* Xen grant-table window from /hypervisor */
	enum pv_smccc_conduit smccc;
	uint32_t smccc_version;		/* 0x10000 = 1.0; 0 if unknown */
	uint32_t psci_version;		/* 0x10001 = 1.1; 0 if no PSCI */
	uint32_t uid[4];		/* SMCCC vendor-hyp UID, zero if not asked/answered */
};

/* The discovery result; valid from main() on. */
const struct pv_hypervisor *pv_hypervisor(void);
/* "xen (hvc #0xEA1) + smccc (hvc #0)"-style summary of the conduits in use. */
const char *pv_conduit_name(void);

#endif
