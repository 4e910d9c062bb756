/*
 * Time at EL2: the EL2 physical timer (CNTHP, PPI 10 = INTID 26) ends time slices and
 * stands in for the virtual timers of vCPUs that are not on the CPU: when a parked
 * vCPU's CNTV would have fired, PPI 27 is injected and the vCPU woken (as Xen does,
 * the guest's CNTV_CTL is masked so the level does not fire again until the guest
 * reprograms it). The hyp's own interrupts are dispatched here too.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include "console.h"
#include "drvenv.h"
#include "domain.h"
#include "pcpu.h"
#include "sched.h"

#define CNTV_ENABLE	1u
#define CNTV_IMASK	2u
#define CNTV_ISTATUS	4u

void arch_timer_program(uint64_t cval)
{
	if (!cval) {
		write_sysreg(cnthp_ctl_el2, 0);
	} else {
		write_sysreg(cnthp_cval_el2, cval);
		write_sysreg(cnthp_ctl_el2, 1);
	}
	isb();
}

/* Earliest of the running vCPU's slice end and the parked vCPUs' timers. */
void timer_reprogram(struct pcpu *p)
{
	uint64_t next = p->current ? p->slice_end : 0;

	spin_lock(&p->lock);
	for (struct vcpu *v = p->pinned; v; v = v->pin_next) {
		uint64_t t = v->arch.vtimer_deadline;

		if (t && (!next || t < next))
			next = t;
	}
	spin_unlock(&p->lock);
	arch_timer_program(next);
}

static void expire_vtimers(struct pcpu *p, uint64_t now)
{
	struct vcpu *due = NULL;

	spin_lock(&p->lock);
	for (struct vcpu *v = p->pinned; v; v = v->pin_next) {
		if (v->arch.vtimer_deadline && v->arch.vtimer_deadline <= now) {
			v->arch.vtimer_deadline = 0;
			v->arch.el1[R_CNTV_CTL] |= CNTV_IMASK;
			v->due_next = due;
			due = v;
		}
	}
	spin_unlock(&p->lock);
	for (struct vcpu *v = due; v; v = v->due_next)	/* d->lock comes before p->lock */
		vgic_inject(v, INTID_VTIMER);
}

static void hyp_timer_irq(struct pcpu *p)
{
	uint64_t now = arch_now();

	arch_timer_program(0);
	expire_vtimers(p, now);
	if (p->current && now >= p->slice_end)
		p->need_resched = 1;
}

/* The running vCPU's own CNTV fired (its PPI 27 reaches EL2 because of IMO). */
static void vtimer_irq(struct pcpu *p)
{
	uint64_t ctl = read_sysreg(cntv_ctl_el0);

	if (!p->current) {
		write_sysreg(cntv_ctl_el0, 0);
		return;
	}
	if ((ctl & (CNTV_ENABLE | CNTV_IMASK | CNTV_ISTATUS)) == (CNTV_ENABLE | CNTV_ISTATUS)) {
		write_sysreg(cntv_ctl_el0, ctl | CNTV_IMASK);
		isb();
		vgic_inject(p->current, INTID_VTIMER);
	}
}

static void maintenance_irq(struct pcpu *p)
{
	struct vcpu *v = p->current;

	if (!v) {
		write_sysreg(ICH_HCR_EL2, 0);
		return;
	}
	spin_lock(&v->dom->lock);
	vgic_flush(v);
	spin_unlock(&v->dom->lock);
}

/* Acknowledge and handle every pending interrupt of the hyp's own. */
void irq_handle_all(void)
{
	struct pcpu *p = this_pcpu();
	unsigned intid;

	while ((intid = gic_ack()) < INTID_SPURIOUS) {
		switch (intid) {
		case INTID_HYP_TIMER: hyp_timer_irq(p); break;
		case INTID_VTIMER: vtimer_irq(p); break;
		case INTID_MAINTENANCE: maintenance_irq(p); break;
		case INTID_KICK: break;		/* the way back looks at the queue */
		default:
			if (intid == console_irq())
				console_rx();
			else
				drv_irq_dispatch(intid);
		}
		gic_eoi(intid);
	}
}

void arch_idle_wait(void)
{
	timer_reprogram(this_pcpu());
	wfi();
	irq_handle_all();
}

void arch_kick(unsigned pcpu)
{
	gic_send_sgi(INTID_KICK, pcpus[pcpu].mpidr);
}
