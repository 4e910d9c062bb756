/*
 * EL2 stage-1 translation, 1:1: physical 0-1 GiB (QEMU virt's devices) as Device
 * memory, 1-256 GiB (where virt has RAM) as normal memory, read-write and never
 * executable, except the hyp image, mapped by page: text RX, rodata R, data RW.
 * SCTLR_EL2.WXN makes any writable page non-executable as well.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

/* Build the tables and turn the MMU on (primary, MMU off); the same tables on a
 * secondary. */
void mmu_init(void);
void mmu_enable_secondary(void);
void arch_mmu_enable(uint64_t ttbr, uint64_t tcr, uint64_t mair, uint64_t sctlr);
/* Physical address bits (ID_AA64MMFR0_EL1.PARange) as the PS/IPS field value. */
unsigned mmu_pa_range(void);
/* Clean the data cache to the point of coherency for [pa, pa+len), for a guest
 * that starts with its MMU and caches off. */
void dcache_clean(uint64_t pa, uint64_t len);

#endif
