/*
 * The EL1 context switch: everything a guest can set at EL1 that the next guest must
 * not see or inherit. GPRs are in the frame already (vectors.S); FP/SIMD moves lazily
 * (fpsimd.c); the virtual timer and the vGIC list registers go with the vCPU.
 */
#include <arch/cpu.h>
#include <arch/stage2.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include "domain.h"
#include "pcpu.h"
#include "vcpu.h"

#define CNTV_ENABLE	1u
#define CNTV_IMASK	2u

/* One line per register: its slot and its name. */
#define EL1_REGS(X) \
	X(R_SCTLR, sctlr_el1) X(R_ACTLR, actlr_el1) X(R_CPACR, cpacr_el1) \
	X(R_TTBR0, ttbr0_el1) X(R_TTBR1, ttbr1_el1) X(R_TCR, tcr_el1) X(R_MAIR, mair_el1) \
	X(R_AMAIR, amair_el1) X(R_VBAR, vbar_el1) X(R_CONTEXTIDR, contextidr_el1) \
	X(R_TPIDR_EL0, tpidr_el0) X(R_TPIDRRO_EL0, tpidrro_el0) X(R_TPIDR_EL1, tpidr_el1) \
	X(R_SP_EL0, sp_el0) X(R_SP_EL1, sp_el1) X(R_ELR_EL1, elr_el1) \
	X(R_SPSR_EL1, spsr_el1) X(R_ESR, esr_el1) X(R_FAR, far_el1) X(R_AFSR0, afsr0_el1) \
	X(R_AFSR1, afsr1_el1) X(R_PAR, par_el1) X(R_CNTKCTL, cntkctl_el1) \
	X(R_CSSELR, csselr_el1) X(R_VMPIDR, vmpidr_el2)

#define SAVE(slot, reg) r[slot] = read_sysreg(reg);
#define LOAD(slot, reg) write_sysreg(reg, r[slot]);

void arch_vcpu_put(struct vcpu *v)
{
	uint64_t *r = v->arch.el1;

	EL1_REGS(SAVE)
	r[R_CNTV_CTL] = read_sysreg(cntv_ctl_el0);
	r[R_CNTV_CVAL] = read_sysreg(cntv_cval_el0);
	/* The timer must not fire for whoever runs next; while v is away, the EL2 timer
	 * stands in for it (timer.c). */
	write_sysreg(cntv_ctl_el0, 0);
	if ((r[R_CNTV_CTL] & (CNTV_ENABLE | CNTV_IMASK)) == CNTV_ENABLE)
		v->arch.vtimer_deadline = r[R_CNTV_CVAL] ? r[R_CNTV_CVAL] : 1;
	else
		v->arch.vtimer_deadline = 0;
	vgic_lr_save(v);
	isb();
}

/* Which domain last ran with each VMID on each pCPU (VMIDs are shared beyond 255
 * domains, arch/stage2.h). */
static const struct domain *vmid_last[MAX_PCPUS][256];

/* VTTBR_EL2 is written: if another domain with this VMID ran here since d did, its
 * stage-1 and stage-2 entries may still be in this pCPU's TLB under the same tag. */
static void vmid_check(struct pcpu *p, const struct domain *d)
{
	const struct domain **last = &vmid_last[p->id][d->arch.vmid & 255];

	if (*last == d)
		return;
	if (*last) {
		isb();
		__asm__ volatile("tlbi vmalls12e1" : : : "memory");
		dsb(nsh);
	}
	*last = d;
}

void arch_vcpu_load(struct vcpu *v)
{
	struct pcpu *p = this_pcpu();
	uint64_t *r = v->arch.el1;

	v->arch.vtimer_deadline = 0;
	EL1_REGS(LOAD)
	write_sysreg(vttbr_el2, v->dom->arch.vttbr);
	vmid_check(p, v->dom);
	write_sysreg(cntv_cval_el0, r[R_CNTV_CVAL]);
	write_sysreg(cntv_ctl_el0, r[R_CNTV_CTL]);
	write_sysreg(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TTA |
		     (p->fp_owner == v ? 0 : CPTR_TFP));
	vgic_lr_restore(v);
	isb();
}
