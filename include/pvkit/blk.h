/*
 * Block devices, whatever is behind them (virtio-blk, Xen blkfront). Requests are
 * asynchronous underneath; pv_blk_read/write/flush wrap them for threads that just
 * want to wait.
 *
 * Durability contract: a write is durable only after a later flush has completed with
 * status 0. Implementations pass flushes through to the medium (virtio FLUSH, blkif
 * FLUSH_DISKCACHE) and complete them only when the device has.
 */
#ifndef PVKIT_BLK_H
#define PVKIT_BLK_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#define PV_SECTOR_SIZE	512

struct pv_blk;

enum pv_blk_op { PV_BLK_READ, PV_BLK_WRITE, PV_BLK_FLUSH };

struct pv_blk_req {
	enum pv_blk_op op;		/* IN */
	uint64_t sector;		/* IN: in PV_SECTOR_SIZE units */
	void *buf;			/* IN: read into / write from (NULL for flush) */
	size_t len;			/* IN: multiple of PV_SECTOR_SIZE, 0 for flush */
	int status;			/* OUT: 0, -EIO, -EROFS, -EINVAL */
	void (*done)(struct pv_blk_req *req);	/* IN: runs from pv_blk_poll() */
	void *arg;			/* IN: for done() */
	struct pv_blk_req *next;	/* owned by the driver while queued */
	uint64_t drv[2];		/* owned by the driver while queued */
};

struct pv_blk_info {
	const char *name;		/* "virtio-blk0", "xvda" */
	uint64_t sectors;		/* capacity */
	int read_only;
	unsigned max_inflight;		/* requests the device accepts at once */
	size_t max_len;			/* largest len of one request */
};

/* The checks every driver's submit makes, in this order (so that every block device
 * fails a bad request the same way): 0, -EINVAL (bad op, buffer, length, alignment or
 * range) or -EROFS (a write to a read-only device). */
static inline int pv_blk_req_check(const struct pv_blk_info *info,
				   const struct pv_blk_req *r)
{
	uint64_t n;

	if (r->op == PV_BLK_FLUSH)
		return r->len ? -EINVAL : 0;
	if (r->op != PV_BLK_READ && r->op != PV_BLK_WRITE)
		return -EINVAL;
	if (!r->buf || !r->len || r->len % PV_SECTOR_SIZE || r->len > info->max_len)
		return -EINVAL;
	n = r->len / PV_SECTOR_SIZE;
	if (r->sector >= info->sectors || n > info->sectors - r->sector)
		return -EINVAL;
	if (r->op == PV_BLK_WRITE && info->read_only)
		return -EROFS;
	return 0;
}

/* A driver's side. submit MUST validate the request (range, alignment, read-only)
 * and fail it with -EINVAL/-EROFS through done(), never touch memory outside buf.
 * It returns 0 once queued, -EAGAIN when max_inflight requests are already queued.
 * poll completes finished requests (calling done) and returns how many. */
struct pv_blk_ops {
	int (*submit)(struct pv_blk *b, struct pv_blk_req *req);
	int (*poll)(struct pv_blk *b);
};

struct pv_blk {
	const struct pv_blk_ops *ops;
	struct pv_blk_info info;
	void *priv;			/* the driver's */
	/* Set by the device's user; the driver calls it from its interrupt handler when
	 * requests have completed (then the user calls pv_blk_poll in thread context). */
	void (*notify)(struct pv_blk *b, void *arg);
	void *notify_arg;
	struct pv_blk *next;		/* registry link */
};

/* Registry: drivers register at probe time; users look devices up by index (0 = the
 * first found, in DT order). pv_blk_get returns NULL when there is no such device. */
void pv_blk_register(struct pv_blk *b);
struct pv_blk *pv_blk_get(unsigned index);

int pv_blk_submit(struct pv_blk *b, struct pv_blk_req *req);
int pv_blk_poll(struct pv_blk *b);

/* Synchronous helpers for threads (runtime only): wait for completion, return status. */
int pv_blk_read(struct pv_blk *b, uint64_t sector, void *buf, size_t len);
int pv_blk_write(struct pv_blk *b, uint64_t sector, const void *buf, size_t len);
int pv_blk_flush(struct pv_blk *b);

#endif
