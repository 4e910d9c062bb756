/*
 * kvstore's persistence (store.h): the log on the first block device.
 *
 * Write commands queue records (append) in memory; one committer thread writes
 * whatever has queued as one batch, flushes, and then wakes the connections
 * waiting for those records: every client whose writes landed in the batch is
 * acknowledged by the same flush (group commit). Records are sealed (generation,
 * chained CRC) only when their batch is written, because a compaction may move
 * the log to the other region in between.
 *
 * Compaction runs in the committer between batches: it writes every live key as a
 * SET into the idle region, then switches the superblock. Connections keep
 * running meanwhile; what they change after a bucket was copied is also in the
 * records queued behind the snapshot, which replay applies on top of it (every
 * record type is idempotent on replay: see KVLOG_APPEND).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/blk.h>
#include <pvkit/log.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include "config.h"
#include "replay.h"
#include "store.h"

#define SECTOR	KVLOG_SECTOR
#define ROUND_UP(x)	(((x) + SECTOR - 1) / SECTOR * SECTOR)
#define PEND_MIN	(16 * 1024)

static struct {
	struct pv_blk *disk;
	const char *name;
	struct kv *kv;
	struct kvlog_super sb;
	uint64_t region_bytes;
	uint64_t tail;			/* log bytes in the active region (sector multiple) */
	uint32_t chain;			/* CRC of the last record on the disk */
	unsigned char *pend, *spare;	/* queued records; the first KVLOG_HDR bytes are
					 * the batch's CLOCK record, written at commit */
	size_t plen, pcap, scap;
	uint64_t seq;			/* last sequence number handed out */
	uint64_t committed;		/* last sequence number on the disk */
	int failed;
	int want_compact;
	struct pv_waitq commit_wq, work_wq;
	int64_t clock_base;		/* ms: the log's clock when this boot started */
	uint64_t batches, records, bytes, compactions, max_batch;
} st;

static unsigned char super_buf[2 * SECTOR];	/* not on a stack: devices DMA into it */

int64_t store_now(void)
{
	return st.clock_base + (int64_t)(pv_now_ns() / 1000000);
}

/* I/O of len bytes (a sector multiple) at a byte offset of the disk, split to what
 * the device takes per request. */
static int disk_io(int write, uint64_t off, void *buf, size_t len)
{
	size_t step = st.disk->info.max_len ? st.disk->info.max_len : 64 * 1024;
	char *p = buf;

	step -= step % SECTOR;
	for (size_t done = 0; done < len; done += step) {
		size_t n = len - done < step ? len - done : step;
		uint64_t sector = (off + done) / SECTOR;
		int err = write ? pv_blk_write(st.disk, sector, p + done, n) :
				  pv_blk_read(st.disk, sector, p + done, n);

		if (err)
			return err;
	}
	return 0;
}

static uint64_t region_off(uint32_t region)
{
	return kvlog_region_start(&st.sb, region) * SECTOR;
}

static void fail(const char *what, int err)
{
	if (!st.failed)
		pv_err("kvstore: %s: %s (error %d): writes are refused from now on", st.name,
		       what, err);
	st.failed = 1;
	pv_wake_all(&st.commit_wq);
}

/* --- the log interface for commands ---------------------------------------------- */

static const char *refuse(void *ctx)
{
	return st.failed ? "MISCONF kvstore cannot write to its disk; writes are refused "
			   "until it restarts (see the console)" : NULL;
}

static uint64_t append(void *ctx, const struct kvlog_rec *r)
{
	size_t need = (st.plen ? st.plen : KVLOG_HDR) + kvlog_size(r);
	uint32_t unsealed = 0;

	if (need > st.pcap) {
		size_t cap = st.pcap ? st.pcap : PEND_MIN;
		unsigned char *p;

		while (cap < need)
			cap *= 2;
		if (!(p = realloc(st.pend, cap))) {
			fail("no memory to queue log records", -ENOMEM);
			return ++st.seq;
		}
		st.pend = p;
		st.pcap = cap;
	}
	if (!st.plen)
		st.plen = KVLOG_HDR;		/* room for the batch's CLOCK record */
	kvlog_encode(st.pend + st.plen, 0, &unsealed, r);
	st.plen += kvlog_size(r);
	pv_wake_one(&st.work_wq);
	return ++st.seq;
}

static const struct cmd_log log_ops = { refuse, append, NULL };

const struct cmd_log *store_log(void)
{
	return st.disk ? &log_ops : NULL;
}

