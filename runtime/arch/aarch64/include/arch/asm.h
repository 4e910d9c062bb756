/* Assembly helpers shared by the runtime's .S files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#ifdef __ASSEMBLY__

#define ENTRY(name)	.globl name; .type name, %function; .balign 4; name:
#define END(name)	.size name, . - name

/* PC-relative address of a symbol (+/- 4 GiB): works before relocation and with the MMU
 * off, which is why boot code never loads addresses from literal pools. */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/* Record that the instruction at \insn may raise an undefined-instruction exception and
 * that execution should resume at \fixup if it does (see runtime/arch/aarch64/traps.c).
 * Offsets are relative, so the table needs no relocation. */
.macro extable insn, fixup
	.pushsection .pv_extable, "a"
	.balign 4
	.long	\insn - .
	.long	\fixup - .
	.popsection
.endm

#endif
#endif
