/*
 * Thread stacks in their own VA window (arch/mmu.h, STACK_VA_BASE): each slot is
 * STACK_SLOT bytes of address space whose lowest page is never mapped, so running off
 * the bottom of a stack faults on that guard page.
 */
#ifndef RUNTIME_STACK_H
#define RUNTIME_STACK_H

#include <stddef.h>
#include <stdint.h>

#define STACK_SLOT	(1UL << 20)	/* largest stack: STACK_SLOT minus the guard */

struct stack {
	uint64_t guard;		/* lowest address: the unmapped guard page */
	uint64_t lo, hi;	/* usable stack: [lo, hi) */
};

/* Map a stack of at least size bytes. Returns 0, or -1 when memory is out. */
int stack_alloc(struct stack *s, size_t size);
void stack_free(struct stack *s);

#endif
