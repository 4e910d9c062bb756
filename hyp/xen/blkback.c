/*
 * blkback: xenbus type "vbd", a domain's virtual disk on a host disk (a pv_blk the hyp
 * drives, hyp/core/devices.h), the whole disk or a range of it, optionally read-only.
 *
 * Data path. Requests are taken off the ring when the frontend notifies (in its
 * EVTCHNOP_send) and whenever a completion frees a slot; each is copied out of the ring
 * once and checked (blkif_check.c) before anything uses it. A request owns a slot with
 * a bounce buffer of 11 pages: writes are grant-copied in and then submitted, reads
 * are submitted and grant-copied out on completion, flushes are passed to the host
 * disk, whose completion (the device has made earlier writes durable) is what sends
 * the response. Slots bound the host work one domain can queue, and requests wait in
 * the ring while none is free.
 *
 * Completions. The host disk interrupts pCPU 0 (devices.h); its notify marks the disk
 * pending and drains it if the lock is free, else the lock holder drains before it
 * lets go (drain_unlock). So completion work runs from the hyp's IRQ path, or, bounded
 * by the slots in flight, in whichever call holds the lock when the device finishes.
 *
 * One lock covers every vbd and host disk. Lock order: blkback -> grant table lock,
 * event-channel lock (gnttab_copy_*, evtchn_hyp_notify); nothing calls in here with
 * those held.
 */
#include "blkback.h"

#include <string.h>

#include <arch/barrier.h>
#include <arch/lock.h>
#include <pvkit/blk.h>
#include <xen/io/blkif.h>
#include "blkif_check.h"
#include "config.h"
#include "devices.h"
#include "domain.h"
#include "evtchn.h"
#include "fmt.h"
#include "gnttab.h"
#include "log.h"
#include "mem.h"
#include "xenbus_back.h"
#include "xenstore.h"

#define VBD_SLOTS	8
#define SLOT_PAGES	BLKIF_MAX_SEGMENTS_PER_REQUEST
#define VBD_DEVID	51712		/* xvda: (202 << 8) | 0, Linux's first xen disk */
#define HOST_DISKS	8
/* Completions a disk's drain waits for at disconnect before giving up on the device. */
#define DRAIN_POLLS	100000000UL

struct vbd;

struct slot {
	struct pv_blk_req pv;		/* first: done() gets it back */
	struct vbd *vbd;
	struct blkif_io io;
	uint8_t *bounce;		/* SLOT_PAGES contiguous pages */
};

struct hostdisk {
	struct pv_blk *b;
	unsigned inflight;		/* requests of every vbd on it */
	int pending;			/* notified, not yet polled */
};

struct vbd {
	struct domain *d;		/* NULL: slot unused */
	struct hostdisk *disk;
	struct blkif_limits lim;
	struct xenback_dev *dev;
	/* Connected state. */
	int connected, broken;
	struct blkif_sring *ring;	/* the frontend's page, kept in use (gnttab_map) */
	int map;
	uint32_t hyp_port;
	RING_IDX req_cons, rsp_prod;	/* private: never read back from the page */
	int notify;			/* responses pushed since the last notify */
	unsigned nfree;
	struct slot *free[VBD_SLOTS];
	struct slot slots[VBD_SLOTS];
};

static struct spinlock lock;
static struct hostdisk disks[HOST_DISKS];
static struct vbd *vbds;		/* by frontend domain id (blkback_init) */
static unsigned max_id;

int blkback_init(unsigned max_domid)
{
	vbds = mem_zalloc((max_domid + 1) * sizeof(*vbds));
	if (!vbds)
		return -1;
	max_id = max_domid;
	return 0;
}

static void work_locked(struct vbd *v);

