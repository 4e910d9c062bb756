/*
 * The register frame the exception vectors save, and system-register access helpers.
 * The frame layout is shared with vectors.S: change both together.
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define FRAME_X(n)	((n) * 8)
#define FRAME_SP	(31 * 8)
#define FRAME_ELR	(32 * 8)
#define FRAME_SPSR	(33 * 8)
#define FRAME_ESR	(34 * 8)
#define FRAME_FAR	(35 * 8)
#define FRAME_SIZE	(36 * 8)	/* multiple of 16: SP stays aligned */

/* Saved by arch_switch(); the layout is shared with switch.S. */
#define CTX_X19		0		/* x19..x28: 10 registers */
#define CTX_FP		(10 * 8)
#define CTX_LR		(11 * 8)
#define CTX_SP		(12 * 8)
#define CTX_TPIDR	(13 * 8)
#define CTX_D8		(14 * 8)	/* d8..d15: callee-saved FP registers */
#define CTX_SIZE	(22 * 8)

#ifndef __ASSEMBLY__
#include <stdint.h>

struct pv_regs {
	uint64_t x[31];
	uint64_t sp;		/* the interrupted context's SP (SP_EL0) */
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};
_Static_assert(sizeof(struct pv_regs) == FRAME_SIZE, "frame layout");

struct arch_ctx {
	uint64_t x19_28[10];
	uint64_t fp, lr, sp, tpidr;
	uint64_t d8_15[8];
};
_Static_assert(sizeof(struct arch_ctx) == CTX_SIZE, "context layout");

#define read_sysreg(r) ({ uint64_t __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")
#define wfi() __asm__ volatile("wfi" : : : "memory")

/* IRQ masking: threads are cooperative, so only interrupt handlers race with them. */
static inline uint64_t arch_irq_save(void)
{
	uint64_t daif = read_sysreg(daif);
	__asm__ volatile("msr daifset, #2" : : : "memory");
	return daif;
}
static inline void arch_irq_restore(uint64_t daif)
{
	__asm__ volatile("msr daif, %0" : : "r"(daif) : "memory");
}
static inline void arch_irq_enable(void) { __asm__ volatile("msr daifclr, #2" : : : "memory"); }
static inline void arch_irq_disable(void) { __asm__ volatile("msr daifset, #2" : : : "memory"); }
#endif
#endif
