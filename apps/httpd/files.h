/*
 * What httpd serves: the regular files of a ustar archive on the first block
 * device (docs/APPS.md: building one), or a built-in page when there is no disk.
 * Small files are held in memory from boot; the rest are read from the disk per
 * request.
 */
#ifndef HTTPD_FILES_H
#define HTTPD_FILES_H

#include <stddef.h>
#include <stdint.h>

struct file {
	const char *path;
	uint64_t size;
	const char *data;	/* the contents in memory, or NULL: read with files_read */
	uint64_t offset;	/* on the disk, a multiple of 512 */
};

/* Index the disk's archive, or set up the built-in page. cache_bytes bounds the
 * memory held for file contents. Returns 0, or -1 after logging why (a disk that is
 * not a ustar archive, or unreadable). */
int files_init(size_t cache_bytes);

/* The file at a normalised path ("" is the root), or NULL. */
const struct file *files_find(const char *path);

/* Read len bytes at off (a multiple of 512) of f into buf (room for len rounded up
 * to 512). Returns 0 or a negative errno. */
int files_read(const struct file *f, uint64_t off, void *buf, size_t len);

/* For the startup line: "12 files from virtio-blk0" or "the built-in page". */
const char *files_describe(void);

#endif
