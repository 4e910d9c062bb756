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
	unsigned n;
	const smccc_fn *query;		/* 0xff00 + i, i < 4; may be NULL */
};

#define SMCCC_OWNER_ARCH	0
#define SMCCC_OWNER_STD		4	/* PSCI */
#define SMCCC_OWNER_VENDOR_HYP	6

#define SMCCC_SUCCESS		0
#define SMCCC_NOT_SUPPORTED	(-1L)

extern const struct smccc_service psci_service;	/* psci.c */

/* Result helpers for handlers. */
struct vcpu *smccc_ret(struct vcpu *v, uint64_t x0);
/* The argument registers as the call's width says (SMC32: the low 32 bits). */
uint64_t smccc_arg(struct vcpu *v, unsigned n);
/* 1 if fid names a call the hyp implements (PSCI_FEATURES, SMCCC_ARCH_FEATURES). */
int smccc_implemented(uint32_t fid);

#endif
