/* hyp/xen/blkif_check.c: the blkif ring bound and request validator blkback applies
 * to every request it copies out of a frontend's ring. */
#include <string.h>

#include "blkif_check.h"
#include "tap.h"

static const struct blkif_limits whole = { .first = 0, .sectors = 1000, .max_gref = 4096 };
static const struct blkif_limits range = { .first = 4096, .sectors = 100, .max_gref = 4096 };
static const struct blkif_limits ro = { .sectors = 1000, .read_only = 1, .max_gref = 4096 };

static struct blkif_request rq(uint8_t op, uint64_t sector, unsigned nsegs)
{
	struct blkif_request r;

	memset(&r, 0, sizeof(r));
	r.operation = op;
	r.id = 0x1234567890abcdefULL;
	r.sector_number = sector;
	r.nr_segments = (uint8_t)nsegs;
	for (unsigned i = 0; i < nsegs && i < BLKIF_MAX_SEGMENTS_PER_REQUEST; i++)
		r.seg[i] = (struct blkif_request_segment){ .gref = 8 + i, .first_sect = 0,
							   .last_sect = 7 };
	return r;
}

static int verdict(struct blkif_request r, const struct blkif_limits *l, struct blkif_io *io)
{
	return blkif_check(&r, l, io, NULL);
}

int main(void)
{
	struct blkif_io io;
	struct blkif_request r;
	const char *why;
	uint32_t n;

	/* The ring: at most BLKIF_RING_SIZE requests without a response. */
	ok(blkif_ring_check(5, 3, 2, &n) == 0 && n == 2, "two new requests");
	ok(blkif_ring_check(34, 2, 2, &n) == 0 && n == 32, "a full ring");
	ok(blkif_ring_check(35, 2, 2, &n) < 0, "producer one past the ring: refused");
	ok(blkif_ring_check(0x80000000u, 0, 0, &n) < 0, "producer far beyond: refused");
	ok(blkif_ring_check(1, 3, 2, &n) < 0, "producer behind the consumer: refused");
	ok(blkif_ring_check(3, 0xfffffffeu, 0xfffffffeu, &n) == 0 && n == 5,
	   "indices wrap around 2^32");

	/* Good requests. */
	is_int(verdict(rq(BLKIF_OP_READ, 10, 2), &whole, &io), BLKIF_RSP_OKAY, "read of 2 pages");
	ok(io.len == 8192 && io.sector == 10 && io.nsegs == 2 && io.seg[1].gref == 9 &&
	   io.seg[0].off == 0 && io.seg[0].len == 4096, "its segments and length");
	ok(io.id == 0x1234567890abcdefULL && io.op == BLKIF_OP_READ, "id and op kept");
	r = rq(BLKIF_OP_WRITE, 0, 1);
	r.seg[0].first_sect = 3;
	r.seg[0].last_sect = 5;
	is_int(verdict(r, &whole, &io), BLKIF_RSP_OKAY, "write of sectors 3-5 of a page");
	ok(io.seg[0].off == 1536 && io.seg[0].len == 1536 && io.len == 1536, "offset and length");
	is_int(verdict(rq(BLKIF_OP_READ, 0, 11), &whole, &io), BLKIF_RSP_OKAY, "11 segments");
	is_int(verdict(rq(BLKIF_OP_FLUSH_DISKCACHE, 0, 0), &ro, &io), BLKIF_RSP_OKAY,
	       "flush (also on a read-only disk)");
	is_int(verdict(rq(BLKIF_OP_READ, 92, 1), &range, &io), BLKIF_RSP_OKAY,
	       "the last page of a range");
	ok(io.sector == 4096 + 92, "range start added: %lu", (unsigned long)io.sector);

	/* Bad ones. */
	is_int(verdict(rq(BLKIF_OP_READ, 0, 12), &whole, &io), BLKIF_RSP_ERROR, "12 segments");
	is_int(verdict(rq(BLKIF_OP_READ, 0, 255), &whole, &io), BLKIF_RSP_ERROR, "255 segments");
	is_int(verdict(rq(BLKIF_OP_READ, 0, 0), &whole, &io), BLKIF_RSP_ERROR, "no segment");
	is_int(verdict(rq(BLKIF_OP_FLUSH_DISKCACHE, 0, 1), &whole, &io), BLKIF_RSP_ERROR,
	       "flush with a segment");
	is_int(verdict(rq(7, 0, 1), &whole, &io), BLKIF_RSP_EOPNOTSUPP, "unknown operation");
	ok(io.op == 7, "its op kept for the response");
	r = rq(BLKIF_OP_READ, 0, 1);
	r.seg[0].gref = 4096;
	is_int(blkif_check(&r, &whole, &io, &why), BLKIF_RSP_ERROR, "grant ref out of range");
	ok(why && strstr(why, "grant"), "reason: %s", why);
	r = rq(BLKIF_OP_READ, 0, 1);
	r.seg[0].last_sect = 8;
	is_int(verdict(r, &whole, &io), BLKIF_RSP_ERROR, "last_sect 8");
	r = rq(BLKIF_OP_READ, 0, 1);
	r.seg[0].first_sect = 5;
	r.seg[0].last_sect = 4;
	is_int(verdict(r, &whole, &io), BLKIF_RSP_ERROR, "first_sect > last_sect");
	r = rq(BLKIF_OP_READ, 0, 1);
	r.seg[0].first_sect = 200;
	is_int(verdict(r, &whole, &io), BLKIF_RSP_ERROR, "first_sect 200");
	is_int(verdict(rq(BLKIF_OP_READ, 993, 1), &whole, &io), BLKIF_RSP_ERROR,
	       "straddles the end");
	is_int(verdict(rq(BLKIF_OP_READ, 992, 1), &whole, &io), BLKIF_RSP_OKAY,
	       "ends at the end");
	is_int(verdict(rq(BLKIF_OP_READ, 1000, 1), &whole, &io), BLKIF_RSP_ERROR, "past the end");
	is_int(verdict(rq(BLKIF_OP_READ, ~0ULL - 3, 1), &whole, &io), BLKIF_RSP_ERROR,
	       "sector wraps");
	is_int(verdict(rq(BLKIF_OP_READ, 93, 1), &range, &io), BLKIF_RSP_ERROR,
	       "beyond a range");
	is_int(verdict(rq(BLKIF_OP_WRITE, 0, 1), &ro, &io), BLKIF_RSP_ERROR,
	       "write on read-only");
	is_int(verdict(rq(BLKIF_OP_READ, 0, 1), &ro, &io), BLKIF_RSP_OKAY, "read on read-only");
	return done_testing();
}
