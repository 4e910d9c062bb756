/* runtime/physmem.c: free-range bookkeeping. */
#include "physmem.h"
#include "tap.h"

static uint64_t free_total(const struct physmem *pm)
{
	uint64_t t = 0;

	for (int i = 0; i < pm->nfree; i++)
		t += pm->free[i].end - pm->free[i].base;
	return t;
}

int main(void)
{
	struct physmem pm;
	uint64_t b, s, a;

	physmem_init(&pm);
	is_int(physmem_add(&pm, 0x40000000, 0x100000), 0, "add 1 MiB");
	is_int(physmem_add(&pm, 0x40000000, 0), -1, "empty bank rejected");
	is_int(physmem_add(&pm, UINT64_MAX - 10, 100), -1, "wrapping bank rejected");
	physmem_reserve(&pm, 0x40080000, 0x10000);	/* image */
	is_int(pm.nfree, 2, "reservation splits the range");
	is_int(free_total(&pm), 0x100000 - 0x10000, "free total after reservation");
	physmem_reserve(&pm, 0x3ff00000, 0x110000);	/* overlaps the start */
	ok(pm.nfree == 2 && pm.free[0].base == 0x40010000, "reservation past the start trims");
	physmem_reserve(&pm, 0x400ff000, 0x100000);	/* overlaps the end */
	ok(pm.free[pm.nfree - 1].end == 0x400ff000, "reservation past the end trims");

	uint64_t before = free_total(&pm);
	a = physmem_alloc(&pm, 0x1000, 0x1000);
	ok(a && (a & 0xfff) == 0, "page allocation aligned");
	is_int(free_total(&pm), before - 0x1000, "allocation leaves the free list");
	ok(physmem_alloc(&pm, 0x10000000, 0x1000) == 0, "too large fails");
	ok(physmem_alloc(&pm, 0x1000, 3) == 0, "non-power-of-two alignment fails");

	/* The smallest range that fits is used, so the largest stays whole. */
	physmem_init(&pm);
	physmem_add(&pm, 0x1000000, 0x100000);
	physmem_add(&pm, 0x2000000, 0x10000);
	a = physmem_alloc(&pm, 0x1000, 0x1000);
	ok(a >= 0x2000000 && a < 0x2010000, "allocates from the smaller range");
	is_int(physmem_take_largest(&pm, &b, &s), 0, "take largest");
	ok(b == 0x1000000 && s == 0x100000, "largest range is the big one, untouched");

	/* Overlapping banks merge. */
	physmem_init(&pm);
	physmem_add(&pm, 0x1000, 0x3000);
	physmem_add(&pm, 0x2000, 0x3000);
	is_int(free_total(&pm), 0x4000, "overlapping banks counted once");

	/* Many splits: the table fills up and says so instead of corrupting. */
	physmem_init(&pm);
	physmem_add(&pm, 0, 0x1000000);
	int err = 0;
	for (int i = 0; i < 2 * PHYSMEM_MAX; i++)
		err |= physmem_reserve(&pm, 0x10000 * i + 0x1000, 0x1000);
	ok(err == -1 && pm.nfree == PHYSMEM_MAX, "full table reported");
	return done_testing();
}
