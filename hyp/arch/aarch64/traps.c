/*
 * Synchronous guest traps by exception class, through a const table; a class without
 * a handler is a guest fault (containment: fault.c). Also the IRQ, SError and
 * AArch32 entries and the common way back to a guest.
 */
#include <arch/traps.h>

#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include "domain.h"
#include "esr.h"
#include "fault.h"
#include "pcpu.h"
#include "sched.h"

void timer_reprogram(struct pcpu *p);

static struct vcpu *trap_wfx(struct vcpu *v, uint64_t esr)
{
	struct domain *d = v->dom;
	struct vcpu *next = v;

	v->regs.elr += 4;
	if (esr & 1)			/* WFE: someone else may hold the lock it spins on */
		return vcpu_yield(v);
	/* Decided under the domain lock, which injection takes too: no lost wake-up. */
	spin_lock(&d->lock);
	if (!vgic_has_pending(v))
		next = vcpu_block(v);
	spin_unlock(&d->lock);
	return next;
}

static struct vcpu *trap_smc(struct vcpu *v, uint64_t esr)
{
	v->regs.elr += 4;		/* a trapped SMC returns to itself */
	return smccc_dispatch(v);
}

static struct vcpu *trap_iabt(struct vcpu *v, uint64_t esr)
{
	uint64_t ipa = (read_sysreg(hpfar_el2) & 0xffffffffff0UL) << 8 |
		       (read_sysreg(far_el2) & 0xfff);

	return guest_fault(v, esr, read_sysreg(far_el2), ipa,
			   "instruction fetch outside the domain's memory");
}

static const trap_fn ec_handlers[64] = {
	[EC_WFX] = trap_wfx,
	[EC_FP] = trap_fp,
	[EC_SMC64] = trap_smc,
	[EC_SYSREG] = trap_sysreg,
	[EC_IABT_LOW] = trap_iabt,
	[EC_DABT_LOW] = trap_dabt,
};

struct vcpu *trap_exit(struct vcpu *prev, struct vcpu *next)
{
	struct pcpu *p = this_pcpu();

	next = sched_switch(prev, next);
	if (next->arch.vgic.pending) {
		spin_lock(&next->dom->lock);
		vgic_flush(next);
		spin_unlock(&next->dom->lock);
	}
	timer_reprogram(p);
	return next;
}

struct vcpu *trap_guest_sync(struct vcpu *v)
{
	uint64_t esr = read_sysreg(esr_el2);
	trap_fn fn = ec_handlers[ESR_EC(esr)];
	struct vcpu *next;

	if (fn)
		next = fn(v, esr);
	else
		next = guest_fault(v, esr, read_sysreg(far_el2), 0, esr_class_name(esr));
	return trap_exit(v, next);
}

struct vcpu *trap_guest_irq(struct vcpu *v)
{
	struct pcpu *p = this_pcpu();

	irq_handle_all();
	return trap_exit(v, p->need_resched ? sched_preempt(v) : v);
}

struct vcpu *trap_guest_serror(struct vcpu *v)
{
	return trap_exit(v, guest_fault(v, read_sysreg(esr_el2), 0, 0, "SError"));
}

struct vcpu *trap_guest_aarch32(struct vcpu *v)
{
	return trap_exit(v, guest_fault(v, read_sysreg(esr_el2), 0, 0,
					"exception from AArch32 (not supported)"));
}

/* hvc with an immediate other than #0 (SMCCC) or #0xEA1 (Xen). */
struct vcpu *hvc_bad_immediate(struct vcpu *v)
{
	v->regs.x[0] = (uint64_t)-1;	/* SMCCC NOT_SUPPORTED */
	return v;
}
