/* RESP2 reply encoding (reply.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"

#define REPLY_MIN	1024

void reply_init(struct reply *r)
{
	memset(r, 0, sizeof(*r));
}

void reply_free(struct reply *r)
{
	free(r->buf);
	reply_init(r);
}

void reply_reset(struct reply *r, size_t keep)
{
	r->len = 0;
	r->failed = 0;
	if (r->cap > keep) {
		free(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
}

int reply_failed(const struct reply *r)
{
	return r->failed;
}

static char *room(struct reply *r, size_t n)
{
	if (r->failed)
		return NULL;
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap : REPLY_MIN;
		char *b;

		while (cap < r->len + n)
			cap *= 2;
		if (!(b = realloc(r->buf, cap))) {
			r->failed = 1;
			return NULL;
		}
		r->buf = b;
		r->cap = cap;
	}
	return r->buf + r->len;
}

void reply_raw(struct reply *r, const void *p, size_t len)
{
	char *d = room(r, len);

	if (d) {
		memcpy(d, p, len);
		r->len += len;
	}
}

/* "<type><number>\r\n" */
static void line_num(struct reply *r, char type, long long v)
{
	char tmp[24];
	char *d = room(r, 24);
	int n = 0;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	if (!d)
		return;
	d[n++] = type;
	if (v < 0)
		d[n++] = '-';
	int t = 0;

	do {
		tmp[t++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (t)
		d[n++] = tmp[--t];
	d[n++] = '\r';
	d[n++] = '\n';
	r->len += (size_t)n;
}

void reply_simple(struct reply *r, const char *s)
{
	reply_raw(r, "+", 1);
	reply_raw(r, s, strlen(s));
	reply_raw(r, "\r\n", 2);
}

void reply_error(struct reply *r, const char *s)
{
	reply_raw(r, "-", 1);
	/* an error line must not break the framing, whatever a message quotes */
	for (const char *p = s; *p; p++)
		reply_raw(r, (*p == '\r' || *p == '\n') ? " " : p, 1);
	reply_raw(r, "\r\n", 2);
}

void reply_errorf(struct reply *r, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	reply_error(r, msg);
}

void reply_int(struct reply *r, long long v)
{
	line_num(r, ':', v);
}

void reply_bulk(struct reply *r, const void *p, size_t len)
{
	line_num(r, '$', (long long)len);
	reply_raw(r, p, len);
	reply_raw(r, "\r\n", 2);
}

void reply_bulk_str(struct reply *r, const char *s)
{
	reply_bulk(r, s, strlen(s));
}

void reply_null(struct reply *r)
{
	reply_raw(r, "$-1\r\n", 5);
}

void reply_array(struct reply *r, size_t n)
{
	line_num(r, '*', (long long)n);
}

void reply_rawf(struct reply *r, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		reply_raw(r, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
