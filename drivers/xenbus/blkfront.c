/*
 * blkfront's data path: a pv_blk (include/pvkit/blk.h) on a blkif ring
 * (include/xen/io/blkif.h), with the same contract and error codes as virtio-blk.
 *
 * Each request in flight owns a slot: a ring id and SLOT_SEGS pages granted to the
 * backend once, at setup. Writes are copied into the slot's pages and reads out of
 * them, so callers' buffers need no alignment and no grant is made or revoked per
 * request (revoking is where a frontend waits on a backend). A request of up to
 * SLOT_SEGS pages is one blkif request whose segments are whole pages but the last.
 *
 * The backend is not trusted either: a response is read once, its id must name a slot
 * in flight, and a response producer beyond what was asked ends the device (-EIO for
 * everything queued), as virtio-blk does with a device that breaks the rules.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <pvkit/blk.h>
#include <xen/io/blkif.h>

#include "blkfront.h"
#include "env.h"
#include "xenbus.h"

#define SLOTS		8
#define SLOT_SEGS	8		/* 32 KiB a request */
_Static_assert(SLOT_SEGS <= BLKIF_MAX_SEGMENTS_PER_REQUEST, "segments fit a request");
_Static_assert(SLOTS <= BLKIF_RING_SIZE, "slots fit the ring");

struct slot {
	struct pv_blk_req *req;		/* NULL: free */
	uint8_t *pages;			/* SLOT_SEGS contiguous pages */
	unsigned gref[SLOT_SEGS];
};

struct blkfront {
	struct pv_blk blk;
	struct blkfront_params p;
	struct blkif_sring *ring;
	unsigned port;
	RING_IDX req_prod, rsp_cons;	/* private copies */
	struct slot slot[SLOTS];
	uint8_t free[SLOTS];
	unsigned nfree;
	struct pv_blk_req *local_head, *local_tail;
	int dead;
};

static void finish_local(struct blkfront *f, struct pv_blk_req *req, int status)
{
	req->status = status;
	req->next = NULL;
	if (f->local_tail)
		f->local_tail->next = req;
	else
		f->local_head = req;
	f->local_tail = req;
	if (f->blk.notify)
		f->blk.notify(&f->blk, f->blk.notify_arg);
}

static void push(struct blkfront *f)
{
	RING_IDX old = __atomic_load_n(&f->ring->hdr.req_prod, __ATOMIC_RELAXED), ev;

	wmb();			/* the requests before the index that publishes them */
	__atomic_store_n(&f->ring->hdr.req_prod, f->req_prod, __ATOMIC_RELAXED);
	mb();			/* publish, then read req_event */
	ev = __atomic_load_n(&f->ring->hdr.req_event, __ATOMIC_RELAXED);
	if ((RING_IDX)(f->req_prod - ev) < (RING_IDX)(f->req_prod - old))
		evtchn_notify(f->port);
}

static int submit(struct pv_blk *b, struct pv_blk_req *req)
{
	struct blkfront *f = b->priv;
	struct blkif_request *r;
	struct slot *s;
	unsigned id, nsegs = 0;
	int err = pv_blk_req_check(&f->blk.info, req);

	if (err || f->dead) {
		finish_local(f, req, err ? err : -EIO);
		return 0;
	}
	if (req->op == PV_BLK_FLUSH && !f->p.flush) {
		/* No feature-flush-cache: the backend has no cache to flush. */
		finish_local(f, req, 0);
		return 0;
	}
	if (!f->nfree)
		return -EAGAIN;
	id = f->free[--f->nfree];
	s = &f->slot[id];
	s->req = req;
	r = &f->ring->ring[f->req_prod % BLKIF_RING_SIZE].req;
	r->operation = req->op == PV_BLK_READ ? BLKIF_OP_READ :
		       req->op == PV_BLK_WRITE ? BLKIF_OP_WRITE : BLKIF_OP_FLUSH_DISKCACHE;
	r->handle = 0;
	r->pad = 0;
	r->id = id;
	r->sector_number = req->op == PV_BLK_FLUSH ? 0 : req->sector;
	if (req->op != PV_BLK_FLUSH) {
		size_t left = req->len;

		if (req->op == PV_BLK_WRITE)
			memcpy(s->pages, req->buf, req->len);
		for (; left; nsegs++) {
			size_t chunk = left < DRV_PAGE_SIZE ? left : DRV_PAGE_SIZE;

			r->seg[nsegs] = (struct blkif_request_segment){
				.gref = s->gref[nsegs],
				.first_sect = 0,
				.last_sect = (uint8_t)(chunk / BLKIF_SECTOR_SIZE - 1),
			};
			left -= chunk;
		}
	}
	r->nr_segments = (uint8_t)nsegs;
	f->req_prod++;
	push(f);
	return 0;
}

