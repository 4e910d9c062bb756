/*
 * HTTP/1.x request heads (RFC 9112), parsed from a buffer holding what a connection
 * has received so far. Portable: unit-tested and fuzzed on the host.
 *
 * Only what a static file server needs is kept: method, the decoded and normalised
 * path, the version, whether the connection stays open, and the body length to
 * discard. Anything malformed is an error status, never undefined behaviour.
 */
#ifndef HTTPD_HTTP_PARSE_H
#define HTTPD_HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_PATH_MAX		256	/* decoded path; longer targets get 414 */
#define HTTP_MAX_HEADERS	64	/* more header lines get 431 */
#define HTTP_MAX_BODY		(64 * 1024)	/* larger request bodies get 413 */

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER };

struct http_req {
	enum http_method method;
	int minor;			/* HTTP/1.minor: 0 or 1 */
	int keep_alive;			/* the connection stays open after the reply */
	uint64_t body_len;		/* Content-Length of a body to discard */
	char path[HTTP_PATH_MAX];	/* decoded, no leading '/', no "." or ".." parts,
					 * no empty parts; "" for the root */
	int dir;			/* the target ended in '/' (or was the root) */
};

/*
 * Parse the request head at the start of buf[0..len). Returns:
 *   > 0   the head is complete and valid; that many bytes belong to it (the body,
 *         if any, follows); *req is filled
 *   0     incomplete: read more and call again with the longer buffer
 *   < 0   -status of the error reply (400, 405, 413, 414, 431, 501, 505); the
 *         server then closes the connection, as the request's end is unknown
 * A head that is still incomplete when len reaches max_len gives -431 (-414 if the
 * request line itself does not fit).
 */
int http_parse_request(const char *buf, size_t len, size_t max_len, struct http_req *req);

/* The reason phrase for a status code ("Not Found"), or "Unknown". */
const char *http_reason(int status);

#endif
