/* HTTP request heads (apps/httpd/http_parse.c) and Content-Type lookup.
 * fuzz-sources: apps/httpd/http_parse.c apps/httpd/mime.c
 * Invariants: a parsed path never has an empty, "." or ".." segment, nor a control
 * byte; a complete head's length is within the input. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "httpd/http_parse.h"
#include "httpd/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_req req;
	int r = http_parse_request((const char *)data, size, size, &req);

	if (r > 0) {
		const char *p = req.path;

		assert((size_t)r <= size);
		assert(strlen(p) < HTTP_PATH_MAX && p[0] != '/');
		for (const char *s = p; *s;) {
			const char *e = strchr(s, '/');
			size_t n = e ? (size_t)(e - s) : strlen(s);

			assert(n > 0);
			assert(!(n == 1 && s[0] == '.') && !(n == 2 && s[0] == '.' && s[1] == '.'));
			for (size_t i = 0; i < n; i++)
				assert((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
			s += n + (e != NULL);
		}
		assert(mime_type(p) != NULL);
		/* incremental use: every shorter prefix is incomplete or the same error */
		assert(http_parse_request((const char *)data, (size_t)r - 1, size, &req) <= 0);
	} else {
		assert(r == 0 || r == -400 || r == -405 || r == -413 || r == -414 || r == -431 ||
		       r == -501 || r == -505);
	}
	return 0;
}
