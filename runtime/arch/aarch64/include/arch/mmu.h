/*
 * Stage-1 translation for the runtime: 4 KiB granule, 48-bit VA, four levels.
 * Memory is mapped 1:1 (VA == PA) except thread stacks, which live in their own VA
 * window so that each can have an unmapped guard page below it (runtime/stack.c).
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

/* Permissions and memory type for mmu_map(). */
#define PROT_R		0x1
#define PROT_W		0x2
#define PROT_X		0x4
#define PROT_DEVICE	0x8	/* Device-nGnRE; never executable */
#define MAP_KEEP	0x100	/* leave pages that are already mapped as they are */

/* Thread stacks: far above any address a DT on a supported machine describes. */
#define STACK_VA_BASE	0x0000ff8000000000UL
#define STACK_VA_SIZE	0x0000008000000000UL

/* Early boot (MMU off on entry): 1 GiB blocks over the image and the DT, enough to run
 * ordinary C code. Returns 0, or -1 if an address is beyond the early tables' reach. */
int mmu_early_map_normal(uint64_t pa, uint64_t size);
int mmu_early_map_device(uint64_t pa);
void mmu_early_enable(void);

/* Final tables, built while the early ones are live, then switched to. */
typedef uint64_t (*mmu_page_alloc_fn)(void);	/* returns a zeroed page's PA, or 0 */
void mmu_init(mmu_page_alloc_fn alloc);
int mmu_map(uint64_t va, uint64_t pa, uint64_t size, unsigned prot);
int mmu_unmap(uint64_t va, uint64_t size);
void mmu_activate(void);
/* Physical address behind a mapped VA (hardware walk), or ~0 if unmapped. */
uint64_t mmu_virt_to_phys(uint64_t va);

/* Low-level helpers in mmu_asm.S. */
void arch_mmu_enable(uint64_t ttbr0, uint64_t tcr, uint64_t mair, uint64_t sctlr);
void arch_mmu_switch(uint64_t ttbr0, uint64_t sctlr);

#endif
