/* The generic timer's virtual counter and timer (CNTV), which every hypervisor we run
 * on passes through to EL1. */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <arch/regs.h>

static inline uint64_t arch_counter(void)
{
	isb();		/* do not let the read move before earlier instructions */
	return read_sysreg(cntvct_el0);
}

static inline uint64_t arch_counter_hz(void)
{
	return read_sysreg(cntfrq_el0);
}

/* Fire the virtual timer interrupt when the counter reaches cval. */
static inline void arch_timer_set(uint64_t cval)
{
	write_sysreg(cntv_cval_el0, cval);
	write_sysreg(cntv_ctl_el0, 1);		/* enabled, not masked */
	isb();
}

static inline void arch_timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 2);		/* masked */
	isb();
}

#endif
