/*
 * Reading a log back into the table at boot (portable: host tests and the fuzzer run
 * it on memory images). Records are applied exactly as written, whatever their
 * expiry: expired keys then vanish on their next access, as they would have.
 */
#ifndef KVSTORE_REPLAY_H
#define KVSTORE_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "kv.h"
#include "kvlog.h"

/* Read len bytes at a sector-aligned offset of the log region; 0 or -errno. */
typedef int (*replay_read_fn)(void *ctx, uint64_t offset, void *buf, size_t len);

struct replay_result {
	uint64_t end;		/* bytes of intact log: the next batch starts at this
				 * offset rounded up to a sector */
	uint64_t records;	/* records applied */
	uint64_t unapplied;	/* records that did not fit in the memory budget */
	int64_t clock;		/* the last CLOCK record's time (0 if none) */
	uint32_t chain;		/* CRC of the last intact record (or the seed) */
	int corrupt;		/* the log ended at a record that failed its checks */
	uint64_t corrupt_at;	/* its offset */
	const char *why;	/* and why */
};

/* Apply one record. Returns 0, or -ENOMEM if the table's budget refused it. */
int replay_apply(struct kv *kv, const struct kvlog_rec *r);

/*
 * Replay the log of generation gen from a region of region_bytes (a multiple of
 * the sector size), reading through read(). buf is scratch space of buf_len bytes
 * (a multiple of the sector size, at least two sectors more than the largest
 * record). Returns 0 (see *res), or a negative errno if a read failed.
 */
int replay_log(struct kv *kv, replay_read_fn read, void *ctx, uint64_t region_bytes,
	       uint32_t gen, size_t max_key, size_t max_val, unsigned char *buf,
	       size_t buf_len, struct replay_result *res);

#endif
