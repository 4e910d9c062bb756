/*
 * virtio-blk (spec 5.2) as a pv_blk: read, write, flush, several requests in flight.
 *
 * A request is one chain: a 16-byte header the device reads, the caller's buffer split
 * at page boundaries (thread stacks are not physically contiguous; adjacent pages that
 * are get merged), and a status byte the device writes. Header and status live in a
 * driver page, one slot per request in flight; the data goes straight to and from the
 * caller's buffer. max_inflight is what the queue holds in the worst case (every
 * request at max_len on an unaligned buffer), so a submit within it never runs out of
 * descriptors.
 */
#include <errno.h>
#include <stddef.h>

#include <pvkit/blk.h>
#include "env.h"
#include "virtio.h"

/* Feature bits (spec 5.2.3). */
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_FLUSH	9

/* Configuration space offsets (spec 5.2.4). */
#define CFG_CAPACITY		0	/* le64, 512-byte sectors */
#define CFG_SEG_MAX		12	/* le32, with VIRTIO_BLK_F_SEG_MAX */

/* Request types and status values (spec 5.2.6). */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_UNSUPP	2

/* Data buffers per request: 64 KiB on any alignment spans 17 pages. Larger requests
 * gain little on QEMU and would cut the requests the queue holds at once. */
#define MAX_SEGS		17
#define QUEUE_MAX		VIRTQ_MAX_NUM

struct blk_slot_dma {			/* shared with the device */
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
	uint8_t status;
	uint8_t pad[15];
};
#define MAX_SLOTS		(DRV_PAGE_SIZE / sizeof(struct blk_slot_dma))

struct vblk {
	struct pv_blk blk;
	struct virtio_dev *dev;
	struct virtq q;
	struct blk_slot_dma *dma;	/* one page: MAX_SLOTS slots */
	struct pv_blk_req *inflight[MAX_SLOTS];
	uint8_t free_slot[MAX_SLOTS];	/* stack of free slot numbers */
	unsigned nfree_slots;
	unsigned max_segs;
	/* Requests finished without the device (invalid, flush on a write-through
	 * device, device dead), handed to done() by the next poll. */
	struct pv_blk_req *local_head, *local_tail;
	int dead;
	char name[16], qname[28];
};
_Static_assert(sizeof(struct vblk) <= DRV_PAGE_SIZE, "struct vblk fits its page");
_Static_assert(MAX_SLOTS <= 256, "slot numbers fit free_slot[]");

static void finish_local(struct vblk *b, struct pv_blk_req *req, int status)
{
	req->status = status;
	req->next = NULL;
	if (b->local_tail)
		b->local_tail->next = req;
	else
		b->local_head = req;
	b->local_tail = req;
	/* Users wait for notify before polling: tell them there is something to poll. */
	if (b->blk.notify)
		b->blk.notify(&b->blk, b->blk.notify_arg);
}

/* The caller's buffer as physical segments; 0 if it needs more than max. */
static unsigned data_segs(struct virtq_buf *out, uintptr_t p, size_t len, int writes,
			  unsigned max)
{
	unsigned n = 0;

	while (len) {
		size_t chunk = DRV_PAGE_SIZE - (p & (DRV_PAGE_SIZE - 1));
		uint64_t pa = drv_virt_to_phys((const void *)p);

		if (chunk > len)
			chunk = len;
		if (n && out[n - 1].pa + out[n - 1].len == pa) {
			out[n - 1].len += chunk;
		} else {
			if (n == max)
				return 0;
			out[n++] = (struct virtq_buf){ pa, chunk, writes };
		}
		p += chunk;
		len -= chunk;
	}
	return n;
}

static int submit(struct pv_blk *pb, struct pv_blk_req *req)
{
	struct vblk *b = pb->priv;
	struct virtq_buf bufs[MAX_SEGS + 2];
	struct blk_slot_dma *s;
	unsigned n = 1, slot;
	int err = pv_blk_req_check(&b->blk.info, req);

	if (err || b->dead) {
		finish_local(b, req, err ? err : -EIO);
		return 0;
	}
	/* Without VIRTIO_BLK_F_FLUSH the device has no volatile cache (spec 5.2.5):
	 * every completed write is already durable. */
	if (req->op == PV_BLK_FLUSH && !virtio_has(b->dev, VIRTIO_BLK_F_FLUSH)) {
		finish_local(b, req, 0);
		return 0;
	}
	if (!b->nfree_slots)
		return -EAGAIN;
	slot = b->free_slot[b->nfree_slots - 1];
	s = &b->dma[slot];

	if (req->op != PV_BLK_FLUSH) {
		unsigned segs = data_segs(&bufs[1], (uintptr_t)req->buf, req->len,
					  req->op == PV_BLK_READ, b->max_segs);

		if (!segs) {
			finish_local(b, req, -EINVAL);
			return 0;
		}
		n += segs;
	}
	s->type = req->op == PV_BLK_READ ? VIRTIO_BLK_T_IN :
		  req->op == PV_BLK_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_FLUSH;
	s->reserved = 0;
	s->sector = req->op == PV_BLK_FLUSH ? 0 : req->sector;
	s->status = 0xff;		/* not a valid status: a device that skips it fails */
	bufs[0] = (struct virtq_buf){ drv_virt_to_phys(s), 16, 0 };
	bufs[n++] = (struct virtq_buf){ drv_virt_to_phys(&s->status), 1, 1 };

	if ((err = virtq_add(&b->q, bufs, n, (void *)(uintptr_t)(slot + 1)))) {
		/* Only a broken queue gets here: slots bound the descriptors used. */
		finish_local(b, req, -EIO);
		return 0;
	}
	b->nfree_slots--;
	b->inflight[slot] = req;
	virtq_kick(&b->q);
	return 0;
}

