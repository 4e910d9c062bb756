/*
 * Virtual PSCI 1.1 for guests (function ids 0x84000000/0xc4000000 + n). Every call
 * acts on the calling domain only: SYSTEM_OFF and SYSTEM_RESET end or restart it,
 * CPU_ON starts one of its own vCPUs.
 */
#include <arch/smccc.h>

#include <stddef.h>

#include <arch/cpu.h>
#include "domain.h"
#include "pcpu.h"
#include "sched.h"

#define PSCI_VERSION_1_1	0x10001
#define PSCI_INVALID_PARAMS	(-2L)
#define PSCI_ALREADY_ON		(-4L)
#define PSCI_INVALID_ADDRESS	(-9L)
#define AFF_ON			0
#define AFF_OFF			1
#define MIGRATE_NOT_NEEDED	2	/* MIGRATE_INFO_TYPE: no trusted OS */

static struct vcpu *psci_version(struct vcpu *v)
{
	return smccc_ret(v, PSCI_VERSION_1_1);
}

/* The vCPU an MPIDR names: Aff0 = index, every other affinity field 0. */
static struct vcpu *target(struct vcpu *v, uint64_t mpidr)
{
	struct domain *d = v->dom;

	if ((mpidr & 0xff00ffff00UL) || (mpidr & 0xff) >= d->nvcpus)
		return NULL;
	return &d->vcpu[mpidr & 0xff];
}

static struct vcpu *cpu_on(struct vcpu *v)
{
	struct domain *d = v->dom;
	struct vcpu *t = target(v, smccc_arg(v, 1));
	uint64_t entry = smccc_arg(v, 2);

	if (!t)
		return smccc_ret(v, (uint64_t)PSCI_INVALID_PARAMS);
	if (entry < GUEST_RAM_BASE || entry - GUEST_RAM_BASE >= d->ram_size || (entry & 3))
		return smccc_ret(v, (uint64_t)PSCI_INVALID_ADDRESS);
	spin_lock(&d->lock);
	if (t->state != VCPU_OFFLINE) {
		spin_unlock(&d->lock);
		return smccc_ret(v, (uint64_t)PSCI_ALREADY_ON);
	}
	arch_vcpu_reset(t, entry, smccc_arg(v, 3));
	vcpu_wake(t);
	spin_unlock(&d->lock);
	return smccc_ret(v, 0);
}

static struct vcpu *cpu_off(struct vcpu *v)
{
	struct domain *d = v->dom;
	unsigned on = 0;

	for (unsigned i = 0; i < d->nvcpus; i++)
		on += d->vcpu[i].state != VCPU_OFFLINE && &d->vcpu[i] != v;
	if (!on) {			/* nothing could ever start it again */
		domain_shutdown(d, SHUTDOWN_POWEROFF);
		return NULL;
	}
	return vcpu_offline(v);
}

static struct vcpu *affinity_info(struct vcpu *v)
{
	struct vcpu *t = target(v, smccc_arg(v, 1));

	if (!t || smccc_arg(v, 2) != 0)
		return smccc_ret(v, (uint64_t)PSCI_INVALID_PARAMS);
	return smccc_ret(v, t->state == VCPU_OFFLINE ? AFF_OFF : AFF_ON);
}

static struct vcpu *migrate_info_type(struct vcpu *v)
{
	return smccc_ret(v, MIGRATE_NOT_NEEDED);
}

static struct vcpu *system_off(struct vcpu *v)
{
	domain_shutdown(v->dom, SHUTDOWN_POWEROFF);
	return NULL;
}

static struct vcpu *system_reset(struct vcpu *v)
{
	domain_shutdown(v->dom, SHUTDOWN_REBOOT);
	return NULL;
}

static struct vcpu *psci_features(struct vcpu *v)
{
	uint32_t fid = (uint32_t)v->regs.x[1];

	return smccc_ret(v, smccc_implemented(fid) ? SMCCC_SUCCESS :
			 (uint64_t)SMCCC_NOT_SUPPORTED);
}

const smccc_fn psci_fn[PSCI_NR_FN] = {
	[0x0] = psci_version,
	[0x2] = cpu_off,
	[0x3] = cpu_on,
	[0x4] = affinity_info,
	[0x6] = migrate_info_type,
	[0x8] = system_off,
	[0x9] = system_reset,
	[0xa] = psci_features,
};
