/* HTTP/1.x request-head parser (http_parse.h). */
#include <string.h>

#include "http_parse.h"

/* Raw request-target bytes accepted before the path is decoded: enough for a
 * fully percent-encoded HTTP_PATH_MAX path plus a query. */
#define TARGET_MAX	(4 * HTTP_PATH_MAX)

struct line {
	const char *p;
	size_t len;
};

/* RFC 9110 tchar: the characters of methods and header names. */
static int is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int eq_nocase(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b);

	if (alen != blen)
		return 0;
	for (size_t i = 0; i < alen; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The next line from *pos: its bytes without CR LF / LF. Returns 1 with *l set,
 * 0 if no complete line is buffered, -1 for a CR not followed by LF. */
static int next_line(const char *buf, size_t len, size_t *pos, struct line *l)
{
	const char *start = buf + *pos;
	const char *nl = memchr(start, '\n', len - *pos);
	size_t n;

	if (!nl)
		return 0;
	n = (size_t)(nl - start);
	if (n && start[n - 1] == '\r')
		n--;
	if (memchr(start, '\r', n))
		return -1;
	l->p = start;
	l->len = n;
	*pos += (size_t)(nl - start) + 1;
	return 1;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (unsigned char)lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decode target[0..len) up to '?' or '#', then rebuild it from its
 * segments without empty and "." ones; ".." is refused (400) rather than resolved,
 * so no spelling of a path can leave the document root. */
static int decode_path(const char *t, size_t len, struct http_req *req)
{
	char dec[TARGET_MAX];
	size_t n = 0, out = 0;

	for (size_t i = 0; i < len && t[i] != '?' && t[i] != '#'; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '%') {
			int hi = i + 2 < len ? hexval((unsigned char)t[i + 1]) : -1;
			int lo = hi >= 0 ? hexval((unsigned char)t[i + 2]) : -1;

			if (lo < 0)
				return -400;
			c = (unsigned char)(hi << 4 | lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return -400;
		dec[n++] = (char)c;
	}
	req->dir = n == 0 || dec[n - 1] == '/';
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && dec[j] != '/')
			j++;
		size_t seg = j - i;

		if (seg == 2 && dec[i] == '.' && dec[i + 1] == '.')
			return -400;
		if (seg && !(seg == 1 && dec[i] == '.')) {
			if (out + (out ? 1 : 0) + seg >= HTTP_PATH_MAX)
				return -414;
			if (out)
				req->path[out++] = '/';
			memcpy(req->path + out, dec + i, seg);
			out += seg;
		}
		i = j + 1;
	}
	req->path[out] = 0;
	return 0;
}

/* "GET /path HTTP/1.1" */
static int parse_request_line(const struct line *l, struct http_req *req)
{
	const char *p = l->p, *end = l->p + l->len, *sp1, *sp2;
	size_t mlen;

	sp1 = memchr(p, ' ', l->len);
	if (!sp1 || sp1 == p)
		return -400;
	mlen = (size_t)(sp1 - p);
	for (size_t i = 0; i < mlen; i++)
		if (!is_tchar((unsigned char)p[i]))
			return -400;
	if (mlen == 3 && !memcmp(p, "GET", 3))
		req->method = HTTP_GET;
	else if (mlen == 4 && !memcmp(p, "HEAD", 4))
		req->method = HTTP_HEAD;
	else
		req->method = HTTP_OTHER;

	const char *t = sp1 + 1;

	sp2 = memchr(t, ' ', (size_t)(end - t));
	if (!sp2 || sp2 == t)
		return -400;
	size_t tlen = (size_t)(sp2 - t);
	const char *v = sp2 + 1;
	size_t vlen = (size_t)(end - v);

	for (size_t i = 0; i < tlen; i++)
		if ((unsigned char)t[i] <= 0x20 || (unsigned char)t[i] >= 0x7f)
			return -400;
	if (vlen != 8 || memcmp(v, "HTTP/", 5) || v[6] != '.' ||
	    v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
		return -400;
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1'))
		return -505;
	req->minor = v[7] - '0';
	req->keep_alive = req->minor == 1;

	/* absolute-form (proxies send it; RFC 9112 says servers accept it too) */
	if (tlen > 7 && eq_nocase(t, 7, "http://")) {
		const char *slash = memchr(t + 7, '/', tlen - 7);

		if (!slash)
			return -400;
		tlen -= (size_t)(slash - t);
		t = slash;
	}
	if (t[0] != '/')
		return -400;
	if (tlen > TARGET_MAX)
		return -414;
	return decode_path(t, tlen, req);
}

static int parse_content_length(const char *v, size_t len, uint64_t *out)
{
	uint64_t n = 0;

	if (!len)
		return -400;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9' || n > (UINT64_MAX - 9) / 10)
			return -400;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	*out = n;
	return 0;
}

/* Connection: a comma-separated list of options. */
static void parse_connection(const char *v, size_t len, struct http_req *req)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
			i++;
		size_t s = i;

		while (i < len && v[i] != ',' && v[i] != ' ' && v[i] != '\t')
			i++;
		if (eq_nocase(v + s, i - s, "close"))
			req->keep_alive = 0;
		else if (eq_nocase(v + s, i - s, "keep-alive"))
			req->keep_alive = 1;
	}
}

