/*
 * Per-pCPU round-robin run queues. Every vCPU is pinned to one pCPU; a time slice
 * driven by the EL2 physical timer preempts it when others wait. A handler decides
 * what runs next by returning it; these helpers update the queues accordingly.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>

#include "pcpu.h"
#include "vcpu.h"

#define SLICE_US	10000

void sched_init_pcpu(struct pcpu *p, unsigned id);
/* Pin v to pCPU `pcpu` (state OFFLINE). */
void sched_attach(struct vcpu *v, unsigned pcpu);
void sched_detach(struct vcpu *v);

/* OFFLINE/BLOCKED -> RUNNABLE, queued on its pCPU, which is kicked if it is not this
 * one. Returns 1 if the state changed. */
int vcpu_wake(struct vcpu *v);
/* The current vCPU v stops: blocks (WFI), goes offline (CPU_OFF), yields, or is
 * preempted. Each returns what runs next on this pCPU (NULL: nothing, idle). */
struct vcpu *vcpu_block(struct vcpu *v);
struct vcpu *vcpu_offline(struct vcpu *v);
struct vcpu *vcpu_yield(struct vcpu *v);
/* Slice over or a kick: switch if someone else waits, else keep v. */
struct vcpu *sched_preempt(struct vcpu *v);
/* Remove v from its queue and mark it dead (domain teardown); returns 1 if it is
 * RUNNING on its pCPU now (the caller kicks that pCPU). */
int sched_kill(struct vcpu *v);

/* The head of this pCPU's queue, now RUNNING; NULL if the queue is empty. */
struct vcpu *sched_pick(struct pcpu *p);

/* Every trap ends here: switch from prev to next (idling until something is
 * runnable when next is NULL) and return what to enter. */
struct vcpu *sched_switch(struct vcpu *prev, struct vcpu *next);

uint64_t slice_ticks(void);

#endif