static void respond_locked(struct vbd *v, uint64_t id, uint8_t op, int16_t status)
{
	struct blkif_response *r = &v->ring->ring[v->rsp_prod % BLKIF_RING_SIZE].rsp;
	uint32_t old = v->rsp_prod, event;

	r->id = id;
	r->operation = op;
	r->status = status;
	v->rsp_prod++;
	wmb();				/* the response before the index that publishes it */
	__atomic_store_n(&v->ring->hdr.rsp_prod, v->rsp_prod, __ATOMIC_RELAXED);
	mb();				/* publish, then read the frontend's rsp_event */
	event = __atomic_load_n(&v->ring->hdr.rsp_event, __ATOMIC_RELAXED);
	/* Xen's RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: notify if we passed rsp_event. A
	 * lying rsp_event only costs the liar its notifications. */
	if ((uint32_t)(v->rsp_prod - event) < (uint32_t)(v->rsp_prod - old))
		v->notify = 1;
}

/* Stop serving the ring: the frontend's indices are impossible. */
static void broken_locked(struct vbd *v, uint32_t prod)
{
	v->broken = 1;
	log_msg("d%u (%s): blkif ring: request producer %#x is %u requests past the last "
		"response %#x (at most %u): the ring is no longer served", v->d->id,
		v->d->cfg->name, prod, prod - v->rsp_prod, v->rsp_prod, BLKIF_RING_SIZE);
}

static int copy_segs(struct vbd *v, struct slot *s, int to_guest)
{
	uint8_t *p = s->bounce;

	for (unsigned i = 0; i < s->io.nsegs; i++) {
		const struct blkif_seg *g = &s->io.seg[i];
		int16_t st = to_guest ?
			gnttab_copy_to(v->d, g->gref, g->off, p, g->len) :
			gnttab_copy_from(v->d, g->gref, g->off, p, g->len);

		if (st != GNTST_okay)
			return st;
		p += g->len;
	}
	return GNTST_okay;
}

static void slot_free_locked(struct vbd *v, struct slot *s)
{
	v->free[v->nfree++] = s;
	v->disk->inflight--;
}

/* pv_blk done(), from pv_blk_poll with the lock held. */
static void done(struct pv_blk_req *req)
{
	struct slot *s = (struct slot *)req;
	struct vbd *v = s->vbd;
	int16_t st = req->status ? BLKIF_RSP_ERROR : BLKIF_RSP_OKAY;
	struct domain *d;

	/* Nobody to answer: disconnect is draining, or the domain is ending (its
	 * teardown waits for our reference, then disconnects). */
	if (!v->connected || !(d = domain_get(v->d->id))) {
		slot_free_locked(v, s);
		return;
	}
	/* A read goes back through the frontend's grants, which it may have revoked. */
	if (st == BLKIF_RSP_OKAY && s->io.op == BLKIF_OP_READ &&
	    copy_segs(v, s, 1) != GNTST_okay)
		st = BLKIF_RSP_ERROR;
	respond_locked(v, s->io.id, s->io.op, st);
	slot_free_locked(v, s);
	domain_put(d);
}

static void start_locked(struct vbd *v, const struct blkif_request *req)
{
	struct slot *s = v->free[v->nfree - 1];
	const char *why;
	int st = blkif_check(req, &v->lim, &s->io, &why);

	if (st != BLKIF_RSP_OKAY) {
		log_msg("d%u (%s): blkif request %#lx (op %u): %s", v->d->id, v->d->cfg->name,
			(unsigned long)s->io.id, s->io.op, why);
		respond_locked(v, s->io.id, s->io.op, (int16_t)st);
		return;
	}
	if (s->io.op == BLKIF_OP_WRITE && copy_segs(v, s, 0) != GNTST_okay) {
		respond_locked(v, s->io.id, s->io.op, BLKIF_RSP_ERROR);
		return;
	}
	v->nfree--;
	v->disk->inflight++;
	s->pv = (struct pv_blk_req){
		.op = s->io.op == BLKIF_OP_READ ? PV_BLK_READ :
		      s->io.op == BLKIF_OP_WRITE ? PV_BLK_WRITE : PV_BLK_FLUSH,
		.sector = s->io.sector,
		.buf = s->io.op == BLKIF_OP_FLUSH_DISKCACHE ? NULL : s->bounce,
		.len = s->io.len,
		.done = done,
	};
	/* The host disk holds max_inflight; work_locked never exceeds it. */
	if (pv_blk_submit(v->disk->b, &s->pv)) {
		slot_free_locked(v, s);
		respond_locked(v, s->io.id, s->io.op, BLKIF_RSP_ERROR);
	}
}

