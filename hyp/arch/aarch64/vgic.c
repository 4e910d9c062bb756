/*
 * The emulated GICv3 distributor and redistributors. Guests reach them through
 * stage-2 data aborts (dabt.c); every offset and size a guest uses is checked here.
 * Unimplemented registers inside the frames read as zero and ignore writes (LPIs,
 * group 0, security, active state); docs/HYP.md lists what is emulated.
 */
#include <arch/vgic.h>

#include <stddef.h>

#include <arch/cpu.h>
#include "domain.h"
#include "pcpu.h"
#include "sched.h"

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_IPRIORITYR	0x0400
#define GICD_ICFGR	0x0c00
#define GICD_IROUTER	0x6000
#define GICD_PIDR2	0xffe8
#define GICR_CTLR	0x0000
#define GICR_IIDR	0x0004
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000
#define IIDR_ARM	0x43b
#define PIDR2_GICV3	0x3b
#define CTLR_ARE	(1u << 4)
#define CTLR_GRP1	(1u << 1)

/* --- state ---------------------------------------------------------------------- */

void vgic_domain_init(struct domain *d)
{
	for (int i = 0; i < 32; i++) {
		d->arch.vgic.spi_prio[i] = 0xa0;
		d->arch.vgic.spi_target[i] = 0;
	}
	d->arch.vgic.ctlr = CTLR_ARE;
	d->arch.vgic.spi_enabled = 0;
}

void vgic_vcpu_init(struct vcpu *v)
{
	v->arch.vgic.enabled = 0;
	v->arch.vgic.pending = 0;
	v->arch.vgic.waker = 2;		/* ProcessorSleep: the guest wakes it */
	for (int i = 0; i < 32; i++)
		v->arch.vgic.prio[i] = 0xa0;
	v->arch.vgic.cfg[0] = 0xaaaaaaaa;	/* SGIs edge */
	v->arch.vgic.cfg[1] = 0;
}

static uint64_t enabled_mask(const struct vcpu *v)
{
	return v->arch.vgic.enabled | (uint64_t)v->dom->arch.vgic.spi_enabled << 32;
}

int vgic_has_pending(struct vcpu *v)
{
	return (v->arch.vgic.pending & enabled_mask(v)) || vgic_lr_pending(v);
}

/* v has something new to deliver: get it to the list registers soon. */
static void notify(struct vcpu *v)
{
	struct pcpu *p = this_pcpu();

	if (v->state == VCPU_BLOCKED)
		vcpu_wake(v);
	else if (v->state == VCPU_RUNNING && p->current == v)
		vgic_flush(v);
	else if (v->state == VCPU_RUNNING)
		arch_kick(v->pcpu);	/* its pCPU fills the registers on the way back */
}

void vgic_inject_locked(struct vcpu *v, unsigned intid)
{
	struct domain *d = v->dom;

	if (intid >= VGIC_NR_IRQS)
		return;
	if (intid >= 32) {
		unsigned t = d->arch.vgic.spi_target[intid - 32];

		v = &d->vcpu[t < d->nvcpus ? t : 0];
	}
	v->arch.vgic.pending |= 1UL << intid;
	if (enabled_mask(v) >> intid & 1)
		notify(v);
}

void vgic_inject(struct vcpu *v, unsigned intid)
{
	spin_lock(&v->dom->lock);
	vgic_inject_locked(v, intid);
	spin_unlock(&v->dom->lock);
}

void vgic_send_sgi(struct vcpu *v, uint64_t r)
{
	struct domain *d = v->dom;
	unsigned sgi = (r >> 24) & 0xf, rs = (r >> 44) & 0xf;
	int all = (r >> 40) & 1;

	/* Our vCPUs are Aff0 = index, Aff1-3 = 0: other affinities reach nobody. */
	if (!all && (((r >> 16) & 0xff) || ((r >> 32) & 0xff) || ((r >> 48) & 0xff)))
		return;
	spin_lock(&d->lock);
	for (unsigned i = 0; i < d->nvcpus; i++) {
		int hit = all ? i != v->id :
			  (i / 16 == rs && (r >> (i % 16) & 1));

		if (hit)
			vgic_inject_locked(&d->vcpu[i], sgi);
	}
	spin_unlock(&d->lock);
}

