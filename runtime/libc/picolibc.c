/* picolibc glue: stdin/stdout/stderr as tinystdio FILEs on the console. */
#include <stdio.h>
#include <unistd.h>

#include <pvkit/console.h>

#include "libc_glue.h"
#include "linebuf.h"

static int con_put(char c, FILE *f)
{
	linebuf_putc(c);
	return (unsigned char)c;
}

static int con_get(FILE *f)
{
	int c;

	linebuf_flush();
	c = pv_console_getc();
	return c < 0 ? EOF : c;
}

static int con_flush(FILE *f)
{
	linebuf_flush();
	return 0;
}

static FILE console = FDEV_SETUP_STREAM(con_put, con_get, con_flush, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

ssize_t write(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	for (size_t i = 0; i < len; i++)
		linebuf_putc(p[i]);
	return len;
}

ssize_t read(int fd, void *buf, size_t len)
{
	char *p = buf;
	int c;

	if (!len)
		return 0;
	c = con_get(NULL);
	if (c == EOF)
		return 0;
	p[0] = c;
	return 1;
}

void libc_init(void)
{
}

void libc_flush(void)
{
	linebuf_flush();
}
