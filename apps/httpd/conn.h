/* One HTTP connection: requests in, responses out (conn.c). */
#ifndef HTTPD_CONN_H
#define HTTPD_CONN_H

#include <stddef.h>

#include "config.h"

struct conn_buf {
	char head[HTTPD_HEAD_MAX];	/* received bytes not yet consumed */
	size_t have;
	char out[2048];			/* response head (+ a small body) */
};

/* Serve requests on fd until the client closes, an error, Connection: close or
 * idle_ms without a complete request. Closes fd. */
void conn_serve(struct conn_buf *b, int fd);

/* Answer 503 and close, without blocking: for connections beyond the slots. */
void conn_refuse(int fd);

/* Socket options every accepted connection gets. */
void conn_setup(int fd, unsigned idle_ms);

#endif
