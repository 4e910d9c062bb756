/*
 * The instructions behind the hypercall conduits (runtime/hypercall.c picks one at boot
 * from the DT). Each may be undefined on a machine without the matching exception level:
 * the extable entry turns that into an error return instead of a crash, which is what
 * makes probing safe.
 */
#include <arch/asm.h>

/* long arch_xen_hypercall(unsigned long nr, a0, a1, a2, a3, a4)
 * Xen on Arm: hvc #0xEA1, call number in x16, arguments x0-x4, result in x0. */
ENTRY(arch_xen_hypercall)
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	mov	x3, x4
	mov	x4, x5
1:	hvc	#0xea1
	ret
2:	mov	x0, #-38		/* -ENOSYS: nothing answers hvc here */
	ret
	extable	1b, 2b
END(arch_xen_hypercall)

/* void arch_smccc_hvc(const uint64_t in[8], uint64_t out[4])
 * void arch_smccc_smc(const uint64_t in[8], uint64_t out[4])
 * SMCCC: function id in w0, arguments x1-x7, results x0-x3. */
.macro smccc_call insn
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x1, [sp, #16]
	ldp	x6, x7, [x0, #48]
	ldp	x4, x5, [x0, #32]
	ldp	x2, x3, [x0, #16]
	ldp	x0, x1, [x0]
1:	\insn	#0
	b	3f
2:	mov	x0, #-1			/* SMCCC NOT_SUPPORTED */
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
3:	ldr	x4, [sp, #16]
	stp	x0, x1, [x4]
	stp	x2, x3, [x4, #16]
	ldp	x29, x30, [sp], #32
	ret
	extable	1b, 2b
.endm

ENTRY(arch_smccc_hvc)
	smccc_call hvc
END(arch_smccc_hvc)

ENTRY(arch_smccc_smc)
	smccc_call smc
END(arch_smccc_smc)

/* long arch_semihost(unsigned long op, unsigned long param): the AArch64 semihosting
 * trap (hlt #0xf000). Undefined unless the emulator enabled semihosting. */
ENTRY(arch_semihost)
1:	hlt	#0xf000
	ret
2:	mov	x0, #-1
	ret
	extable	1b, 2b
END(arch_semihost)