int store_wait(uint64_t seq)
{
	while (st.committed < seq && !st.failed)
		pv_wait(&st.commit_wq, 0);
	return st.committed >= seq ? 0 : -1;
}

/* --- compaction ------------------------------------------------------------------- */

static int write_super(const struct kvlog_super *sb)
{
	int err;

	kvlog_super_encode(super_buf, sb);
	if ((err = disk_io(1, (uint64_t)(sb->gen % 2) * SECTOR, super_buf, SECTOR)))
		return err;
	return pv_blk_flush(st.disk);
}

struct snap {
	unsigned char *buf;
	size_t len, cap;
	uint64_t base, written;		/* region offset; bytes already on the disk */
	uint32_t gen, chain;
};

/* Write the whole sectors buffered so far; keep the partial one. */
static int snap_flush(struct snap *s, int all)
{
	size_t n = all ? ROUND_UP(s->len) : s->len - s->len % SECTOR;
	int err;

	if (!n)
		return 0;
	if (s->written + n > st.region_bytes)
		return -ENOSPC;
	memset(s->buf + s->len, 0, n > s->len ? n - s->len : 0);
	if ((err = disk_io(1, s->base + s->written, s->buf, n)))
		return err;
	s->written += n;
	memmove(s->buf, s->buf + n, s->len > n ? s->len - n : 0);
	s->len = s->len > n ? s->len - n : 0;
	return 0;
}

static int snap_room(struct snap *s, size_t need)
{
	int err;

	if (s->len + need + SECTOR <= s->cap)
		return 0;
	if ((err = snap_flush(s, 0)))
		return err;
	if (s->len + need + SECTOR > s->cap) {
		/* at least KV_SNAPSHOT_BUF: the snapshot goes out in large writes */
		size_t cap = ROUND_UP(s->len + need + SECTOR);

		if (cap < KV_SNAPSHOT_BUF)
			cap = KV_SNAPSHOT_BUF;
		unsigned char *b = realloc(s->buf, cap);

		if (!b)
			return -ENOMEM;
		s->buf = b;
		s->cap = cap;
	}
	return 0;
}

static void snap_put(struct snap *s, const struct kvlog_rec *r)
{
	kvlog_encode(s->buf + s->len, s->gen, &s->chain, r);
	s->len += kvlog_size(r);
}

/* One bucket's live entries, serialised without blocking: its entries may be gone
 * once the next disk write has let other threads run. */
static int snap_bucket(struct snap *s, size_t b, int64_t now)
{
	size_t need = 0;
	int err;

	for (struct kv_entry *e = st.kv->buckets[b]; e; e = e->next)
		need += KVLOG_HDR + e->klen + e->vlen;
	if ((err = snap_room(s, need)))
		return err;
	for (struct kv_entry *e = st.kv->buckets[b]; e; e = e->next) {
		if (e->expire && e->expire <= now)
			continue;
		struct kvlog_rec r = { KVLOG_SET, kv_key(e), e->klen, kv_val(e), e->vlen,
				       e->expire };

		snap_put(s, &r);
	}
	return 0;
}

static int compact(void)
{
	struct kvlog_super nsb = st.sb;
	struct snap s = { NULL, 0, 0, 0, 0, st.sb.gen + 1, kvlog_seed(st.sb.gen + 1) };
	int err = 0;

	nsb.gen = s.gen;
	nsb.region = !st.sb.region;
	s.base = region_off(nsb.region);
	st.kv->frozen = 1;		/* bucket indices must stay put across writes */
	if (!(err = snap_room(&s, KVLOG_HDR))) {
		struct kvlog_rec clk = { KVLOG_CLOCK, NULL, 0, NULL, 0, store_now() };

		snap_put(&s, &clk);
	}
	for (size_t b = 0; !err && b < st.kv->nbuckets; b++)
		err = snap_bucket(&s, b, store_now());
	if (!err)
		err = snap_flush(&s, 1);
	st.kv->frozen = 0;
	if (!err)
		err = pv_blk_flush(st.disk);
	if (!err)
		err = write_super(&nsb);
	free(s.buf);
	if (err == -ENOSPC) {
		fail("the live data does not fit in a log region", err);
		return err;
	}
	if (err) {
		fail("compaction failed", err);
		return err;
	}
	st.sb = nsb;
	st.tail = s.written;
	st.chain = s.chain;
	st.compactions++;
	pv_info("kvstore: %s: log compacted into region %u (generation %u, %llu KiB)", st.name,
		nsb.region, nsb.gen, (unsigned long long)(s.written / 1024));
	return 0;
}