/* Take requests off the ring while there is room for them. */
static void work_locked(struct vbd *v)
{
	struct blkif_request req;
	uint32_t prod, n;
	struct domain *d;

	/* Grant copies need the domain kept running (gnttab.h); an ending one is not
	 * served any more. */
	if (!v->connected || !(d = domain_get(v->d->id)))
		return;
	while (v->connected && !v->broken && v->nfree &&
	       v->disk->inflight < v->disk->b->info.max_inflight) {
		prod = __atomic_load_n(&v->ring->hdr.req_prod, __ATOMIC_RELAXED);
		rmb();			/* the producer before the requests it covers */
		if (blkif_ring_check(prod, v->req_cons, v->rsp_prod, &n)) {
			broken_locked(v, prod);
			break;
		}
		if (!n) {
			/* Ask for a notification at the next request, then look once more
			 * (Xen's RING_FINAL_CHECK_FOR_REQUESTS). */
			__atomic_store_n(&v->ring->hdr.req_event, v->req_cons + 1,
					 __ATOMIC_RELAXED);
			mb();
			if (__atomic_load_n(&v->ring->hdr.req_prod, __ATOMIC_RELAXED) ==
			    v->req_cons)
				break;
			continue;
		}
		/* The one read of this entry: everything after uses the copy. */
		memcpy(&req, (const void *)&v->ring->ring[v->req_cons % BLKIF_RING_SIZE].req,
		       sizeof(req));
		v->req_cons++;
		start_locked(v, &req);
	}
	domain_put(d);
}

/* Poll disks whose device notified, and serve the vbds on them. Lock held. */
static void poll_pending_locked(void)
{
	for (unsigned i = 0; i < HOST_DISKS && disks[i].b; i++) {
		struct hostdisk *h = &disks[i];

		if (!__atomic_exchange_n(&h->pending, 0, __ATOMIC_SEQ_CST))
			continue;
		pv_blk_poll(h->b);
		for (unsigned id = 1; id <= max_id; id++)
			if (vbds[id].d && vbds[id].disk == h)
				work_locked(&vbds[id]);
	}
}

static void notify_guests_locked(void)
{
	for (unsigned id = 1; id <= max_id; id++)
		if (vbds[id].notify) {
			vbds[id].notify = 0;
			evtchn_hyp_notify(vbds[id].hyp_port);
		}
}

static int any_pending(void)
{
	for (unsigned i = 0; i < HOST_DISKS && disks[i].b; i++)
		if (__atomic_load_n(&disks[i].pending, __ATOMIC_SEQ_CST))
			return 1;
	return 0;
}

/* Unlock, first serving what a device finished while we held the lock; a notify that
 * lands after the last look finds the lock free and drains itself. */
static void drain_unlock(void)
{
	for (;;) {
		poll_pending_locked();
		notify_guests_locked();
		spin_unlock(&lock);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!any_pending() || !spin_trylock(&lock))
			return;
	}
}

/* The host disk's notify (its interrupt, or a submit completing at once). */
static void disk_notify(struct pv_blk *b, void *arg)
{
	struct hostdisk *h = arg;

	__atomic_store_n(&h->pending, 1, __ATOMIC_SEQ_CST);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (spin_trylock(&lock))
		drain_unlock();
}

