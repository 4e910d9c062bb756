/* newlib glue: the system-call stubs newlib expects when built with
 * --disable-newlib-supplied-syscalls, on the console, heap and clock. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <signal.h>
#include <unistd.h>

#include <pvkit/console.h>
#include <pvkit/exit.h>

#include "libc_glue.h"
#include "linebuf.h"
#include "memory.h"

#undef errno
extern int errno;

int _write(int fd, const char *buf, int len)
{
	for (int i = 0; i < len; i++)
		linebuf_putc(buf[i]);
	return len;
}

int _read(int fd, char *buf, int len)
{
	int c;

	if (len <= 0)
		return 0;
	linebuf_flush();
	c = pv_console_getc();
	if (c < 0)
		return 0;
	buf[0] = c;
	return 1;
}

void *_sbrk(ptrdiff_t incr)
{
	return mem_sbrk(incr);
}

int _close(int fd) { errno = EBADF; return -1; }
int _fstat(int fd, struct stat *st) { st->st_mode = S_IFCHR; return 0; }
int _isatty(int fd) { return 1; }
int _lseek(int fd, int off, int whence) { errno = ESPIPE; return -1; }
int _kill(int pid, int sig) { return kill(pid, sig); }
int _getpid(void) { return getpid(); }
int _open(const char *path, int flags, int mode) { errno = ENOENT; return -1; }
int _unlink(const char *path) { errno = ENOENT; return -1; }
int _link(const char *a, const char *b) { errno = EMLINK; return -1; }
clock_t _times(struct tms *t) { return (clock_t)-1; }

int _gettimeofday(struct timeval *tv, void *tz)
{
	return gettimeofday(tv, tz);
}

void libc_init(void)
{
	/* Line-buffered stdout; unbuffered stderr goes straight through the line buffer. */
	setvbuf(stdout, NULL, _IOLBF, 0);
}

void libc_flush(void)
{
	fflush(stdout);
	fflush(stderr);
	linebuf_flush();
}
