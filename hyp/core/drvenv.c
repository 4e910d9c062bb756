/*
 * drivers/env.h for drivers the hyp links (the UART now; virtio devices used as
 * backends by the Xen I/O services later). EL2 maps devices and RAM 1:1 (arch/mmu.h),
 * so mapping and address translation are identities.
 */
#include <stdarg.h>
#include <string.h>

#include <arch/gic.h>
#include "drvenv.h"
#include "env.h"
#include "fmt.h"
#include "log.h"
#include "mem.h"

#define DRV_MAX_IRQS	256

static struct {
	void (*fn)(void *arg);
	void *arg;
} handlers[DRV_MAX_IRQS];

void *drv_map_device(uint64_t pa, size_t size)
{
	return pa + size <= (1UL << 30) ? (void *)(uintptr_t)pa : NULL;
}

void *drv_alloc_pages(size_t npages)
{
	uint64_t pa = mem_alloc(npages, 1);

	if (pa)
		memset((void *)(uintptr_t)pa, 0, npages * PAGE_SIZE);
	return (void *)(uintptr_t)pa;
}

void drv_free_pages(void *p, size_t npages)
{
	mem_free((uint64_t)(uintptr_t)p, npages);
}

uint64_t drv_virt_to_phys(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

int drv_irq_register(unsigned intid, void (*fn)(void *arg), void *arg)
{
	if (intid < 32 || intid >= DRV_MAX_IRQS || handlers[intid].fn) {
		log_msg("cannot register interrupt %u for a driver (%s)", intid,
			intid < 32 || intid >= DRV_MAX_IRQS ? "not an SPI we route" : "taken");
		return -1;
	}
	handlers[intid].arg = arg;
	handlers[intid].fn = fn;
	return 0;
}

void drv_irq_enable(unsigned intid)
{
	gic_enable(intid);
}

void drv_irq_disable(unsigned intid)
{
	(void)intid;	/* nothing to do yet: no hyp driver turns its interrupt off */
}

int drv_irq_dispatch(unsigned intid)
{
	if (intid >= DRV_MAX_IRQS || !handlers[intid].fn)
		return -1;
	handlers[intid].fn(handlers[intid].arg);
	return 0;
}

void drv_log(int level, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (level <= 2)
		log_msg("%s", msg);
}
