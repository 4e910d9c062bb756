/* The file store (files.h): a ustar index over the block device, or the built-in
 * page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/blk.h>
#include <pvkit/log.h>

#include "config.h"
#include "files.h"
#include "page.h"
#include "ustar.h"

static struct pv_blk *disk;
static struct ustar_index idx;
static struct file *files;	/* parallel to idx.files */
static size_t nfiles;
static struct file builtin = { "index.html", 0, NULL, 0 };
static char description[64];

static int disk_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	return pv_blk_read(disk, off / PV_SECTOR_SIZE, buf, len);
}

static void note(void *ctx, const char *msg)
{
	pv_warn("httpd: %s: %s", disk->info.name, msg);
}

/* Largest read the device takes at once, in whole sectors. */
static size_t max_read(void)
{
	size_t m = disk->info.max_len ? disk->info.max_len : HTTPD_STREAM_CHUNK;

	m -= m % PV_SECTOR_SIZE;
	return m ? m : PV_SECTOR_SIZE;
}

int files_read(const struct file *f, uint64_t off, void *buf, size_t len)
{
	size_t step = max_read();
	char *p = buf;

	len = (len + PV_SECTOR_SIZE - 1) / PV_SECTOR_SIZE * PV_SECTOR_SIZE;
	for (size_t done = 0; done < len; done += step) {
		size_t n = len - done < step ? len - done : step;
		int err = disk_read(NULL, f->offset + off + done, p + done, n);

		if (err)
			return err;
	}
	return 0;
}

/* Hold files up to HTTPD_CACHE_FILE_MAX in memory, in path order, while the budget
 * lasts: serving them then never waits for the disk. */
static void fill_cache(size_t budget)
{
	size_t used = 0, cached = 0;

	for (size_t i = 0; i < nfiles; i++) {
		struct file *f = &files[i];
		size_t alloc = (f->size + PV_SECTOR_SIZE - 1) / PV_SECTOR_SIZE * PV_SECTOR_SIZE;
		char *buf;

		if (f->size > HTTPD_CACHE_FILE_MAX || used + alloc > budget)
			continue;
		if (!f->size) {
			f->data = "";
			continue;
		}
		if (!(buf = malloc(alloc)))
			break;
		if (files_read(f, 0, buf, f->size)) {
			pv_warn("httpd: %s: cannot read %s; it will be read per request",
				disk->info.name, f->path);
			free(buf);
			continue;
		}
		f->data = buf;
		used += alloc;
		cached++;
	}
	pv_info("httpd: %zu of %zu files (%zu KiB) held in memory", cached, nfiles, used / 1024);
}

int files_init(size_t cache_bytes)
{
	int n;

	builtin.data = httpd_builtin_page;
	builtin.size = httpd_builtin_page_len;
	if (!(disk = pv_blk_get(0))) {
		snprintf(description, sizeof(description), "the built-in page (no disk)");
		return 0;
	}
	n = ustar_index_build(&idx, disk_read, NULL, disk->info.sectors * PV_SECTOR_SIZE,
			      HTTPD_MAX_FILES, note, NULL);
	if (n == -EINVAL) {
		pv_err("httpd: %s is not a ustar archive (make one with "
		       "'tar --format=ustar -C DIR -cf IMAGE .')", disk->info.name);
		return -1;
	}
	if (n < 0) {
		pv_err("httpd: %s: reading the archive failed (error %d)", disk->info.name, n);
		return -1;
	}
	if (!(files = calloc(idx.count ? idx.count : 1, sizeof(*files)))) {
		pv_err("httpd: no memory for the index of %zu files", idx.count);
		return -1;
	}
	nfiles = idx.count;
	for (size_t i = 0; i < nfiles; i++)
		files[i] = (struct file){ idx.files[i].path, idx.files[i].size, NULL,
					  idx.files[i].offset };
	fill_cache(cache_bytes);
	snprintf(description, sizeof(description), "%lu files from %s", (unsigned long)nfiles,
		 disk->info.name);
	return 0;
}

const struct file *files_find(const char *path)
{
	if (!disk)
		return !strcmp(path, builtin.path) ? &builtin : NULL;

	const struct ustar_file *u = ustar_find(&idx, path);

	return u ? &files[u - idx.files] : NULL;
}

const char *files_describe(void)
{
	return description;
}
