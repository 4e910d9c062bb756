/*
 * A read-only index of a ustar archive (POSIX.1-1988 "ustar", as written by GNU
 * `tar --format=ustar`), read through a callback so the same code indexes a block
 * device in the guest and a memory buffer in host tests and the fuzzer.
 *
 * Format: 512-byte header blocks, each followed by the file's data padded to 512
 * bytes; the archive ends at a zero block. Regular files ('0', NUL, '7') are
 * indexed; directories are implied by paths; pax headers ('x', 'g') are skipped; links,
 * devices, FIFOs and GNU long names are skipped with a note. Paths are normalised
 * (no "./", "/" or empty parts); a path with a ".." part is skipped. When a path
 * appears twice, the later entry wins, as when tar extracts.
 */
#ifndef HTTPD_USTAR_H
#define HTTPD_USTAR_H

#include <stddef.h>
#include <stdint.h>

#define USTAR_BLOCK	512
#define USTAR_PATH_MAX	257	/* prefix (155) + '/' + name (100) + NUL */

struct ustar_file {
	char *path;
	uint64_t offset;	/* of the first data byte in the image: a multiple of 512 */
	uint64_t size;
	unsigned seq;		/* order in the archive, for "the later entry wins" */
};

struct ustar_index {
	struct ustar_file *files;	/* sorted by path after ustar_index_build */
	size_t count, cap;
	unsigned skipped;		/* entries left out (links, "..", over the limit) */
};

/* Read len bytes (a multiple of 512) at offset (a multiple of 512) of the image.
 * Returns 0, or a negative errno. */
typedef int (*ustar_read_fn)(void *ctx, uint64_t offset, void *buf, size_t len);
/* Called with a one-line description of each skipped entry or stop. */
typedef void (*ustar_note_fn)(void *ctx, const char *msg);

enum ustar_hdr { USTAR_HDR_OK, USTAR_HDR_ZERO, USTAR_HDR_BAD };

/*
 * Decode one header block: USTAR_HDR_ZERO for an all-zero block (the end),
 * USTAR_HDR_BAD for a wrong magic, checksum or size field (why in err), else
 * USTAR_HDR_OK with the raw joined path (prefix/name), the type flag and the size.
 */
enum ustar_hdr ustar_parse_header(const unsigned char blk[USTAR_BLOCK],
				  char path[USTAR_PATH_MAX], char *type, uint64_t *size,
				  char *err, size_t errlen);

/*
 * Index the archive in an image of image_size bytes, keeping at most max_files
 * files. Returns the number of files indexed, or a negative errno if the first
 * header cannot be read or is not a ustar header (-EINVAL: "not an archive"). A bad
 * header or truncated entry later on ends the index there, with a note.
 */
int ustar_index_build(struct ustar_index *idx, ustar_read_fn read, void *read_ctx,
		      uint64_t image_size, size_t max_files, ustar_note_fn note,
		      void *note_ctx);

/* The file at a normalised path, or NULL. */
const struct ustar_file *ustar_find(const struct ustar_index *idx, const char *path);

void ustar_index_free(struct ustar_index *idx);

#endif