/* --- register banks shared by the distributor (SPIs) and redistributors ----------- */

enum bank_op { SET_ENABLE, CLR_ENABLE, SET_PEND, CLR_PEND };

/* A 32-bit enable/pending register for INTIDs first..first+31 of vCPU t (first = 0)
 * or of the domain (first = 32). */
static uint32_t bank_access(struct vcpu *t, unsigned first, enum bank_op op, int write,
			    uint32_t val)
{
	struct domain *d = t->dom;
	uint32_t *en = first ? &d->arch.vgic.spi_enabled : &t->arch.vgic.enabled;

	if (!write) {
		if (op == SET_ENABLE || op == CLR_ENABLE)
			return *en;
		uint64_t p = 0;

		for (unsigned i = 0; i < (first ? d->nvcpus : 1); i++)
			p |= (first ? d->vcpu[i].arch.vgic.pending : t->arch.vgic.pending);
		return (uint32_t)(p >> first);
	}
	for (unsigned b = 0; b < 32; b++) {
		if (!(val >> b & 1))
			continue;
		unsigned intid = first + b;

		switch (op) {
		case SET_ENABLE:
			*en |= 1u << b;
			/* Something latched while disabled is now deliverable. */
			for (unsigned i = 0; i < d->nvcpus; i++)
				if (d->vcpu[i].arch.vgic.pending >> intid & 1)
					notify(&d->vcpu[i]);
			break;
		case CLR_ENABLE:
			*en &= ~(1u << b);
			break;
		case SET_PEND:
			vgic_inject_locked(t, intid);
			break;
		case CLR_PEND:
			for (unsigned i = 0; i < d->nvcpus; i++)
				d->vcpu[i].arch.vgic.pending &= ~(1UL << intid);
			break;
		}
	}
	return 0;
}

/* The common layout of GICD 0x80-0xcff and the redistributor's SGI frame. */
static int irq_regs(struct vcpu *t, unsigned first, uint64_t off, unsigned size, int write,
		    uint64_t *val)
{
	struct domain *d = t->dom;
	uint8_t *prio = first ? d->arch.vgic.spi_prio : t->arch.vgic.prio;
	uint32_t *cfg = first ? d->arch.vgic.spi_cfg : t->arch.vgic.cfg;
	unsigned reg = first / 32;	/* the one 32-bit register of the bank we have */
	static const enum bank_op ops[4] = { SET_ENABLE, CLR_ENABLE, SET_PEND, CLR_PEND };

	if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
		unsigned n = (unsigned)(off - GICD_IPRIORITYR);

		if ((size != 1 && size != 4) || (off & (size - 1)))
			return -1;
		if (n < first || n + size > first + 32) {
			if (!write)
				*val = 0;
			return 0;
		}
		for (unsigned i = 0; i < size; i++) {
			if (write)
				prio[n - first + i] = (uint8_t)(*val >> (8 * i)) & 0xf8;
			else
				*val = (i ? *val : 0) | (uint64_t)prio[n - first + i] << (8 * i);
		}
		return 0;
	}
	if (size != 4 || (off & 3))
		return -1;
	if (!write)
		*val = 0;
	if (off >= GICD_IGROUPR && off < GICD_ISENABLER) {
		/* Everything is group 1 (non-secure): RAO/WI for the bank we have. */
		if (!write && (off - GICD_IGROUPR) / 4 == reg)
			*val = 0xffffffff;
	} else if (off >= GICD_ISENABLER && off < GICD_ISENABLER + 0x200) {
		unsigned kind = (unsigned)(off - GICD_ISENABLER) / 0x80;
		unsigned n = (unsigned)(off - GICD_ISENABLER) % 0x80 / 4;

		if (n == reg)
			*val = bank_access(t, first, ops[kind], write, (uint32_t)*val);
	} else if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
		unsigned n = (unsigned)(off - GICD_ICFGR) / 4;

		if (n == reg * 2 || n == reg * 2 + 1) {
			if (write && (first || n == 1))	/* SGI configuration is fixed */
				cfg[n - reg * 2] = (uint32_t)*val & 0xaaaaaaaa;
			else if (!write)
				*val = cfg[n - reg * 2];
		}
	}
	return 0;		/* active state, group modifiers, NSACR: RAZ/WI */
}

