/*
 * Stack protector support (the runtime and apps build with -fstack-protector-strong).
 * The canary is set once at boot, before any protected function that will return is on
 * the stack; a smashed stack gets a crash report like any other fault.
 */
#include <stdint.h>

#include <pvkit/exit.h>
#include <pvkit/log.h>

#include <arch/regs.h>
#include "crash.h"

uintptr_t __stack_chk_guard;

void ssp_init(void)
{
	uint64_t v = read_sysreg(cntvct_el0);

	/* Mix in the counter; a zero byte first stops string overflows from forging it. */
	v ^= 0x2545f4914f6cdd1dULL * (v | 1);
	__stack_chk_guard = (uintptr_t)(v & ~0xffULL);
}

void __stack_chk_fail(void)
{
	uint64_t pc = (uint64_t)(uintptr_t)__builtin_return_address(0);
	char sym[80];

	pv_err("CRASH: stack protector: the stack frame of the function at %#lx%s was "
	       "overwritten", pc, crash_symbol(pc, sym, sizeof(sym)));
	pv_exit(PV_EXIT_CRASH);
}
