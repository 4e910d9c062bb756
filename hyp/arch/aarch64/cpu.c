/* Per-pCPU EL2 setup, and starting the secondary pCPUs through firmware PSCI. */
#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/stage2.h>
#include <arch/sysreg.h>
#include <arch/vgic.h>
#include "dt.h"
#include "log.h"
#include "pcpu.h"

long firmware_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx);
extern char secondary_entry[];

/* Guest-facing EL2 controls, the same for every guest. */
int arch_cpu_init(struct pcpu *p)
{
	uint64_t hpmn = (read_sysreg(pmcr_el0) >> 11) & 0x1f;

	write_sysreg(tpidr_el2, p);
	write_sysreg(hcr_el2, HCR_GUEST);
	write_sysreg(cptr_el2, CPTR_RES1 | CPTR_TZ | CPTR_TTA | CPTR_TFP);
	write_sysreg(mdcr_el2, hpmn | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA | MDCR_TPM | MDCR_TPMCR);
	write_sysreg(hstr_el2, 0);
	/* EL1 may read the physical counter but not use the physical timer (it is ours:
	 * guests get the virtual one). No offset: guest virtual time is real time. */
	write_sysreg(cnthctl_el2, 1);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	isb();
	stage2_init_pcpu();
	if (gic_init_cpu())
		return -1;
	vgic_lr_init_pcpu();
	gic_enable(INTID_KICK);
	gic_enable(INTID_MAINTENANCE);
	gic_enable(INTID_HYP_TIMER);
	gic_enable(INTID_VTIMER);
	return 0;
}

/* Every cpu node but ours, up to MAX_PCPUS in all. */
unsigned arch_start_secondaries(const struct dt *dt)
{
	int cpus = dt_path(dt, "/cpus");
	uint64_t self = read_sysreg(mpidr_el1) & 0xff00ffffffUL;
	unsigned n = 1;

	pcpus[0].mpidr = self;
	for (int c = dt_first_child(dt, cpus); c >= 0; c = dt_next_sibling(dt, c)) {
		uint64_t mpidr, size;
		const char *type = dt_string(dt, c, "device_type", "");

		if (type[0] != 'c' || dt_reg(dt, c, 0, &mpidr, &size) || mpidr == self)
			continue;
		if (n == MAX_PCPUS) {
			log_msg("more than %d CPUs in the DT: CPU %#lx stays off", MAX_PCPUS,
				mpidr);
			continue;
		}
		pcpus[n].mpidr = mpidr;
		long r = firmware_cpu_on(mpidr, (uint64_t)secondary_entry, n);

		if (r)
			log_msg("CPU %#lx (pCPU %u) did not start: PSCI CPU_ON returned %ld",
				mpidr, n, r);
		else
			n++;
	}
	return n;
}
