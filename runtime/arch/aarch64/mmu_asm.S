#include <arch/asm.h>

/* arch_mmu_enable(ttbr0, tcr, mair, sctlr): first MMU enable, from MMU-off boot. */
ENTRY(arch_mmu_enable)
	msr	mair_el1, x2
	msr	tcr_el1, x1
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x3
	isb
	ic	iallu
	dsb	nsh
	isb
	ret
END(arch_mmu_enable)

/* arch_mmu_switch(ttbr0, sctlr): move from the early tables to the final ones. Both map
 * this code 1:1, but with different block sizes, so the switch happens with the MMU
 * briefly off (no memory is touched meanwhile) to avoid TLB conflicts. */
ENTRY(arch_mmu_switch)
	mrs	x2, sctlr_el1
	bic	x2, x2, #1
	msr	sctlr_el1, x2
	isb
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x1
	isb
	ic	iallu
	dsb	nsh
	isb
	ret
END(arch_mmu_switch)
