/*
 * Trapped system-register accesses (EC 0x18), matched against a const table:
 * SGI generation is emulated, debug and PMU registers (trapped by MDCR_EL2 so guests
 * cannot watch or disturb each other) read as zero and ignore writes, and anything
 * else that reaches EL2 is an illegal access: the domain is stopped (fault.c). That
 * includes DC ISW/CSW/CISW (trapped by HCR_EL2.TSW): cleaning caches by set/way works
 * on the physical caches of the machine, has no sound use inside a virtual machine
 * (Linux's arm64 kernel issues none; KVM emulates it by flushing the whole guest) and
 * pvkit does not emulate it.
 */
#include <arch/traps.h>

#include <stddef.h>

#include <arch/vgic.h>
#include "fault.h"
#include "vcpu.h"

/* The ISS fields as one key: op0:op1:CRn:CRm:op2. */
#define KEY(op0, op1, crn, crm, op2) \
	((uint32_t)(op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

struct sysreg_rule {
	uint32_t mask, value;
	int (*fn)(struct vcpu *v, int read, uint64_t *val);
};

static int sgi1r(struct vcpu *v, int read, uint64_t *val)
{
	if (read)
		*val = 0;		/* write-only register */
	else
		vgic_send_sgi(v, *val);
	return 0;
}

static int raz_wi(struct vcpu *v, int read, uint64_t *val)
{
	if (read)
		*val = 0;
	return 0;
}

static const struct sysreg_rule rules[] = {
	{ KEY(3, 7, 15, 15, 7), KEY(3, 0, 12, 11, 5), sgi1r },	/* ICC_SGI1R_EL1 */
	{ KEY(3, 7, 15, 15, 6), KEY(3, 0, 12, 11, 6), raz_wi },	/* ICC_ASGI1R, SGI0R */
	{ KEY(3, 0, 0, 0, 0), KEY(2, 0, 0, 0, 0), raz_wi },	/* debug, OS lock */
	{ KEY(3, 0, 15, 12, 0), KEY(3, 0, 9, 12, 0), raz_wi },	/* PMU: CRn 9, CRm 12-15 */
	{ KEY(3, 7, 15, 8, 0), KEY(3, 3, 14, 8, 0), raz_wi },	/* PMEVCNTR/TYPER, PMCCFILTR */
};

struct vcpu *trap_sysreg(struct vcpu *v, uint64_t esr)
{
	uint32_t key = KEY(esr >> 20 & 3, esr >> 14 & 7, esr >> 10 & 15, esr >> 1 & 15,
			   esr >> 17 & 7);
	unsigned rt = (esr >> 5) & 31;
	int read = esr & 1;
	uint64_t val = rt == 31 ? 0 : v->regs.x[rt];

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if ((key & rules[i].mask) != rules[i].value)
			continue;
		rules[i].fn(v, read, &val);
		if (read && rt != 31)
			v->regs.x[rt] = val;
		v->regs.elr += 4;
		return v;
	}
	return guest_fault(v, esr, 0, 0, "illegal system register access");
}
