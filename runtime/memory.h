/* The runtime's memory: page tables for everything it maps, pages, and the heap. */
#ifndef RUNTIME_MEMORY_H
#define RUNTIME_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* From the DT's memory nodes and reservations: build and switch to the final page
 * tables (with any device mapped so far), then set up the heap. Calls pv_boot_fail()
 * on a DT without usable RAM. (Not mem_init: lwIP, linked into networked apps, has
 * a global of that name.) */
struct dt;
void mem_setup(const struct dt *dt, uint64_t dtb, uint64_t image_base);

/* One zeroed 4 KiB page (its address is also its PA), or NULL when memory is out. */
void *mem_page_alloc(void);
void mem_page_free(void *page);

/* Map a device's registers (Device-nGnRE, never executable). Returns its VA (== PA) or
 * NULL. Usable before and after the final tables are live. */
void *mem_map_device(uint64_t pa, uint64_t size);

/* The heap behind malloc: sbrk() semantics, (void *)-1 when exhausted. */
void *mem_sbrk(ptrdiff_t incr);

uint64_t mem_ram_bytes(void);
uint64_t mem_heap_bytes(void);

#endif
