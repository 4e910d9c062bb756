/*
 * The crash report. Written to be trustworthy when everything else is broken: no libc,
 * no allocation, bounded stack use, every pointer it follows checked against the
 * crashing thread's stack first.
 */
#include "crash.h"

#include <pvkit/console.h>
#include <pvkit/exit.h>

#include <arch/regs.h>
#include "boot.h"
#include "esr.h"
#include "fmt.h"
#include "libc_glue.h"
#include "sched.h"
#include "symtab.h"

#define MAX_FRAMES	32

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	pv_console_write(line, n < (int)sizeof(line) ? n : (int)sizeof(line) - 1);
}

const char *crash_symbol(uint64_t pc, char *buf, int len)
{
	uint64_t base = (uint64_t)_text, delta;
	const char *name = NULL;

	if (pc >= base && pc < (uint64_t)_etext)
		name = symtab_lookup(pc - base, &delta);
	if (!name)
		return "";
	fmt_snprintf(buf, len, " <%s+%#lx>", name, delta);
	return buf;
}

static int same_function(uint64_t a, uint64_t b)
{
	uint64_t base = (uint64_t)_text, da, db;
	const char *fa = symtab_lookup(a - base, &da), *fb = symtab_lookup(b - base, &db);

	return fa && fa == fb;
}

static void backtrace(const struct pv_regs *r)
{
	uint64_t lo, hi, fp = r->x[29], lr = r->x[30];
	char b[80];
	int i = 1;

	out("pvkit:   backtrace:\n");
	out("pvkit:     #0 %#018lx%s\n", r->elr, crash_symbol(r->elr, b, sizeof(b)));
	if (sched_current_stack(&lo, &hi))
		return;
	/* A fault in a leaf function, or after its epilogue, leaves the caller only in
	 * x30: show it unless it is the faulting function itself or the next frame. */
	if (lr >= (uint64_t)_text && lr < (uint64_t)_etext && !same_function(lr - 4, r->elr) &&
	    !(fp >= lo && fp + 16 <= hi && !(fp & 15) && ((uint64_t *)(uintptr_t)fp)[1] == lr))
		out("pvkit:     #%d %#018lx%s (lr)\n", i++, lr - 4,
		    crash_symbol(lr - 4, b, sizeof(b)));
	for (; i < MAX_FRAMES; i++) {
		/* A frame record is {previous fp, return address}, 16-byte aligned. */
		if (fp < lo || fp + 16 > hi || (fp & 15))
			break;
		uint64_t *frame = (uint64_t *)(uintptr_t)fp;
		uint64_t lr = frame[1];

		if (!lr)
			break;
		out("pvkit:     #%d %#018lx%s\n", i, lr - 4, crash_symbol(lr - 4, b, sizeof(b)));
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
}

void crash_report(const struct pv_regs *r, const char *what)
{
	static int crashing;
	const char *fault = esr_fault_name(r->esr);
	unsigned ec = ESR_EC(r->esr);
	uint64_t glo, ghi;
	char b[80];

	if (crashing++) {		/* a fault while reporting: say so and stop */
		out("\npvkit: CRASH while printing a crash report (pc %#lx)\n", r->elr);
		exit_blind(PV_EXIT_CRASH);
	}
	out("\npvkit: CRASH: %s", what ? what : esr_class_name(r->esr));
	if (fault)
		out(" (%s)", fault);
	if (ec == EC_DABT_CUR || ec == EC_DABT_LOW)
		out(" on %s at %#lx", esr_is_write(r->esr) ? "write" : "read", r->far);
	else if (ec == EC_IABT_CUR || ec == EC_IABT_LOW || ec == EC_PC_ALIGN)
		out(" at %#lx", r->far);
	out("\n");
	if ((ec == EC_DABT_CUR) && sched_current_guard(&glo, &ghi) == 0 &&
	    r->far >= glo && r->far < ghi)
		out("pvkit:   stack overflow: the access hit the guard page below the stack\n");
	out("pvkit:   thread \"%s\", pc %#lx%s\n", sched_current_name(), r->elr,
	    crash_symbol(r->elr, b, sizeof(b)));
	out("pvkit:   esr %#010lx far %#018lx spsr %#010lx\n", r->esr, r->far, r->spsr);
	for (int i = 0; i < 31; i += 3) {
		out("pvkit:  ");
		for (int j = i; j < i + 3 && j < 31; j++)
			out(" x%-2d %016lx", j, r->x[j]);
		if (i == 30)
			out("  sp  %016lx", r->sp);
		out("\n");
	}
	backtrace(r);
	libc_flush();
	pv_exit(PV_EXIT_CRASH);
}
