/*
 * Synchronous exceptions. Two outcomes: an instruction listed in the extable (a probe
 * of a conduit that may not exist) resumes at its fixup; anything else is a crash.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/regs.h>
#include "crash.h"
#include "esr.h"
#include "irq.h"

struct extable_entry {
	int32_t insn, fixup;	/* offsets from the entry's own fields */
};

extern const struct extable_entry __extable_start[], __extable_end[];

static int extable_fixup(struct pv_regs *r)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
		uint64_t insn = (uint64_t)(uintptr_t)&e->insn + e->insn;

		if (insn == r->elr) {
			r->elr = (uint64_t)(uintptr_t)&e->fixup + e->fixup;
			return 0;
		}
	}
	return -1;
}

void pv_trap_sync(struct pv_regs *r)
{
	if (ESR_EC(r->esr) == EC_UNKNOWN && extable_fixup(r) == 0)
		return;
	crash_report(r, NULL);
}

void pv_trap_irq(void)
{
	irq_dispatch();
}

void pv_trap_unexpected(struct pv_regs *r, int kind)
{
	static const char *const what[] = {
		"", "FIQ", "SError", "exception inside an exception handler",
		"exception from EL0",
	};

	crash_report(r, what[kind]);
}
