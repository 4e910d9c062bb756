/*
 * The arch part of a vCPU. The register frame is the first thing in struct vcpu
 * (core/vcpu.h): while a guest runs, SP_EL2 points at it, so the trap entry
 * (vectors.S) saves registers without needing a free register first. The offsets
 * below are shared with vectors.S.
 */
#ifndef ARCH_VCPU_H
#define ARCH_VCPU_H

#define VCPU_X(n)	((n) * 8)
#define VCPU_ELR	(31 * 8)
#define VCPU_SPSR	(32 * 8)
#define VCPU_HYP_SP	(33 * 8)	/* the hyp stack of the vCPU's pCPU */
#define VCPU_FRAME_SIZE	(34 * 8)
#define PCPU_CURRENT	0		/* struct pcpu: the running vCPU */

#ifndef __ASSEMBLY__
#include <stdint.h>

struct vcpu_regs {
	uint64_t x[31];
	uint64_t elr, spsr;	/* guest PC and PSTATE */
	uint64_t hyp_sp;
};

/* EL1 state that is the guest's, not the machine's. */
enum el1_reg {
	R_SCTLR, R_ACTLR, R_CPACR, R_TTBR0, R_TTBR1, R_TCR, R_MAIR, R_AMAIR, R_VBAR,
	R_CONTEXTIDR, R_TPIDR_EL0, R_TPIDRRO_EL0, R_TPIDR_EL1, R_SP_EL0, R_SP_EL1,
	R_ELR_EL1, R_SPSR_EL1, R_ESR, R_FAR, R_AFSR0, R_AFSR1, R_PAR, R_CNTKCTL, R_CSSELR,
	R_VMPIDR, R_CNTV_CTL, R_CNTV_CVAL, NR_EL1_REGS
};

#define VGIC_MAX_LRS	16

struct vcpu_arch {
	uint64_t el1[NR_EL1_REGS];
	struct {			/* FP/SIMD, switched lazily (fpsimd.c) */
		__uint128_t q[32];
		uint64_t fpsr, fpcr;
	} fp;
	struct {			/* the virtual CPU interface (vgic_lr.c) */
		uint64_t lr[VGIC_MAX_LRS];
		uint64_t vmcr, ap0r0, ap1r0, hcr;
	} gic;
	struct {			/* emulated redistributor SGI/PPI state (vgic.c) */
		uint32_t enabled;	/* INTIDs 0-31 */
		uint32_t waker;
		uint64_t pending;	/* INTIDs 0-63 pending, not yet in a list register */
		uint8_t prio[32];
		uint32_t cfg[2];
	} vgic;
	uint64_t vtimer_deadline;	/* counter value to inject PPI 27; 0 = none */
};
#endif
#endif