/* --- distributor -------------------------------------------------------------------- */

int vgic_dist_access(struct vcpu *v, uint64_t off, unsigned size, int write, uint64_t *val)
{
	struct domain *d = v->dom;
	int r = 0;

	spin_lock(&d->lock);
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024) {
		unsigned intid = (unsigned)(off - GICD_IROUTER) / 8;

		if ((size != 8 && size != 4) || (off & (size - 1))) {
			r = -1;
		} else if (intid < 32 || intid >= VGIC_NR_IRQS) {
			if (!write)
				*val = 0;
		} else if (off & 4) {		/* upper half: Aff3, always 0 */
			if (!write)
				*val = 0;
		} else if (write) {
			/* Aff0 picks the vCPU; routing mode "any" (IRM) means vCPU 0. */
			uint64_t aff0 = *val & 0xff;

			d->arch.vgic.spi_target[intid - 32] =
				(*val >> 31 & 1) || aff0 >= d->nvcpus ? 0 : (uint8_t)aff0;
		} else {
			*val = d->arch.vgic.spi_target[intid - 32];
		}
	} else if (off < GICD_IGROUPR || off >= GICD_ICFGR + 0x100) {
		if (size != 4 || (off & 3)) {
			r = -1;
		} else if (write) {
			if (off == GICD_CTLR)
				d->arch.vgic.ctlr = ((uint32_t)*val & CTLR_GRP1) | CTLR_ARE;
		} else {
			switch (off) {
			case GICD_CTLR: *val = d->arch.vgic.ctlr; break;
			/* ITLinesNumber 1 (64 INTIDs), 10 interrupt id bits, no LPIs. */
			case GICD_TYPER: *val = 1 | (9u << 19); break;
			case GICD_IIDR: *val = IIDR_ARM; break;
			case GICD_PIDR2: *val = PIDR2_GICV3; break;
			default: *val = 0;
			}
		}
	} else {
		r = irq_regs(v, 32, off, size, write, val);
	}
	spin_unlock(&d->lock);
	return r;
}

/* --- redistributors ------------------------------------------------------------------- */

static int rd_frame(struct vcpu *t, uint64_t off, unsigned size, int write, uint64_t *val)
{
	struct domain *d = t->dom;

	if (off == GICR_TYPER && size == 8) {
		/* Affinity = Aff0 index, processor number, Last on the final frame. */
		if (!write)
			*val = (uint64_t)t->id << 32 | (uint64_t)t->id << 8 |
			       (t->id == d->nvcpus - 1 ? 1u << 4 : 0);
		return 0;
	}
	if (size != 4 || (off & 3))
		return -1;
	if (write) {
		if (off == GICR_WAKER)
			t->arch.vgic.waker = (uint32_t)*val & 2;
		return 0;
	}
	switch (off) {
	case GICR_IIDR: *val = IIDR_ARM; break;
	case GICR_TYPER:
		*val = (uint32_t)(t->id << 8 | (t->id == d->nvcpus - 1 ? 1u << 4 : 0));
		break;
	case GICR_TYPER + 4: *val = t->id; break;
	/* ChildrenAsleep follows ProcessorSleep at once. */
	case GICR_WAKER: *val = t->arch.vgic.waker | (t->arch.vgic.waker ? 4 : 0); break;
	case GICD_PIDR2: *val = PIDR2_GICV3; break;
	default: *val = 0;		/* CTLR (no LPIs), STATUSR, PROPBASER, ... */
	}
	return 0;
}

int vgic_redist_access(struct vcpu *v, uint64_t off, unsigned size, int write,
		       uint64_t *val)
{
	struct domain *d = v->dom;
	unsigned idx = (unsigned)(off / GUEST_GICR_STRIDE);
	uint64_t frame = off % GUEST_GICR_STRIDE;
	int r;

	if (idx >= d->nvcpus)
		return -1;
	spin_lock(&d->lock);
	if (frame < GICR_SGI)
		r = rd_frame(&d->vcpu[idx], frame, size, write, val);
	else
		r = irq_regs(&d->vcpu[idx], 0, frame - GICR_SGI, size, write, val);
	spin_unlock(&d->lock);
	return r;
}
