/* A blkif ring whose frontend lies (hyp/xen/blkif_check.c, as blkback uses it): any
 * producer index and any request bytes. Whatever passes must stay inside the ring,
 * inside its granted pages and inside the configured range, and never write to a
 * read-only disk; the consumer never moves past what the ring may hold.
 * fuzz-sources: hyp/xen/blkif_check.c
 * Input: [limits: first:4 sectors:4 ro:1], the ring entries (up to 32 x 112 bytes),
 * then steps of [req_prod delta:2][responses to retire:1]. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "../../hyp/xen/blkif_check.h"

static union blkif_sring_entry ring[BLKIF_RING_SIZE];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct blkif_limits lim = { .max_gref = 4096 };
	uint32_t prod = 0, req_cons = 0, rsp_prod = 0, n;
	size_t fill;

	if (size < 9)
		return 0;
	lim.first = (uint32_t)(data[0] | data[1] << 8 | data[2] << 16 | (uint32_t)data[3] << 24);
	lim.sectors = (uint32_t)(data[4] | data[5] << 8 | data[6] << 16 | (uint32_t)data[7] << 24);
	lim.read_only = data[8] & 1;
	data += 9;
	size -= 9;
	fill = size < sizeof(ring) ? size : sizeof(ring);
	memset(ring, 0, sizeof(ring));
	memcpy(ring, data, fill);
	data += fill;
	size -= fill;
	/* Start anywhere in the index space: indices wrap. */
	prod = req_cons = rsp_prod = (uint32_t)fill * 2654435761u;
	while (size >= 3) {
		prod += (uint16_t)(data[0] | data[1] << 8);
		if (blkif_ring_check(prod, req_cons, rsp_prod, &n)) {
			assert(prod - rsp_prod > BLKIF_RING_SIZE || prod - req_cons > prod - rsp_prod);
			break;		/* blkback stops serving the ring */
		}
		assert(n <= BLKIF_RING_SIZE);
		while (n--) {
			struct blkif_request req;
			struct blkif_io io;
			uint64_t sectors = 0;

			memcpy(&req, &ring[req_cons % BLKIF_RING_SIZE].req, sizeof(req));
			req_cons++;
			assert(req_cons - rsp_prod <= BLKIF_RING_SIZE);
			if (blkif_check(&req, &lim, &io, NULL) != BLKIF_RSP_OKAY)
				continue;
			assert(io.op == BLKIF_OP_READ || io.op == BLKIF_OP_WRITE ||
			       io.op == BLKIF_OP_FLUSH_DISKCACHE);
			assert(!(io.op == BLKIF_OP_WRITE && lim.read_only));
			assert(io.nsegs <= BLKIF_MAX_SEGMENTS_PER_REQUEST);
			for (unsigned i = 0; i < io.nsegs; i++) {
				assert(io.seg[i].gref < lim.max_gref);
				assert(io.seg[i].len && io.seg[i].off + io.seg[i].len <= 4096);
				assert(io.seg[i].off % 512 == 0 && io.seg[i].len % 512 == 0);
				sectors += io.seg[i].len / 512;
			}
			assert(io.len == sectors * 512);
			assert(io.op == BLKIF_OP_FLUSH_DISKCACHE ||
			       (io.sector >= lim.first &&
				io.sector + sectors <= lim.first + lim.sectors));
		}
		/* Responses for some of what was consumed. */
		rsp_prod += data[2] % (req_cons - rsp_prod + 1);
		data += 3;
		size -= 3;
	}
	return 0;
}
