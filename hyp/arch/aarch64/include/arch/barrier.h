/* Memory barriers (drivers/env.h includes this by name). */
#ifndef ARCH_BARRIER_H
#define ARCH_BARRIER_H

#define mb()	__asm__ volatile("dmb ish" : : : "memory")
#define rmb()	__asm__ volatile("dmb ishld" : : : "memory")
#define wmb()	__asm__ volatile("dmb ishst" : : : "memory")
#define io_mb()	__asm__ volatile("dsb sy" : : : "memory")
#define io_wmb() __asm__ volatile("dsb st" : : : "memory")

#endif
