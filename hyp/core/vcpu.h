/* A virtual CPU: its registers (first, see arch/vcpu.h), its arch state and its place
 * in its pCPU's run queue. */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>

#include <arch/vcpu.h>

enum vcpu_state {
	VCPU_OFFLINE,		/* not started (PSCI CPU_ON) or stopped (CPU_OFF) */
	VCPU_RUNNABLE,		/* in its pCPU's run queue */
	VCPU_RUNNING,		/* on its pCPU now */
	VCPU_BLOCKED,		/* WFI / SCHEDOP_block: waits for an interrupt */
};

struct domain;

struct vcpu {
	struct vcpu_regs regs;		/* must stay first */
	struct vcpu_arch arch;
	struct domain *dom;
	unsigned id;			/* index in the domain = MPIDR Aff0 */
	unsigned pcpu;			/* the pCPU it is pinned to */
	enum vcpu_state state;		/* under the pCPU's lock */
	int dead;			/* its domain is going away: never run again */
	int fp_saved;			/* arch.fp holds its FP state (not some pCPU) */
	struct vcpu *rq_next;
	struct vcpu *pin_next;		/* its pCPU's pinned list, under the pCPU's lock */
	struct vcpu *due_next;		/* timer.c: vtimers expired in one pass */
};

_Static_assert(__builtin_offsetof(struct vcpu, regs) == 0, "trap entry saves at SP_EL2");
_Static_assert(__builtin_offsetof(struct vcpu_regs, hyp_sp) == VCPU_HYP_SP, "frame");
_Static_assert(__builtin_offsetof(struct vcpu_regs, elr) == VCPU_ELR, "frame");

#endif
