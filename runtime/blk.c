/* Synchronous block I/O for threads, on top of the asynchronous device interface. */
#include <errno.h>

#include <pvkit/blk.h>
#include <pvkit/thread.h>

/* Threads waiting for their requests sleep on this event. A device interrupt
 * signals it and each waiter polls; a completion found by any thread's poll signals
 * it too, since it may be another thread's request (its owner sleeps here, not on
 * a queue of its own). The event count makes "poll found nothing, so sleep" one
 * step: an interrupt in between makes the sleep return at once. */
static struct pv_event completions = PV_EVENT_INIT;

static void req_done(struct pv_blk_req *req)
{
	*(volatile int *)req->arg = 1;
	pv_event_signal(&completions);
}

static void blk_notify(struct pv_blk *b, void *arg)
{
	pv_event_signal(&completions);
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
		unsigned seen = pv_event_read(&completions);

		if (pv_blk_poll(b) == 0 && !done)
			pv_event_wait(&completions, seen, 0);
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
