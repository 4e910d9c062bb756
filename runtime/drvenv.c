/* The runtime's implementation of the driver environment (drivers/env.h). */
#include <stdarg.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/hypercall.h>
#include <pvkit/log.h>
#include <pvkit/time.h>

#include <arch/mmu.h>
#include "env.h"
#include "memory.h"

void *drv_map_device(uint64_t pa, size_t size)
{
	return mem_map_device(pa, size);
}

void *drv_alloc_pages(size_t npages)
{
	if (npages == 1)
		return mem_page_alloc();
	void *p = memalign(PAGE_SIZE, npages * PAGE_SIZE);

	if (p)
		memset(p, 0, npages * PAGE_SIZE);
	return p;
}

void drv_free_pages(void *p, size_t npages)
{
	if (npages == 1)
		mem_page_free(p);
	else
		free(p);
}

void *drv_map_memory(uint64_t pa, size_t size)
{
	return mem_map_normal(pa, size);
}

long drv_xen_hypercall(unsigned nr, unsigned long a0, unsigned long a1, unsigned long a2)
{
	return pv_hypercall(nr, a0, a1, a2, 0, 0);
}

uint64_t drv_now_ns(void)
{
	return pv_now_ns();
}

uint64_t drv_virt_to_phys(const void *p)
{
	return mmu_virt_to_phys((uint64_t)(uintptr_t)p);
}

void drv_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pv_vlog((enum pv_log_level)level, fmt, ap);
	va_end(ap);
}
