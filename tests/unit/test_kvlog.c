/* apps/kvstore/kvlog.c, replay.c, crc32c.c: the disk format, written and read back,
 * torn, corrupted and stale. */
#include <errno.h>
#include <stdlib.h>

#include "kvstore/crc32c.h"
#include "kvstore/kvlog.h"
#include "kvstore/replay.h"
#include "tap.h"

#define REGION	(64 * 1024)
#define MAXK	64
#define MAXV	4096

static unsigned char region[REGION];
static size_t wpos;		/* next write offset */
static uint32_t chain;

static int mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	if (off % KVLOG_SECTOR || len % KVLOG_SECTOR || off + len > REGION)
		return -EINVAL;
	memcpy(buf, region + off, len);
	return 0;
}

static void put(uint32_t gen, enum kvlog_type t, const char *k, const char *v, int64_t time)
{
	struct kvlog_rec r = { t, k, k ? (uint32_t)strlen(k) : 0, v, v ? (uint32_t)strlen(v) : 0,
			       time };

	kvlog_encode(region + wpos, gen, &chain, &r);
	wpos += kvlog_size(&r);
}

/* End a batch: pad with zeros to the sector boundary. */
static void seal(void)
{
	while (wpos % KVLOG_SECTOR)
		region[wpos++] = 0;
}

static struct kv kv;
static struct replay_result res;
static unsigned char scratch[16 * 1024];

static int replay_in(uint32_t gen, size_t scratch_len, size_t region_len)
{
	kv_free(&kv);
	kv_init(&kv, 1 << 20, 1, 1);
	return replay_log(&kv, mem_read, NULL, region_len, gen, MAXK, MAXV, scratch, scratch_len,
			  &res);
}

static int replay(uint32_t gen, size_t scratch_len)
{
	return replay_in(gen, scratch_len, REGION);
}

static const char *val(const char *k)
{
	static char buf[MAXV + 1];
	struct kv_entry *e = kv_get(&kv, k, strlen(k), INT64_MIN);

	if (!e)
		return "(none)";
	snprintf(buf, sizeof(buf), "%.*s", (int)e->vlen, kv_val(e));
	return buf;
}

