/* The xenstore tree: sorted index over an append-only arena of node records. */
#include <string.h>

#include "xs_int.h"

static uint32_t align8(uint32_t n)
{
	return (n + 7) & ~7u;
}

/* '/' sorts before every character a path may hold, so "a/b" < "a-b" and a node's
 * descendants come right after it. */
static unsigned key(char c)
{
	return c == '/' ? 1 : (unsigned char)c;
}

int xs_pathcmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned x = key(*a), y = key(*b);

		if (x != y)
			return x < y ? -1 : 1;
		if (!x)
			return 0;
	}
}

int xs_find(const struct xs_store *s, const char *path, unsigned *pos)
{
	unsigned lo = 0, hi = s->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (xs_pathcmp(xs_rec_path(xs_rec(s, mid)), path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return lo < s->n && !xs_pathcmp(xs_rec_path(xs_rec(s, lo)), path) ? 0 : -1;
}

unsigned xs_subtree_end(const struct xs_store *s, unsigned pos)
{
	const char *base = xs_rec_path(xs_rec(s, pos));
	unsigned end = pos + 1;

	while (end < s->n && xs_path_under(xs_rec_path(xs_rec(s, end)), base))
		end++;
	return end;
}

static void account(struct xs_store *s, const struct xs_rec *r, int sign)
{
	unsigned owner = ((const struct xs_perm *)(r + 1))->dom;

	s->nodes[owner] += (uint32_t)sign;
	s->bytes[owner] += (uint32_t)sign * r->size;
}

/* Squeeze out dead records, in place: walk the arena in order; a record is live if
 * the index, searched by its own path, points at it. */
static void compact(struct xs_store *s)
{
	uint32_t off = 0, dst = 0;

	while (off < s->top) {
		struct xs_rec *r = (struct xs_rec *)(uintptr_t)(s->arena + off);
		uint32_t size = r->size;
		unsigned pos;

		if (xs_find(s, xs_rec_path(r), &pos) == 0 && s->index[pos] == off) {
			if (dst != off)
				memmove(s->arena + dst, r, size);
			s->index[pos] = dst;
			dst += size;
		}
		off += size;
	}
	s->top = dst;
	s->garbage = 0;
}

int xs_room(struct xs_store *s, uint32_t size)
{
	if (s->top + size <= s->cap)
		return 0;
	if (s->top - s->garbage + size > s->cap)
		return -1;
	compact(s);
	return 0;
}

int xs_put(struct xs_store *s, const char *path, const struct xs_perm *perms,
	   unsigned nperms, const void *val, uint32_t vlen)
{
	uint32_t plen = (uint32_t)strlen(path);
	uint32_t size = align8((uint32_t)sizeof(struct xs_rec) + nperms * 4 + plen + 1 + vlen);
	unsigned owner = perms[0].dom, pos;
	int found = xs_find(s, path, &pos) == 0;
	struct xs_rec *old = found ? xs_rec(s, pos) : NULL;
	int same_owner = old && xs_rec_perms(old)->dom == owner;

	if (owner != 0 && (s->nodes[owner] + !same_owner > XS_QUOTA_NODES ||
			   s->bytes[owner] - (same_owner ? old->size : 0) + size > XS_QUOTA_BYTES))
		return XSE_ENOSPC;
	if ((!found && s->n == XS_MAX_NODES) || xs_room(s, size))
		return XSE_ENOSPC;

	/* The caller's val may be inside the arena only if no compaction can run here:
	 * it then lies below top and is not overwritten by the append. */
	uint32_t off = s->top;
	struct xs_rec *r = (struct xs_rec *)(uintptr_t)(s->arena + off);

	r->size = size;
	r->plen = (uint16_t)plen;
	r->nperms = (uint8_t)nperms;
	r->pad = 0;
	r->vlen = vlen;
	r->pad2 = 0;
	memcpy(xs_rec_perms(r), perms, nperms * sizeof(*perms));
	memcpy(xs_rec_path(r), path, plen + 1);
	if (vlen)
		memmove(xs_rec_val(r), val, vlen);
	s->top += size;
	if (found) {
		old = xs_rec(s, pos);
		account(s, old, -1);
		s->garbage += old->size;
	} else {
		memmove(&s->index[pos + 1], &s->index[pos], (s->n - pos) * sizeof(s->index[0]));
		s->n++;
	}
	s->index[pos] = off;
	account(s, r, 1);
	s->gen++;
	return 0;
}

void xs_del_range(struct xs_store *s, unsigned pos, unsigned end)
{
	for (unsigned i = pos; i < end; i++) {
		struct xs_rec *r = xs_rec(s, i);

		account(s, r, -1);
		s->garbage += r->size;
	}
	memmove(&s->index[pos], &s->index[end], (s->n - end) * sizeof(s->index[0]));
	s->n -= end - pos;
	s->gen++;
}

uint32_t xs_store_live(const struct xs_store *s)
{
	return s->top - s->garbage;
}

int xs_store_copy(struct xs_store *dst, uint32_t dst_cap, const struct xs_store *src)
{
	uint32_t off = 0;

	if (xs_store_live(src) > dst_cap)
		return -1;
	dst->cap = dst_cap;
	dst->n = src->n;
	dst->gen = src->gen;
	memcpy(dst->nodes, src->nodes, sizeof(dst->nodes));
	memcpy(dst->bytes, src->bytes, sizeof(dst->bytes));
	for (unsigned i = 0; i < src->n; i++) {
		const struct xs_rec *r = xs_rec(src, i);

		memcpy(dst->arena + off, r, r->size);
		dst->index[i] = off;
		off += r->size;
	}
	dst->top = off;
	dst->garbage = 0;
	return 0;
}

int xs_store_check(const struct xs_store *s)
{
	uint32_t nodes[XS_NDOMS] = { 0 }, bytes[XS_NDOMS] = { 0 }, live = 0;

	if (s->top > s->cap || s->garbage > s->top || s->n > XS_MAX_NODES)
		return -1;
	for (unsigned i = 0; i < s->n; i++) {
		const struct xs_rec *r;

		if (s->index[i] % 8 || s->index[i] + sizeof(*r) > s->top)
			return -1;
		r = xs_rec(s, i);
		if (r->size < sizeof(*r) || s->index[i] + r->size > s->top || !r->nperms ||
		    sizeof(*r) + r->nperms * 4 + r->plen + 1 + r->vlen > r->size)
			return -1;
		if (xs_rec_perms((struct xs_rec *)r)->dom >= XS_NDOMS ||
		    xs_rec_path((struct xs_rec *)r)[r->plen] ||
		    strlen(xs_rec_path((struct xs_rec *)r)) != r->plen)
			return -1;
		if (i && xs_pathcmp(xs_rec_path(xs_rec(s, i - 1)),
				    xs_rec_path((struct xs_rec *)r)) >= 0)
			return -1;
		nodes[xs_rec_perms((struct xs_rec *)r)->dom]++;
		bytes[xs_rec_perms((struct xs_rec *)r)->dom] += r->size;
		live += r->size;
	}
	if (live + s->garbage != s->top)
		return -1;
	return memcmp(nodes, s->nodes, sizeof(nodes)) || memcmp(bytes, s->bytes, sizeof(bytes));
}
