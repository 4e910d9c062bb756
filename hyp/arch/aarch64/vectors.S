/*
 * EL2 exception vectors.
 *
 * While a guest runs, SP_EL2 points at its struct vcpu (the register frame comes
 * first), so a trap saves the guest's registers straight into it; the handler then
 * moves to the pCPU's hyp stack (VCPU_HYP_SP). Every C handler returns the vCPU to
 * enter next, and its frame is restored.
 *
 * The fast path: an HVC saves only what the C calling convention lets a call clobber
 * (x0-x17, x29, x30; the hyp is built with x18 fixed), dispatches on the immediate
 * (#0xEA1 Xen, #0 SMCCC) through const tables, and returns the same way if the
 * handler chose to stay on this vCPU; otherwise it completes the frame (x18-x28,
 * ELR, SPSR are still the guest's) and takes the full switch.
 */
#include <arch/asm.h>
#include <arch/vcpu.h>

#define EC_HVC64		0x16
#define XEN_NR_HYPERCALLS	64
#define HFRAME_SIZE		(36 * 8)	/* struct hyp_frame, crash.c */

.macro ventry target
	.balign	128
	b	\target
.endm

	.section .text.vectors, "ax"
	.balign	2048
	.globl	hyp_vectors
hyp_vectors:
	ventry	hyp_fault_sp0		/* current EL, SP_EL0: never used */
	ventry	hyp_fault_sp0
	ventry	hyp_fault_sp0
	ventry	hyp_fault_sp0
	ventry	hyp_fault		/* current EL, SP_EL2: a fault in the hyp */
	ventry	hyp_fault
	ventry	hyp_fault
	ventry	hyp_fault
	ventry	guest_sync		/* lower EL, AArch64 */
	ventry	guest_irq
	ventry	guest_irq		/* FIQ: nothing is group 0; treated as an IRQ */
	ventry	guest_serror
	ventry	guest_aarch32		/* lower EL, AArch32: EL0 of a guest */
	ventry	guest_aarch32
	ventry	guest_aarch32
	ventry	guest_aarch32

/* --- saving --------------------------------------------------------------------------- */

