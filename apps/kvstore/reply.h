/*
 * RESP2 replies, appended to a growing buffer that the connection then sends.
 * Portable. Appending never fails from the caller's view: when memory runs out the
 * buffer is marked failed and the connection is closed instead of sending a
 * truncated reply (reply_failed).
 */
#ifndef KVSTORE_REPLY_H
#define KVSTORE_REPLY_H

#include <stddef.h>
#include <stdint.h>

struct reply {
	char *buf;
	size_t len, cap;
	int failed;		/* an append ran out of memory */
};

void reply_init(struct reply *r);
void reply_free(struct reply *r);
/* Forget the contents (after sending); releases a buffer grown past keep bytes. */
void reply_reset(struct reply *r, size_t keep);
int reply_failed(const struct reply *r);

void reply_simple(struct reply *r, const char *s);		/* +OK */
void reply_error(struct reply *r, const char *s);		/* -ERR ... (s has the code) */
void reply_errorf(struct reply *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void reply_int(struct reply *r, long long v);			/* :42 */
void reply_bulk(struct reply *r, const void *p, size_t len);	/* $3 foo */
void reply_bulk_str(struct reply *r, const char *s);
void reply_null(struct reply *r);				/* $-1 */
void reply_array(struct reply *r, size_t n);			/* *n, then n replies */
void reply_raw(struct reply *r, const void *p, size_t len);
/* Formatted raw text (up to 255 bytes a call), e.g. for INFO's lines. */
void reply_rawf(struct reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
