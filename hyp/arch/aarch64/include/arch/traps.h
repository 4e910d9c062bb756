/* Guest trap handlers (arch/aarch64): each returns the vCPU to run next. */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <stdint.h>

struct vcpu;

typedef struct vcpu *(*trap_fn)(struct vcpu *v, uint64_t esr);

struct vcpu *trap_dabt(struct vcpu *v, uint64_t esr);
struct vcpu *trap_sysreg(struct vcpu *v, uint64_t esr);
struct vcpu *trap_fp(struct vcpu *v, uint64_t esr);
/* SMCCC through hvc #0 (fast path) or a trapped smc. */
struct vcpu *smccc_dispatch(struct vcpu *v);
/* Inject a synchronous external abort / undefined instruction into v's EL1. */
void inject_abort(struct vcpu *v, uint64_t far, int data);
void inject_undef(struct vcpu *v);
/* After a slow trap: switch to next, refill list registers, rearm the EL2 timer. */
struct vcpu *trap_exit(struct vcpu *prev, struct vcpu *next);
/* libfdt may use FP registers: call before it runs with guests about (fpsimd.c). */
void fp_release_for_hyp(void);
void fp_hyp_done(void);
void irq_handle_all(void);
void enter_guest(struct vcpu *v) __attribute__((noreturn));

#endif