.macro save_x4_to_x17
	stp	x4, x5, [sp, #VCPU_X(4)]
	stp	x6, x7, [sp, #VCPU_X(6)]
	stp	x8, x9, [sp, #VCPU_X(8)]
	stp	x10, x11, [sp, #VCPU_X(10)]
	stp	x12, x13, [sp, #VCPU_X(12)]
	stp	x14, x15, [sp, #VCPU_X(14)]
	stp	x16, x17, [sp, #VCPU_X(16)]
.endm

/* x18-x28 and ELR/SPSR of the frame at \f; uses x2, x3. */
.macro save_rest f
	str	x18, [\f, #VCPU_X(18)]
	stp	x19, x20, [\f, #VCPU_X(19)]
	stp	x21, x22, [\f, #VCPU_X(21)]
	stp	x23, x24, [\f, #VCPU_X(23)]
	stp	x25, x26, [\f, #VCPU_X(25)]
	stp	x27, x28, [\f, #VCPU_X(27)]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [\f, #VCPU_ELR]
.endm

/* Full save of a guest; leaves x0 = the vCPU and SP on the hyp stack. */
.macro save_guest_full
	stp	x0, x1, [sp, #VCPU_X(0)]
	stp	x2, x3, [sp, #VCPU_X(2)]
	save_x4_to_x17
	stp	x29, x30, [sp, #VCPU_X(29)]
	mov	x0, sp
	save_rest x0
	ldr	x1, [x0, #VCPU_HYP_SP]
	mov	sp, x1
	mov	x29, xzr
.endm

	.text
guest_sync:
	stp	x0, x1, [sp, #VCPU_X(0)]
	stp	x2, x3, [sp, #VCPU_X(2)]
	mrs	x0, esr_el2
	lsr	x1, x0, #26
	cmp	x1, #EC_HVC64
	b.ne	slow_sync
	save_x4_to_x17
	stp	x29, x30, [sp, #VCPU_X(29)]
	ands	w2, w0, #0xffff		/* the hvc immediate */
	mov	x0, sp
	ldr	x1, [x0, #VCPU_HYP_SP]
	mov	sp, x1
	b.ne	1f
	bl	smccc_dispatch		/* hvc #0: SMCCC */
fast_exit:
	mrs	x1, tpidr_el2
	ldr	x1, [x1, #PCPU_CURRENT]
	cmp	x0, x1
	b.ne	fast_switch
	mov	sp, x0
	ldp	x2, x3, [sp, #VCPU_X(2)]
	ldp	x4, x5, [sp, #VCPU_X(4)]
	ldp	x6, x7, [sp, #VCPU_X(6)]
	ldp	x8, x9, [sp, #VCPU_X(8)]
	ldp	x10, x11, [sp, #VCPU_X(10)]
	ldp	x12, x13, [sp, #VCPU_X(12)]
	ldp	x14, x15, [sp, #VCPU_X(14)]
	ldp	x16, x17, [sp, #VCPU_X(16)]
	ldp	x29, x30, [sp, #VCPU_X(29)]
	ldp	x0, x1, [sp, #VCPU_X(0)]
	eret
1:	cmp	w2, #0xea1
	b.ne	3f
	/* Xen: call number in x16, bounds-checked against the table. */
	cmp	x16, #XEN_NR_HYPERCALLS
	b.hs	2f
	adr_l	x3, xen_hypercalls
	ldr	x3, [x3, x16, lsl #3]
	cbz	x3, 2f
	blr	x3
	b	fast_exit
2:	bl	xen_enosys
	b	fast_exit
3:	bl	hvc_bad_immediate
	b	fast_exit

fast_switch:				/* x0 = next (or NULL), x1 = the trapping vCPU */
	save_rest x1
	mov	x2, x0
	mov	x0, x1
	mov	x1, x2
	bl	trap_exit
	b	enter_guest

slow_sync:				/* x0-x3 saved, x0 = ESR */
	save_x4_to_x17
	stp	x29, x30, [sp, #VCPU_X(29)]
	mov	x0, sp
	save_rest x0
	ldr	x1, [x0, #VCPU_HYP_SP]
	mov	sp, x1
	mov	x29, xzr
	bl	trap_guest_sync
	b	enter_guest

guest_irq:
	save_guest_full
	bl	trap_guest_irq
	b	enter_guest

guest_serror:
	save_guest_full
	bl	trap_guest_serror
	b	enter_guest

guest_aarch32:
	save_guest_full
	bl	trap_guest_aarch32
	b	enter_guest

/* void enter_guest(struct vcpu *v): restore v's whole frame and run it. */
ENTRY(enter_guest)
	mov	sp, x0
	ldp	x2, x3, [sp, #VCPU_ELR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x2, x3, [sp, #VCPU_X(2)]
	ldp	x4, x5, [sp, #VCPU_X(4)]
	ldp	x6, x7, [sp, #VCPU_X(6)]
	ldp	x8, x9, [sp, #VCPU_X(8)]
	ldp	x10, x11, [sp, #VCPU_X(10)]
	ldp	x12, x13, [sp, #VCPU_X(12)]
	ldp	x14, x15, [sp, #VCPU_X(14)]
	ldp	x16, x17, [sp, #VCPU_X(16)]
	ldr	x18, [sp, #VCPU_X(18)]
	ldp	x19, x20, [sp, #VCPU_X(19)]
	ldp	x21, x22, [sp, #VCPU_X(21)]
	ldp	x23, x24, [sp, #VCPU_X(23)]
	ldp	x25, x26, [sp, #VCPU_X(25)]
	ldp	x27, x28, [sp, #VCPU_X(27)]
	ldp	x29, x30, [sp, #VCPU_X(29)]
	ldp	x0, x1, [sp, #VCPU_X(0)]
	eret
END(enter_guest)

/* --- faults inside the hyp: a crash report (crash.c) ------------------------------ */

hyp_fault_sp0:
	msr	spsel, #1
hyp_fault:
	sub	sp, sp, #HFRAME_SIZE
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
	add	x1, sp, #HFRAME_SIZE
	stp	x30, x1, [sp, #16 * 15]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [sp, #16 * 16]
	mrs	x2, esr_el2
	mrs	x3, far_el2
	stp	x2, x3, [sp, #16 * 17]
	mov	x0, sp
	bl	hyp_crash
4:	wfe
	b	4b
