/*
 * Entered at EL2 (QEMU virt with virtualization=on and no hypervisor): configure EL2 so
 * EL1 runs as if there were no EL2, leave a tiny stub behind, and return at EL1.
 *
 * The stub answers `hvc #0` with x0 = call number (documented in docs/BOOT.md):
 *   PVSTUB_INFO (0)          -> x0 = 0x50565354 ("PVST"), x1 = stub version (1)
 *   PVSTUB_SET_VECTORS (1)   x1 = physical address of a 2 KiB-aligned EL2 vector table;
 *                            -> x0 = 0. The new table owns EL2 from then on (the
 *                            benchmarks' floor installs one whose entries only `eret`).
 *   PVSTUB_RESET_VECTORS (2) -> x0 = 0, the stub's own vectors again
 *   anything else, or hvc with a nonzero immediate -> x0 = -1 (SMCCC NOT_SUPPORTED)
 * Registers other than x0 and x1 are preserved.
 */
#include <arch/asm.h>

#define HCR_RW		(1 << 31)
#define HCR_API		(1 << 41)
#define HCR_APK		(1 << 40)
#define SCTLR_EL2_RES1	0x30c50830
#define CPTR_EL2_RES1	0x33ff
#define ICC_SRE_EL2	S3_4_C12_C9_5
#define ICH_HCR_EL2	S3_4_C12_C11_0
#define EC_HVC64	0x16

#define PVSTUB_MAGIC	0x50565354

	.section .text.boot, "ax"
ENTRY(el2_drop_to_el1)
	ldr	x0, =SCTLR_EL2_RES1
	msr	sctlr_el2, x0
	mov	x0, #HCR_RW
	/* Pointer authentication instructions must not trap on CPUs that have it. */
	mrs	x1, id_aa64isar1_el1
	mov	x2, #0xff0
	movk	x2, #0xff00, lsl #16
	tst	x1, x2
	b.eq	1f
	orr	x0, x0, #HCR_API
	orr	x0, x0, #HCR_APK
1:	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #3		/* EL1PCTEN | EL1PCEN: EL1 may use the physical timer */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #CPTR_EL2_RES1	/* no FP/SIMD traps */
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	mrs	x0, pmcr_el0
	ubfx	x0, x0, #11, #5		/* MDCR_EL2.HPMN = all counters to EL1 */
	msr	mdcr_el2, x0
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4		/* GIC system registers implemented? */
	cbz	x0, 2f
	mrs	x0, ICC_SRE_EL2
	orr	x0, x0, #0x1		/* SRE */
	orr	x0, x0, #0x8		/* Enable: EL1 may use ICC_* registers */
	msr	ICC_SRE_EL2, x0
	isb
	msr	ICH_HCR_EL2, xzr
2:	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	msr	vttbr_el2, xzr
	adr_l	x0, pv_el2_stub_vectors
	msr	vbar_el2, x0
	mov	x0, #0x3c5		/* EL1h, DAIF masked */
	msr	spsr_el2, x0
	msr	elr_el2, x30
	isb
	eret
END(el2_drop_to_el1)

.macro stub_vector target
	.balign	128
	b	\target
.endm

	.section .text.vectors, "ax"
	.balign	2048
	.globl	pv_el2_stub_vectors
pv_el2_stub_vectors:
	.rept	8			/* current EL: never expected */
	stub_vector stub_unexpected
	.endr
	stub_vector stub_sync		/* lower EL, AArch64: the hvc from EL1 */
	.rept	7
	stub_vector stub_unexpected
	.endr

	.text
stub_sync:
	msr	tpidr_el2, x2		/* scratch; the stub has no stack */
	mrs	x2, esr_el2
	ubfx	x2, x2, #26, #6
	cmp	x2, #EC_HVC64
	b.ne	stub_unexpected
	mrs	x2, esr_el2
	tst	x2, #0xffff		/* only hvc #0 is ours */
	b.ne	stub_nosup
	cbz	x0, stub_info
	cmp	x0, #1
	b.eq	stub_set_vectors
	cmp	x0, #2
	b.eq	stub_reset_vectors
stub_nosup:
	mov	x0, #-1
	b	stub_ret
stub_info:
	ldr	x0, =PVSTUB_MAGIC
	mov	x1, #1
	b	stub_ret
stub_set_vectors:
	msr	vbar_el2, x1
	mov	x0, #0
	b	stub_ret
stub_reset_vectors:
	adr_l	x0, pv_el2_stub_vectors
	msr	vbar_el2, x0
	mov	x0, #0
stub_ret:
	mrs	x2, tpidr_el2
	isb
	eret

stub_unexpected:			/* nothing sensible to do at EL2 without a console */
	wfe
	b	stub_unexpected