static void complete(struct blkfront *f, unsigned id, int status)
{
	struct slot *s = &f->slot[id];
	struct pv_blk_req *req = s->req;

	if (!status && req->op == PV_BLK_READ)
		memcpy(req->buf, s->pages, req->len);
	s->req = NULL;
	f->free[f->nfree++] = (uint8_t)id;
	req->status = status;
	req->done(req);
}

/* The backend broke the rules: fail everything it held, for good. */
static void give_up(struct blkfront *f, const char *why, unsigned long a)
{
	drv_log(0, "%s: backend %s (%#lx): device failed", f->p.name, why, a);
	f->dead = 1;
	for (unsigned i = 0; i < SLOTS; i++)
		if (f->slot[i].req)
			complete(f, i, -EIO);
}

static int poll(struct pv_blk *b)
{
	struct blkfront *f = b->priv;
	struct pv_blk_req *req;
	int n = 0;

	while ((req = f->local_head)) {
		f->local_head = req->next;
		if (!f->local_head)
			f->local_tail = NULL;
		req->done(req);
		n++;
	}
	while (!f->dead) {
		RING_IDX prod = __atomic_load_n(&f->ring->hdr.rsp_prod, __ATOMIC_ACQUIRE);

		if ((RING_IDX)(prod - f->rsp_cons) > (RING_IDX)(f->req_prod - f->rsp_cons)) {
			give_up(f, "response producer beyond the requests", prod);
			break;
		}
		while (f->rsp_cons != prod) {
			const struct blkif_response *r =
				&f->ring->ring[f->rsp_cons % BLKIF_RING_SIZE].rsp;
			uint64_t id = __atomic_load_n(&r->id, __ATOMIC_RELAXED);
			int16_t st = __atomic_load_n(&r->status, __ATOMIC_RELAXED);

			f->rsp_cons++;
			if (id >= SLOTS || !f->slot[id].req) {
				give_up(f, "response id not in flight", (unsigned long)id);
				return n;
			}
			complete(f, (unsigned)id, st == BLKIF_RSP_OKAY ? 0 : -EIO);
			n++;
		}
		/* Ask for an event at the next response, then look once more (Xen's
		 * RING_FINAL_CHECK_FOR_RESPONSES). */
		__atomic_store_n(&f->ring->hdr.rsp_event, f->rsp_cons + 1, __ATOMIC_RELAXED);
		mb();
		if (__atomic_load_n(&f->ring->hdr.rsp_prod, __ATOMIC_RELAXED) == f->rsp_cons)
			break;
	}
	return n;
}

static const struct pv_blk_ops blkfront_ops = { .submit = submit, .poll = poll };

static void on_event(unsigned port, void *arg)
{
	struct blkfront *f = arg;

	if (f->blk.notify)
		f->blk.notify(&f->blk, f->blk.notify_arg);
}

struct blkfront *blkfront_alloc(const struct blkfront_params *p, unsigned *ring_ref)
{
	struct blkfront *f = drv_alloc_pages(1);
	int ref;

	_Static_assert(sizeof(struct blkfront) <= DRV_PAGE_SIZE, "blkfront fits its page");
	if (!f || !(f->ring = drv_alloc_pages(1)))
		return NULL;
	f->p = *p;
	for (unsigned i = 0; i < SLOTS; i++) {
		struct slot *s = &f->slot[i];

		if (!(s->pages = drv_alloc_pages(SLOT_SEGS)))
			return NULL;
		for (unsigned g = 0; g < SLOT_SEGS; g++) {
			/* Writable: the backend writes what a read brings. */
			ref = gnttab_grant(p->backend_id,
					   drv_virt_to_phys(s->pages + g * DRV_PAGE_SIZE) /
					   DRV_PAGE_SIZE, 0);
			if (ref < 0)
				return NULL;
			s->gref[g] = (unsigned)ref;
		}
		f->free[f->nfree++] = (uint8_t)(SLOTS - 1 - i);
	}
	if ((ref = gnttab_grant(p->backend_id, drv_virt_to_phys(f->ring) / DRV_PAGE_SIZE,
				0)) < 0)
		return NULL;
	*ring_ref = (unsigned)ref;
	/* SHARED_RING_INIT: events wanted at the first response. */
	f->ring->hdr.req_event = 1;
	f->ring->hdr.rsp_event = 1;
	f->blk = (struct pv_blk){
		.ops = &blkfront_ops,
		.priv = f,
		.info = {
			.name = f->p.name,
			.sectors = p->sectors,
			.read_only = p->read_only,
			.max_inflight = SLOTS,
			.max_len = SLOT_SEGS * DRV_PAGE_SIZE,
		},
	};
	return f;
}

int blkfront_start(struct blkfront *f, unsigned port)
{
	int err;

	f->port = port;
	if ((err = evtchn_bind(port, on_event, f)))
		return err;
	pv_blk_register(&f->blk);
	return 0;
}
