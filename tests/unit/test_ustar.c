/* apps/httpd/ustar.c: archives from the host's GNU tar, and hand-made hostile ones. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "httpd/ustar.h"
#include "tap.h"

struct image {
	unsigned char *p;
	size_t len;
	int fail_at;		/* fail reads at this block index (-1: never) */
};

static int mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	struct image *im = ctx;

	if (im->fail_at >= 0 && off / USTAR_BLOCK == (uint64_t)im->fail_at)
		return -EIO;
	if (off > im->len || len > im->len - off)
		return -EIO;
	memcpy(buf, im->p + off, len);
	return 0;
}

static int notes;
static void note(void *ctx, const char *msg)
{
	notes++;
	printf("# note: %s\n", msg);
}

/* A header block in the ustar format, checksum included. */
static void header(unsigned char *b, const char *prefix, const char *name, char type,
		   uint64_t size)
{
	unsigned sum = 0;

	memset(b, 0, USTAR_BLOCK);
	memcpy(b, name, strnlen(name, 100));
	memcpy(b + 345, prefix, strnlen(prefix, 155));
	snprintf((char *)b + 100, 8, "%07o", 0644);
	snprintf((char *)b + 124, 12, "%011llo", (unsigned long long)size);
	b[156] = (unsigned char)type;
	memcpy(b + 257, "ustar", 6);
	memcpy(b + 263, "00", 2);
	memset(b + 148, ' ', 8);
	for (int i = 0; i < USTAR_BLOCK; i++)
		sum += b[i];
	snprintf((char *)b + 148, 8, "%06o", sum);
}

static int build(struct ustar_index *idx, struct image *im)
{
	notes = 0;
	return ustar_index_build(idx, mem_read, im, im->len, 100, note, NULL);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	fwrite(data, 1, len, f);
	fclose(f);
}

static void gnu_tar(void)
{
	char dir[] = "/tmp/pvkit-ustar-XXXXXX", cmd[300], path[200];
	static char big[70000];
	struct ustar_index idx;
	struct image im = { NULL, 0, -1 };
	size_t cap = 0;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/site", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/site/sub", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/site/index.html", dir);
	write_file(path, "<h1>hi</h1>\n", 12);
	snprintf(path, sizeof(path), "%s/site/empty.txt", dir);
	write_file(path, "", 0);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	snprintf(path, sizeof(path), "%s/site/sub/big.bin", dir);
	write_file(path, big, sizeof(big));
	snprintf(cmd, sizeof(cmd), "ln -s index.html %s/site/link.html && "
		 "tar --format=ustar -C %s/site -cf %s/img.tar .", dir, dir, dir);
	ok(system(cmd) == 0, "GNU tar made an archive");
	snprintf(path, sizeof(path), "%s/img.tar", dir);
	FILE *f = fopen(path, "rb");

	if (f) {
		cap = 1 << 20;
		im.p = malloc(cap);
		im.len = fread(im.p, 1, cap, f);
		fclose(f);
	}
	is_int(build(&idx, &im), 3, "three regular files indexed");
	is_int(idx.skipped, 1, "the symlink skipped");
	const struct ustar_file *a = ustar_find(&idx, "index.html");
	const struct ustar_file *b = ustar_find(&idx, "sub/big.bin");
	const struct ustar_file *e = ustar_find(&idx, "empty.txt");

	ok(a && a->size == 12 && a->offset % 512 == 0 &&
	   !memcmp(im.p + a->offset, "<h1>hi</h1>\n", 12), "index.html: size, aligned data");
	ok(b && b->size == sizeof(big) && !memcmp(im.p + b->offset, big, sizeof(big)),
	   "sub/big.bin: 70000 bytes intact");
	ok(e && e->size == 0, "empty file");
	ok(!ustar_find(&idx, "sub") && !ustar_find(&idx, "link.html") && !ustar_find(&idx, "nope"),
	   "directories, links, missing names not found");
	ustar_index_free(&idx);
	free(im.p);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		printf("# could not remove %s\n", dir);
}

