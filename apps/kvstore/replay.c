/* Log replay (replay.h). */
#include <errno.h>
#include <string.h>

#include "replay.h"

/* Any expiry counts as in the future: the log decides, not the replay's clock. */
#define NEVER_EXPIRED	INT64_MIN

int replay_apply(struct kv *kv, const struct kvlog_rec *r)
{
	struct kv_entry *e;

	switch (r->type) {
	case KVLOG_SET:
		return kv_set(kv, r->key, r->klen, r->val, r->vlen, r->time) ? 0 : -ENOMEM;
	case KVLOG_DEL:
		kv_del(kv, r->key, r->klen, NEVER_EXPIRED);
		return 0;
	case KVLOG_EXPIRE:
		if ((e = kv_get(kv, r->key, r->klen, NEVER_EXPIRED)))
			kv_set_expire(kv, e, r->time);
		return 0;
	case KVLOG_FLUSHALL:
		kv_flush(kv);
		return 0;
	case KVLOG_APPEND: {
		size_t old;

		e = kv_get(kv, r->key, r->klen, NEVER_EXPIRED);
		old = e ? e->vlen : 0;
		/* A compaction snapshot may already hold this append (store.c): the value
		 * is then at least as long as the append left it. */
		if (r->time > 0 && old + r->vlen != (uint64_t)r->time && old >= (uint64_t)r->time)
			return 0;
		e = kv_set(kv, r->key, r->klen, NULL, old + r->vlen, e ? e->expire : 0);
		if (!e)
			return -ENOMEM;
		memcpy((char *)kv_val(e) + old, r->val, r->vlen);
		return 0;
	}
	case KVLOG_CLOCK:
		return 0;
	}
	return 0;
}

int replay_log(struct kv *kv, replay_read_fn read, void *ctx, uint64_t region_bytes,
	       uint32_t gen, size_t max_key, size_t max_val, unsigned char *buf,
	       size_t buf_len, struct replay_result *res)
{
	uint64_t base = 0;		/* region offset of buf[0], sector-aligned */
	size_t fill = 0, pos = 0;	/* valid bytes in buf; decode position */
	int err;

	memset(res, 0, sizeof(*res));
	res->chain = kvlog_seed(gen);
	for (;;) {
		struct kvlog_rec r;
		size_t used = 0;
		const char *why = NULL;
		enum kvlog_res d = kvlog_decode(buf + pos, fill - pos, gen, &res->chain, max_key,
						 max_val, &r, &used, &why);
		uint64_t at = base + pos;

		if (d == KVLOG_OK) {
			if (r.type == KVLOG_CLOCK)
				res->clock = r.time;
			else if (replay_apply(kv, &r))
				res->unapplied++;
			res->records++;
			pos += used;
			res->end = base + pos;
			continue;
		}
		if (d == KVLOG_PAD) {
			/* padding runs to the sector's end; a batch never starts with it */
			if (at % KVLOG_SECTOR == 0)
				return 0;
			pos += KVLOG_SECTOR - at % KVLOG_SECTOR;
			if (pos <= fill)
				continue;
			d = KVLOG_MORE;		/* the padding's sector is not all read */
			pos -= KVLOG_SECTOR - at % KVLOG_SECTOR;
		}
		if (d == KVLOG_END)
			return 0;
		if (d == KVLOG_CORRUPT) {
			res->corrupt = 1;
			res->corrupt_at = at;
			res->why = why;
			return 0;
		}
		/* KVLOG_MORE: slide the window to pos's sector and read on */
		if (base + fill >= region_bytes) {
			if (fill > pos) {
				res->corrupt = 1;
				res->corrupt_at = at;
				res->why = "a record runs past the end of the log region";
			}
			return 0;
		}
		size_t keep = pos - pos % KVLOG_SECTOR;

		memmove(buf, buf + keep, fill - keep);
		base += keep;
		fill -= keep;
		pos -= keep;
		if (fill == buf_len) {
			res->corrupt = 1;
			res->corrupt_at = at;
			res->why = "a record is larger than the replay buffer";
			return 0;
		}
		size_t n = buf_len - fill;

		if (n > region_bytes - (base + fill))
			n = (size_t)(region_bytes - (base + fill));
		if ((err = read(ctx, base + fill, buf + fill, n)) < 0)
			return err;
		fill += n;
	}
}
