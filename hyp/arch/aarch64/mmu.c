/* The EL2 page tables (arch/mmu.h). Runs with the MMU off: -mstrict-align. */
#include <arch/mmu.h>

#include <arch/sysreg.h>

#define PTE_VALID	(1UL << 0)
#define PTE_TABLE	(1UL << 1)
#define PTE_NORMAL	(0UL << 2)	/* MAIR index 0 */
#define PTE_DEVICE	(1UL << 2)	/* MAIR index 1 */
#define PTE_AP1		(1UL << 6)	/* RES1 in the EL2 regime */
#define PTE_RO		(1UL << 7)
#define PTE_SH_INNER	(3UL << 8)
#define PTE_AF		(1UL << 10)
#define PTE_XN		(1UL << 54)
#define MAIR_VALUE	(0xffUL | (0x04UL << 8))
/* T0SZ 25 (39-bit VA, walks start at level 1), write-back inner-shareable walks. */
#define TCR_VALUE	(25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | \
			 (1UL << 31))
#define SCTLR_VALUE	(0x30c50830UL | (1UL << 0) | (1UL << 2) | (1UL << 3) | \
			 (1UL << 12) | (1UL << 19))	/* M, C, SA, I, WXN */
#define GIB		(1UL << 30)
#define MIB2		(1UL << 21)

extern char _text[], _etext[], _erodata[], _end[];

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[2][512] __attribute__((aligned(4096)));

static const uint64_t ram = PTE_VALID | PTE_NORMAL | PTE_AP1 | PTE_SH_INNER | PTE_AF | PTE_XN;

unsigned mmu_pa_range(void)
{
	unsigned pa = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return pa > 5 ? 5 : pa;
}

static uint64_t page_attrs(uint64_t va)
{
	if (va < (uint64_t)_etext)
		return PTE_VALID | PTE_TABLE | PTE_NORMAL | PTE_AP1 | PTE_RO | PTE_SH_INNER |
		       PTE_AF;
	if (va < (uint64_t)_erodata)
		return PTE_VALID | PTE_TABLE | PTE_NORMAL | PTE_AP1 | PTE_RO | PTE_SH_INNER |
		       PTE_AF | PTE_XN;
	return ram | PTE_TABLE;
}

void mmu_init(void)
{
	uint64_t img = (uint64_t)_text & ~(MIB2 - 1);

	l1[0] = 0 | PTE_VALID | PTE_DEVICE | PTE_AP1 | PTE_AF | PTE_XN;
	for (uint64_t i = 2; i < 256; i++)
		l1[i] = i * GIB | ram;
	l1[1] = (uint64_t)l2 | PTE_VALID | PTE_TABLE;
	for (uint64_t i = 0; i < 512; i++)
		l2[i] = (GIB + i * MIB2) | ram;
	/* The image's 2 MiB block(s), by page. */
	for (int b = 0; b < 2; b++) {
		uint64_t base = img + b * MIB2;

		if (base >= (uint64_t)_end)
			break;
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t va = base + i * 4096;

			l3[b][i] = va | (va >= (uint64_t)_text && va < (uint64_t)_end ?
					 page_attrs(va) : ram | PTE_TABLE);
		}
		l2[(base - GIB) / MIB2] = (uint64_t)l3[b] | PTE_VALID | PTE_TABLE;
	}
	mmu_enable_secondary();
}

void mmu_enable_secondary(void)
{
	arch_mmu_enable((uint64_t)l1, TCR_VALUE | (uint64_t)mmu_pa_range() << 16, MAIR_VALUE,
			SCTLR_VALUE);
}

void dcache_clean(uint64_t pa, uint64_t len)
{
	uint64_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uint64_t a = pa & ~(line - 1); a < pa + len; a += line)
		__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
	dsb(ish);
}