static void complete(struct vblk *b, unsigned slot, int status)
{
	struct pv_blk_req *req = b->inflight[slot];

	b->inflight[slot] = NULL;
	b->free_slot[b->nfree_slots++] = slot;
	req->status = status;
	req->done(req);
}

/* The device broke the rules: stop it, then fail what it still held. */
static void give_up(struct vblk *b)
{
	void *cookie;

	b->dead = 1;
	virtio_reset(b->dev);
	while ((cookie = virtq_detach(&b->q)))
		complete(b, (unsigned)(uintptr_t)cookie - 1, -EIO);
}

static int poll(struct pv_blk *pb)
{
	struct vblk *b = pb->priv;
	struct pv_blk_req *req;
	uint32_t len;
	void *cookie;
	int n = 0;

	while ((req = b->local_head)) {
		b->local_head = req->next;
		if (!b->local_head)
			b->local_tail = NULL;
		req->done(req);
		n++;
	}
	while ((cookie = virtq_get(&b->q, &len))) {
		unsigned slot = (unsigned)(uintptr_t)cookie - 1;
		uint8_t st = *(volatile uint8_t *)&b->dma[slot].status;

		if (st == VIRTIO_BLK_S_UNSUPP)
			drv_log(1, "%s: request type %u not supported by the device", b->name,
				b->dma[slot].type);
		complete(b, slot, st == VIRTIO_BLK_S_OK ? 0 : -EIO);
		n++;
	}
	if (b->q.broken && !b->dead) {
		n += virtq_outstanding(&b->q);
		give_up(b);
	}
	return n;
}

static const struct pv_blk_ops vblk_ops = { .submit = submit, .poll = poll };

static void on_irq(struct virtio_dev *d, uint32_t status)
{
	struct vblk *b = d->priv;

	if ((status & 1) && b->blk.notify)
		b->blk.notify(&b->blk, b->blk.notify_arg);
}

/* On failure the pages stay allocated: the device may hold their addresses until the
 * transport has reset it, after attach returns. Failures here are rare and at boot. */
static int attach(struct virtio_dev *d)
{
	struct vblk *b = drv_alloc_pages(1);
	unsigned per_req;
	int err;

	if (!b || !(b->dma = drv_alloc_pages(1)))
		return -ENOMEM;
	b->dev = d;
	virtio_name(b->name, sizeof(b->name), "virtio-blk", d->unit, "");
	virtio_name(b->qname, sizeof(b->qname), "virtio-blk", d->unit, " requestq");
	if ((err = virtio_queue_setup(d, &b->q, 0, QUEUE_MAX, b->qname)))
		return err;

	b->max_segs = MAX_SEGS;
	if (virtio_has(d, VIRTIO_BLK_F_SEG_MAX)) {
		uint32_t seg_max = virtio_config32(d, CFG_SEG_MAX);

		if (seg_max && seg_max < b->max_segs)
			b->max_segs = seg_max;
	}
	per_req = b->max_segs + 2;
	if (b->q.num < per_req) {
		drv_log(0, "%s: queue of %u descriptors, expected at least %u", b->name,
			b->q.num, per_req);
		return -EIO;
	}
	b->nfree_slots = b->q.num / per_req;
	if (b->nfree_slots > MAX_SLOTS)
		b->nfree_slots = MAX_SLOTS;
	for (unsigned i = 0; i < b->nfree_slots; i++)
		b->free_slot[i] = b->nfree_slots - 1 - i;

	b->blk = (struct pv_blk){
		.ops = &vblk_ops,
		.priv = b,
		.info = {
			.name = b->name,
			.sectors = virtio_config64(d, CFG_CAPACITY),
			.read_only = virtio_has(d, VIRTIO_BLK_F_RO),
			.max_inflight = b->nfree_slots,
			.max_len = (b->max_segs > 1 ? b->max_segs - 1 : 1) * DRV_PAGE_SIZE,
		},
	};
	d->priv = b;
	d->on_irq = on_irq;
	virtio_driver_ok(d);
	pv_blk_register(&b->blk);
	return 0;
}

const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.features = VIRTIO_FEATURE(VIRTIO_BLK_F_SEG_MAX) | VIRTIO_FEATURE(VIRTIO_BLK_F_RO) |
		    VIRTIO_FEATURE(VIRTIO_BLK_F_FLUSH),
	.attach = attach,
};
