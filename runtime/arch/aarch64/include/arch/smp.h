/* Starting a secondary CPU (runtime/smp.c, smp.S): what it needs before the MMU is on.
 * The layout is shared with smp.S. */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#define BOOT_MAIR	0
#define BOOT_TCR	8
#define BOOT_TTBR0	16
#define BOOT_SCTLR	24
#define BOOT_VBAR	32
#define BOOT_CPACR	40
#define BOOT_SP		48
#define BOOT_EXC_SP	56

#ifndef __ASSEMBLY__
#include <stdint.h>

struct cpu_boot {
	uint64_t mair, tcr, ttbr0, sctlr, vbar, cpacr, sp, exc_sp;
	void (*fn)(void *arg);
	void *arg;
};

/* Copy this CPU's translation and vector settings into b and clean it to memory
 * (the new CPU reads it with its caches off). */
void arch_smp_fill(struct cpu_boot *b);
void pv_secondary_entry(void);
#endif
#endif