/* --- the committer ----------------------------------------------------------------- */

static int commit_batch(void)
{
	unsigned char *buf = st.pend;
	size_t len = st.plen, padded = ROUND_UP(len);
	uint64_t last = st.seq;
	uint32_t chain = st.chain;
	struct kvlog_rec clk = { KVLOG_CLOCK, NULL, 0, NULL, 0, store_now() };
	uint32_t unsealed = 0;
	int err;

	/* new records go to the other buffer while this one is written */
	st.pend = st.spare;
	st.spare = buf;
	size_t cap = st.pcap;

	st.pcap = st.scap;
	st.scap = cap;
	st.plen = 0;

	if (st.tail + padded > st.region_bytes && compact())
		return -ENOSPC;
	if (st.tail + padded > st.region_bytes) {
		fail("a batch does not fit in the log even after compaction", -ENOSPC);
		return -ENOSPC;
	}
	kvlog_encode(buf, 0, &unsealed, &clk);
	memset(buf + len, 0, padded - len);
	long n = kvlog_reseal(buf, len, st.sb.gen, &chain);

	if ((err = disk_io(1, region_off(st.sb.region) + st.tail, buf, padded)) ||
	    (err = pv_blk_flush(st.disk))) {
		fail("writing the log failed", err);
		return err;
	}
	st.tail += padded;
	st.chain = chain;
	st.committed = last;
	st.batches++;
	st.records += (uint64_t)(n > 0 ? n - 1 : 0);
	st.bytes += padded;
	if (padded > st.max_batch)
		st.max_batch = padded;
	pv_wake_all(&st.commit_wq);
	return 0;
}

static void committer(void *arg)
{
	for (;;) {
		while (!st.plen && !st.want_compact)
			pv_wait(&st.work_wq, 0);
		if (st.failed) {
			st.plen = 0;		/* never durable: waiters see the failure */
			st.want_compact = 0;
			pv_wake_all(&st.commit_wq);
			continue;
		}
		if (st.want_compact || st.tail >= st.region_bytes / 4 * 3) {
			st.want_compact = 0;
			if (compact())
				continue;
		}
		if (st.plen)
			commit_batch();
	}
}

/* --- opening ------------------------------------------------------------------------ */

static int replay_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	return disk_io(0, region_off(st.sb.region) + off, buf, len);
}

static int format(void)
{
	kvlog_super_layout(&st.sb, st.disk->info.sectors);
	st.sb.gen = 1;
	st.sb.region = 0;
	/* Clear each region's first sector: an older log of generation 1 left on the
	 * disk must not chain on from the seed and come back. */
	memset(super_buf, 0, sizeof(super_buf));
	if (disk_io(1, region_off(0), super_buf, SECTOR) ||
	    disk_io(1, region_off(1), super_buf, SECTOR) || write_super(&st.sb)) {
		pv_err("kvstore: %s: cannot write the superblock of a new log", st.name);
		return -1;
	}
	pv_info("kvstore: %s: formatted a blank disk (two log regions of %llu KiB)", st.name,
		(unsigned long long)(st.sb.region_sectors * SECTOR / 1024));
	return 0;
}

static int read_super(void)
{
	struct kvlog_super s[2];
	enum kvlog_super_res r[2];
	int best = -1;

	if (disk_io(0, 0, super_buf, sizeof(super_buf))) {
		pv_err("kvstore: %s: cannot read the superblocks", st.name);
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		r[i] = kvlog_super_decode(super_buf + i * SECTOR, &s[i]);
		if (r[i] == KVLOG_SUPER_OK && (best < 0 || s[i].gen > s[best].gen))
			best = i;
	}
	if (best < 0 && r[0] == KVLOG_SUPER_BLANK && r[1] == KVLOG_SUPER_BLANK)
		return format();
	if (best < 0) {
		pv_err("kvstore: %s holds no kvstore log (no valid superblock in sectors 0-1) "
		       "and is not blank; zero its first KiB to use it", st.name);
		return -1;
	}
	if (s[best].disk_sectors > st.disk->info.sectors) {
		pv_err("kvstore: %s: the log was made for %llu sectors, the disk has %llu",
		       st.name, (unsigned long long)s[best].disk_sectors,
		       (unsigned long long)st.disk->info.sectors);
		return -1;
	}
	st.sb = s[best];
	return 0;
}

