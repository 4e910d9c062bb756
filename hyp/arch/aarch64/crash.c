/* A fault inside the hyp itself: the report the runtime gives (lib/esr, lib/symtab),
 * then the machine powers off. Nothing here allocates or takes locks but the UART's. */
#include <stdarg.h>
#include <stdint.h>

#include <arch/cpu.h>
#include "console.h"
#include "esr.h"
#include "fmt.h"
#include "pcpu.h"
#include "symtab.h"

struct hyp_frame {
	uint64_t x[31], sp, elr, spsr, esr, far;
};

extern char _text[], _etext[];
extern uint64_t pcpu_stacks[];

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_write_raw(line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static const char *sym(uint64_t pc, char *buf, int len)
{
	uint64_t delta;
	const char *name = NULL;

	if (pc >= (uint64_t)_text && pc < (uint64_t)_etext)
		name = symtab_lookup(pc, &delta);
	if (!name)
		return "";
	fmt_snprintf(buf, (size_t)len, " <%s+%#lx>", name, delta);
	return buf;
}

void hyp_crash(struct hyp_frame *f)
{
	static int crashing;
	const char *fault = esr_fault_name(f->esr);
	uint64_t fp = f->x[29];
	char b[80];

	if (crashing++)
		arch_poweroff(255);
	out("(hyp) CRASH in the hyp on pCPU %u: %s", this_pcpu() ? this_pcpu()->id : 0,
	    esr_class_name(f->esr));
	if (fault)
		out(" (%s) at %#lx", fault, f->far);
	out("\n(hyp)   pc %#lx%s\n", f->elr, sym(f->elr, b, sizeof(b)));
	out("(hyp)   esr %#010lx far %#018lx spsr %#010lx\n", f->esr, f->far, f->spsr);
	for (int i = 0; i < 31; i += 3) {
		out("(hyp)  ");
		for (int j = i; j < i + 3 && j < 31; j++)
			out(" x%-2d %016lx", j, f->x[j]);
		out("\n");
	}
	out("(hyp)   backtrace:\n(hyp)     #0 %#018lx%s\n", f->elr, sym(f->elr, b, sizeof(b)));
	/* Frame records live on the pCPU stacks; follow only those. */
	uint64_t lo = (uint64_t)pcpu_stacks, hi = lo + MAX_PCPUS * 16384;

	for (int i = 1; i < 32 && fp >= lo && fp + 16 <= hi && !(fp & 15); i++) {
		uint64_t *rec = (uint64_t *)fp;

		if (!rec[1])
			break;
		out("(hyp)     #%d %#018lx%s\n", i, rec[1] - 4, sym(rec[1] - 4, b, sizeof(b)));
		if (rec[0] <= fp)
			break;
		fp = rec[0];
	}
	arch_poweroff(255);
}
