#include "mem.h"

#include <string.h>

#include <arch/lock.h>

static uint64_t bitmap[MEM_MAX_PAGES / 64];	/* 1 = used */
static uint64_t ram_base, npages, nfree;
/* No free page below this one: first fit starts here, so that a thousand domains'
 * allocations do not each walk over every page the ones before them took. */
static uint64_t low;
static struct spinlock lock;

static int used(uint64_t i)
{
	return bitmap[i / 64] >> (i % 64) & 1;
}

static void set_range(uint64_t first, uint64_t n, int use)
{
	for (uint64_t i = first; i < first + n; i++) {
		if (used(i) == use)
			continue;
		bitmap[i / 64] ^= 1UL << (i % 64);
		nfree += use ? -1 : 1;
		if (!use && i < low)
			low = i;
	}
}

/* Clip [base, base+size) to the tracked pages; the page range it covers, rounded
 * outward (reserve) or inward (free). */
static int to_pages(uint64_t base, uint64_t size, int outward, uint64_t *first, uint64_t *n)
{
	uint64_t end = base + size, lo, hi;

	if (end <= ram_base || base >= ram_base + npages * PAGE_SIZE || !size)
		return -1;
	if (base < ram_base)
		base = ram_base;
	if (end > ram_base + npages * PAGE_SIZE)
		end = ram_base + npages * PAGE_SIZE;
	lo = (base - ram_base) / PAGE_SIZE;
	hi = (end - ram_base + PAGE_SIZE - 1) / PAGE_SIZE;
	if (!outward) {
		lo = (base - ram_base + PAGE_SIZE - 1) / PAGE_SIZE;
		hi = (end - ram_base) / PAGE_SIZE;
	}
	if (hi <= lo)
		return -1;
	*first = lo;
	*n = hi - lo;
	return 0;
}

void mem_init(uint64_t base, uint64_t size)
{
	ram_base = base;
	npages = size / PAGE_SIZE;
	if (npages > MEM_MAX_PAGES)
		npages = MEM_MAX_PAGES;
	memset(bitmap, 0xff, sizeof(bitmap));
	nfree = 0;
	low = npages;
}

void mem_add_free(uint64_t base, uint64_t size)
{
	uint64_t first, n;

	if (!to_pages(base, size, 0, &first, &n))
		set_range(first, n, 0);
}

void mem_reserve(uint64_t base, uint64_t size)
{
	uint64_t first, n;

	if (!to_pages(base, size, 1, &first, &n))
		set_range(first, n, 1);
}

uint64_t mem_alloc(uint64_t n, uint64_t align)
{
	uint64_t found = 0;

	if (!n || !align || (align & (align - 1)))
		return 0;
	spin_lock(&lock);
	/* First fit over starts that are aligned in physical terms. */
	uint64_t pfn0 = ram_base / PAGE_SIZE;

	while (low < npages && used(low))	/* keep the hint exact: skip what was taken */
		low = bitmap[low / 64] == ~0UL ? (low / 64 + 1) * 64 : low + 1;
	uint64_t i = (pfn0 + low + align - 1) / align * align - pfn0;

	while (i + n <= npages) {
		uint64_t j = 0;

		if (bitmap[i / 64] == ~0UL && i % 64 == 0) {	/* 64 used pages at once */
			i = (pfn0 + i + 64 + align - 1) / align * align - pfn0;
			continue;
		}
		while (j < n && !used(i + j))
			j++;
		if (j == n) {
			set_range(i, n, 1);
			found = ram_base + i * PAGE_SIZE;
			break;
		}
		/* The first aligned start past the used page. */
		i = (pfn0 + i + j + 1 + align - 1) / align * align - pfn0;
	}
	spin_unlock(&lock);
	return found;
}

uint64_t mem_alloc_page(void)
{
	uint64_t pa = mem_alloc(1, 1);

	if (pa)
		memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return pa;
}

void *mem_zalloc(uint64_t bytes)
{
	uint64_t n = mem_pages(bytes), pa = mem_alloc(n, 1);

	if (pa)
		memset((void *)(uintptr_t)pa, 0, n * PAGE_SIZE);
	return (void *)(uintptr_t)pa;
}

void mem_free(uint64_t pa, uint64_t n)
{
	uint64_t first, cnt;

	spin_lock(&lock);
	if (!to_pages(pa, n * PAGE_SIZE, 1, &first, &cnt))
		set_range(first, cnt, 0);
	spin_unlock(&lock);
}

uint64_t mem_free_pages(void)
{
	return nfree;
}

uint64_t mem_largest_free(void)
{
	uint64_t best = 0, run = 0;

	spin_lock(&lock);
	for (uint64_t i = 0; i < npages; i++) {
		run = used(i) ? 0 : run + 1;
		if (run > best)
			best = run;
	}
	spin_unlock(&lock);
	return best;
}
