/*
 * Physical memory bookkeeping: RAM from the DT minus what is in use (image, DT,
 * reservations), handed out in pages. Portable: unit-tested on the host.
 */
#ifndef RUNTIME_PHYSMEM_H
#define RUNTIME_PHYSMEM_H

#include <stdint.h>

#define PHYSMEM_MAX	32

struct physmem {
	struct { uint64_t base, end; } free[PHYSMEM_MAX];	/* sorted, disjoint */
	int nfree;
	uint64_t total;		/* RAM added, before reservations */
};

void physmem_init(struct physmem *pm);
/* Add RAM. Returns -1 if the table is full (the range is then ignored). */
int physmem_add(struct physmem *pm, uint64_t base, uint64_t size);
/* Remove [base, base+size) from the free ranges, wherever it overlaps them. */
int physmem_reserve(struct physmem *pm, uint64_t base, uint64_t size);
/* size bytes aligned to align (a power of two), from the top of the smallest free
 * range that fits, so large ranges stay whole. Returns the address, or 0. */
uint64_t physmem_alloc(struct physmem *pm, uint64_t size, uint64_t align);
/* Take the largest free range out of the free list (it becomes the heap). */
int physmem_take_largest(struct physmem *pm, uint64_t *base, uint64_t *size);

#endif
