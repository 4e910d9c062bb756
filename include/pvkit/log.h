/*
 * Runtime log lines: "pvkit: <message>" on the console, independent of libc buffering.
 * Safe in interrupt handlers and before libc is usable.
 */
#ifndef PVKIT_LOG_H
#define PVKIT_LOG_H

#include <stdarg.h>

enum pv_log_level { PV_LOG_ERR, PV_LOG_WARN, PV_LOG_INFO, PV_LOG_DEBUG };

/* Messages above this level are dropped; default PV_LOG_INFO, "loglevel=N" in the
 * bootargs changes it. */
extern enum pv_log_level pv_log_level;

void pv_log(enum pv_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pv_vlog(enum pv_log_level level, const char *fmt, va_list ap);

#define pv_err(...)	pv_log(PV_LOG_ERR, __VA_ARGS__)
#define pv_warn(...)	pv_log(PV_LOG_WARN, __VA_ARGS__)
#define pv_info(...)	pv_log(PV_LOG_INFO, __VA_ARGS__)
#define pv_debug(...)	pv_log(PV_LOG_DEBUG, __VA_ARGS__)

#endif
