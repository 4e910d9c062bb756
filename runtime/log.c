#include <pvkit/console.h>
#include <pvkit/log.h>

#include "fmt.h"

enum pv_log_level pv_log_level = PV_LOG_INFO;

void pv_vlog(enum pv_log_level level, const char *fmt, va_list ap)
{
	static const char *const tag[] = { "error: ", "warning: ", "", "" };
	char line[256];
	int n;

	if (level > pv_log_level)
		return;
	n = fmt_snprintf(line, sizeof(line), "pvkit: %s", tag[level]);
	n += fmt_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	pv_console_write(line, n);
}

void pv_log(enum pv_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pv_vlog(level, fmt, ap);
	va_end(ap);
}
