#include "log.h"

#include <stdarg.h>

#include <arch/cpu.h>
#include "console.h"
#include "fmt.h"

static void vline(const char *fmt, va_list ap)
{
	char line[240];
	int n = fmt_snprintf(line, sizeof(line), "(hyp) ");

	n += fmt_vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	console_write_raw(line, (size_t)n);
}

void log_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(fmt, ap);
	va_end(ap);
	log_msg("PANIC: the hyp stops here");
	arch_poweroff(255);
}
