/*
 * The hyp's page allocator: one bitmap over the RAM the DT describes, with what the
 * hyp, the host DT and the boot modules occupy marked used. Domains get their RAM as
 * one physically contiguous, 2 MiB-aligned run (so stage 2 can use block mappings);
 * tables get single pages. Portable (tests/unit/test_hypmem.c).
 */
#ifndef CORE_MEM_H
#define CORE_MEM_H

#include <stdint.h>

#define PAGE_SIZE	4096UL
#define MEM_MAX_PAGES	(1UL << 20)	/* 4 GiB of RAM tracked */

/* The allocator covers [base, base + size); everything starts used. */
void mem_init(uint64_t base, uint64_t size);
void mem_add_free(uint64_t base, uint64_t size);
void mem_reserve(uint64_t base, uint64_t size);
/* npages contiguous pages aligned to align_pages (a power of two); 0 if none. The
 * memory is not cleared. */
uint64_t mem_alloc(uint64_t npages, uint64_t align_pages);
/* One zeroed page, or 0. */
uint64_t mem_alloc_page(void);
/* The pages that hold bytes bytes. */
static inline uint64_t mem_pages(uint64_t bytes)
{
	return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}
/* Zeroed pages for a table of bytes bytes, or NULL (free with mem_free(pa,
 * mem_pages(bytes))). */
void *mem_zalloc(uint64_t bytes);
void mem_free(uint64_t pa, uint64_t npages);
uint64_t mem_free_pages(void);
/* Largest run of free pages (what a domain could still get). */
uint64_t mem_largest_free(void);

#endif
