/*
 * The driver environment: everything a driver in drivers/ may use from whoever hosts
 * it. The guest runtime implements it (runtime/drvenv.c); the hyp implements it for
 * its own physical devices (hyp/core/drvenv.c). A driver includes this header and its
 * device-interface header from include/pvkit/, never runtime or hyp internals.
 */
#ifndef DRIVERS_ENV_H
#define DRIVERS_ENV_H

#include <stddef.h>
#include <stdint.h>

#include <arch/barrier.h>

/* Map a device's registers; returns the address to use, or NULL. */
void *drv_map_device(uint64_t pa, size_t size);

/* The unit of drv_alloc_pages: the 4 KiB translation granule both hosts use. */
#define DRV_PAGE_SIZE	4096

/* Zeroed, physically contiguous, page-aligned memory for DMA and shared rings.
 * Returns NULL when memory is out. */
void *drv_alloc_pages(size_t npages);
void drv_free_pages(void *p, size_t npages);

/* Physical (guest-physical, in a guest) address of driver memory, for devices. */
uint64_t drv_virt_to_phys(const void *p);

/* Interrupts by GIC interrupt id; handlers run in interrupt context, must not block. */
int drv_irq_register(unsigned intid, void (*fn)(void *arg), void *arg);
void drv_irq_enable(unsigned intid);
void drv_irq_disable(unsigned intid);

/* "<driver>: message" on the log at the given level (0 error .. 3 debug). */
void drv_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* MMIO accessors: single, naturally aligned accesses the hyp can always decode. */
static inline uint32_t mmio_read32(const volatile void *a)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}
static inline void mmio_write32(volatile void *a, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(a) : "memory");
}
static inline uint8_t mmio_read8(const volatile void *a)
{
	uint8_t v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}
static inline void mmio_write8(volatile void *a, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(a) : "memory");
}
static inline uint64_t mmio_read64(const volatile void *a)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}
static inline void mmio_write64(volatile void *a, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" : : "rZ"(v), "r"(a) : "memory");
}

#endif
