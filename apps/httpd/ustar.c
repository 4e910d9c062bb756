/* ustar archive index (ustar.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ustar.h"

/* Header field offsets and sizes (POSIX.1-1988 ustar). */
#define F_NAME		0
#define L_NAME		100
#define F_SIZE		124
#define L_SIZE		12
#define F_CHKSUM	148
#define L_CHKSUM	8
#define F_TYPE		156
#define F_MAGIC		257
#define F_PREFIX	345
#define L_PREFIX	155

/* An octal field: digits, optionally led by spaces, ended by NUL/space or the end
 * of the field. GNU's base-256 form (high bit set) is refused: ustar never needs it
 * below 8 GiB. Returns 0 and the value, or -1. */
static int octal(const unsigned char *f, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	int digits = 0;

	while (i < len && f[i] == ' ')
		i++;
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++, digits++) {
		if (v >> 60)
			return -1;
		v = v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < len; i++)
		if (f[i] != 0 && f[i] != ' ')
			return -1;
	if (!digits)
		return -1;
	*out = v;
	return 0;
}

/* Copy a possibly unterminated field. */
static size_t field(char *dst, const unsigned char *f, size_t len)
{
	size_t n = 0;

	while (n < len && f[n])
		n++;
	memcpy(dst, f, n);
	dst[n] = 0;
	return n;
}

enum ustar_hdr ustar_parse_header(const unsigned char blk[USTAR_BLOCK],
				  char path[USTAR_PATH_MAX], char *type, uint64_t *size,
				  char *err, size_t errlen)
{
	uint64_t stored;
	unsigned long usum = 0;
	long ssum = 0;
	int zero = 1;

	for (size_t i = 0; i < USTAR_BLOCK; i++) {
		unsigned char c = (i >= F_CHKSUM && i < F_CHKSUM + L_CHKSUM) ? ' ' : blk[i];

		zero &= blk[i] == 0;
		usum += c;
		ssum += (signed char)c;	/* some old tars summed signed bytes */
	}
	if (zero)
		return USTAR_HDR_ZERO;
	if (memcmp(blk + F_MAGIC, "ustar", 5)) {
		snprintf(err, errlen, "no ustar magic");
		return USTAR_HDR_BAD;
	}
	if (octal(blk + F_CHKSUM, L_CHKSUM, &stored) ||
	    (stored != usum && (long)stored != ssum)) {
		snprintf(err, errlen, "header checksum mismatch");
		return USTAR_HDR_BAD;
	}
	if (octal(blk + F_SIZE, L_SIZE, size)) {
		snprintf(err, errlen, "size field is not octal");
		return USTAR_HDR_BAD;
	}
	size_t n = field(path, blk + F_PREFIX, L_PREFIX);

	if (n)
		path[n++] = '/';
	field(path + n, blk + F_NAME, L_NAME);
	*type = (char)blk[F_TYPE];
	return USTAR_HDR_OK;
}

/* Rewrite path in place without "", "." parts; -1 if it has a ".." part or
 * nothing is left. */
static int normalise(char *path)
{
	size_t out = 0, i = 0, len = strlen(path);

	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		size_t seg = j - i;

		if (seg == 2 && path[i] == '.' && path[i + 1] == '.')
			return -1;
		if (seg && !(seg == 1 && path[i] == '.')) {
			if (out)
				path[out++] = '/';
			memmove(path + out, path + i, seg);
			out += seg;
		}
		i = j + 1;
	}
	path[out] = 0;
	return out ? 0 : -1;
}

static void __attribute__((format(printf, 3, 4)))
notef(ustar_note_fn note, void *ctx, const char *fmt, ...)
{
	char msg[USTAR_PATH_MAX + 100];
	va_list ap;

	if (!note)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	note(ctx, msg);
}

