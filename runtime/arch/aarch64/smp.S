/*
 * Secondary CPU entry from PSCI CPU_ON: EL1 (or EL2, then it drops to EL1), MMU off,
 * x0 = the struct cpu_boot the boot CPU filled (arch/smp.h). Same tables, vectors and FP access as the boot CPU;
 * exceptions on SP_EL1, the function on SP_EL0, as threads run.
 */
#include <arch/asm.h>
#include <arch/smp.h>

	.text
ENTRY(pv_secondary_entry)
	/* QEMU's built-in PSCI starts CPUs at the highest EL it provides: EL2 on a bare
	 * virt machine with virtualization=on. Drop to EL1 as the boot CPU did. */
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	1f
	mov	x19, x0
	bl	el2_drop_to_el1		/* returns here, at EL1 */
	mov	x0, x19
1:	msr	daifset, #0xf
	ldr	x1, [x0, #BOOT_CPACR]
	msr	cpacr_el1, x1
	ldr	x1, [x0, #BOOT_MAIR]
	msr	mair_el1, x1
	ldr	x1, [x0, #BOOT_TCR]
	msr	tcr_el1, x1
	ldr	x1, [x0, #BOOT_TTBR0]
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x1, [x0, #BOOT_SCTLR]
	msr	sctlr_el1, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x1, [x0, #BOOT_VBAR]
	msr	vbar_el1, x1
	ldr	x1, [x0, #BOOT_EXC_SP]
	mov	sp, x1
	msr	spsel, #0
	ldr	x1, [x0, #BOOT_SP]
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	bl	pv_secondary_main
1:	wfe
	b	1b
END(pv_secondary_entry)

/* void arch_smp_fill(struct cpu_boot *b) */
ENTRY(arch_smp_fill)
	mrs	x1, mair_el1
	mrs	x2, tcr_el1
	stp	x1, x2, [x0, #BOOT_MAIR]
	mrs	x1, ttbr0_el1
	mrs	x2, sctlr_el1
	stp	x1, x2, [x0, #BOOT_TTBR0]
	mrs	x1, vbar_el1
	mrs	x2, cpacr_el1
	stp	x1, x2, [x0, #BOOT_VBAR]
	/* Clean the block (and the stack pointers after it) to the point of coherency. */
	mov	x1, x0
	add	x2, x0, #80
1:	dc	cvac, x1
	add	x1, x1, #16
	cmp	x1, x2
	b.lo	1b
	dsb	sy
	ret
END(arch_smp_fill)
