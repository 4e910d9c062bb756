/*
 * Byte rings shared with a guest (the xenstore and PV console rings): free-running
 * 32-bit indices masked by a power-of-two size. The hyp keeps its own index in
 * private memory (the copy in the shared page is for the guest to read, never read
 * back), reads the guest's index once per pass, and checks it before using it: a
 * producer more than `size` ahead of the consumer, or a consumer ahead of the
 * producer, is a guest lying about its ring.
 *
 * Portable: tests/fuzz/fuzz_xenring.c drives these with arbitrary indices.
 */
#ifndef XEN_RING_H
#define XEN_RING_H

#include <stdint.h>

/* One direction of a byte ring as the hyp sees it. */
struct bring {
	char *buf;			/* the ring's bytes, in shared memory */
	uint32_t size;			/* power of two */
	volatile uint32_t *peer_idx;	/* the guest's index (its prod or its cons) */
	volatile uint32_t *own_idx;	/* where the hyp publishes its index */
	uint32_t own;			/* the hyp's index, private */
};

/* Bytes published beyond cons: 0..size, or -1 if prod - cons is out of range. */
static inline int ring_used(uint32_t prod, uint32_t cons, uint32_t size, uint32_t *n)
{
	uint32_t used = prod - cons;

	if (used > size)
		return -1;
	*n = used;
	return 0;
}

/* Copy up to max bytes the guest produced (r->own is the consumer) without consuming
 * them: the count (0 if none), or -1 if the guest's producer index is impossible.
 * Bytes are copied out of shared memory before anyone looks at them; bytes peeked
 * again later are copied again, never trusted from an earlier look. */
int bring_peek(struct bring *r, void *dst, uint32_t max);
/* Consume n bytes (at most what the last peek returned) and publish the index. */
void bring_advance(struct bring *r, uint32_t n);
/* Give up to n bytes to the guest (r->own is the producer): how many fit, or -1 if
 * the guest's consumer index is impossible. */
int bring_write(struct bring *r, const void *src, uint32_t n);

#endif