int main(void)
{
	static char bigv[3000];
	unsigned char blk[KVLOG_SECTOR];
	struct kvlog_super s, d;

	/* CRC-32C check value (RFC 3720) */
	is_int(crc32c(0, "123456789", 9), 0xe3069283, "crc32c('123456789')");
	is_int(crc32c(crc32c(0, "1234", 4), "56789", 5), 0xe3069283, "crc32c continues");

	/* superblock */
	kvlog_super_layout(&s, 1000);
	s.gen = 7;
	s.region = 1;
	kvlog_super_encode(blk, &s);
	ok(kvlog_super_decode(blk, &d) == KVLOG_SUPER_OK && d.gen == 7 && d.region == 1 &&
	   d.region_sectors == 496 && kvlog_region_start(&d, 1) == 8 + 496, "superblock round trip");
	blk[20] ^= 1;
	ok(kvlog_super_decode(blk, &d) == KVLOG_SUPER_BAD, "flipped bit: bad superblock");
	memset(blk, 0, sizeof(blk));
	ok(kvlog_super_decode(blk, &d) == KVLOG_SUPER_BLANK, "zeros: blank");
	memset(blk, 0xff, sizeof(blk));
	ok(kvlog_super_decode(blk, &d) == KVLOG_SUPER_BAD, "ones: bad");

	/* a log of three batches */
	kv_init(&kv, 1 << 20, 1, 1);
	chain = kvlog_seed(3);
	put(3, KVLOG_CLOCK, NULL, NULL, 5000);
	put(3, KVLOG_SET, "a", "1", 0);
	put(3, KVLOG_SET, "b", "2", 9000);
	seal();
	put(3, KVLOG_CLOCK, NULL, NULL, 6000);
	put(3, KVLOG_APPEND, "a", "23", 0);
	put(3, KVLOG_DEL, "b", NULL, 0);
	memset(bigv, 'v', sizeof(bigv));
	bigv[sizeof(bigv) - 1] = 0;
	put(3, KVLOG_SET, "big", bigv, 0);	/* spans sectors */
	seal();
	put(3, KVLOG_SET, "c", "3", 0);
	put(3, KVLOG_EXPIRE, "c", NULL, 7777);
	size_t end = wpos;

	seal();
	is_int(replay(3, sizeof(scratch)), 0, "replay succeeds");
	ok(!res.corrupt && res.records == 9 && res.end == end, "9 records, end where writing stopped");
	is_str(val("a"), "123", "SET then APPEND");
	is_str(val("b"), "(none)", "DEL");
	ok(strlen(val("big")) == sizeof(bigv) - 1, "a 3000-byte value across sectors");
	ok(kv_get(&kv, "c", 1, INT64_MIN)->expire == 7777, "EXPIRE applied");
	is_int(res.clock, 6000, "the last CLOCK");
	is_int(replay(3, 4 * KVLOG_SECTOR + 3072), 0, "a window barely larger than a record");
	ok(res.records == 9 && !res.corrupt, "same result through a small window");
	is_int(replay(4, sizeof(scratch)), 0, "another generation");
	ok(res.records == 0 && !res.corrupt, "sees no records");

	/* corrupt the last record's value: the tail from there is dropped and reported */
	size_t c_off = end - (32 + 1) - (32 + 2);	/* the "c" SET, before the EXPIRE */

	region[c_off + 32 + 1] ^= 0x40;
	replay(3, sizeof(scratch));
	ok(res.corrupt && res.corrupt_at == c_off && !strcmp(res.why, "checksum mismatch"),
	   "flipped value byte: corrupt at that record (%s)", res.why ? res.why : "");
	ok(res.records == 7 && !strcmp(val("c"), "(none)") && !strcmp(val("a"), "123"),
	   "every record before it kept");
	region[c_off + 32 + 1] ^= 0x40;

	/* a torn batch: its second sector never reached the disk (zeros) */
	size_t batch2 = (end + KVLOG_SECTOR - 1) / KVLOG_SECTOR * KVLOG_SECTOR;

	wpos = batch2;
	put(3, KVLOG_SET, "d", bigv, 0);
	memset(region + batch2 + KVLOG_SECTOR, 0, 2 * KVLOG_SECTOR);
	replay(3, sizeof(scratch));
	ok(res.corrupt && res.corrupt_at == batch2 && res.end == end,
	   "torn record: detected, the log ends before it");

	/* stale same-generation records after a rewritten batch never validate */
	wpos = batch2;
	uint32_t before = chain;

	chain = res.chain;			/* continue from the intact end */
	put(3, KVLOG_SET, "e", "new", 0);
	seal();
	size_t after_e = wpos;

	chain = before;
	wpos = after_e;
	put(3, KVLOG_SET, "stale", "old", 0);	/* chained to something else */
	replay(3, sizeof(scratch));
	ok(!strcmp(val("e"), "new") && !strcmp(val("stale"), "(none)") && res.corrupt &&
	   res.end == batch2 + KVLOG_HDR + 1 + 3, "a stale record chained elsewhere is refused");

	/* records over the limits, unknown types */
	memset(region, 0, sizeof(region));
	wpos = 0;
	chain = kvlog_seed(1);
	put(1, KVLOG_SET, "k", "v", 0);
	size_t second = wpos;

	put(1, KVLOG_SET, "k2", "v", 0);
	region[second + 8] = 200;		/* klen 200 > MAXK */
	replay(1, sizeof(scratch));
	ok(res.corrupt && res.records == 1 && !strcmp(val("k"), "v"), "oversized key length: corrupt");
	region[second + 8] = 2;
	region[second + 2] = 99;		/* type */
	replay(1, sizeof(scratch));
	ok(res.corrupt && res.records == 1, "unknown type: corrupt");

	/* records queued unsealed, sealed later for the log they land in */
	memset(region, 0, sizeof(region));
	{
		unsigned char q[256];
		uint32_t unsealed = 0, c1 = kvlog_seed(5);
		size_t qlen = 0;
		struct kvlog_rec a = { KVLOG_SET, "q1", 2, "x", 1, 0 };
		struct kvlog_rec b = { KVLOG_DEL, "q2", 2, NULL, 0, 0 };

		kvlog_encode(q, 0, &unsealed, &a);
		qlen += kvlog_size(&a);
		kvlog_encode(q + qlen, 0, &unsealed, &b);
		qlen += kvlog_size(&b);
		is_int(kvlog_reseal(q, qlen, 5, &c1), 2, "reseal: two records");
		is_int(kvlog_reseal(q, qlen - 1, 5, &c1), -1, "reseal: a cut record refused");
		c1 = kvlog_seed(5);
		kvlog_reseal(q, qlen, 5, &c1);
		memcpy(region, q, qlen);
		replay(5, sizeof(scratch));
		ok(res.records == 2 && !res.corrupt && res.chain == c1 && !strcmp(val("q1"), "x"),
		   "resealed records replay in their new generation");
	}

	/* APPEND carries the length it leaves: replay over a snapshot that already
	 * holds it does not append twice */
	{
		struct kvlog_rec snap = { KVLOG_SET, "s", 1, "abcd", 4, 0 };
		struct kvlog_rec ap1 = { KVLOG_APPEND, "s", 1, "c", 1, 3 };
		struct kvlog_rec ap2 = { KVLOG_APPEND, "s", 1, "d", 1, 4 };
		struct kvlog_rec ap3 = { KVLOG_APPEND, "s", 1, "e", 1, 5 };

		kv_free(&kv);
		kv_init(&kv, 1 << 20, 1, 1);
		replay_apply(&kv, &snap);
		replay_apply(&kv, &ap1);
		replay_apply(&kv, &ap2);
		replay_apply(&kv, &ap3);
		is_str(val("s"), "abcde", "appends already in a snapshot are skipped, later ones applied");
	}

	/* a record running past the region's end */
	memset(region, 0, sizeof(region));
	chain = kvlog_seed(1);
	wpos = 0;
	put(1, KVLOG_SET, "k", "v", 0);
	put(1, KVLOG_SET, "big", bigv, 0);
	replay_in(1, sizeof(scratch), 2 * KVLOG_SECTOR);
	ok(res.corrupt && res.records == 1 && res.why && strstr(res.why, "past the end"),
	   "a record past the region's end: corrupt (%s)", res.why ? res.why : "");
	memset(region, 0, sizeof(region));
	replay(1, sizeof(scratch));
	ok(!res.corrupt && res.records == 0 && res.end == 0, "empty region: no records");
	kv_free(&kv);
	return done_testing();
}
