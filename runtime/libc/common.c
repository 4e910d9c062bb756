/* libc-independent glue: the console line buffer, the heap, time and exit. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include <pvkit/console.h>
#include <pvkit/exit.h>
#include <pvkit/log.h>
#include <pvkit/time.h>

#include "linebuf.h"
#include "memory.h"

static char line[256];
static size_t nline;

void linebuf_flush(void)
{
	if (nline) {
		pv_console_write(line, nline);
		nline = 0;
	}
}

void linebuf_putc(char c)
{
	line[nline++] = c;
	if (c == '\n' || nline == sizeof(line))
		linebuf_flush();
}

void *sbrk(ptrdiff_t incr)
{
	return mem_sbrk(incr);
}

/* There is no wall clock yet: time counts from boot (the epoch is the boot). */
int gettimeofday(struct timeval *tv, void *tz)
{
	uint64_t ns = pv_now_ns();

	if (tv) {
		tv->tv_sec = ns / 1000000000u;
		tv->tv_usec = (ns % 1000000000u) / 1000;
	}
	return 0;
}

void _exit(int status)
{
	pv_exit(status);
}

/* One process: signals only come from raise()/abort(), and end the VM like a crash. */
int getpid(void)
{
	return 1;
}

int kill(int pid, int sig)
{
	pv_log(PV_LOG_ERR, "CRASH: signal %d raised (%s)", sig, sig == 6 ? "abort" : "raise");
	pv_exit(PV_EXIT_CRASH);
}
