/*
 * drivers/virtio/virtq.c against a fake device written here: chains, ring layout,
 * notify suppression, out-of-order completion and index wraparound, and a device that
 * breaks the rules (bad ids, double completion, lengths beyond the chain, a used index
 * running ahead, a rewritten descriptor table) being caught without the driver
 * touching anything it should not.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

#include "virtio/virtq.h"
#include "env.h"
#include "tap.h"

/* The driver environment, hosted. */
void *drv_alloc_pages(size_t n)
{
	void *p = aligned_alloc(DRV_PAGE_SIZE, n * DRV_PAGE_SIZE);

	memset(p, 0, n * DRV_PAGE_SIZE);
	return p;
}
void drv_free_pages(void *p, size_t n) { free(p); }
uint64_t drv_virt_to_phys(const void *p) { return (uint64_t)(uintptr_t)p; }

static char last_log[512];
static int nlogs;
void drv_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
	nlogs++;
}

static int notified;
static void notify(struct virtq *q) { notified++; }

/* The fake device: takes what the driver made available, returns it via used. */
static uint16_t dev_avail_seen;

static int dev_take(struct virtq *q, uint16_t *head)
{
	if (dev_avail_seen == q->avail->idx)
		return 0;
	*head = q->avail->ring[dev_avail_seen++ % q->num];
	return 1;
}

static void dev_put(struct virtq *q, uint32_t id, uint32_t len)
{
	q->used->ring[q->used->idx % q->num] = (struct virtq_used_elem){ id, len };
	q->used->idx++;
}

static void setup(struct virtq *q, unsigned num)
{
	ok(virtq_init(q, num, 0, "testq") == 0, "init %u descriptors", num);
	q->notify = notify;
	dev_avail_seen = 0;
	nlogs = 0;
}

static void layout(void)
{
	struct virtq q;

	is_int(virtq_init(&q, 3, 0, "q"), -EINVAL, "a size that is not a power of two is refused");
	is_int(virtq_init(&q, 512, 0, "q"), -EINVAL, "a size over VIRTQ_MAX_NUM is refused");
	setup(&q, 256);
	is_int(q.desc_pa, (uintptr_t)q.ring_mem, "descriptors first");
	is_int(q.avail_pa - q.desc_pa, 16 * 256, "avail ring after 256 descriptors");
	is_int(q.used_pa % VIRTQ_ALIGN, 0, "used ring on a QueueAlign boundary");
	is_int(q.used_pa - q.desc_pa, 8192, "legacy layout: used at align(16*256 + 6 + 512)");
	ok(virtq_ring_bytes(256) <= q.ring_pages * DRV_PAGE_SIZE, "ring fits its pages");
	virtq_destroy(&q);
}

static void chains(void)
{
	struct virtq q;
	int cookie[4];
	uint32_t len;
	uint16_t head;
	struct virtq_buf b[3] = { { 0x1000, 16, 0 }, { 0x2000, 512, 1 }, { 0x3000, 1, 1 } };
	struct virtq_buf bad[2] = { { 0x1000, 16, 1 }, { 0x2000, 16, 0 } };

	setup(&q, 8);
	is_int(virtq_add(&q, b, 0, &cookie[0]), -EINVAL, "empty chain refused");
	is_int(virtq_add(&q, bad, 2, &cookie[0]), -EINVAL, "readable after writable refused");
	is_int(virtq_add(&q, b, 3, NULL), -EINVAL, "NULL cookie refused");
	is_int(virtq_add(&q, b, 3, &cookie[0]), 0, "chain of 3 added");
	is_int(q.avail->idx, 1, "avail index published");
	ok(dev_take(&q, &head), "device sees it");
	ok(q.desc[head].addr == 0x1000 && q.desc[head].len == 16 &&
	   q.desc[head].flags == VIRTQ_DESC_F_NEXT, "first descriptor: readable header");
	uint16_t d2 = q.desc[head].next, d3 = q.desc[d2].next;
	ok(q.desc[d2].addr == 0x2000 &&
	   q.desc[d2].flags == (VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE),
	   "second descriptor: writable, chained");
	ok(q.desc[d3].addr == 0x3000 && q.desc[d3].flags == VIRTQ_DESC_F_WRITE,
	   "last descriptor: writable, end of chain");
	is_int(virtq_free(&q), 5, "5 descriptors left");
	is_int(virtq_add(&q, b, 3, &cookie[1]), 0, "second chain");
	is_int(virtq_add(&q, b, 3, &cookie[2]), -EAGAIN, "third does not fit in 2 free");

	notified = 0;
	virtq_kick(&q);
	is_int(notified, 1, "kick notifies");
	q.used->flags = VIRTQ_USED_F_NO_NOTIFY;
	virtq_kick(&q);
	is_int(notified, 1, "kick honours VIRTQ_USED_F_NO_NOTIFY");
	q.used->flags = 0;

	ok(virtq_get(&q, &len) == NULL, "nothing used yet");
	uint16_t h2;
	dev_take(&q, &h2);
	dev_put(&q, h2, 513);		/* out of order: the second chain first */
	ok(virtq_get(&q, &len) == &cookie[1] && len == 513, "second chain back first, len 513");
	dev_put(&q, head, 0);
	ok(virtq_get(&q, &len) == &cookie[0] && len == 0, "first chain back, len 0");
	is_int(virtq_free(&q), 8, "every descriptor free again");
	is_int(virtq_outstanding(&q), 0, "nothing outstanding");
	ok(!q.broken && nlogs == 0, "no complaints about a well-behaved device");
	virtq_destroy(&q);
}

