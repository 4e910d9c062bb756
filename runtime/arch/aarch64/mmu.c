/*
 * The runtime's final page tables. mmu_map() uses the largest block each piece of a
 * range allows (1 GiB, 2 MiB, 4 KiB). Blocks are split only before mmu_activate(): once
 * live, the code never changes a valid mapping's size, so it never needs
 * break-before-make on memory it may itself be using (stacks get their own VA window
 * instead, see arch/mmu.h).
 */
#include <stdint.h>
#include <string.h>

#include <arch/mmu.h>
#include <arch/regs.h>
#include "mmu_regs.h"

static uint64_t *root;
static mmu_page_alloc_fn page_alloc;
static int active;

static uint64_t prot_attrs(unsigned prot)
{
	uint64_t a = PTE_AF | PTE_UXN;

	if (prot & PROT_DEVICE)
		return a | PTE_ATTR(ATTR_DEVICE) | PTE_PXN;
	a |= PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER;
	if (!(prot & PROT_W))
		a |= PTE_RO;
	if (!(prot & PROT_X))
		a |= PTE_PXN;
	return a;
}

static unsigned level_shift(int level)
{
	return L0_SHIFT - 9 * level;
}

static void sync_tables(void)
{
	dsb(ishst);
	if (active) {
		__asm__ volatile("tlbi vmalle1is" : : : "memory");
		dsb(ish);
	}
	isb();
}

/* Replace block *e with a table of 512 entries covering the same range the same way. */
static int split_block(uint64_t *e, int level)
{
	uint64_t pa = *e & PTE_ADDR_MASK & ~((1UL << level_shift(level)) - 1);
	uint64_t attrs = *e & ~PTE_ADDR_MASK & ~PTE_TABLE;
	uint64_t step = 1UL << level_shift(level + 1);
	uint64_t t = page_alloc();
	uint64_t *tbl = (uint64_t *)(uintptr_t)t;

	if (!t || active)
		return -1;
	for (int i = 0; i < ENTRIES; i++)
		tbl[i] = (pa + i * step) | attrs | (level + 1 == 3 ? PTE_TABLE : 0);
	*e = t | PTE_TABLE | PTE_VALID;
	return 0;
}

static int map_level(uint64_t *tbl, int level, uint64_t va, uint64_t pa, uint64_t size,
		     uint64_t attrs, unsigned flags)
{
	unsigned shift = level_shift(level);
	uint64_t blk = 1UL << shift;

	while (size) {
		uint64_t *e = &tbl[(va >> shift) & (ENTRIES - 1)];
		uint64_t chunk = blk - (va & (blk - 1));

		if (chunk > size)
			chunk = size;
		/* A whole block (levels 1-2) or page (level 3) maps directly. */
		int whole = chunk == blk && !(pa & (blk - 1)) && level >= 1;

		/* Map directly when the piece is a whole page or block and no table exists
		 * below this entry (a table means part of the range is mapped finer). */
		if (whole && (level == 3 || !(*e & PTE_VALID) || !(*e & PTE_TABLE))) {
			if (!((flags & MAP_KEEP) && (*e & PTE_VALID)))
				*e = pa | attrs | PTE_VALID | (level == 3 ? PTE_TABLE : 0);
		} else {
			if (!(*e & PTE_VALID)) {
				uint64_t t = page_alloc();

				if (!t)
					return -1;
				*e = t | PTE_TABLE | PTE_VALID;
			} else if (!(*e & PTE_TABLE)) {
				if (flags & MAP_KEEP)
					goto next;	/* inside a block already mapped */
				if (split_block(e, level))
					return -1;
			}
			if (map_level((uint64_t *)(uintptr_t)(*e & PTE_ADDR_MASK), level + 1,
				      va, pa, chunk, attrs, flags))
				return -1;
		}
next:
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

void mmu_init(mmu_page_alloc_fn alloc)
{
	page_alloc = alloc;
	root = (uint64_t *)(uintptr_t)alloc();
}

int mmu_map(uint64_t va, uint64_t pa, uint64_t size, unsigned prot)
{
	uint64_t off = va & (PAGE_SIZE - 1);

	if (!root || (pa & (PAGE_SIZE - 1)) != off || (va + size) >> 48)
		return -1;
	size = (size + off + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	int r = map_level(root, 0, va - off, pa - off, size, prot_attrs(prot), prot & MAP_KEEP);

	sync_tables();
	return r;
}

static void unmap_level(uint64_t *tbl, int level, uint64_t va, uint64_t size)
{
	unsigned shift = level_shift(level);
	uint64_t blk = 1UL << shift;

	while (size) {
		uint64_t *e = &tbl[(va >> shift) & (ENTRIES - 1)];
		uint64_t chunk = blk - (va & (blk - 1));

		if (chunk > size)
			chunk = size;
		if (*e & PTE_VALID) {
			if (level == 3 || chunk == blk)
				*e = 0;		/* whole entry goes; tables below are leaked */
			else if (*e & PTE_TABLE)
				unmap_level((uint64_t *)(uintptr_t)(*e & PTE_ADDR_MASK),
					    level + 1, va, chunk);
		}
		va += chunk;
		size -= chunk;
	}
}

int mmu_unmap(uint64_t va, uint64_t size)
{
	if (!root || (va & (PAGE_SIZE - 1)) || (size & (PAGE_SIZE - 1)))
		return -1;
	unmap_level(root, 0, va, size);
	sync_tables();
	return 0;
}

void mmu_activate(void)
{
	/* WXN: no page is ever both writable and executable. */
	arch_mmu_switch((uint64_t)(uintptr_t)root,
			SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA | SCTLR_WXN);
	active = 1;
}

uint64_t mmu_virt_to_phys(uint64_t va)
{
	uint64_t par;

	__asm__ volatile("at s1e1r, %0" : : "r"(va));
	isb();
	par = read_sysreg(par_el1);
	if (par & 1)
		return ~0UL;
	return (par & PTE_ADDR_MASK) | (va & (PAGE_SIZE - 1));
}
