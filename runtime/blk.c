/* Synchronous block I/O for threads, on top of the asynchronous device interface. */
#include <errno.h>

#include <pvkit/blk.h>
#include <pvkit/thread.h>

#include <arch/regs.h>

/* Threads waiting for their requests sleep here. A device interrupt wakes them all
 * and each polls; a completion found by any thread's poll wakes them all too, as it
 * may be another thread's request. notified records an interrupt that came while no
 * thread was asleep yet. */
static struct pv_waitq completions = PV_WAITQ_INIT;
static volatile int notified;

static void req_done(struct pv_blk_req *req)
{
	*(volatile int *)req->arg = 1;
	pv_wake_all(&completions);
}

static void blk_notify(struct pv_blk *b, void *arg)
{
	notified = 1;
	pv_wake_all(&completions);
}

/* Sleep until an interrupt or a completion, unless an interrupt came since the last
 * poll: testing the flag and sleeping with interrupts masked leaves no window for
 * the interrupt to come and go unseen between the two. */
static void wait_completion(volatile int *done)
{
	uint64_t irqs = arch_irq_save();

	if (!notified && !*done)
		pv_wait(&completions, 0);
	notified = 0;
	arch_irq_restore(irqs);
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
	volatile int done = 0;
	struct pv_blk_req req = {
		.op = op, .sector = sector, .buf = buf, .len = len,
		.done = req_done, .arg = (void *)&done,
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
	while (!done) {
		notified = 0;
		if (pv_blk_poll(b) == 0 && !done)
			wait_completion(&done);
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
