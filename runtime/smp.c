/*
 * pv_cpu_start() (include/pvkit/smp.h): PSCI CPU_ON through the discovered conduit,
 * entering runtime/arch/aarch64/smp.S with this CPU's MMU and vector settings, so the
 * new CPU shares the boot CPU's address space; then its GIC CPU interface and fn.
 */
#include <stdlib.h>

#include <pvkit/hypercall.h>
#include <pvkit/log.h>
#include <pvkit/smp.h>

#include <arch/regs.h>
#include <arch/smp.h>
#include "env.h"
#include "irq.h"

#define SMP_MAX_CPUS	4
#define CPU_STACK	16384
#define IPI_SGI		1

static struct cpu_boot boot[SMP_MAX_CPUS];

unsigned pv_cpu_self(void)
{
	return read_sysreg(mpidr_el1) & 0xff;
}

void pv_secondary_main(struct cpu_boot *b)
{
	if (irq_cpu_init() == 0) {
		arch_irq_enable();
		b->fn(b->arg);
		arch_irq_disable();
	}
	pv_smccc(PSCI_CPU_OFF, 0, 0, 0, 0, 0, 0, 0);
	for (;;)
		wfi();
}

int pv_cpu_start(unsigned cpu, void (*fn)(void *arg), void *arg)
{
	struct cpu_boot *b;
	char *stack;

	if (cpu == 0 || cpu >= SMP_MAX_CPUS || boot[cpu].fn) {
		pv_err("pv_cpu_start: CPU %u is not a secondary CPU we can start", cpu);
		return -1;
	}
	stack = malloc(2 * CPU_STACK);
	if (!stack)
		return -1;
	b = &boot[cpu];
	b->fn = fn;
	b->arg = arg;
	b->sp = (uint64_t)(uintptr_t)(stack + CPU_STACK);
	b->exc_sp = (uint64_t)(uintptr_t)(stack + 2 * CPU_STACK);
	arch_smp_fill(b);
	struct pv_smccc_res r = pv_smccc(PSCI_CPU_ON, cpu,
					 (uint64_t)(uintptr_t)pv_secondary_entry,
					 (uint64_t)(uintptr_t)b, 0, 0, 0, 0);

	if ((int64_t)r.a0 != 0) {
		pv_err("pv_cpu_start: PSCI CPU_ON(%u) returned %ld", cpu, (long)r.a0);
		b->fn = NULL;
		free(stack);
		return -1;
	}
	return 0;
}

int pv_ipi_handler(void (*fn)(void *arg), void *arg)
{
	if (drv_irq_register(IPI_SGI, fn, arg))
		return -1;
	drv_irq_enable(IPI_SGI);
	return 0;
}

void pv_ipi_send(unsigned cpu)
{
	irq_send_sgi(IPI_SGI, cpu);
}