static int add(struct ustar_index *idx, const char *path, uint64_t offset, uint64_t size,
	       unsigned seq)
{
	if (idx->count == idx->cap) {
		size_t cap = idx->cap ? idx->cap * 2 : 16;
		struct ustar_file *f = realloc(idx->files, cap * sizeof(*f));

		if (!f)
			return -ENOMEM;
		idx->files = f;
		idx->cap = cap;
	}
	char *p = strdup(path);

	if (!p)
		return -ENOMEM;
	idx->files[idx->count++] = (struct ustar_file){ p, offset, size, seq };
	return 0;
}

static int by_path_then_seq(const void *a, const void *b)
{
	const struct ustar_file *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sort, then keep only the last entry of each path. */
static void finish(struct ustar_index *idx)
{
	size_t out = 0;

	if (!idx->count)
		return;
	qsort(idx->files, idx->count, sizeof(idx->files[0]), by_path_then_seq);
	for (size_t i = 0; i < idx->count; i++) {
		if (i + 1 < idx->count && !strcmp(idx->files[i].path, idx->files[i + 1].path)) {
			free(idx->files[i].path);
			continue;
		}
		idx->files[out++] = idx->files[i];
	}
	idx->count = out;
}

int ustar_index_build(struct ustar_index *idx, ustar_read_fn read, void *read_ctx,
		      uint64_t image_size, size_t max_files, ustar_note_fn note,
		      void *note_ctx)
{
	unsigned char blk[USTAR_BLOCK];
	char path[USTAR_PATH_MAX], err[64];
	uint64_t off = 0, size;
	unsigned seq = 0;
	char type;
	int r;

	memset(idx, 0, sizeof(*idx));
	for (; off + USTAR_BLOCK <= image_size; seq++) {
		if ((r = read(read_ctx, off, blk, USTAR_BLOCK)) < 0) {
			notef(note, note_ctx, "read error at offset %llu", (unsigned long long)off);
			if (!off)
				return r;
			break;
		}
		enum ustar_hdr h = ustar_parse_header(blk, path, &type, &size, err, sizeof(err));

		if (h == USTAR_HDR_ZERO)
			break;
		if (h == USTAR_HDR_BAD) {
			if (!off)
				return -EINVAL;
			notef(note, note_ctx, "bad header (%s) at offset %llu; index ends there",
			      err, (unsigned long long)off);
			break;
		}
		uint64_t data = off + USTAR_BLOCK;
		uint64_t padded = (size + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;

		if (size > image_size || padded > image_size - data) {
			notef(note, note_ctx, "entry %s extends past the end of the image "
			      "(%llu bytes); index ends there", path, (unsigned long long)size);
			break;
		}
		off = data + padded;
		if (type == '5' || type == 'x' || type == 'g')
			continue;
		if (type != '0' && type != 0 && type != '7') {
			idx->skipped++;
			notef(note, note_ctx, "skipped %s: not a regular file (type '%c')", path,
			      type >= 0x20 && type < 0x7f ? type : '?');
			continue;
		}
		char raw[USTAR_PATH_MAX];

		memcpy(raw, path, sizeof(raw));
		if (normalise(path)) {
			idx->skipped++;
			notef(note, note_ctx, "skipped %s: a '..' part or no name", raw);
			continue;
		}
		if (idx->count >= max_files) {
			idx->skipped++;
			notef(note, note_ctx, "skipped %s: more than %lu files", path,
			      (unsigned long)max_files);
			continue;
		}
		if ((r = add(idx, path, data, size, seq)) < 0) {
			finish(idx);
			return r;
		}
	}
	finish(idx);
	return (int)idx->count;
}

const struct ustar_file *ustar_find(const struct ustar_index *idx, const char *path)
{
	size_t lo = 0, hi = idx->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, idx->files[mid].path);

		if (!c)
			return &idx->files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void ustar_index_free(struct ustar_index *idx)
{
	for (size_t i = 0; i < idx->count; i++)
		free(idx->files[i].path);
	free(idx->files);
	memset(idx, 0, sizeof(*idx));
}
