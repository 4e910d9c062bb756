/*
 * Hyp entry. The arm64 Image header makes QEMU -kernel load us at RAM base +
 * text_offset and enter at EL2 with x0 = the host DT (booting.rst: MMU off, interrupts
 * masked). Secondary pCPUs arrive at secondary_entry through firmware PSCI CPU_ON
 * with x0 = their index (the context id we passed).
 */
#include <arch/asm.h>

#define SCTLR_EL2_RES1	0x30c50830
#define STACK_SIZE	16384
#define MAX_PCPUS	4

	.section .head.text, "ax"
	.globl	_start
_start:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset */
	.quad	_image_size		/* image_size, including .bss */
	.quad	0x2			/* flags: little-endian, 4 KiB pages, low placement */
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0

	.section .text.boot, "ax"
ENTRY(primary_entry)
	mov	x19, x0
	msr	daifset, #0xf
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_el2
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb
	adr_l	x1, hyp_vectors
	msr	vbar_el2, x1
	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	adr_l	x0, pcpu_stacks
	add	x0, x0, #STACK_SIZE
	mov	sp, x0
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	hyp_main		/* does not return */
3:	wfe
	b	3b
not_el2:
	bl	early_not_el2
	b	3b
END(primary_entry)

ENTRY(secondary_entry)
	msr	daifset, #0xf
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1
	isb
	adr_l	x1, hyp_vectors
	msr	vbar_el2, x1
	cmp	x0, #MAX_PCPUS
	b.hs	3b
	adr_l	x1, pcpu_stacks
	mov	x2, #STACK_SIZE
	madd	x1, x0, x2, x1
	add	x1, x1, x2
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	bl	hyp_secondary		/* does not return */
	b	3b
END(secondary_entry)

/* arch_mmu_enable(ttbr0, tcr, mair, sctlr) with the MMU off. */
ENTRY(arch_mmu_enable)
	msr	mair_el2, x2
	msr	tcr_el2, x1
	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	ish
	isb
	msr	sctlr_el2, x3
	isb
	ic	iallu
	dsb	ish
	isb
	ret
END(arch_mmu_enable)

	.section .bss.stacks, "aw", %nobits
	.balign	16
	.globl	pcpu_stacks
pcpu_stacks:
	.space	STACK_SIZE * MAX_PCPUS
