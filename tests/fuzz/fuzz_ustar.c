/* The ustar index (apps/httpd/ustar.c) over an arbitrary image.
 * fuzz-sources: apps/httpd/ustar.c
 * Invariants: every indexed file's data lies inside the image, sector-aligned; every
 * indexed path is found again. */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "httpd/ustar.h"

struct image {
	const uint8_t *p;
	size_t len;
};

static int rd(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct image *im = ctx;

	if (off > im->len || len > im->len - off)
		return -EIO;
	memcpy(buf, im->p + off, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image im = { data, size };
	struct ustar_index idx;
	int n = ustar_index_build(&idx, rd, &im, size - size % USTAR_BLOCK, 64, NULL, NULL);

	if (n > 0) {
		for (size_t i = 0; i < idx.count; i++) {
			const struct ustar_file *f = &idx.files[i];

			assert(f->offset % USTAR_BLOCK == 0 && f->offset <= size &&
			       f->size <= size - f->offset);
			assert(ustar_find(&idx, f->path) == f);
			assert(f->path[0] && f->path[0] != '/' && !strstr(f->path, "//"));
		}
	}
	ustar_index_free(&idx);
	return 0;
}
