/*
 * Exceptions injected into a guest's EL1, as if its own CPU had raised them: ESR_EL1,
 * FAR_EL1, ELR_EL1 and SPSR_EL1 are set and the vCPU continues at its VBAR_EL1 vector
 * for the level and stack it was at. The EL1 registers are live while v runs.
 */
#include <arch/traps.h>

#include <arch/sysreg.h>
#include "vcpu.h"

#define EC_DABT_CUR	0x25
#define EC_DABT_LOW	0x24
#define EC_IABT_CUR	0x21
#define EC_IABT_LOW	0x20
#define ESR_IL		(1UL << 25)
#define FSC_EXTABT	0x10

static void enter_vector(struct vcpu *v, uint64_t esr)
{
	uint64_t spsr = v->regs.spsr, off;
	unsigned mode = spsr & 0xf;

	if (mode == 0x5)		/* EL1h */
		off = 0x200;
	else if (mode == 0x4)		/* EL1t */
		off = 0x000;
	else				/* EL0 */
		off = 0x400;
	write_sysreg(esr_el1, esr);
	write_sysreg(elr_el1, v->regs.elr);
	write_sysreg(spsr_el1, spsr);
	v->regs.elr = read_sysreg(vbar_el1) + off;
	v->regs.spsr = 0x3c5;		/* EL1h, all of DAIF masked */
}

void inject_abort(struct vcpu *v, uint64_t far, int data)
{
	int from_el0 = (v->regs.spsr & 0xf) == 0;
	uint64_t ec = data ? (from_el0 ? EC_DABT_LOW : EC_DABT_CUR) :
			     (from_el0 ? EC_IABT_LOW : EC_IABT_CUR);

	write_sysreg(far_el1, far);
	enter_vector(v, ec << 26 | ESR_IL | FSC_EXTABT);
}

void inject_undef(struct vcpu *v)
{
	enter_vector(v, ESR_IL);	/* EC 0: unknown reason */
}
