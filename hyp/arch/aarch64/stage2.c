#include <arch/stage2.h>

#include <arch/mmu.h>
#include <arch/sysreg.h>
#include "domain.h"
#include "mem.h"

#define S2_VALID	(1UL << 0)
#define S2_TABLE	(1UL << 1)
#define S2_NORMAL	(0xfUL << 2)	/* MemAttr: outer and inner write-back */
#define S2_RW		(3UL << 6)
#define S2_SH_INNER	(3UL << 8)
#define S2_AF		(1UL << 10)
#define S2_ADDR		0x0000fffffffff000UL
#define S2_MEM		(S2_VALID | S2_NORMAL | S2_RW | S2_SH_INNER | S2_AF)
/* T0SZ 25 (39-bit IPA), SL0 1 (start at level 1), WB inner-shareable walks. */
#define VTCR_VALUE	(25UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | \
			 (1UL << 31))

void stage2_init_pcpu(void)
{
	write_sysreg(vtcr_el2, VTCR_VALUE | (uint64_t)mmu_pa_range() << 16);
	isb();
}

static uint64_t *new_table(struct domain *d)
{
	uint64_t pa;

	if (d->arch.s2_pages == sizeof(d->arch.s2_tables) / sizeof(d->arch.s2_tables[0]))
		return 0;
	pa = mem_alloc_page();
	if (pa)
		d->arch.s2_tables[d->arch.s2_pages++] = pa;
	return (uint64_t *)(uintptr_t)pa;
}

int stage2_create(struct domain *d)
{
	d->arch.s2_pages = 0;
	d->arch.vmid = STAGE2_VMID(d->id);
	d->arch.s2_root = new_table(d);
	if (!d->arch.s2_root)
		return -1;
	d->arch.vttbr = (uint64_t)(uintptr_t)d->arch.s2_root | (uint64_t)d->arch.vmid << 48;
	return 0;
}

/* The table entry at `level` for ipa, creating the tables above it. */
static uint64_t *walk(struct domain *d, uint64_t ipa, int level)
{
	uint64_t *t = d->arch.s2_root;

	for (int l = 1; l < level; l++) {
		uint64_t *e = &t[(ipa >> (39 - 9 * l)) & 511];

		if (!(*e & S2_VALID)) {
			uint64_t *n = new_table(d);

			if (!n)
				return 0;
			*e = (uint64_t)(uintptr_t)n | S2_VALID | S2_TABLE;
		} else if (!(*e & S2_TABLE)) {
			return 0;	/* inside a block mapping: not split here */
		}
		t = (uint64_t *)(uintptr_t)(*e & S2_ADDR);
	}
	return &t[(ipa >> (39 - 9 * level)) & 511];
}

int stage2_map(struct domain *d, uint64_t ipa, uint64_t pa, uint64_t size)
{
	while (size) {
		int block = !((ipa | pa) & ((2UL << 20) - 1)) && size >= (2UL << 20);
		uint64_t step = block ? 2UL << 20 : 4096;
		uint64_t *e = walk(d, ipa, block ? 2 : 3);

		if (!e)
			return -1;
		*e = pa | S2_MEM | (block ? 0 : S2_TABLE);
		ipa += step;
		pa += step;
		size -= step;
	}
	dsb(ishst);
	return 0;
}

/* Every pCPU forgets the domain's translations. TLB maintenance by VMID acts on the
 * VMID in VTTBR_EL2, which is borrowed for the purpose. */
static void flush_vmid(struct domain *d)
{
	uint64_t old = read_sysreg(vttbr_el2);

	write_sysreg(vttbr_el2, d->arch.vttbr);
	isb();
	__asm__ volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	write_sysreg(vttbr_el2, old);
	isb();
}

int stage2_set_page(struct domain *d, uint64_t ipa, uint64_t pa)
{
	uint64_t *e = walk(d, ipa, 3), old;

	if (!e)
		return -1;
	old = *e;
	*e = pa ? pa | S2_MEM | S2_TABLE : 0;	/* level 3: bit 1 marks a page */
	dsb(ishst);
	if (old & S2_VALID)
		flush_vmid(d);		/* the old translation may be cached */
	return 0;
}

void stage2_destroy(struct domain *d)
{
	flush_vmid(d);
	for (unsigned i = 0; i < d->arch.s2_pages; i++)
		mem_free(d->arch.s2_tables[i], 1);
	d->arch.s2_pages = 0;
	d->arch.s2_root = 0;
}
