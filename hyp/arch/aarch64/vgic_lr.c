/*
 * GICv3 list registers: the hardware delivers what we put there to the running vCPU
 * (acknowledge, priority, EOI all happen without traps). Interrupts wait in the vCPU's
 * pending mask until a register is free; when more are pending than there are
 * registers, the underflow maintenance interrupt (PPI 9, INTID 25) brings us back to
 * refill as the guest consumes them.
 */
#include <arch/vgic.h>

#include <arch/cpu.h>
#include "domain.h"
#include "pcpu.h"

#define LR_PENDING	(1UL << 62)
#define LR_ACTIVE	(1UL << 63)
#define LR_GROUP1	(1UL << 60)
#define LR_PRIO_SHIFT	48
#define HCR_EN		(1UL << 0)
#define HCR_UIE		(1UL << 1)

static unsigned nr_lrs;

#define LR_CASE(n, crm, op2) \
	case n: \
		if (write) \
			__asm__ volatile("msr S3_4_C12_" #crm "_" #op2 ", %0" : : "r"(val)); \
		else \
			__asm__ volatile("mrs %0, S3_4_C12_" #crm "_" #op2 : "=r"(val)); \
		break;

static uint64_t lr_access(unsigned i, int write, uint64_t val)
{
	switch (i) {
	LR_CASE(0, C12, 0) LR_CASE(1, C12, 1) LR_CASE(2, C12, 2) LR_CASE(3, C12, 3)
	LR_CASE(4, C12, 4) LR_CASE(5, C12, 5) LR_CASE(6, C12, 6) LR_CASE(7, C12, 7)
	LR_CASE(8, C13, 0) LR_CASE(9, C13, 1) LR_CASE(10, C13, 2) LR_CASE(11, C13, 3)
	LR_CASE(12, C13, 4) LR_CASE(13, C13, 5) LR_CASE(14, C13, 6) LR_CASE(15, C13, 7)
	}
	return val;
}

static uint64_t lr_read(unsigned i)
{
	return lr_access(i, 0, 0);
}

static void lr_write(unsigned i, uint64_t v)
{
	lr_access(i, 1, v);
}

void vgic_lr_init_pcpu(void)
{
	nr_lrs = (read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	if (nr_lrs > VGIC_MAX_LRS)
		nr_lrs = VGIC_MAX_LRS;
	write_sysreg(ICH_HCR_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	for (unsigned i = 0; i < nr_lrs; i++)
		lr_write(i, 0);
	isb();
}

static uint8_t prio_of(struct vcpu *v, unsigned intid)
{
	return intid < 32 ? v->arch.vgic.prio[intid] : v->dom->arch.vgic.spi_prio[intid - 32];
}

void vgic_flush(struct vcpu *v)
{
	uint64_t en = v->arch.vgic.enabled | (uint64_t)v->dom->arch.vgic.spi_enabled << 32;
	uint64_t todo = v->arch.vgic.pending & en;
	uint64_t elrsr = read_sysreg(ICH_ELRSR_EL2);
	uint64_t hcr = read_sysreg(ICH_HCR_EL2) & ~HCR_UIE;

	while (todo) {
		unsigned intid = (unsigned)__builtin_ctzl(todo), free = nr_lrs, i;

		todo &= todo - 1;
		for (i = 0; i < nr_lrs; i++) {
			if (elrsr >> i & 1) {
				if (free == nr_lrs)
					free = i;
				continue;
			}
			uint64_t lr = lr_read(i);

			if ((uint32_t)lr == intid) {	/* already there: pending again */
				lr_write(i, lr | LR_PENDING);
				break;
			}
		}
		if (i == nr_lrs) {
			if (free == nr_lrs) {		/* full: come back when they drain */
				hcr |= HCR_UIE;
				continue;
			}
			lr_write(free, LR_PENDING | LR_GROUP1 |
				 (uint64_t)prio_of(v, intid) << LR_PRIO_SHIFT | intid);
			elrsr &= ~(1UL << free);
		}
		v->arch.vgic.pending &= ~(1UL << intid);
	}
	write_sysreg(ICH_HCR_EL2, hcr);
	isb();
}

void vgic_lr_save(struct vcpu *v)
{
	for (unsigned i = 0; i < nr_lrs; i++)
		v->arch.gic.lr[i] = lr_read(i);
	v->arch.gic.vmcr = read_sysreg(ICH_VMCR_EL2);
	v->arch.gic.ap0r0 = read_sysreg(ICH_AP0R0_EL2);
	v->arch.gic.ap1r0 = read_sysreg(ICH_AP1R0_EL2);
	v->arch.gic.hcr = read_sysreg(ICH_HCR_EL2);
	write_sysreg(ICH_HCR_EL2, 0);	/* no maintenance interrupts while idle */
	isb();
}

void vgic_lr_restore(struct vcpu *v)
{
	for (unsigned i = 0; i < nr_lrs; i++)
		lr_write(i, v->arch.gic.lr[i]);
	write_sysreg(ICH_VMCR_EL2, v->arch.gic.vmcr);
	write_sysreg(ICH_AP0R0_EL2, v->arch.gic.ap0r0);
	write_sysreg(ICH_AP1R0_EL2, v->arch.gic.ap1r0);
	write_sysreg(ICH_HCR_EL2, v->arch.gic.hcr | HCR_EN);
	isb();
}

int vgic_lr_pending(struct vcpu *v)
{
	int live = this_pcpu()->current == v;

	for (unsigned i = 0; i < nr_lrs; i++)
		if ((live ? lr_read(i) : v->arch.gic.lr[i]) & LR_PENDING)
			return 1;
	return 0;
}
