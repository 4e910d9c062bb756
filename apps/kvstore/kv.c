/* The in-memory table (kv.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kv.h"

#define BUCKETS_MIN	64
/* What an allocation costs beyond its size (the allocator's header and rounding),
 * so the budget tracks real heap use rather than payload bytes. */
#define ALLOC_OVERHEAD	16

/* --- SipHash-1-3 (Aumasson, Bernstein), for hash-flooding resistance ------------ */

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND() do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

static uint64_t siphash13(uint64_t k0, uint64_t k1, const unsigned char *p, size_t len)
{
	uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
	uint64_t m, last = (uint64_t)len << 56;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		m = 0;
		for (int b = 7; b >= 0; b--)
			m = m << 8 | p[i + (size_t)b];
		v3 ^= m;
		SIPROUND();
		v0 ^= m;
	}
	for (int b = 0; i + (size_t)b < len; b++)
		last |= (uint64_t)p[i + (size_t)b] << (8 * b);
	v3 ^= last;
	SIPROUND();
	v0 ^= last;
	v2 ^= 0xff;
	SIPROUND();
	SIPROUND();
	SIPROUND();
	return v0 ^ v1 ^ v2 ^ v3;
}

/* --- table ---------------------------------------------------------------------- */

static size_t entry_cost(size_t klen, size_t vlen)
{
	return sizeof(struct kv_entry) + klen + vlen + ALLOC_OVERHEAD;
}

int kv_init(struct kv *kv, size_t max_bytes, uint64_t k0, uint64_t k1)
{
	memset(kv, 0, sizeof(*kv));
	kv->max = max_bytes;
	kv->k0 = k0;
	kv->k1 = k1;
	kv->buckets = calloc(BUCKETS_MIN, sizeof(*kv->buckets));
	if (!kv->buckets)
		return -ENOMEM;
	kv->nbuckets = BUCKETS_MIN;
	kv->used = BUCKETS_MIN * sizeof(*kv->buckets);
	return 0;
}

void kv_free(struct kv *kv)
{
	kv_flush(kv);
	free(kv->buckets);
	kv->buckets = NULL;
}

static uint64_t hash_of(const struct kv *kv, const char *key, size_t klen)
{
	return siphash13(kv->k0, kv->k1, (const unsigned char *)key, klen);
}

static struct kv_entry **find_link(const struct kv *kv, const char *key, size_t klen,
				   uint64_t h)
{
	struct kv_entry **link = &kv->buckets[h & (kv->nbuckets - 1)];

	for (; *link; link = &(*link)->next) {
		const struct kv_entry *e = *link;

		if (e->hash == h && e->klen == klen && !memcmp(e->data, key, klen))
			return link;
	}
	return link;
}

/* Double the bucket array when entries outnumber buckets; if memory says no, chains
 * just get longer. */
static void maybe_grow(struct kv *kv)
{
	size_t n = kv->nbuckets * 2, add = kv->nbuckets * sizeof(*kv->buckets);
	struct kv_entry **b;

	if (kv->frozen || kv->count <= kv->nbuckets || kv->used + add > kv->max)
		return;
	if (!(b = calloc(n, sizeof(*b))))
		return;
	for (size_t i = 0; i < kv->nbuckets; i++) {
		struct kv_entry *e = kv->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	free(kv->buckets);
	kv->buckets = b;
	kv->nbuckets = n;
	kv->used += add;
}

static void unlink_entry(struct kv *kv, struct kv_entry **link)
{
	struct kv_entry *e = *link;

	*link = e->next;
	kv->count--;
	if (e->expire)
		kv->expires--;
	kv->used -= entry_cost(e->klen, e->vlen);
	free(e);
}

struct kv_entry *kv_get(struct kv *kv, const char *key, size_t klen, int64_t now)
{
	struct kv_entry **link = find_link(kv, key, klen, hash_of(kv, key, klen));
	struct kv_entry *e = *link;

	if (e && e->expire && e->expire <= now) {
		unlink_entry(kv, link);
		kv->expired++;
		e = NULL;
	}
	if (e)
		kv->hits++;
	else
		kv->misses++;
	return e;
}

int kv_fits(const struct kv *kv, size_t klen, size_t vlen, const struct kv_entry *old)
{
	size_t cost = entry_cost(klen, vlen);
	size_t freed = old ? entry_cost(old->klen, old->vlen) : 0;

	return cost <= freed || kv->used + (cost - freed) <= kv->max;
}

struct kv_entry *kv_set(struct kv *kv, const char *key, size_t klen, const char *val,
			size_t vlen, int64_t expire)
{
	uint64_t h = hash_of(kv, key, klen);
	struct kv_entry **link = find_link(kv, key, klen, h);
	struct kv_entry *old = *link, *e;

	if (klen > UINT32_MAX || vlen > UINT32_MAX || !kv_fits(kv, klen, vlen, old))
		return NULL;
	if (old) {
		if (!(e = realloc(old, sizeof(*e) + klen + vlen)))
			return NULL;
		kv->used -= entry_cost(e->klen, e->vlen);
		if (e->expire)
			kv->expires--;
		*link = e;
	} else {
		if (!(e = malloc(sizeof(*e) + klen + vlen)))
			return NULL;
		e->next = NULL;
		e->hash = h;
		e->klen = (uint32_t)klen;
		memcpy(e->data, key, klen);
		*link = e;
		kv->count++;
	}
	e->vlen = (uint32_t)vlen;
	if (vlen && val)
		memcpy(e->data + klen, val, vlen);
	e->expire = expire;
	if (expire)
		kv->expires++;
	kv->used += entry_cost(klen, vlen);
	if (!old)
		maybe_grow(kv);
	return e;
}

int kv_del(struct kv *kv, const char *key, size_t klen, int64_t now)
{
	struct kv_entry **link = find_link(kv, key, klen, hash_of(kv, key, klen));
	int live;

	if (!*link)
		return 0;
	live = !(*link)->expire || (*link)->expire > now;
	kv->expired += !live;
	unlink_entry(kv, link);
	return live;
}

void kv_set_expire(struct kv *kv, struct kv_entry *e, int64_t expire)
{
	kv->expires += (expire != 0) - (e->expire != 0);
	e->expire = expire;
}

void kv_flush(struct kv *kv)
{
	for (size_t i = 0; i < kv->nbuckets; i++)
		while (kv->buckets[i])
			unlink_entry(kv, &kv->buckets[i]);
}

size_t kv_expire_step(struct kv *kv, int64_t now, size_t budget)
{
	size_t removed = 0, looked = 0;

	if (!kv->expires)
		return 0;
	for (size_t n = 0; n < kv->nbuckets && looked < budget; n++) {
		size_t b = kv->expire_cursor++ & (kv->nbuckets - 1);
		struct kv_entry **link = &kv->buckets[b];

		while (*link) {
			looked++;
			if ((*link)->expire && (*link)->expire <= now) {
				unlink_entry(kv, link);
				kv->expired++;
				removed++;
			} else {
				link = &(*link)->next;
			}
		}
	}
	return removed;
}

struct kv_entry *kv_next(const struct kv *kv, size_t *bucket, struct kv_entry *e)
{
	if (e && e->next)
		return e->next;
	if (e)
		(*bucket)++;
	for (; *bucket < kv->nbuckets; (*bucket)++)
		if (kv->buckets[*bucket])
			return kv->buckets[*bucket];
	return NULL;
}
