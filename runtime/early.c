/*
 * The first C code, run with the MMU off (see mmu_early.c for why this file is
 * compiled with -mstrict-align and without the stack protector). It checks the DT
 * header just enough to know how much to map, maps the image and the DT, turns the MMU
 * on, and hands over to pv_boot().
 */
#include <stdint.h>

#include <arch/mmu.h>
#include "boot.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_MAX_SIZE	(2u << 20)	/* the arm64 boot protocol's limit */

static uint32_t be32(uint64_t addr)
{
	uint32_t v = *(volatile uint32_t *)(uintptr_t)addr;

	return __builtin_bswap32(v);
}

void pv_boot_early(uint64_t dtb, unsigned entry_el, uint64_t base)
{
	enum dt_status st = DT_OK;

	mmu_early_map_normal(base, (uint64_t)(_end - _text));
	if (dtb == 0)
		st = DT_NONE;
	else if (dtb & 7)
		st = DT_MISALIGNED;
	else if (mmu_early_map_normal(dtb, 8) || be32(dtb) != FDT_MAGIC)
		st = DT_BAD_MAGIC;
	else if (be32(dtb + 4) > FDT_MAX_SIZE || be32(dtb + 4) < 40)
		st = DT_TOO_BIG;
	else
		mmu_early_map_normal(dtb, be32(dtb + 4));
	mmu_early_enable();
	pv_boot(st == DT_OK ? dtb : 0, entry_el, st);
}
