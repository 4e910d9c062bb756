/* Serving one HTTP/1.1 connection: parse a head, answer it, repeat (conn.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <pvkit/log.h>
#include <pvkit/time.h>

#include "conn.h"
#include "files.h"
#include "http_parse.h"
#include "mime.h"

#define SERVER	"pvkit-httpd"

static int send_all(int fd, const void *p, size_t len, int more)
{
	const char *c = p;

	while (len) {
		ssize_t n = send(fd, c, len, more ? MSG_MORE : 0);

		if (n <= 0)
			return -1;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read what has already arrived, so that closing sends FIN, not RST (lwIP, like
 * Linux, resets a connection closed with unread data). */
static void drain_and_close(int fd)
{
	char tmp[512];

	while (recv(fd, tmp, sizeof(tmp), MSG_DONTWAIT) > 0)
		;
	closesocket(fd);
}

void conn_setup(int fd, unsigned idle_ms)
{
	struct timeval tv = { idle_ms / 1000, (idle_ms % 1000) * 1000 };
	int one = 1;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	/* whole responses go out in one send (or two, with MSG_MORE): no Nagle wait */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* Appending to the response head without printf: this runs for every request. */
struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n <= o->cap) {
		memcpy(o->p + o->len, s, n);
		o->len += n;
	} else {
		o->len = o->cap + 1;		/* overflowed: never sent */
	}
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_num(struct out *o, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(o, tmp + sizeof(tmp) - n, (size_t)n);
}

/* The response head; returns its length, or -1 if it does not fit in cap. */
static int head(char *buf, size_t cap, int status, const char *type, uint64_t len,
		int keep_alive, int minor, const char *extra)
{
	struct out o = { buf, 0, cap };

	puts_(&o, "HTTP/1.1 ");
	put_num(&o, (uint64_t)status);
	put(&o, " ", 1);
	puts_(&o, http_reason(status));
	puts_(&o, "\r\nServer: " SERVER "\r\nContent-Type: ");
	puts_(&o, type);
	puts_(&o, "\r\nContent-Length: ");
	put_num(&o, len);
	puts_(&o, "\r\n");
	if (!keep_alive)
		puts_(&o, "Connection: close\r\n");
	else if (minor == 0)
		puts_(&o, "Connection: keep-alive\r\n");
	if (extra)
		puts_(&o, extra);
	puts_(&o, "\r\n");
	return o.len <= cap ? (int)o.len : -1;
}

/* An error or redirect with a short HTML body. */
static int send_status(struct conn_buf *b, int fd, int status, int head_only,
		       int keep_alive, int minor, const char *extra)
{
	char body[160];
	int blen = snprintf(body, sizeof(body), "<!DOCTYPE html>\n<h1>%d %s</h1>\n", status,
			    http_reason(status));
	int n = head(b->out, sizeof(b->out) - sizeof(body), status,
		     "text/html; charset=utf-8", (uint64_t)blen, keep_alive, minor, extra);

	if (n < 0)
		return -1;
	if (!head_only) {
		memcpy(b->out + n, body, (size_t)blen);
		n += blen;
	}
	return send_all(fd, b->out, (size_t)n, 0);
}

/* Stream an uncached file from the disk. */
static int send_from_disk(int fd, const struct file *f)
{
	char *chunk = malloc(HTTPD_STREAM_CHUNK);
	uint64_t off = 0;
	int err = 0;

	if (!chunk)
		return -1;
	while (!err && off < f->size) {
		size_t n = f->size - off < HTTPD_STREAM_CHUNK ? (size_t)(f->size - off) :
								HTTPD_STREAM_CHUNK;

		err = files_read(f, off, chunk, n) ||
		      send_all(fd, chunk, n, off + n < f->size);
		off += n;
	}
	free(chunk);
	return err ? -1 : 0;
}

/* "/" + path + "/", percent-encoding what is not safe in a Location header. */
static void location(char *dst, size_t cap, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	dst[n++] = '/';
	for (const unsigned char *p = (const unsigned char *)path; *p && n + 4 < cap; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p)) {
			dst[n++] = (char)*p;
		} else {
			dst[n++] = '%';
			dst[n++] = hex[*p >> 4];
			dst[n++] = hex[*p & 15];
		}
	}
	dst[n++] = '/';
	dst[n] = 0;
}

