/*
 * Image entry. The header is the arm64 Linux Image header (Documentation/arm64/booting
 * in Linux) so QEMU -kernel, Xen and the pvkit hyp all load us the same way:
 * at a 2 MiB-aligned base + text_offset, with x0 = physical address of the DT.
 *
 * Boot steps, all position-independent because the image runs wherever it was loaded:
 *   1. entered at EL2 (bare QEMU with virtualization=on)? drop to EL1 (el2_stub.S)
 *   2. FP/SIMD on, vectors installed, exception stack (SP_EL1) and boot stack (SP_EL0)
 *   3. clear .bss, apply R_AARCH64_RELATIVE relocations for the load address
 *   4. pv_boot_early() in C turns the MMU on; pv_boot() does the rest
 */
#include <arch/asm.h>

#define R_AARCH64_RELATIVE	1027
#define SCTLR_EL1_RES1		0x30d00800	/* RES1 bits; MMU, caches, alignment off */
#define CPACR_FPEN		(3 << 20)

	.section .head.text, "ax"
	.globl	_start
_start:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0x80000			/* text_offset */
	/* image_size, including .bss: two 32-bit halves, which the linker resolves
	 * at link time (a 64-bit word would become a dynamic relocation in a PIE). */
	.long	_image_size_lo32, _image_size_hi32
	.quad	0xa			/* flags: little-endian, 4 KiB pages, load anywhere */
	.quad	0, 0, 0			/* reserved */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* reserved (PE header offset) */

	.section .text.boot, "ax"
ENTRY(primary_entry)
	mrs	x21, cntvct_el0		/* boot-time measurements start here */
	mov	x19, x0			/* DT address, kept for pv_boot_early */
	mrs	x20, CurrentEL
	ubfx	x20, x20, #2, #2	/* the EL we were entered at */
	cmp	x20, #2
	b.ne	1f
	bl	el2_drop_to_el1
1:	msr	daifset, #0xf
	mov	x0, #CPACR_FPEN		/* libc uses FP/SIMD registers */
	msr	cpacr_el1, x0
	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	isb
	adr_l	x0, pv_vectors
	msr	vbar_el1, x0

	/* Exceptions run on SP_EL1, threads on SP_EL0: a thread that overflows into its
	 * guard page still gets a crash report, because the handler has its own stack. */
	adr_l	x0, pv_exc_stack_top
	mov	sp, x0
	msr	spsel, #0
	adr_l	x0, pv_boot_stack_top
	mov	sp, x0
	mov	x29, xzr
	mov	x30, xzr

	adr_l	x0, __bss_start
	adr_l	x1, __bss_end
2:	cmp	x0, x1
	b.hs	3f
	stp	xzr, xzr, [x0], #16
	b	2b

3:	adr_l	x0, _text		/* the load address: relocation delta from 0 */
	adr_l	x1, __rela_start
	adr_l	x2, __rela_end
4:	cmp	x1, x2
	b.hs	6f
	ldp	x3, x4, [x1], #16	/* r_offset, r_info */
	ldr	x5, [x1], #8		/* r_addend */
	cmp	w4, #R_AARCH64_RELATIVE
	b.ne	5f
	add	x5, x5, x0
	str	x5, [x0, x3]
	b	4b
5:	/* Another relocation type means the link went wrong (image.ld, -static-pie). */
	wfe
	b	5b

6:	adr_l	x0, pv_entry_counter
	str	x21, [x0]
	mov	x0, x19
	mov	x1, x20
	adr_l	x2, _text
	bl	pv_boot_early		/* does not return */
7:	wfe
	b	7b
END(primary_entry)

	.section .bss.boot_stacks, "aw", %nobits
	.balign	16
	.space	8192
	.globl	pv_exc_stack_top
pv_exc_stack_top:
	.space	8192
	.globl	pv_boot_stack_top
pv_boot_stack_top:

	.data
	.balign	8
	.globl	pv_entry_counter
pv_entry_counter:			/* CNTVCT at the image's first instruction */
	.quad	0
