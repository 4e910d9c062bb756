/*
 * The first page tables, built with the MMU off. With the MMU off every access is
 * Device memory, where an unaligned access faults: this file is compiled with
 * -mstrict-align and calls nothing else. It maps whole 1 GiB blocks, which needs only a
 * level-0 table and one level-1 table per 512 GiB touched.
 */
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/regs.h>
#include "mmu_regs.h"

#define EARLY_L1_TABLES	4

static uint64_t early_l0[ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t early_l1[EARLY_L1_TABLES][ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static unsigned early_l1_used;

static uint64_t *l1_for(uint64_t pa)
{
	uint64_t *e = &early_l0[(pa >> L0_SHIFT) & (ENTRIES - 1)];

	if (pa >> 48)
		return 0;
	if (!(*e & PTE_VALID)) {
		if (early_l1_used == EARLY_L1_TABLES)
			return 0;
		*e = (uint64_t)(uintptr_t)early_l1[early_l1_used++] | PTE_TABLE | PTE_VALID;
	}
	return (uint64_t *)(uintptr_t)(*e & PTE_ADDR_MASK);
}

static int map_block(uint64_t pa, uint64_t attrs, int overwrite)
{
	uint64_t *l1 = l1_for(pa);
	uint64_t *e;

	if (!l1)
		return -1;
	e = &l1[(pa >> L1_SHIFT) & (ENTRIES - 1)];
	if ((*e & PTE_VALID) && !overwrite)
		return 0;
	*e = (pa & ~((1UL << L1_SHIFT) - 1)) | attrs | PTE_AF | PTE_VALID;
	return 0;
}

int mmu_early_map_normal(uint64_t pa, uint64_t size)
{
	uint64_t end = pa + size;

	for (pa &= ~((1UL << L1_SHIFT) - 1); pa < end; pa += 1UL << L1_SHIFT)
		if (map_block(pa, PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_UXN, 1))
			return -1;
	return 0;
}

/* For the early console only; never replaces a Normal block (RAM or image). */
int mmu_early_map_device(uint64_t pa)
{
	return map_block(pa, PTE_ATTR(ATTR_DEVICE) | PTE_PXN | PTE_UXN, 0);
}

void mmu_early_enable(void)
{
	uint64_t ips = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (ips > 5)
		ips = 5;		/* 48 bits is all a 4 KiB, 4-level table can address */
	arch_mmu_enable((uint64_t)(uintptr_t)early_l0, TCR_BASE | (ips << TCR_IPS_SHIFT),
			MAIR_VALUE, SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_SA);
}
