/* Assembly helpers for the hyp's .S files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#ifdef __ASSEMBLY__
#define ENTRY(name)	.globl name; .type name, %function; .balign 4; name:
#define END(name)	.size name, . - name

.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm
#endif
#endif
