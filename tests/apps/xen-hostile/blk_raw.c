/*
 * The blkif ring, written by hand against blkback (hyp/xen/blkback.c): the vbd
 * handshake of blkfront_xs.c done here, then requests that lie about their grants,
 * segments, sectors and operation, each of which must be answered BLKIF_RSP_ERROR
 * (BLKIF_RSP_EOPNOTSUPP for the operation) without touching the disk or this domain's
 * memory; a valid read and write after them; last, a request producer far beyond the
 * ring, after which blkback no longer serves the ring.
 *
 * The image links DRIVERS=xenbus-core, the xenbus set without blkfront: blkfront would
 * take device/vbd/51712 (a pvkit domain's only vbd) at probe time, before main().
 *
 * The test stamps the host disk: every 512-byte sector holds its host sector number
 * in each of its 64 little-endian 64-bit words, so a read shows where it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/time.h>
#include <xen/io/blkif.h>

#include "env.h"
#include "hostile.h"
#include "xenbus.h"
#include "xenbus_int.h"

#define DIR		"device/vbd/51712"
#define WAIT_NS		2000000000ULL
#define STAMP_MINE	0x484f5354494c4500ULL	/* the valid write's words: "\0ELITSOH" */
#define JUNK		0x58			/* what rejected writes would have written */

static struct blkif_sring *ring;
static unsigned port;
static RING_IDX req_prod, rsp_cons;
static uint64_t next_id = 100;

/* blkfront_xs.c's handshake, in short. 0, or -1 with the step that failed printed. */
static int handshake(uint64_t *sectors, int *ro)
{
	char be[96], path[128], buf[24];
	int ref, s;

#define STEP(ok, what) do { if (!(ok)) { printf("hostile: vbd handshake: %s failed\n", \
					     what); return -1; } } while (0)
	STEP(xenbus_read(0, DIR "/backend", be, sizeof(be)) > 0, "reading backend");
	STEP(xenbus_wait_state(be, 1u << XenbusStateInitWait, WAIT_NS) >= 0,
	     "waiting for InitWait");
	snprintf(path, sizeof(path), "%s/sectors", be);
	STEP(xenbus_read(0, path, buf, sizeof(buf)) > 0, "reading sectors");
	*sectors = strtoull(buf, NULL, 10);
	snprintf(path, sizeof(path), "%s/mode", be);
	*ro = xenbus_read(0, path, buf, sizeof(buf)) > 0 && !strcmp(buf, "r");
	/* SHARED_RING_INIT: indices 0, events wanted at the first entry. */
	ring = drv_alloc_pages(1);
	memset(ring, 0, 4096);
	ring->hdr.req_event = ring->hdr.rsp_event = 1;
	ref = gnttab_grant(0, drv_virt_to_phys(ring) / 4096, 0);
	STEP(ref >= 0 && !evtchn_alloc_unbound(0, &port), "granting the ring");
	/* The port is never bound (it stays masked): responses are polled. */
	STEP(!xenbus_printf(0, DIR "/ring-ref", "%d", ref) &&
	     !xenbus_printf(0, DIR "/event-channel", "%u", port) &&
	     !xenbus_write(0, DIR "/protocol", "arm-abi") &&
	     !xenbus_switch_state(DIR, XenbusStateInitialised), "publishing the ring");
	s = xenbus_wait_state(be, 1u << XenbusStateConnected | 1u << XenbusStateClosing,
			      WAIT_NS);
	STEP(s == XenbusStateConnected, "waiting for Connected");
	STEP(!xenbus_switch_state(DIR, XenbusStateConnected), "switching to Connected");
#undef STEP
	return 0;
}

/* Put req on the ring (id filled in), notify, and wait for its response: the status,
 * or 99 if none came, 98 if the response's id or operation is not the request's. */
static int submit(struct blkif_request *req, uint64_t wait_ns)
{
	struct blkif_response rsp;
	uint64_t until = pv_now_ns() + wait_ns;

	req->id = next_id++;
	memcpy(&ring->ring[req_prod % BLKIF_RING_SIZE].req, req, sizeof(*req));
	req_prod++;
	__atomic_store_n(&ring->hdr.req_prod, req_prod, __ATOMIC_RELEASE);
	evtchn_notify(port);
	while (__atomic_load_n(&ring->hdr.rsp_prod, __ATOMIC_ACQUIRE) == rsp_cons)
		if (pv_now_ns() >= until)
			return 99;
		else
			hyp_yield();
	memcpy(&rsp, &ring->ring[rsp_cons % BLKIF_RING_SIZE].rsp, sizeof(rsp));
	rsp_cons++;
	if (rsp.id != req->id || rsp.operation != req->operation)
		return 98;
	return rsp.status;
}

