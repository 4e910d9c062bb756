/* hyp/core/mem.c: the page allocator (reserved ranges, alignment, exhaustion, free). */
#include <stdint.h>
#include <stdlib.h>

#include "mem.h"
#include "tap.h"

#define MIB (1UL << 20)

int main(void)
{
	/* The allocator hands out addresses it then clears (mem_alloc_page): give it
	 * real memory, 2 MiB aligned, and use its address as the "RAM". */
	uint64_t size = 64 * MIB;
	char *ram = aligned_alloc(2 * MIB, size);
	uint64_t base = (uint64_t)(uintptr_t)ram;

	mem_init(base, size);
	is_int(mem_free_pages(), 0, "nothing free before mem_add_free");
	mem_add_free(base, size);
	is_int(mem_free_pages(), size / PAGE_SIZE, "all free");
	mem_reserve(base, 3 * MIB + 100);	/* rounds outward */
	is_int(mem_free_pages(), (size - 3 * MIB) / PAGE_SIZE - 1, "reserve rounds outward");

	uint64_t a = mem_alloc(512, 512);
	is_int(a, base + 4 * MIB, "2 MiB-aligned run skips the reserved range");
	uint64_t p = mem_alloc_page();
	ok(p >= base + 3 * MIB && p < base + 4 * MIB, "a page fills the gap below");
	ok(((char *)(uintptr_t)p)[100] == 0, "pages come zeroed");
	is_int(mem_alloc(size / PAGE_SIZE, 1), 0, "too large: 0");
	is_int(mem_alloc(1, 3), 0, "alignment must be a power of two");

	mem_free(a, 512);
	is_int(mem_alloc(512, 512), a, "freed run is reused");
	is_int(mem_largest_free() * PAGE_SIZE, size - 6 * MIB, "largest free run");
	free(ram);
	return done_testing();
}
