/*
 * Stage-2 data aborts: an access to an emulated device (mmio.c) is decoded from the
 * syndrome and emulated; one the syndrome does not describe (ISV = 0: load/store pair,
 * writeback, ...) gets an external abort back. An access outside the domain's memory
 * and devices stops the domain (containment, fault.c).
 */
#include <arch/traps.h>

#include <arch/sysreg.h>
#include "domain.h"
#include "fault.h"
#include "mmio.h"

#define ISS_ISV		(1UL << 24)
#define ISS_SSE		(1UL << 21)
#define ISS_SF		(1UL << 15)
#define ISS_S1PTW	(1UL << 7)
#define ISS_WNR		(1UL << 6)

struct vcpu *trap_dabt(struct vcpu *v, uint64_t esr)
{
	uint64_t far = read_sysreg(far_el2);
	uint64_t ipa = (read_sysreg(hpfar_el2) & 0xffffffffff0UL) << 8 | (far & 0xfff);
	unsigned size = 1u << ((esr >> 22) & 3), rt = (esr >> 16) & 31;
	int write = (esr & ISS_WNR) != 0, result;
	uint64_t val = write && rt != 31 ? v->regs.x[rt] : 0;

	if (esr & ISS_S1PTW)
		return guest_fault(v, esr, far, ipa,
				   "stage-1 page table outside the domain's memory");
	if (!(esr & ISS_ISV)) {
		if (!mmio_dispatch(v, ipa, 0, 0, &val, &result))
			return guest_fault(v, esr, far, ipa,
					   write ? "write outside the domain's memory" :
					   "read outside the domain's memory");
		inject_abort(v, far, 1);	/* a device access we cannot decode */
		return v;
	}
	if (size < 8 && write)
		val &= (1UL << (size * 8)) - 1;
	if (!mmio_dispatch(v, ipa, size, write, &val, &result))
		return guest_fault(v, esr, far, ipa, write ?
				   "write outside the domain's memory" :
				   "read outside the domain's memory");
	if (result < 0) {
		inject_abort(v, far, 1);
		return v;
	}
	if (!write && rt != 31) {
		if (size < 8)
			val &= (1UL << (size * 8)) - 1;
		if ((esr & ISS_SSE) && size < 8 && (val >> (size * 8 - 1) & 1))
			val |= ~0UL << (size * 8);
		if (!(esr & ISS_SF))
			val &= 0xffffffffUL;
		v->regs.x[rt] = val;
	}
	v->regs.elr += 4;
	return v;
}
