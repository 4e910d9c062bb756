/* Descriptor bits and register values shared by mmu_early.c and mmu.c. */
#ifndef MMU_REGS_H
#define MMU_REGS_H

#define PTE_VALID	(1UL << 0)
#define PTE_TABLE	(1UL << 1)	/* levels 0-2: next-level table; level 3: page */
#define PTE_ATTR(i)	((uint64_t)(i) << 2)
#define PTE_RO		(1UL << 7)	/* AP[2] */
#define PTE_SH_INNER	(3UL << 8)
#define PTE_AF		(1UL << 10)
#define PTE_PXN		(1UL << 53)
#define PTE_UXN		(1UL << 54)
#define PTE_ADDR_MASK	0x0000fffffffff000UL

/* MAIR_EL1 slots. */
#define ATTR_NORMAL	0	/* write-back, read/write-allocate */
#define ATTR_DEVICE	1	/* Device-nGnRE */
#define MAIR_VALUE	(0xffUL | (0x04UL << 8))

/* TCR_EL1: T0SZ=16 (48-bit VA), write-back inner shareable walks, 4 KiB granule,
 * TTBR1 walks disabled (EPD1); IPS filled in from ID_AA64MMFR0_EL1.PARange. */
#define TCR_BASE	(16UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23))
#define TCR_IPS_SHIFT	32

#define SCTLR_M		(1UL << 0)
#define SCTLR_C		(1UL << 2)
#define SCTLR_SA	(1UL << 3)
#define SCTLR_I		(1UL << 12)
#define SCTLR_WXN	(1UL << 19)
#define SCTLR_RES1	0x30d00800UL

#define L0_SHIFT	39
#define L1_SHIFT	30
#define L2_SHIFT	21
#define L3_SHIFT	12
#define ENTRIES		512

#endif
