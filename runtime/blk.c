/* Synchronous block I/O for threads, on top of the asynchronous device interface. */
#include <errno.h>

#include <pvkit/blk.h>
#include <pvkit/thread.h>

#include <arch/regs.h>

struct waiter {
	struct pv_waitq wq;
	int done;
};

static void req_done(struct pv_blk_req *req)
{
	struct waiter *w = req->arg;

	w->done = 1;
	pv_wake_all(&w->wq);
}

/* Device interrupts wake every thread waiting on this device: each then polls. */
static struct pv_waitq completions = PV_WAITQ_INIT;

static void blk_notify(struct pv_blk *b, void *arg)
{
	pv_wake_all(&completions);
}

int pv_blk_submit(struct pv_blk *b, struct pv_blk_req *req)
{
	if (!b->notify)
		b->notify = blk_notify;
	return b->ops->submit(b, req);
}

int pv_blk_poll(struct pv_blk *b)
{
	return b->ops->poll(b);
}

static int sync_io(struct pv_blk *b, enum pv_blk_op op, uint64_t sector, void *buf,
		   size_t len)
{
	struct waiter w = { PV_WAITQ_INIT, 0 };
	struct pv_blk_req req = {
		.op = op, .sector = sector, .buf = buf, .len = len,
		.done = req_done, .arg = &w,
	};
	int err;

	if (!b)
		return -ENODEV;
	while ((err = pv_blk_submit(b, &req)) == -EAGAIN) {
		pv_blk_poll(b);
		pv_yield();
	}
	if (err)
		return err;
	while (!w.done) {
		/* Masked from the poll to the wait: a completion interrupt in between
		 * would wake nobody and leave this thread asleep for good. */
		uint64_t flags = arch_irq_save();

		if (pv_blk_poll(b) == 0 && !w.done)
			pv_wait(&completions, 0);
		arch_irq_restore(flags);
	}
	return req.status;
}

int pv_blk_read(struct pv_blk *b, uint64_t sector, void *buf, size_t len)
{
	return sync_io(b, PV_BLK_READ, sector, buf, len);
}

int pv_blk_write(struct pv_blk *b, uint64_t sector, const void *buf, size_t len)
{
	return sync_io(b, PV_BLK_WRITE, sector, (void *)buf, len);
}

int pv_blk_flush(struct pv_blk *b)
{
	return sync_io(b, PV_BLK_FLUSH, 0, NULL, 0);
}
