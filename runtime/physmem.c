#include "physmem.h"

#include <string.h>

void physmem_init(struct physmem *pm)
{
	memset(pm, 0, sizeof(*pm));
}

static int insert(struct physmem *pm, int at, uint64_t base, uint64_t end)
{
	if (pm->nfree == PHYSMEM_MAX)
		return -1;
	memmove(&pm->free[at + 1], &pm->free[at], (pm->nfree - at) * sizeof(pm->free[0]));
	pm->free[at].base = base;
	pm->free[at].end = end;
	pm->nfree++;
	return 0;
}

static void remove_at(struct physmem *pm, int at)
{
	memmove(&pm->free[at], &pm->free[at + 1], (pm->nfree - at - 1) * sizeof(pm->free[0]));
	pm->nfree--;
}

int physmem_add(struct physmem *pm, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;
	int i;

	if (end <= base)
		return -1;
	/* Overlapping or duplicate banks are merged by first removing the overlap. */
	physmem_reserve(pm, base, size);
	for (i = 0; i < pm->nfree && pm->free[i].base < base; i++)
		;
	if (insert(pm, i, base, end))
		return -1;
	pm->total += size;
	return 0;
}

int physmem_reserve(struct physmem *pm, uint64_t base, uint64_t size)
{
	uint64_t end = base + size < base ? UINT64_MAX : base + size;

	for (int i = 0; i < pm->nfree; i++) {
		uint64_t fb = pm->free[i].base, fe = pm->free[i].end;

		if (end <= fb || base >= fe)
			continue;
		if (base <= fb && end >= fe) {		/* covers the whole range */
			remove_at(pm, i--);
		} else if (base <= fb) {		/* trims the start */
			pm->free[i].base = end;
		} else if (end >= fe) {			/* trims the end */
			pm->free[i].end = base;
		} else {				/* splits it */
			pm->free[i].end = base;
			if (insert(pm, i + 1, end, fe))
				return -1;
			i++;
		}
	}
	return 0;
}

uint64_t physmem_alloc(struct physmem *pm, uint64_t size, uint64_t align)
{
	int best = -1;
	uint64_t best_len = 0, at = 0;

	if (!size || (align & (align - 1)))
		return 0;
	for (int i = 0; i < pm->nfree; i++) {
		uint64_t len = pm->free[i].end - pm->free[i].base;
		uint64_t a = (pm->free[i].end - size) & ~(align - 1);

		if (len < size || a < pm->free[i].base)
			continue;
		if (best < 0 || len < best_len) {
			best = i;
			best_len = len;
			at = a;
		}
	}
	if (best < 0)
		return 0;
	physmem_reserve(pm, at, size);
	return at;
}

int physmem_take_largest(struct physmem *pm, uint64_t *base, uint64_t *size)
{
	int best = -1;

	for (int i = 0; i < pm->nfree; i++)
		if (best < 0 || pm->free[i].end - pm->free[i].base >
				pm->free[best].end - pm->free[best].base)
			best = i;
	if (best < 0)
		return -1;
	*base = pm->free[best].base;
	*size = pm->free[best].end - pm->free[best].base;
	remove_at(pm, best);
	return 0;
}
