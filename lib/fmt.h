/*
 * A small, allocation-free printf used for the console log, crash reports and the hyp
 * (which has no libc). Supports %c %s %d %i %u %x %X %p %%, the l/ll/z/h length
 * modifiers, width, the '0', '-' and '#' flags and a precision for %s.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Like vsnprintf: writes at most n-1 characters plus NUL, returns the full length. */
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
