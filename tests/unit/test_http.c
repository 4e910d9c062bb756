/* apps/httpd/http_parse.c and mime.c: request heads, good and hostile. */
#include <stdlib.h>

#include "httpd/http_parse.h"
#include "httpd/mime.h"
#include "tap.h"

#define MAX 8192

static struct http_req req;

static int parse(const char *s)
{
	return http_parse_request(s, strlen(s), MAX, &req);
}

/* Every prefix of a valid head is "incomplete", never an error. */
static int prefixes_incomplete(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i + 1 < len; i++)
		if (http_parse_request(s, i, MAX, &req) != 0)
			return 0;
	return 1;
}

int main(void)
{
	const char *get = "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n";
	char big[MAX + 100];

	is_int(parse(get), (int)strlen(get), "simple GET: head length");
	ok(req.method == HTTP_GET && req.minor == 1 && req.keep_alive && !req.dir,
	   "GET, 1.1, keep-alive by default");
	is_str(req.path, "index.html", "path without the leading slash");
	ok(prefixes_incomplete(get), "every prefix is incomplete");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next"), 27, "pipelined: first head");
	ok(req.dir && req.path[0] == 0, "root is a directory, empty path");

	parse("HEAD /a/b/ HTTP/1.0\r\n\r\n");
	ok(req.method == HTTP_HEAD && req.minor == 0 && !req.keep_alive && req.dir,
	   "HEAD, 1.0 closes by default, trailing slash");
	is_str(req.path, "a/b", "directory path");
	parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
	ok(req.keep_alive, "1.0 with Connection: keep-alive");
	parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n");
	ok(!req.keep_alive, "Connection list with close");
	ok(parse("GET / HTTP/1.1\nHost: x\n\n") > 0, "bare LF line ends");
	ok(parse("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n") > 0, "leading empty lines");
	parse("GET /%7euser/a%20b.txt?q=1#f HTTP/1.1\r\nHost: x\r\n\r\n");
	is_str(req.path, "~user/a b.txt", "percent-decoding, query dropped");
	parse("GET //a/./b//c HTTP/1.1\r\nHost: x\r\n\r\n");
	is_str(req.path, "a/b/c", "empty and '.' segments removed");
	parse("GET http://example.com/x/y HTTP/1.1\r\nHost: example.com\r\n\r\n");
	is_str(req.path, "x/y", "absolute-form target");
	parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n");
	ok(req.body_len == 12, "Content-Length read");

	/* traversal, in every spelling */
	is_int(parse("GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "'..' refused");
	is_int(parse("GET /a/%2e%2e/%2E%2E/x HTTP/1.1\r\nHost: x\r\n\r\n"), -400,
	       "encoded '..' refused");
	is_int(parse("GET /a/..%2fb HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "'..' before %%2f refused");
	is_int(parse("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "%%00 refused");
	is_int(parse("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "bad escape");
	is_int(parse("GET /a% HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "truncated escape");
	is_int(parse("GET a HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "target without '/'");

	/* malformed */
	is_int(parse("garbage\r\n\r\n"), -400, "no spaces");
	is_int(parse("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "double space");
	is_int(parse("G@T / HTTP/1.1\r\nHost: x\r\n\r\n"), -400, "bad method char");
	is_int(parse("GET / HTTP/1.1\r\n\r\n"), -400, "1.1 without Host");
	is_int(parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), -400, "two Hosts");
	is_int(parse("GET / HTTP/1.1\r\nHost : x\r\n\r\n"), -400, "space before colon");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n"), -400, "obs-fold");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n"), -400, "header without colon");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n"), -400, "bare CR");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nX: a\x01\r\n\r\n"), -400, "control char");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n"), -400,
	       "bad Content-Length");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
	       -400, "conflicting Content-Length");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
	       -400, "overflowing Content-Length");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"), -413,
	       "body too large");
	is_int(parse("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), -501,
	       "transfer coding");
	is_int(parse("POST / HTTP/1.1\r\nHost: x\r\n\r\n"), -405, "POST");
	is_int(parse("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\n"), -405, "DELETE");
	is_int(parse("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), -505, "HTTP/2.0");
	is_int(parse("GET / HTTP/1.2\r\nHost: x\r\n\r\n"), -505, "HTTP/1.2");
	is_int(parse("GET / HTTQ/1.1\r\nHost: x\r\n\r\n"), -400, "not HTTP");
	is_int(parse("\x16\x03\x01\x02\x00"), -400, "TLS hello fails at once");
	is_int(parse("GET /\x80 HTTP/1.1\r\n"), -400, "high byte in the target");

	/* limits */
	memset(big, 'a', sizeof(big));
	memcpy(big, "GET /", 5);
	is_int(http_parse_request(big, MAX, MAX, &req), -414, "request line over the limit");
	int n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\nHost: x\r\n");

	while (n < MAX)
		big[n++] = 'h';
	is_int(http_parse_request(big, MAX, MAX, &req), -431, "headers over the limit");
	n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\nHost: x\r\n");
	for (int i = 0; i <= HTTP_MAX_HEADERS; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n, "X%d: y\r\n", i);
	n += snprintf(big + n, sizeof(big) - (size_t)n, "\r\n");
	is_int(http_parse_request(big, (size_t)n, MAX, &req), -431, "too many headers");
	n = snprintf(big, sizeof(big), "GET /");
	for (int i = 0; i < HTTP_PATH_MAX; i++)
		big[n++] = 'p';
	n += snprintf(big + n, sizeof(big) - (size_t)n, " HTTP/1.1\r\nHost: x\r\n\r\n");
	is_int(http_parse_request(big, (size_t)n, MAX, &req), -414, "path over HTTP_PATH_MAX");

	is_str(http_reason(404), "Not Found", "reason 404");
	is_str(http_reason(431), "Request Header Fields Too Large", "reason 431");
	is_str(http_reason(999), "Unknown", "unknown status");

	is_str(mime_type("index.html"), "text/html; charset=utf-8", "html");
	is_str(mime_type("a/b/STYLE.CSS"), "text/css; charset=utf-8", "css, upper case");
	is_str(mime_type("x.png"), "image/png", "png");
	is_str(mime_type("archive.tar.gz"), "application/gzip", "last extension counts");
	is_str(mime_type("README"), "application/octet-stream", "no extension");
	is_str(mime_type("dir.d/file"), "application/octet-stream", "dot in a directory only");
	is_str(mime_type(".htaccess"), "application/octet-stream", "dotfile");
	return done_testing();
}