static int replay(void)
{
	size_t need = ROUND_UP(KVLOG_HDR + KV_MAX_KEY + KV_MAX_VALUE) + 2 * SECTOR;
	size_t len = need > KV_REPLAY_BUF ? need : KV_REPLAY_BUF;
	unsigned char *buf = malloc(len);
	struct replay_result res;
	int err;

	if (!buf) {
		pv_err("kvstore: no memory for the %zu-byte replay buffer", len);
		return -1;
	}
	err = replay_log(st.kv, replay_read, NULL, st.region_bytes, st.sb.gen, KV_MAX_KEY,
			 KV_MAX_VALUE, buf, len, &res);
	free(buf);
	if (err) {
		pv_err("kvstore: %s: reading the log failed (error %d)", st.name, err);
		return -1;
	}
	st.tail = ROUND_UP(res.end);
	st.chain = res.chain;
	st.clock_base = res.clock;
	kv_expire_step(st.kv, store_now(), (size_t)-1);	/* count only live keys */
	pv_info("kvstore: %s: replayed %llu records, %zu keys (log generation %u, %llu KiB)",
		st.name, (unsigned long long)res.records, st.kv->count, st.sb.gen,
		(unsigned long long)(res.end / 1024));
	if (res.unapplied)
		pv_warn("kvstore: %s: %llu records did not fit in maxmemory (%zu bytes) and "
			"were skipped", st.name, (unsigned long long)res.unapplied, st.kv->max);
	if (res.corrupt) {
		pv_warn("kvstore: %s: log record at offset %llu is corrupt (%s): the tail from "
			"there is discarded, %llu intact records kept", st.name,
			(unsigned long long)res.corrupt_at, res.why,
			(unsigned long long)res.records);
		/* rewrite now, so the discarded bytes become another generation's */
		if (compact())
			return -1;
	}
	return 0;
}

int store_open(struct kv *kv)
{
	st.kv = kv;
	st.commit_wq = st.work_wq = (struct pv_waitq)PV_WAITQ_INIT;
	if (!(st.disk = pv_blk_get(0))) {
		pv_info("kvstore: no disk: the data lives in memory only");
		return 0;
	}
	st.name = st.disk->info.name;
	if (st.disk->info.read_only) {
		pv_err("kvstore: %s is read-only: the log needs a writable disk", st.name);
		return -1;
	}
	if (st.disk->info.sectors < KVLOG_MIN_SECTORS) {
		pv_err("kvstore: %s has %llu sectors; the log needs at least %u", st.name,
		       (unsigned long long)st.disk->info.sectors, KVLOG_MIN_SECTORS);
		return -1;
	}
	if (read_super())
		return -1;
	st.region_bytes = st.sb.region_sectors * SECTOR;
	if (kv->max > st.region_bytes / 2) {
		pv_info("kvstore: maxmemory lowered to %llu bytes: half a log region on %s",
			(unsigned long long)(st.region_bytes / 2), st.name);
		kv->max = st.region_bytes / 2;
	}
	if (replay())
		return -1;
	st.pend = malloc(PEND_MIN);
	st.spare = malloc(PEND_MIN);
	if (!st.pend || !st.spare ||
	    !pv_thread_create("kv-commit", committer, NULL, KV_CONN_STACK)) {
		pv_err("kvstore: no memory for the committer");
		return -1;
	}
	st.pcap = st.scap = PEND_MIN;
	return 0;
}

void store_info(struct reply *t)
{
	reply_rawf(t, "# Persistence\r\naof_enabled:%d\r\n", st.disk ? 1 : 0);
	if (!st.disk)
		return;
	reply_rawf(t, "aof_last_write_status:%s\r\nlog_device:%s\r\nlog_generation:%u\r\n"
		   "log_region:%u\r\nlog_bytes:%llu\r\nlog_region_bytes:%llu\r\n",
		   st.failed ? "err" : "ok", st.name, st.sb.gen, st.sb.region,
		   (unsigned long long)st.tail, (unsigned long long)st.region_bytes);
	reply_rawf(t, "log_batches:%llu\r\nlog_records:%llu\r\nlog_bytes_written:%llu\r\n"
		   "log_largest_batch:%llu\r\nlog_compactions:%llu\r\n",
		   (unsigned long long)st.batches, (unsigned long long)st.records,
		   (unsigned long long)st.bytes, (unsigned long long)st.max_batch,
		   (unsigned long long)st.compactions);
}
