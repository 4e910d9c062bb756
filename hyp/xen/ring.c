/* Byte rings shared with guests: one read of the peer's index, checked, then copies. */
#include "ring.h"

#include <string.h>

/* Make the index loads and the data accesses happen in the order the protocol needs
 * (a portable stand-in for dmb: these also build on the host). */
#define load_acquire(p)		__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)

static void copy_from(void *dst, const char *ring, uint32_t size, uint32_t idx, uint32_t n)
{
	uint32_t off = idx & (size - 1), first = size - off < n ? size - off : n;

	memcpy(dst, ring + off, first);
	memcpy((char *)dst + first, ring, n - first);
}

static void copy_to(char *ring, uint32_t size, uint32_t idx, const void *src, uint32_t n)
{
	uint32_t off = idx & (size - 1), first = size - off < n ? size - off : n;

	memcpy(ring + off, src, first);
	memcpy(ring, (const char *)src + first, n - first);
}

int bring_peek(struct bring *r, void *dst, uint32_t max)
{
	uint32_t prod = load_acquire(r->peer_idx), avail;

	if (ring_used(prod, r->own, r->size, &avail))
		return -1;
	if (avail > max)
		avail = max;
	copy_from(dst, r->buf, r->size, r->own, avail);
	return (int)avail;
}

void bring_advance(struct bring *r, uint32_t n)
{
	r->own += n;
	store_release(r->own_idx, r->own);	/* after the copy: the guest may reuse it */
}

int bring_write(struct bring *r, const void *src, uint32_t n)
{
	uint32_t cons = load_acquire(r->peer_idx), used;

	if (ring_used(r->own, cons, r->size, &used))
		return -1;
	if (n > r->size - used)
		n = r->size - used;
	copy_to(r->buf, r->size, r->own, src, n);
	r->own += n;
	store_release(r->own_idx, r->own);	/* after the data: the guest reads up to it */
	return (int)n;
}