/* Answer one parsed request; -1 ends the connection. */
static int respond(struct conn_buf *b, int fd, const struct http_req *req)
{
	char path[HTTP_PATH_MAX + 16];
	const struct file *f;
	int head_only = req->method == HTTP_HEAD;
	size_t plen = strlen(req->path);

	if (req->dir || !plen) {	/* a directory's index.html */
		memcpy(path, req->path, plen);
		if (plen)
			path[plen++] = '/';
		memcpy(path + plen, "index.html", sizeof("index.html"));
		f = files_find(path);
	} else {
		f = files_find(req->path);
	}
	if (!f) {
		/* a directory named without its slash: send the client to it */
		snprintf(path, sizeof(path), "%s/index.html", req->path);
		if (!req->dir && req->path[0] && files_find(path)) {
			char loc[3 * HTTP_PATH_MAX + 16], extra[sizeof(loc) + 16];

			location(loc, sizeof(loc), req->path);
			snprintf(extra, sizeof(extra), "Location: %s\r\n", loc);
			return send_status(b, fd, 301, head_only, req->keep_alive, req->minor,
					   extra);
		}
		return send_status(b, fd, 404, head_only, req->keep_alive, req->minor, NULL);
	}
	int n = head(b->out, sizeof(b->out), 200, mime_type(f->path), f->size,
		     req->keep_alive, req->minor, NULL);

	if (n < 0)
		return -1;
	if (head_only || !f->size)
		return send_all(fd, b->out, (size_t)n, 0);
	if (f->data && f->size <= sizeof(b->out) - (size_t)n) {	/* one segment */
		memcpy(b->out + n, f->data, f->size);
		return send_all(fd, b->out, (size_t)n + f->size, 0);
	}
	if (send_all(fd, b->out, (size_t)n, 1))
		return -1;
	if (f->data)
		return send_all(fd, f->data, f->size, 0);
	return send_from_disk(fd, f);
}

/* Drop n body bytes of a request: those buffered, then those still to come. */
static int skip_body(struct conn_buf *b, int fd, uint64_t n)
{
	uint64_t from_buf = n < b->have ? n : b->have;

	memmove(b->head, b->head + from_buf, b->have - (size_t)from_buf);
	b->have -= (size_t)from_buf;
	n -= from_buf;
	while (n) {
		ssize_t got = recv(fd, b->out, n < sizeof(b->out) ? (size_t)n : sizeof(b->out), 0);

		if (got <= 0)
			return -1;
		n -= (uint64_t)got;
	}
	return 0;
}

/* Once: when the first response went out, for boot benchmarks (docs/BENCH.md). */
static void report_first_response(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	pv_info("httpd: first response %lu ns after reset, %lu ns of them idle",
		(unsigned long)pv_now_ns(), (unsigned long)pv_idle_ns());
}

void conn_serve(struct conn_buf *b, int fd)
{
	struct http_req req;

	b->have = 0;
	for (;;) {
		int r = http_parse_request(b->head, b->have, sizeof(b->head), &req);

		if (r == 0) {
			ssize_t got = recv(fd, b->head + b->have, sizeof(b->head) - b->have, 0);

			if (got <= 0)
				break;	/* closed, reset, or idle past SO_RCVTIMEO */
			b->have += (size_t)got;
			continue;
		}
		if (r < 0) {
			/* the request's end is unknown: answer, then close */
			send_status(b, fd, -r, 0, 0, 1,
				    r == -405 ? "Allow: GET, HEAD\r\n" : NULL);
			break;
		}
		memmove(b->head, b->head + r, b->have - (size_t)r);
		b->have -= (size_t)r;
		if (req.body_len && skip_body(b, fd, req.body_len))
			break;
		int err = respond(b, fd, &req);

		report_first_response();
		if (err || !req.keep_alive)
			break;
	}
	drain_and_close(fd);
}

void conn_refuse(int fd)
{
	static const char body[] = "<!DOCTYPE html>\n<h1>503 Service Unavailable</h1>\n";
	static char resp[256];
	static int len;

	if (!len)
		len = snprintf(resp, sizeof(resp),
			       "HTTP/1.1 503 Service Unavailable\r\nServer: " SERVER "\r\n"
			       "Content-Type: text/html; charset=utf-8\r\nContent-Length: %lu\r\n"
			       "Connection: close\r\nRetry-After: 1\r\n\r\n%s",
			       (unsigned long)(sizeof(body) - 1), body);
	/* never block the accept loop: with no room to send at once, just close */
	send(fd, resp, (size_t)len, MSG_DONTWAIT);
	drain_and_close(fd);
}
