/*
 * Memory layout at run time (VA == PA except thread stacks, see arch/mmu.h):
 *   image   text RX, rodata R, data/bss RW+XN (page-granular, from image.ld symbols)
 *   DT      read-only
 *   RAM     RW+XN, in the largest blocks alignment allows; the largest free range is
 *           the heap, the others feed mem_page_alloc()
 *   devices mapped on demand by drivers, Device-nGnRE
 */
#include "memory.h"

#include <errno.h>
#include <libfdt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <arch/mmu.h>
#include <pvkit/log.h>
#include "boot.h"
#include "dt.h"
#include "physmem.h"

#define MAX_BANKS	16

static struct physmem pm;
static uint64_t heap_base, heap_brk, heap_end;
static void *free_pages;		/* singly linked through each page's first word */
static int tables_live;

/* Device mappings asked for before the final tables exist (the early console). */
static struct dt_range early_dev[4];
static int n_early_dev;

static uint64_t page_down(uint64_t a) { return a & ~(PAGE_SIZE - 1); }
static uint64_t page_up(uint64_t a) { return (a + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1); }

static uint64_t table_page_alloc(void)
{
	return (uint64_t)(uintptr_t)mem_page_alloc();
}

void *mem_page_alloc(void)
{
	void *p = free_pages;

	if (p) {
		free_pages = *(void **)p;
	} else {
		uint64_t pa = physmem_alloc(&pm, PAGE_SIZE, PAGE_SIZE);

		p = (void *)(uintptr_t)pa;
		if (!p && heap_end)
			p = memalign(PAGE_SIZE, PAGE_SIZE);
		if (!p)
			return NULL;
	}
	memset(p, 0, PAGE_SIZE);
	return p;
}

void mem_page_free(void *page)
{
	*(void **)page = free_pages;
	free_pages = page;
}

void *mem_map_device(uint64_t pa, uint64_t size)
{
	if (!tables_live) {
		if (mmu_early_map_device(pa))
			return NULL;
		if (n_early_dev == (int)(sizeof(early_dev) / sizeof(early_dev[0])))
			return NULL;
		early_dev[n_early_dev].base = pa;
		early_dev[n_early_dev++].size = size;
		return (void *)(uintptr_t)pa;
	}
	if (mmu_map(pa, pa, size, PROT_R | PROT_W | PROT_DEVICE))
		return NULL;
	return (void *)(uintptr_t)pa;
}

static void reserve(uint64_t base, uint64_t size)
{
	physmem_reserve(&pm, page_down(base), page_up(base + size) - page_down(base));
}

static void map_or_fail(uint64_t start, uint64_t end, unsigned prot, const char *what)
{
	if (mmu_map(start, start, end - start, prot))
		pv_boot_fail("out of memory for page tables while mapping %s", what);
}

void mem_setup(const struct dt *dt, uint64_t dtb, uint64_t image_base)
{
	struct dt_range banks[MAX_BANKS], rsv[MAX_BANKS];
	int nbanks = dt_memory(dt, banks, MAX_BANKS);
	int nrsv = dt_reserved(dt, rsv, MAX_BANKS);

	if (nbanks == 0)
		pv_boot_fail("the device tree has no memory node (device_type = \"memory\" "
			     "with a non-empty reg): cannot size RAM");
	physmem_init(&pm);
	for (int i = 0; i < nbanks; i++) {
		if (physmem_add(&pm, banks[i].base, banks[i].size) ||
		    mmu_early_map_normal(banks[i].base, banks[i].size))
			pv_warn("ignoring memory bank %#lx+%#lx (unsupported)",
				banks[i].base, banks[i].size);
	}
	reserve(image_base, (uint64_t)(_end - _text));
	reserve(dtb, fdt_totalsize(dt->fdt));
	for (int i = 0; i < nrsv; i++)
		reserve(rsv[i].base, rsv[i].size);
	if (pm.nfree == 0)
		pv_boot_fail("no free RAM left after the image and the device tree");

	mmu_init(table_page_alloc);
	map_or_fail((uint64_t)_text, (uint64_t)_etext, PROT_R | PROT_X, "the image text");
	map_or_fail((uint64_t)_etext, (uint64_t)_erodata, PROT_R, "the image rodata");
	map_or_fail((uint64_t)_erodata, (uint64_t)_end, PROT_R | PROT_W, "the image data");
	map_or_fail(page_down(dtb), page_up(dtb + fdt_totalsize(dt->fdt)), PROT_R, "the DT");
	for (int i = 0; i < nbanks; i++)
		map_or_fail(page_up(banks[i].base), page_down(banks[i].base + banks[i].size),
			    PROT_R | PROT_W | MAP_KEEP, "RAM");
	for (int i = 0; i < n_early_dev; i++)
		map_or_fail(page_down(early_dev[i].base),
			    page_up(early_dev[i].base + early_dev[i].size),
			    PROT_R | PROT_W | PROT_DEVICE, "the console");

	uint64_t size;

	mmu_activate();
	tables_live = 1;
	if (physmem_take_largest(&pm, &heap_base, &size))
		pv_boot_fail("no RAM left for the heap");
	heap_brk = heap_base;
	heap_end = heap_base + size;
}

void *mem_sbrk(ptrdiff_t incr)
{
	uint64_t old = heap_brk;

	if (incr > 0 ? (uint64_t)incr > heap_end - heap_brk :
		       (uint64_t)-incr > heap_brk - heap_base) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_brk += incr;
	return (void *)(uintptr_t)old;
}

uint64_t mem_ram_bytes(void)
{
	return pm.total;
}

uint64_t mem_heap_bytes(void)
{
	return heap_end - heap_base;
}