/* The frontend notified (its EVTCHNOP_send). */
static void event(void *arg)
{
	struct vbd *v = arg;

	spin_lock(&lock);
	work_locked(v);
	drain_unlock();
}

static struct hostdisk *hostdisk_of(struct pv_blk *b)
{
	for (unsigned i = 0; i < HOST_DISKS; i++) {
		if (disks[i].b == b)
			return &disks[i];
		if (!disks[i].b) {
			disks[i].b = b;
			b->notify = disk_notify;
			b->notify_arg = &disks[i];
			return &disks[i];
		}
	}
	return NULL;
}

/* xenbus_back ops. */
static int setup(struct xenback_dev *dev)
{
	struct vbd *v = dev->priv;
	char path[96];
	int err = 0;

#define KEY(name, ...) (fmt_snprintf(path, sizeof(path), "%s/" name, dev->be_path), \
			xenstore_printf(path, __VA_ARGS__))
	err = err || KEY("sectors", "%lu", (unsigned long)v->lim.sectors);
	err = err || KEY("sector-size", "%u", BLKIF_SECTOR_SIZE);
	err = err || KEY("info", "%u", v->lim.read_only ? VDISK_READONLY : 0);
	err = err || KEY("mode", "%s", v->lim.read_only ? "r" : "w");
	err = err || KEY("feature-flush-cache", "%u", 1);
	err = err || KEY("max-ring-page-order", "%u", 0);
#undef KEY
	return err ? -1 : 0;
}

/* A decimal key of the frontend's below 2^32; -1 if missing or not a number. */
static long fe_key(struct xenback_dev *dev, const char *name)
{
	char path[96], buf[16];
	unsigned long val = 0;
	const char *p = buf;

	fmt_snprintf(path, sizeof(path), "%s/%s", dev->fe_path, name);
	if (xenstore_read(path, buf, sizeof(buf)) || !*p)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || val > 0xffffffffUL / 10)
			return -1;
		val = val * 10 + (unsigned long)(*p - '0');
	}
	return val > 0xffffffffUL ? -1 : (long)val;
}

static int connect(struct xenback_dev *dev)
{
	struct vbd *v = dev->priv;
	long ref = fe_key(dev, "ring-ref"), port = fe_key(dev, "event-channel");
	char proto[16], path[96];
	void *page;
	int map;

	fmt_snprintf(path, sizeof(path), "%s/protocol", dev->fe_path);
	if (!xenstore_read(path, proto, sizeof(proto)) && strcmp(proto, "arm-abi")) {
		dev->error = "protocol: only \"arm-abi\" is served";
		return -1;
	}
	if (ref < 0 || port < 0) {
		dev->error = "ring-ref and event-channel: expected decimal numbers";
		return -1;
	}
	if ((map = gnttab_map(v->d, (grant_ref_t)ref, 1, &page)) < 0) {
		dev->error = "ring-ref: not a page granted writable to domain 0";
		return -1;
	}
	spin_lock(&lock);
	v->ring = page;
	v->map = map;
	v->req_cons = v->rsp_prod = 0;
	v->broken = v->notify = 0;
	/* Xen's SHARED_RING_INIT is the frontend's; the backend starts from 0 too and
	 * asks to hear of the first request. */
	__atomic_store_n(&v->ring->hdr.req_event, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&v->ring->hdr.rsp_prod, 0, __ATOMIC_RELAXED);
	v->connected = 1;
	spin_unlock(&lock);
	if (evtchn_hyp_bind(v->d, (uint32_t)port, event, v, &v->hyp_port)) {
		spin_lock(&lock);
		v->connected = 0;
		spin_unlock(&lock);
		gnttab_unmap(v->d, map);
		dev->error = "event-channel: not a port allocated unbound for domain 0";
		return -1;
	}
	/* Requests queued before the bind found no port to notify. */
	spin_lock(&lock);
	work_locked(v);
	drain_unlock();
	return 0;
}