struct head_state {
	int hosts, have_len, close_seen;
	uint64_t len;
};

static int parse_header(const struct line *l, struct http_req *req, struct head_state *st)
{
	const char *colon = memchr(l->p, ':', l->len);
	size_t nlen, vlen;
	const char *v;

	if (!colon || colon == l->p)
		return -400;
	nlen = (size_t)(colon - l->p);
	for (size_t i = 0; i < nlen; i++)
		if (!is_tchar((unsigned char)l->p[i]))
			return -400;	/* also a space before the colon, or obs-fold */
	v = colon + 1;
	vlen = l->len - nlen - 1;
	while (vlen && (*v == ' ' || *v == '\t'))
		v++, vlen--;
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	for (size_t i = 0; i < vlen; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return -400;
	}
	if (eq_nocase(l->p, nlen, "host")) {
		st->hosts++;
	} else if (eq_nocase(l->p, nlen, "content-length")) {
		uint64_t n;

		if (parse_content_length(v, vlen, &n) || (st->have_len && n != st->len))
			return -400;
		st->have_len = 1;
		st->len = n;
	} else if (eq_nocase(l->p, nlen, "transfer-encoding")) {
		return -501;	/* no transfer-coded request bodies */
	} else if (eq_nocase(l->p, nlen, "connection")) {
		parse_connection(v, vlen, req);
		if (!req->keep_alive)
			st->close_seen = 1;
	}
	return 0;
}

/* Only printable ASCII and spaces may start a request: fail garbage at once instead
 * of buffering it until the head limit. */
static int plausible_prefix(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n')
			break;
		if ((c < 0x20 && c != '\r') || c >= 0x7f)
			return 0;
	}
	return 1;
}

int http_parse_request(const char *buf, size_t len, size_t max_len, struct http_req *req)
{
	struct head_state st = { 0 };
	struct line l;
	size_t pos = 0;
	int r, nheaders = 0;

	memset(req, 0, sizeof(*req));
	/* RFC 9112 2.2: ignore empty lines before the request line. */
	while (pos < len && (buf[pos] == '\r' || buf[pos] == '\n')) {
		if (buf[pos] == '\r' && (pos + 1 >= len || buf[pos + 1] != '\n'))
			break;
		pos += buf[pos] == '\r' ? 2 : 1;
	}
	r = next_line(buf, len, &pos, &l);
	if (r < 0)
		return -400;
	if (r == 0) {
		if (!plausible_prefix(buf + pos, len - pos))
			return -400;
		return len >= max_len ? -414 : 0;
	}
	if ((r = parse_request_line(&l, req)) == -400 || r == -505)
		return r;
	int path_err = r;	/* 414: still read the head to report it */

	for (;;) {
		r = next_line(buf, len, &pos, &l);
		if (r < 0)
			return -400;
		if (r == 0)
			return len >= max_len ? -431 : 0;
		if (l.len == 0)
			break;
		if (l.p[0] == ' ' || l.p[0] == '\t')
			return -400;	/* obs-fold: RFC 9112 5.2 lets servers refuse it */
		if (++nheaders > HTTP_MAX_HEADERS)
			return -431;
		if ((r = parse_header(&l, req, &st)))
			return r;
	}
	if (st.close_seen)
		req->keep_alive = 0;
	if (req->minor == 1 && st.hosts != 1)
		return -400;	/* RFC 9112 3.2: exactly one Host in HTTP/1.1 */
	if (st.hosts > 1)
		return -400;
	if (path_err)
		return path_err;
	if (req->method == HTTP_OTHER)
		return -405;
	if (st.len > HTTP_MAX_BODY)
		return -413;
	req->body_len = st.len;
	return (int)pos;
}

const char *http_reason(int status)
{
	static const struct {
		int status;
		const char *reason;
	} reasons[] = {
		{ 200, "OK" },
		{ 301, "Moved Permanently" },
		{ 400, "Bad Request" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 408, "Request Timeout" },
		{ 413, "Content Too Large" },
		{ 414, "URI Too Long" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" },
		{ 501, "Not Implemented" },
		{ 503, "Service Unavailable" },
		{ 505, "HTTP Version Not Supported" },
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}
