/* Per-physical-CPU state. TPIDR_EL2 points at the running pCPU's struct pcpu. */
#ifndef CORE_PCPU_H
#define CORE_PCPU_H

#include <stdint.h>

#include <arch/lock.h>
#include "vcpu.h"

#define MAX_PCPUS	4

struct pcpu {
	struct vcpu *current;		/* must stay first (PCPU_CURRENT), NULL = idle */
	unsigned id;
	uint64_t mpidr;
	uint64_t stack_top;
	struct spinlock lock;		/* run queue, pinned list, vCPU states */
	struct vcpu *rq_head, *rq_tail;
	struct vcpu *pinned;		/* every vCPU pinned here (vcpu.pin_next) */
	uint64_t slice_end;		/* counter value ending current's time slice */
	int need_resched;
	struct vcpu *fp_owner;		/* whose FP/SIMD state is in the registers */
	int online;
};

extern struct pcpu pcpus[MAX_PCPUS];
extern unsigned nr_pcpus;

#endif
