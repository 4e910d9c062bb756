/*
 * The timed loops. Each runs its operation x0 times; x1 is the operation's context
 * (an address, where it needs one). The count lives in x19 and the context in x20:
 * SMCCC 1.1 and the Xen hypercall ABI preserve x19-x28, while x0-x17 may come back
 * changed. loop_empty is the same loop with nothing in it: main.c subtracts its time,
 * so a figure is the operation's own instructions (2 for this loop's subs + b.ne).
 */
#define SMCCC_VERSION_HI	0x8000		/* SMCCC_VERSION = 0x80000000 */
#define XEN_HYPERCALL_XEN_VERSION 17
#define XENVER_VERSION		0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define GIC_SPURIOUS		1023		/* EOI of 1023 is ignored by the GIC */

.macro loop name
	.text
	.globl	\name
	.type	\name, %function
	.balign	64				/* same alignment for every loop */
\name:
	stp	x19, x20, [sp, #-16]!
	mov	x19, x0
	mov	x20, x1
	cbz	x19, 2f
1:
.endm

.macro endloop name
	subs	x19, x19, #1
	b.ne	1b
2:	ldp	x19, x20, [sp], #16
	ret
	.size	\name, . - \name
.endm

loop loop_empty
endloop loop_empty

/* Null SMCCC call: SMCCC_VERSION, answered by every SMCCC 1.x implementation. */
loop loop_smccc_version
	movz	w0, #SMCCC_VERSION_HI, lsl #16
	hvc	#0
endloop loop_smccc_version

/* Null Xen hypercall: xen_version(XENVER_version, NULL). */
loop loop_xen_version
	mov	x16, #XEN_HYPERCALL_XEN_VERSION
	mov	x0, #XENVER_VERSION
	hvc	#0xea1
endloop loop_xen_version

/* One 32-bit device register read at x20. */
loop loop_mmio_read32
	ldr	w0, [x20]
endloop loop_mmio_read32

/* GICv3 end of interrupt for the spurious id, through the system-register interface. */
loop loop_eoi_v3
	mov	x0, #GIC_SPURIOUS
	msr	ICC_EOIR1_EL1, x0
endloop loop_eoi_v3

/* GICv2 end of interrupt for the spurious id: a store to GICC_EOIR at x20. */
loop loop_mmio_write32_1023
	mov	w0, #GIC_SPURIOUS
	str	w0, [x20]
endloop loop_mmio_write32_1023
