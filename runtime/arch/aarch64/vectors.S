/*
 * EL1 exception vectors. Threads run at EL1 on SP_EL0 ("EL1t"), so their exceptions
 * arrive through the "current EL with SP0" entries and are handled on SP_EL1. An
 * exception taken while already on SP_EL1 means the handler itself faulted.
 */
#include <arch/asm.h>
#include <arch/regs.h>

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x21, sp_el0
	stp	x30, x21, [sp, #FRAME_X(30)]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #FRAME_ELR]
	mrs	x24, esr_el1
	mrs	x25, far_el1
	stp	x24, x25, [sp, #FRAME_ESR]
.endm

.macro restore_frame_eret
	ldp	x22, x23, [sp, #FRAME_ELR]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #FRAME_X(30)]
	add	sp, sp, #FRAME_SIZE
	eret
.endm

/* Interrupt handlers are ordinary C and libc code that may use SIMD registers, so the
 * interrupted thread's FP/SIMD state is saved around them. */
.macro save_fpsimd
	sub	sp, sp, #(32 * 16 + 16)
	stp	q0, q1, [sp, #16 + 32 * 0]
	stp	q2, q3, [sp, #16 + 32 * 1]
	stp	q4, q5, [sp, #16 + 32 * 2]
	stp	q6, q7, [sp, #16 + 32 * 3]
	stp	q8, q9, [sp, #16 + 32 * 4]
	stp	q10, q11, [sp, #16 + 32 * 5]
	stp	q12, q13, [sp, #16 + 32 * 6]
	stp	q14, q15, [sp, #16 + 32 * 7]
	stp	q16, q17, [sp, #16 + 32 * 8]
	stp	q18, q19, [sp, #16 + 32 * 9]
	stp	q20, q21, [sp, #16 + 32 * 10]
	stp	q22, q23, [sp, #16 + 32 * 11]
	stp	q24, q25, [sp, #16 + 32 * 12]
	stp	q26, q27, [sp, #16 + 32 * 13]
	stp	q28, q29, [sp, #16 + 32 * 14]
	stp	q30, q31, [sp, #16 + 32 * 15]
	mrs	x0, fpsr
	mrs	x1, fpcr
	stp	x0, x1, [sp]
.endm

.macro restore_fpsimd
	ldp	x0, x1, [sp]
	msr	fpsr, x0
	msr	fpcr, x1
	ldp	q0, q1, [sp, #16 + 32 * 0]
	ldp	q2, q3, [sp, #16 + 32 * 1]
	ldp	q4, q5, [sp, #16 + 32 * 2]
	ldp	q6, q7, [sp, #16 + 32 * 3]
	ldp	q8, q9, [sp, #16 + 32 * 4]
	ldp	q10, q11, [sp, #16 + 32 * 5]
	ldp	q12, q13, [sp, #16 + 32 * 6]
	ldp	q14, q15, [sp, #16 + 32 * 7]
	ldp	q16, q17, [sp, #16 + 32 * 8]
	ldp	q18, q19, [sp, #16 + 32 * 9]
	ldp	q20, q21, [sp, #16 + 32 * 10]
	ldp	q22, q23, [sp, #16 + 32 * 11]
	ldp	q24, q25, [sp, #16 + 32 * 12]
	ldp	q26, q27, [sp, #16 + 32 * 13]
	ldp	q28, q29, [sp, #16 + 32 * 14]
	ldp	q30, q31, [sp, #16 + 32 * 15]
	add	sp, sp, #(32 * 16 + 16)
.endm

.macro vector target
	.balign	128
	b	\target
.endm

	.section .text.vectors, "ax"
	.balign	2048
	.globl	pv_vectors
pv_vectors:
	vector	el1t_sync		/* current EL, SP0: threads */
	vector	el1t_irq
	vector	el1t_fiq
	vector	el1t_serror
	vector	el1h_any		/* current EL, SPx: a fault inside a handler */
	vector	el1h_any
	vector	el1h_any
	vector	el1h_any
	vector	lower_any		/* lower EL: pvkit runs nothing at EL0 */
	vector	lower_any
	vector	lower_any
	vector	lower_any
	vector	lower_any
	vector	lower_any
	vector	lower_any
	vector	lower_any

	.text
el1t_sync:
	save_frame
	mov	x0, sp
	bl	pv_trap_sync		/* returns only if the fault was fixed up */
	restore_frame_eret

el1t_irq:
	save_frame
	save_fpsimd
	bl	pv_trap_irq
	restore_fpsimd
	restore_frame_eret

el1t_fiq:
	save_frame
	mov	x0, sp
	mov	x1, #1
	bl	pv_trap_unexpected
el1t_serror:
	save_frame
	mov	x0, sp
	mov	x1, #2
	bl	pv_trap_unexpected
el1h_any:
	save_frame
	mov	x0, sp
	mov	x1, #3
	bl	pv_trap_unexpected
lower_any:
	save_frame
	mov	x0, sp
	mov	x1, #4
	bl	pv_trap_unexpected
