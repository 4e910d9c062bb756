/*
 * Copying to and from a guest's virtual addresses (Xen hypercall arguments are guest
 * virtual). The running vCPU's stage 1 and stage 2 are live, so AT S12E1R/W does the
 * walk; the result is checked against the domain's RAM (domain_ipa_to_pa) before the
 * hyp touches it. Only for the vCPU running on this pCPU.
 */
#include <arch/guest_copy.h>

#include <string.h>

#include <arch/sysreg.h>
#include "domain.h"
#include "vcpu.h"

#define PAR_F		1UL
#define PAGE		4096UL

static uint64_t translate(struct vcpu *v, uint64_t va, int write)
{
	uint64_t saved = read_sysreg(par_el1), par;

	if (write)
		__asm__ volatile("at s12e1w, %0" : : "r"(va));
	else
		__asm__ volatile("at s12e1r, %0" : : "r"(va));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(par_el1, saved);	/* PAR_EL1 is the guest's */
	if (par & PAR_F)
		return 0;
	/* The output of both stages is a host address: stage 2 maps onto the domain's RAM.
	 * It is checked against the RAM anyway, as the hyp never trusts a walk it did not own. */
	return (par & 0x0000fffffffff000UL) | (va & (PAGE - 1));
}

static int copy(struct vcpu *v, void *hyp, uint64_t gva, size_t len, int to_guest)
{
	char *h = hyp;

	while (len) {
		size_t chunk = PAGE - (gva & (PAGE - 1));
		uint64_t pa = translate(v, gva, to_guest);

		if (chunk > len)
			chunk = len;
		if (!pa || !domain_pa_ok(v->dom, pa, chunk))
			return -1;
		if (to_guest)
			memcpy((void *)(uintptr_t)pa, h, chunk);
		else
			memcpy(h, (const void *)(uintptr_t)pa, chunk);
		h += chunk;
		gva += chunk;
		len -= chunk;
	}
	return 0;
}

int copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, size_t len)
{
	return copy(v, dst, gva, len, 0);
}

int copy_to_guest(struct vcpu *v, uint64_t gva, const void *src, size_t len)
{
	return copy(v, (void *)src, gva, len, 1);
}
