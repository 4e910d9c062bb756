/* Per-pCPU arch services the portable core calls. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

#include <arch/sysreg.h>

struct pcpu;

static inline struct pcpu *this_pcpu(void)
{
	return (struct pcpu *)read_sysreg(tpidr_el2);
}

/* Counter (CNTPCT) and its frequency: the time base of time slices and vtimers. */
static inline uint64_t arch_now(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}
static inline uint64_t arch_counter_hz(void)
{
	return read_sysreg(cntfrq_el0);
}

/* Arm the EL2 physical timer (PPI 26) at counter value cval; 0 = off. */
void arch_timer_program(uint64_t cval);
/* Make pCPU n leave WFI or its guest and look at its run queue (SGI 0). */
void arch_kick(unsigned pcpu);
/* Sleep until an interrupt is pending, then handle the hyp's own (irq.c). */
void arch_idle_wait(void);
/* Power off / reset the machine through firmware PSCI (firmware.c); semihosting
 * exit when the hyp was told to use it. */
void arch_poweroff(int status) __attribute__((noreturn));



struct vcpu;
/* Save the EL1 context, timer and vGIC of the vCPU leaving this pCPU; load those of
 * the one entering (switch.c). */
void arch_vcpu_put(struct vcpu *v);
void arch_vcpu_load(struct vcpu *v);
/* After the vCPU stops for good: forget its FP/SIMD state (fpsimd.c). */
void arch_fp_forget(struct vcpu *v);
/* The boot state of a vCPU (booting.rst): EL1h, interrupts masked, MMU and caches
 * off, pc and x0 as given, x1-x3 and the rest zero. */
void arch_vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t x0);
#endif
