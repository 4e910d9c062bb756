/*
 * The common hypercall layer. Two calling conventions, each backed by whatever conduit
 * discovery chose (docs/ABI.md):
 *   - pv_hypercall(): the Xen ABI. Call number in x16, arguments x0-x4, result x0,
 *     issued with hvc #0xEA1. Returns -ENOSYS (-38) when no Xen-compatible hypervisor
 *     was found, without issuing anything.
 *   - pv_smccc(): the Arm SMC Calling Convention. Function id in w0, arguments x1-x7,
 *     results x0-x3, issued with hvc #0 or smc #0 as the DT's /psci method says.
 *     Returns res.a0 = -1 (NOT_SUPPORTED) when there is no conduit.
 */
#ifndef PVKIT_HYPERCALL_H
#define PVKIT_HYPERCALL_H

#include <stdint.h>

long pv_hypercall(unsigned nr, unsigned long a0, unsigned long a1, unsigned long a2,
		  unsigned long a3, unsigned long a4);

struct pv_smccc_res {
	uint64_t a0, a1, a2, a3;
};

struct pv_smccc_res pv_smccc(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			     uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7);

/* SMCCC / PSCI function ids and results used by the runtime. */
#define SMCCC_VERSION			0x80000000u
#define SMCCC_ARCH_FEATURES		0x80000001u
#define SMCCC_VENDOR_HYP_UID		0x8600ff01u
#define SMCCC_NOT_SUPPORTED		(-1L)
#define PSCI_VERSION			0x84000000u
#define PSCI_CPU_OFF			0x84000002u
#define PSCI_CPU_ON			0xc4000003u
#define PSCI_AFFINITY_INFO		0xc4000004u
#define PSCI_SYSTEM_OFF			0x84000008u
#define PSCI_SYSTEM_RESET		0x84000009u
#define PSCI_FEATURES			0x8400000au

#endif
