/*
 * SMCCC services by owner (function id bits 29:24), each a const table of handlers
 * indexed by the function number (bits 15:0), plus the general queries at
 * 0xff00-0xff03 (call count, UID, revision). A handler sets x0-x3 of the vCPU and
 * returns the vCPU to run. docs/ABI.md lists every call.
 */
#ifndef ARCH_SMCCC_H
#define ARCH_SMCCC_H

#include <stdint.h>

struct vcpu;

typedef struct vcpu *(*smccc_fn)(struct vcpu *v);

struct smccc_service {
	const smccc_fn *fn;
	uint64_t n;			/* 16 bytes: the fast path indexes by shift */
};

#define SMCCC_OWNER_ARCH	0
#define SMCCC_OWNER_STD		4	/* PSCI */
#define SMCCC_OWNER_VENDOR_HYP	6

#define SMCCC_SUCCESS		0
#define SMCCC_NOT_SUPPORTED	(-1L)

/* PSCI functions 0x0-0xa (psci.c). */
#define PSCI_NR_FN		11
extern const smccc_fn psci_fn[PSCI_NR_FN];

/* Set x0 and stay on v (the register frame starts the vCPU: core/vcpu.h). */
static inline struct vcpu *smccc_ret(struct vcpu *v, uint64_t x0)
{
	*(uint64_t *)v = x0;
	return v;
}
/* The argument registers as the call's width says (SMC32: the low 32 bits). */
uint64_t smccc_arg(struct vcpu *v, unsigned n);
/* 1 if fid names a call the hyp implements (PSCI_FEATURES, SMCCC_ARCH_FEATURES). */
int smccc_implemented(uint32_t fid);

#endif
