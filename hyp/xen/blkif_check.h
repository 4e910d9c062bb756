/*
 * The checks blkback applies to what a frontend puts on its blkif ring, as pure
 * functions over private copies: nothing here reads shared memory, so each value is
 * fetched once by the caller and checked here before use. Portable:
 * tests/unit/test_blkif_check.c and tests/fuzz/fuzz_blkif.c call them on the host.
 */
#ifndef XEN_BLKIF_CHECK_H
#define XEN_BLKIF_CHECK_H

#include <stdint.h>

#include <xen/io/blkif.h>

/* What a domain may reach: sectors [first, first + sectors) of the host disk. */
struct blkif_limits {
	uint64_t first, sectors;
	int read_only;
	uint32_t max_gref;		/* grant references are below this */
};

/* One segment as the data path uses it: bytes [off, off + len) of the granted page. */
struct blkif_seg {
	grant_ref_t gref;
	uint16_t off, len;
};

/* A request that passed: what to do on the host disk. */
struct blkif_io {
	uint64_t id;
	uint8_t op;			/* BLKIF_OP_* */
	uint8_t nsegs;
	uint64_t sector;		/* on the host disk (first already added) */
	uint32_t len;			/* bytes, the sum of the segments */
	struct blkif_seg seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

/* How many new requests the frontend's producer `prod` offers beyond `req_cons`, with
 * responses produced up to `rsp_prod`: 0..BLKIF_RING_SIZE in *n and 0, or -1 when
 * prod is impossible (more requests outstanding than the ring holds). */
int blkif_ring_check(uint32_t prod, uint32_t req_cons, uint32_t rsp_prod, uint32_t *n);

/* Check a private copy of a request against the limits and fill io (id and op are
 * filled first, for the response, whatever the verdict). Returns BLKIF_RSP_OKAY,
 * BLKIF_RSP_EOPNOTSUPP (unknown operation) or BLKIF_RSP_ERROR (bad segment count,
 * grant reference or sectors, beyond the range, a write on a read-only disk). If why
 * is not NULL it is set to a short reason for the log. */
int blkif_check(const struct blkif_request *req, const struct blkif_limits *lim,
		struct blkif_io *io, const char **why);

#endif
