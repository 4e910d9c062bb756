/*
 * Cooperative thread switch: arch_switch(from, to) saves the callee-saved state of the
 * running thread into *from and resumes *to. Everything else is caller-saved by the
 * AAPCS64, so the compiler has already spilled it. TPIDR_EL0 holds each thread's TLS
 * block (libc's errno lives there).
 */
#include <arch/asm.h>
#include <arch/regs.h>

ENTRY(arch_switch)
	stp	x19, x20, [x0, #CTX_X19 + 0]
	stp	x21, x22, [x0, #CTX_X19 + 16]
	stp	x23, x24, [x0, #CTX_X19 + 32]
	stp	x25, x26, [x0, #CTX_X19 + 48]
	stp	x27, x28, [x0, #CTX_X19 + 64]
	stp	x29, x30, [x0, #CTX_FP]
	mov	x9, sp
	mrs	x10, tpidr_el0
	stp	x9, x10, [x0, #CTX_SP]
	stp	d8, d9, [x0, #CTX_D8 + 0]
	stp	d10, d11, [x0, #CTX_D8 + 16]
	stp	d12, d13, [x0, #CTX_D8 + 32]
	stp	d14, d15, [x0, #CTX_D8 + 48]

	ldp	x19, x20, [x1, #CTX_X19 + 0]
	ldp	x21, x22, [x1, #CTX_X19 + 16]
	ldp	x23, x24, [x1, #CTX_X19 + 32]
	ldp	x25, x26, [x1, #CTX_X19 + 48]
	ldp	x27, x28, [x1, #CTX_X19 + 64]
	ldp	x29, x30, [x1, #CTX_FP]
	ldp	x9, x10, [x1, #CTX_SP]
	mov	sp, x9
	msr	tpidr_el0, x10
	ldp	d8, d9, [x1, #CTX_D8 + 0]
	ldp	d10, d11, [x1, #CTX_D8 + 16]
	ldp	d12, d13, [x1, #CTX_D8 + 32]
	ldp	d14, d15, [x1, #CTX_D8 + 48]
	ret
END(arch_switch)

/* First code a new thread runs: arch_thread_init() left fn in x19 and its argument in
 * x20; the frame pointer is zero so backtraces stop here. */
ENTRY(arch_thread_start)
	mov	x0, x19
	mov	x1, x20
	bl	pv_thread_main		/* does not return */
	brk	#0
END(arch_thread_start)