static void disconnect(struct xenback_dev *dev)
{
	struct vbd *v = dev->priv;
	unsigned long polls = 0;

	evtchn_hyp_close(v->hyp_port);
	spin_lock(&lock);
	v->connected = 0;
	/* The host disk still holds our bounce buffers: wait for it to give them back
	 * (it completes in microseconds; interrupts may be routed to this very pCPU). */
	while (v->nfree < VBD_SLOTS && ++polls < DRAIN_POLLS)
		pv_blk_poll(v->disk->b);
	if (v->nfree < VBD_SLOTS)
		log_msg("d%u (%s): blkback: %u requests still on %s at disconnect", v->d->id,
			v->d->cfg->name, VBD_SLOTS - v->nfree, v->disk->b->info.name);
	v->ring = NULL;
	drain_unlock();
	gnttab_unmap(v->d, v->map);
}

const struct xenback_ops blkback_ops = {
	.type = "vbd",
	.setup = setup,
	.connect = connect,
	.disconnect = disconnect,
};

int blkback_create(struct domain *d)
{
	struct dom_config *c = d->cfg;
	struct pv_blk *b = devices_blk_find(c->disk);
	struct vbd *v = &vbds[d->id];
	uint64_t pages;

	if (!b) {
		config_reject(c, "property \"pvkit,disk\" = \"%s\": no such host disk "
			      "(scripts/hyp-run --disk)", c->disk);
		return -1;
	}
	if (c->disk_first >= b->info.sectors ||
	    c->disk_sectors > b->info.sectors - c->disk_first) {
		config_reject(c, "property \"pvkit,disk-range\" = %lu+%lu: beyond %s (%lu "
			      "sectors)", (unsigned long)c->disk_first,
			      (unsigned long)c->disk_sectors, b->info.name,
			      (unsigned long)b->info.sectors);
		return -1;
	}
	if (b->info.max_len < SLOT_PAGES * 4096) {
		config_reject(c, "%s takes requests of %lu bytes, blkif needs %u",
			      b->info.name, (unsigned long)b->info.max_len, SLOT_PAGES * 4096);
		return -1;
	}
	if (!(pages = mem_alloc(VBD_SLOTS * SLOT_PAGES, 1))) {
		config_reject(c, "blkback: out of memory for %u KiB of buffers",
			      VBD_SLOTS * SLOT_PAGES * 4);
		return -1;
	}
	spin_lock(&lock);
	memset(v, 0, sizeof(*v));
	v->disk = hostdisk_of(b);
	v->lim = (struct blkif_limits){
		.first = c->disk_first,
		.sectors = c->disk_sectors ? c->disk_sectors : b->info.sectors - c->disk_first,
		.read_only = c->disk_ro || b->info.read_only,
		.max_gref = GNTTAB_MAX_FRAMES * GNTTAB_ENTRIES_PER_FRAME,
	};
	for (unsigned i = 0; i < VBD_SLOTS; i++) {
		v->slots[i].vbd = v;
		v->slots[i].bounce = (uint8_t *)(uintptr_t)(pages + i * SLOT_PAGES * 4096);
		v->free[v->nfree++] = &v->slots[i];
	}
	v->d = d;
	spin_unlock(&lock);
	if (!v->disk || !(v->dev = xenback_create("vbd", d->id, VBD_DEVID, v))) {
		config_reject(c, "blkback: cannot create the vbd device");
		blkback_destroy(d);
		return -1;
	}
	return 0;
}

void blkback_destroy(struct domain *d)
{
	struct vbd *v = &vbds[d->id];
	uint64_t pages;

	if (!v->d)
		return;
	spin_lock(&lock);
	pages = (uint64_t)(uintptr_t)v->slots[0].bounce;
	v->d = NULL;
	spin_unlock(&lock);
	mem_free(pages, VBD_SLOTS * SLOT_PAGES);
}