/* A request of one segment: sectors [first, last] of the page ref, at sector. */
static struct blkif_request one(uint8_t op, int ref, uint64_t sector, uint8_t first,
				uint8_t last)
{
	struct blkif_request r = { .operation = op, .nr_segments = 1, .sector_number = sector };

	r.seg[0] = (struct blkif_request_segment){ .gref = (grant_ref_t)ref,
						   .first_sect = first, .last_sect = last };
	return r;
}

/* Prints "blkif request <id>: <what>: got S, want W": the id finds blkback's log line. */
static void expect_rsp(const char *what, struct blkif_request r, int want)
{
	char line[112];

	snprintf(line, sizeof(line), "blkif request %#lx: %s", (unsigned long)next_id, what);
	expect(line, submit(&r, WAIT_NS), want);
}

/* Every byte of the page is b? */
static int all(const uint8_t *p, uint8_t b)
{
	for (unsigned i = 0; i < 4096; i++)
		if (p[i] != b)
			return 0;
	return 1;
}

/* A valid read of sectors 0-7 into page (granted as ref): which host sectors came. */
static void valid_read(uint8_t *page, int ref)
{
	struct blkif_request r = one(BLKIF_OP_READ, ref, 0, 0, 7);
	const uint64_t *w = (const uint64_t *)page;
	int st, good;

	memset(page, 0, 4096);
	st = submit(&r, WAIT_NS);
	good = st == BLKIF_RSP_OKAY;
	for (unsigned i = 0; i < 512; i++)
		good = good && w[i] == w[0] + i / 64;
	printf("hostile: blkif valid READ of sectors 0-7: status %d, host sectors %lu-%lu%s\n",
	       st, (unsigned long)w[0], (unsigned long)w[511], good ? "" : " (FAILED)");
	tally(good);
}

/* Last: a producer 1000 requests ahead, then an honest one that must go unanswered. */
static void break_ring(int ref)
{
	struct blkif_request r = one(BLKIF_OP_READ, ref, 0, 0, 7);
	uint64_t until;

	r.id = next_id++;
	memcpy(&ring->ring[req_prod % BLKIF_RING_SIZE].req, &r, sizeof(r));
	__atomic_store_n(&ring->hdr.req_prod, req_prod + 1000, __ATOMIC_RELEASE);
	evtchn_notify(port);		/* blkback reads the producer in this call */
	__atomic_store_n(&ring->hdr.req_prod, req_prod + 1, __ATOMIC_RELEASE);
	evtchn_notify(port);
	until = pv_now_ns() + 200000000ULL;
	while (pv_now_ns() < until)
		hyp_yield();
	int served = __atomic_load_n(&ring->hdr.rsp_prod, __ATOMIC_ACQUIRE) != rsp_cons;

	printf("hostile: blkif ring after a producer 1000 requests ahead: %s\n",
	       served ? "still served (FAILED)" : "no longer served");
	tally(!served);
}

