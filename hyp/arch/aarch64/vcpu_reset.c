#include <string.h>

#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include "vcpu.h"

#define SCTLR_EL1_RESET	0x30d00800UL	/* RES1 bits only: MMU, caches, alignment off */
#define ICH_HCR_EN	1UL

void arch_vcpu_reset(struct vcpu *v, uint64_t pc, uint64_t x0)
{
	uint64_t hyp_sp = v->regs.hyp_sp;

	memset(&v->regs, 0, sizeof(v->regs));
	memset(&v->arch.el1, 0, sizeof(v->arch.el1));
	memset(&v->arch.fp, 0, sizeof(v->arch.fp));
	memset(&v->arch.gic, 0, sizeof(v->arch.gic));
	v->regs.hyp_sp = hyp_sp;
	v->regs.elr = pc;
	v->regs.spsr = SPSR_EL1H_MASKED;
	v->regs.x[0] = x0;
	v->arch.el1[R_SCTLR] = SCTLR_EL1_RESET;
	/* MPIDR: bit 31 RES1, Aff0 = the vCPU index, everything else 0. */
	v->arch.el1[R_VMPIDR] = (1UL << 31) | v->id;
	v->arch.gic.hcr = ICH_HCR_EN;
	v->arch.vtimer_deadline = 0;
	vgic_vcpu_init(v);
}