/* Many rounds of chains of 1..4 descriptors: indexes wrap the ring (and 16 bits). */
static void wraparound(void)
{
	struct virtq q;
	int cookies[16], bad = 0;
	unsigned rounds = 70000;
	uint32_t len;
	uint16_t head;

	setup(&q, 16);
	for (unsigned r = 0; r < rounds && !bad; r++) {
		unsigned n = 1 + r % 4;
		struct virtq_buf b[4];

		for (unsigned i = 0; i < n; i++)
			b[i] = (struct virtq_buf){ 0x1000 * i, 100, i == n - 1 };
		bad |= virtq_add(&q, b, n, &cookies[r % 16]) != 0;
		bad |= !dev_take(&q, &head);
		dev_put(&q, head, 100);
		bad |= virtq_get(&q, &len) != &cookies[r % 16] || len != 100;
	}
	ok(!bad && !q.broken, "%u add/complete rounds across 16-bit index wraparound", rounds);
	is_int(virtq_free(&q), 16, "free list intact afterwards");
	virtq_destroy(&q);
}

/* Put the queue in a state with two chains outstanding; returns their heads. */
static void two_outstanding(struct virtq *q, int *cookie, uint16_t *h)
{
	struct virtq_buf b[2] = { { 0x1000, 16, 0 }, { 0x2000, 64, 1 } };

	setup(q, 8);
	virtq_add(q, b, 2, &cookie[0]);
	virtq_add(q, b, 2, &cookie[1]);
	dev_take(q, &h[0]);
	dev_take(q, &h[1]);
}

static void detach_all(struct virtq *q, int *cookie, const char *what)
{
	void *a = virtq_detach(q), *b = virtq_detach(q);

	ok(((a == &cookie[0] && b == &cookie[1]) || (a == &cookie[1] && b == &cookie[0])) &&
	   virtq_detach(q) == NULL, "%s: both chains handed back after the reset", what);
	is_int(virtq_free(q), 8, "%s: every descriptor free", what);
	virtq_destroy(q);
}

static void hostile(void)
{
	struct virtq q;
	int cookie[2];
	uint16_t h[2];
	uint32_t len = 12345;
	struct virtq_buf b = { 0x1000, 16, 0 };

	two_outstanding(&q, cookie, h);
	dev_put(&q, 9, 0);
	ok(virtq_get(&q, &len) == NULL && q.broken, "used id beyond the queue: broken");
	ok(strstr(last_log, "testq: device error: used id 9") != NULL, "message names it: %s",
	   last_log);
	is_int(len, 12345, "no length handed out");
	ok(virtq_get(&q, &len) == NULL, "a broken queue returns nothing more");
	is_int(virtq_add(&q, &b, 1, &cookie[0]), -EIO, "and takes nothing more");
	detach_all(&q, cookie, "bad id");

	two_outstanding(&q, cookie, h);
	dev_put(&q, h[0], 0);
	ok(virtq_get(&q, &len) == &cookie[0], "first completion is fine");
	dev_put(&q, h[0], 0);
	ok(virtq_get(&q, &len) == NULL && q.broken, "the same chain completed twice: broken");
	ok(virtq_detach(&q) == &cookie[1] && virtq_detach(&q) == NULL,
	   "only the chain still outstanding is handed back");
	virtq_destroy(&q);

	two_outstanding(&q, cookie, h);
	dev_put(&q, h[1], 65);
	ok(virtq_get(&q, &len) == NULL && q.broken, "length beyond the 64 writable bytes: broken");
	ok(strstr(last_log, "used length 65") && strstr(last_log, "at most its 64"),
	   "message gives both lengths: %s", last_log);
	detach_all(&q, cookie, "long length");

	two_outstanding(&q, cookie, h);
	dev_put(&q, h[0], 0);
	q.used->idx += 5;		/* announces entries nobody wrote */
	ok(virtq_get(&q, &len) == NULL && q.broken,
	   "used index 6 ahead with 2 outstanding: broken");
	detach_all(&q, cookie, "index ahead");

	/* A device that rewrites the descriptor table cannot redirect the free list. */
	two_outstanding(&q, cookie, h);
	for (unsigned i = 0; i < q.num; i++)
		q.desc[i].next = 0xbeef;
	dev_put(&q, h[0], 64);
	dev_put(&q, h[1], 64);
	ok(virtq_get(&q, &len) && virtq_get(&q, &len) && !q.broken, "completions still accepted");
	struct virtq_buf eight[8] = { { 0, 1, 0 } };
	is_int(virtq_add(&q, eight, 8, &cookie[0]), 0,
	       "all 8 descriptors chain again: the links came from private memory");
	virtq_destroy(&q);
}

int main(void)
{
	layout();
	chains();
	wraparound();
	hostile();
	return done_testing();
}