void blkif_attacks(void)
{
	uint8_t *page = drv_alloc_pages(1), *other = drv_alloc_pages(1);
	uint64_t gfn = drv_virt_to_phys(page) / 4096, ogfn = drv_virt_to_phys(other) / 4096;
	struct blkif_request r;
	uint64_t sectors;
	int ro, rw, rdonly, foreign, revoked, me = xenbus_domid();

	if (handshake(&sectors, &ro)) {
		tally(0);
		return;
	}
	printf("hostile: vbd connected: %lu sectors, %s\n", (unsigned long)sectors,
	       ro ? "read-only" : "read-write");
	rw = gnttab_grant(0, gfn, 0);
	memset(page, JUNK, 4096);
	if (ro) {
		expect_rsp("WRITE on a read-only vbd", one(BLKIF_OP_WRITE, rw, 0, 0, 7),
			   BLKIF_RSP_ERROR);
		valid_read(page, rw);
		return;
	}
	rdonly = gnttab_grant(0, ogfn, 1);
	foreign = gnttab_grant(me == 1 ? 2 : 1, ogfn, 0);
	revoked = gnttab_grant(0, ogfn, 0);
	gnttab_end((unsigned)revoked);
	memset(other, JUNK, 4096);

	/* 1. Grants. Reads reach the disk and fail on the copy back; writes fail on the
	 * copy in, before the disk. */
	expect_rsp("READ into grant ref 99999 (beyond the table)",
		   one(BLKIF_OP_READ, 99999, 0, 0, 7), BLKIF_RSP_ERROR);
	expect_rsp("WRITE from grant ref 99999", one(BLKIF_OP_WRITE, 99999, 0, 0, 7),
		   BLKIF_RSP_ERROR);
	expect_rsp("READ into grant ref 5 (never granted)", one(BLKIF_OP_READ, 5, 0, 0, 7),
		   BLKIF_RSP_ERROR);
	expect_rsp("WRITE from a revoked grant", one(BLKIF_OP_WRITE, revoked, 0, 0, 7),
		   BLKIF_RSP_ERROR);
	expect_rsp("READ into a grant made to another domain",
		   one(BLKIF_OP_READ, foreign, 0, 0, 7), BLKIF_RSP_ERROR);
	expect_rsp("WRITE from a grant made to another domain",
		   one(BLKIF_OP_WRITE, foreign, 0, 0, 7), BLKIF_RSP_ERROR);
	expect_rsp("READ into a read-only grant", one(BLKIF_OP_READ, rdonly, 0, 0, 7),
		   BLKIF_RSP_ERROR);
	printf("hostile: blkif read-only granted page after the READ: %s\n",
	       all(other, JUNK) ? "unchanged" : "written (FAILED)");
	tally(all(other, JUNK));

	/* 2. Segments, on writes from a good grant: none may reach the disk. */
	expect_rsp("segment first_sect 4 > last_sect 3", one(BLKIF_OP_WRITE, rw, 0, 4, 3),
		   BLKIF_RSP_ERROR);
	expect_rsp("segment last_sect 8", one(BLKIF_OP_WRITE, rw, 0, 0, 8), BLKIF_RSP_ERROR);
	r = one(BLKIF_OP_WRITE, rw, 0, 0, 7);
	r.nr_segments = 0;
	expect_rsp("nr_segments 0", r, BLKIF_RSP_ERROR);
	for (unsigned i = 1; i < BLKIF_MAX_SEGMENTS_PER_REQUEST; i++)
		r.seg[i] = r.seg[0];
	r.nr_segments = BLKIF_MAX_SEGMENTS_PER_REQUEST + 1;
	expect_rsp("nr_segments 12", r, BLKIF_RSP_ERROR);
	r.nr_segments = 255;
	expect_rsp("nr_segments 255", r, BLKIF_RSP_ERROR);

	/* 3. Sectors: the vbd is a range of its host disk, whose sectors go on past it. */
	expect_rsp("WRITE at the sector after the vbd", one(BLKIF_OP_WRITE, rw, sectors, 0, 0),
		   BLKIF_RSP_ERROR);
	expect_rsp("WRITE of 8 sectors over the vbd's end",
		   one(BLKIF_OP_WRITE, rw, sectors - 1, 0, 7), BLKIF_RSP_ERROR);
	expect_rsp("WRITE at sector 2^64-1 (wraps)", one(BLKIF_OP_WRITE, rw, ~0ULL, 0, 7),
		   BLKIF_RSP_ERROR);
	expect_rsp("READ at the sector after the vbd", one(BLKIF_OP_READ, rw, sectors, 0, 0),
		   BLKIF_RSP_ERROR);

	/* 5. Operations blkback does not offer: discard (5), indirect (6), 200. */
	for (unsigned op = 5; op <= 200; op += op == 6 ? 194 : 1) {
		char what[40];

		snprintf(what, sizeof(what), "operation %u", op);
		expect_rsp(what, one((uint8_t)op, rw, 0, 0, 7), BLKIF_RSP_EOPNOTSUPP);
	}

	/* After all that, the ring still works both ways. */
	valid_read(page, rw);
	for (unsigned i = 0; i < 512; i++)
		((uint64_t *)page)[i] = STAMP_MINE | (i / 64);
	expect_rsp("valid WRITE of sectors 16-23", one(BLKIF_OP_WRITE, rw, 16, 0, 7),
		   BLKIF_RSP_OKAY);

	/* 6. */
	break_ring(rw);
}
