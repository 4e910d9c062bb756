/*
 * The key-value store in memory: binary-safe string keys and values, optional
 * expiry times, a memory budget. Portable (host tests and the fuzzer run it).
 *
 * Time is the caller's "store clock" in milliseconds (store.c keeps it running
 * across restarts). Memory counts every entry's allocation and the bucket array;
 * a write that would pass the budget fails with -ENOMEM, deletions always work.
 * The table is chained with a seeded SipHash, so clients cannot choose keys that
 * collide.
 */
#ifndef KVSTORE_KV_H
#define KVSTORE_KV_H

#include <stddef.h>
#include <stdint.h>

struct kv_entry {
	struct kv_entry *next;
	int64_t expire;			/* store-clock ms; 0 = never */
	uint64_t hash;
	uint32_t klen, vlen;
	char data[];			/* key, then value */
};

static inline const char *kv_key(const struct kv_entry *e) { return e->data; }
static inline const char *kv_val(const struct kv_entry *e) { return e->data + e->klen; }

struct kv {
	struct kv_entry **buckets;
	size_t nbuckets, count, expires;	/* expires: entries with an expiry */
	size_t used, max;			/* bytes */
	uint64_t k0, k1;			/* hash key */
	int frozen;				/* no resizing (a snapshot is walking) */
	size_t expire_cursor;
	uint64_t hits, misses, expired;
};

/* Returns 0, or -ENOMEM if the first bucket array cannot be allocated. */
int kv_init(struct kv *kv, size_t max_bytes, uint64_t k0, uint64_t k1);
void kv_free(struct kv *kv);

/* The live entry for key, or NULL (an expired entry is removed on the way). */
struct kv_entry *kv_get(struct kv *kv, const char *key, size_t klen, int64_t now);

/* Insert or replace. val must not point into the table; val == NULL keeps the old
 * value's bytes as far as they reach (the caller fills the rest). Returns the entry,
 * or NULL if the budget or memory ran out (nothing changed then). */
struct kv_entry *kv_set(struct kv *kv, const char *key, size_t klen, const char *val,
			size_t vlen, int64_t expire);

/* Returns 1 if a live key was removed, 0 if there was none (or it had expired). */
int kv_del(struct kv *kv, const char *key, size_t klen, int64_t now);
void kv_set_expire(struct kv *kv, struct kv_entry *e, int64_t expire);
void kv_flush(struct kv *kv);

/* Would storing an entry of these sizes in place of one of old_vlen (or a new one if
 * old is NULL) stay within the budget? */
int kv_fits(const struct kv *kv, size_t klen, size_t vlen, const struct kv_entry *old);

/* Remove expired entries, looking at no more than budget entries from where the last
 * call stopped. Returns how many were removed. */
size_t kv_expire_step(struct kv *kv, int64_t now, size_t budget);

/* Iterate: start with *bucket = 0, *e = NULL; returns the next entry or NULL at the
 * end. Entries may be removed between calls only if none is the one returned last.
 * Set kv->frozen while iterating across blocking calls, so no resize reorders. */
struct kv_entry *kv_next(const struct kv *kv, size_t *bucket, struct kv_entry *e);

#endif
