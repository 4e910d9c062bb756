/* kvstore's log replay and superblock decoding (apps/kvstore). Two modes, by the
 * first byte: even, the input itself is a log region; odd, the input is a program
 * that writes a valid log (so the fuzzer gets past the checksums) and then flips
 * bits in it. Invariants: replay stops inside the region; with no flips, every record
 * written is replayed and nothing is reported corrupt.
 * fuzz-sources: apps/kvstore/replay.c apps/kvstore/kvlog.c apps/kvstore/crc32c.c apps/kvstore/kv.c
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "kvstore/kvlog.h"
#include "kvstore/replay.h"

#define REGION	(8 * 1024)

static unsigned char region[REGION];

static int rd(void *ctx, uint64_t off, void *buf, size_t len)
{
	if (off % KVLOG_SECTOR || off > REGION || len > REGION - off)
		return -EINVAL;
	memcpy(buf, region + off, len);
	return 0;
}

/* Build a log from the program: each step is a type byte and a length byte. */
static uint64_t build(const uint8_t *d, size_t n, size_t *flips_at)
{
	static const char text[] = "the quick brown fox jumps over the lazy dog 0123456789";
	uint32_t chain = kvlog_seed(1);
	uint64_t records = 0;
	size_t w = 0, i = 0;

	memset(region, 0, sizeof(region));
	for (; i + 2 <= n && d[i] != 0xff; i += 2) {
		struct kvlog_rec r = { (enum kvlog_type)(d[i] % 6 + 1), text, d[i + 1] % 16 + 1,
				       text + 3, d[i + 1] / 16, (int64_t)d[i] * 100 };

		if (d[i] % 7 == 6) {		/* end the batch */
			w = (w + KVLOG_SECTOR - 1) / KVLOG_SECTOR * KVLOG_SECTOR;
			continue;
		}
		if (w + kvlog_size(&r) > REGION)
			break;
		kvlog_encode(region + w, 1, &chain, &r);
		w += kvlog_size(&r);
		records++;
	}
	*flips_at = i + 1;	/* after the 0xff: pairs of (offset, bit) to flip */
	return records;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char scratch[4 * KVLOG_SECTOR + 1024];
	struct kvlog_super s;
	struct replay_result res;
	struct kv kv;
	uint64_t written = 0;
	int flipped = 0;

	if (!size)
		return 0;
	if (data[0] & 1) {
		size_t at;

		written = build(data + 1, size - 1, &at);
		for (at += 1; at + 2 <= size; at += 2) {
			region[((size_t)data[at] * 37) % REGION] ^= (uint8_t)(1 << (data[at + 1] % 8));
			flipped = 1;
		}
	} else {
		memset(region, 0, sizeof(region));
		memcpy(region, data + 1, size - 1 < REGION ? size - 1 : REGION);
	}
	kvlog_super_decode(region, &s);
	kv_init(&kv, 64 * 1024, 3, 4);
	int r = replay_log(&kv, rd, NULL, REGION, 1, 16, 16, scratch, sizeof(scratch), &res);

	assert(r == 0 && res.end <= REGION && (!res.corrupt || res.corrupt_at <= REGION));
	if ((data[0] & 1) && !flipped)
		assert(res.records == written && !res.corrupt);
	kv_free(&kv);
	return 0;
}
