/* System-register access and the EL2 register values the hyp uses. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

#define read_sysreg(r) ({ uint64_t __v; __asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))
#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt : : : "memory")
#define wfi() __asm__ volatile("wfi" : : : "memory")

/* GICv3 registers by encoding (older assemblers lack the names). */
#define ICC_SRE_EL2	S3_4_C12_C9_5
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_BPR1_EL1	S3_0_C12_C12_3
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICH_HCR_EL2	S3_4_C12_C11_0
#define ICH_VTR_EL2	S3_4_C12_C11_1
#define ICH_MISR_EL2	S3_4_C12_C11_2
#define ICH_ELRSR_EL2	S3_4_C12_C11_5
#define ICH_VMCR_EL2	S3_4_C12_C11_7
#define ICH_AP0R0_EL2	S3_4_C12_C8_0
#define ICH_AP1R0_EL2	S3_4_C12_C9_0

/* HCR_EL2 for guests: stage 2 on, interrupts and SErrors to EL2, WFI/WFE and SMC
 * trapped, data-cache maintenance by set/way trapped (it acts on the physical caches
 * every domain shares; sysreg_trap.c), TLB and barrier operations broadcast inner
 * shareable, EL1 is AArch64. */
#define HCR_VM		(1UL << 0)
#define HCR_SWIO	(1UL << 1)
#define HCR_FMO		(1UL << 3)
#define HCR_IMO		(1UL << 4)
#define HCR_AMO		(1UL << 5)
#define HCR_FB		(1UL << 9)
#define HCR_BSU_IS	(1UL << 10)
#define HCR_TWI		(1UL << 13)
#define HCR_TWE		(1UL << 14)
#define HCR_TSC		(1UL << 19)
#define HCR_TSW		(1UL << 22)
#define HCR_RW		(1UL << 31)
#define HCR_GUEST	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_FB | \
			 HCR_BSU_IS | HCR_TWI | HCR_TWE | HCR_TSC | HCR_TSW | HCR_RW)

/* CPTR_EL2: RES1 bits, FP/SIMD trap (lazy switching), SVE and trace traps. */
#define CPTR_RES1	0x33ffUL
#define CPTR_TZ		(1UL << 8)
#define CPTR_TFP	(1UL << 10)
#define CPTR_TTA	(1UL << 20)

/* MDCR_EL2: debug, OS-lock, PMU accesses trap (emulated as RAZ/WI: sysreg_trap.c). */
#define MDCR_TPMCR	(1UL << 5)
#define MDCR_TPM	(1UL << 6)
#define MDCR_TDA	(1UL << 9)
#define MDCR_TDOSA	(1UL << 10)
#define MDCR_TDRA	(1UL << 11)

#define SPSR_EL1H_MASKED	0x3c5UL	/* EL1h, D, A, I, F masked: boot state */

#endif
