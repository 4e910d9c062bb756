#include "stack.h"

#include <arch/mmu.h>
#include "memory.h"

static uint64_t next_slot = STACK_VA_BASE;
static uint64_t free_slots[64];		/* slots given back, reused first */
static int nfree;

int stack_alloc(struct stack *s, size_t size)
{
	uint64_t slot;

	size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (size == 0 || size > STACK_SLOT - PAGE_SIZE)
		return -1;
	if (nfree) {
		slot = free_slots[--nfree];
	} else {
		if (next_slot >= STACK_VA_BASE + STACK_VA_SIZE)
			return -1;
		slot = next_slot;
		next_slot += STACK_SLOT;
	}
	s->guard = slot;
	s->hi = slot + STACK_SLOT;
	s->lo = s->hi - size;
	for (uint64_t va = s->lo; va < s->hi; va += PAGE_SIZE) {
		void *page = mem_page_alloc();

		if (!page || mmu_map(va, (uint64_t)(uintptr_t)page, PAGE_SIZE, PROT_R | PROT_W)) {
			if (page)
				mem_page_free(page);
			s->lo = va + PAGE_SIZE;
			stack_free(s);
			return -1;
		}
	}
	return 0;
}

void stack_free(struct stack *s)
{
	for (uint64_t va = s->lo; va < s->hi; va += PAGE_SIZE) {
		uint64_t pa = mmu_virt_to_phys(va);

		mmu_unmap(va, PAGE_SIZE);
		if (pa != ~0UL)
			mem_page_free((void *)(uintptr_t)pa);
	}
	if (nfree < (int)(sizeof(free_slots) / sizeof(free_slots[0])))
		free_slots[nfree++] = s->guard;
}
