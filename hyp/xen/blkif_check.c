/* blkif request and ring checks (blkif_check.h). */
#include "blkif_check.h"

#include <stddef.h>

int blkif_ring_check(uint32_t prod, uint32_t req_cons, uint32_t rsp_prod, uint32_t *n)
{
	/* Unanswered requests (consumed or not) never exceed the ring: a producer
	 * further ahead would have written over entries whose responses are due. */
	if (prod - rsp_prod > BLKIF_RING_SIZE || req_cons - rsp_prod > BLKIF_RING_SIZE ||
	    prod - req_cons > prod - rsp_prod)
		return -1;
	*n = prod - req_cons;
	return 0;
}

static int reject(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return BLKIF_RSP_ERROR;
}

int blkif_check(const struct blkif_request *req, const struct blkif_limits *lim,
		struct blkif_io *io, const char **why)
{
	uint64_t nsect = 0;

	io->id = req->id;
	io->op = req->operation;
	io->nsegs = 0;
	io->sector = 0;
	io->len = 0;
	if (why)
		*why = NULL;
	if (req->operation == BLKIF_OP_FLUSH_DISKCACHE)
		return req->nr_segments ? reject(why, "flush with segments") : BLKIF_RSP_OKAY;
	if (req->operation != BLKIF_OP_READ && req->operation != BLKIF_OP_WRITE) {
		if (why)
			*why = "unknown operation";
		return BLKIF_RSP_EOPNOTSUPP;
	}
	if (req->nr_segments == 0 || req->nr_segments > BLKIF_MAX_SEGMENTS_PER_REQUEST)
		return reject(why, "nr_segments not 1..11");
	if (req->operation == BLKIF_OP_WRITE && lim->read_only)
		return reject(why, "write on a read-only disk");
	for (unsigned i = 0; i < req->nr_segments; i++) {
		const struct blkif_request_segment *s = &req->seg[i];

		if (s->gref >= lim->max_gref)
			return reject(why, "grant reference out of range");
		if (s->first_sect >= BLKIF_SECTORS_PER_PAGE ||
		    s->last_sect >= BLKIF_SECTORS_PER_PAGE || s->first_sect > s->last_sect)
			return reject(why, "segment sectors not 0 <= first <= last <= 7");
		io->seg[i] = (struct blkif_seg){
			.gref = s->gref,
			.off = (uint16_t)(s->first_sect * BLKIF_SECTOR_SIZE),
			.len = (uint16_t)((s->last_sect - s->first_sect + 1) * BLKIF_SECTOR_SIZE),
		};
		nsect += s->last_sect - s->first_sect + 1u;
	}
	/* sector + nsect <= sectors, written so that nothing overflows. */
	if (req->sector_number >= lim->sectors || nsect > lim->sectors - req->sector_number)
		return reject(why, "sectors beyond the disk");
	io->nsegs = req->nr_segments;
	io->sector = lim->first + req->sector_number;
	io->len = (uint32_t)(nsect * BLKIF_SECTOR_SIZE);
	return BLKIF_RSP_OKAY;
}