int main(void)
{
	static unsigned char buf[64 * USTAR_BLOCK];
	struct image im = { buf, sizeof(buf), -1 };
	struct ustar_index idx;
	char path[USTAR_PATH_MAX], type, err[64];
	uint64_t size;

	gnu_tar();

	/* prefix + name, normalisation, duplicates (the later wins), hostile paths */
	memset(buf, 0, sizeof(buf));
	header(buf, "deep/dir", "file.txt", '0', 5);
	memcpy(buf + 512, "hello", 5);
	header(buf + 1024, "", "./a//b/./c.txt", '0', 1);
	header(buf + 2048, "", "/etc/../x", '0', 0);
	header(buf + 2560, "", "dup", '0', 3);
	memcpy(buf + 3072, "one", 3);
	header(buf + 3584, "", "dup", '0', 3);
	memcpy(buf + 4096, "two", 3);
	header(buf + 4608, "", "pax", 'x', 10);
	header(buf + 5632, "", "dev", '3', 0);
	header(buf + 6144, "", "./", '5', 0);
	is_int(build(&idx, &im), 3, "3 files from hand-made headers");
	ok(ustar_find(&idx, "deep/dir/file.txt") != NULL, "prefix/name joined");
	ok(ustar_find(&idx, "a/b/c.txt") != NULL, "path normalised");
	const struct ustar_file *d = ustar_find(&idx, "dup");

	ok(d && !memcmp(buf + d->offset, "two", 3), "a duplicate path: the later entry wins");
	is_int(idx.skipped, 2, "'..' path and device skipped");
	ustar_index_free(&idx);

	/* a bad checksum later on ends the index there */
	memset(buf, 0, sizeof(buf));
	header(buf, "", "ok.txt", '0', 0);
	header(buf + 512, "", "bad.txt", '0', 0);
	buf[512 + 10] ^= 1;
	is_int(build(&idx, &im), 1, "index stops at a bad checksum");
	ok(notes == 1, "and notes it");
	ustar_index_free(&idx);

	/* not an archive at all */
	memset(buf, 'x', sizeof(buf));
	is_int(build(&idx, &im), -EINVAL, "not an archive: -EINVAL");
	memset(buf, 0, sizeof(buf));
	is_int(build(&idx, &im), 0, "all zeros: an empty archive");

	/* size past the end of the image */
	header(buf, "", "huge", '0', 1ull << 32);
	is_int(build(&idx, &im), 0, "entry larger than the image ignored");
	ok(notes == 1, "and noted");
	header(buf, "", "edge", '0', sizeof(buf) - 512);
	is_int(build(&idx, &im), 1, "entry filling the image exactly");
	ustar_index_free(&idx);

	/* read errors */
	memset(buf, 0, sizeof(buf));
	header(buf, "", "a", '0', 0);
	header(buf + 512, "", "b", '0', 0);
	im.fail_at = 1;
	is_int(build(&idx, &im), 1, "read error after the first header: index so far");
	ustar_index_free(&idx);
	im.fail_at = 0;
	is_int(build(&idx, &im), -EIO, "read error on the first header: the error");
	im.fail_at = -1;

	/* header fields */
	header(buf, "", "n", '0', 0);
	memcpy(buf + 124, "12345678901x", 12);
	ok(ustar_parse_header(buf, path, &type, &size, err, sizeof(err)) == USTAR_HDR_BAD,
	   "non-octal size refused (checksum recomputed or not)");
	header(buf, "", "n", '0', 0);
	buf[124] = (char)0x80;		/* GNU base-256 */
	ok(ustar_parse_header(buf, path, &type, &size, err, sizeof(err)) == USTAR_HDR_BAD,
	   "base-256 size refused");
	char name100[101];

	memset(name100, 'n', 100);
	name100[100] = 0;
	header(buf, "", name100, '0', 0);
	ok(ustar_parse_header(buf, path, &type, &size, err, sizeof(err)) == USTAR_HDR_OK &&
	   strlen(path) == 100, "a 100-byte name without NUL");
	return done_testing();
}
