/*
 * The common hypercall entry points, backed by the conduit discovery chose. The choice
 * is data (a function pointer set once at boot), never a compile-time switch.
 */
#include <stddef.h>

#include <pvkit/hypercall.h>
#include <pvkit/hypervisor.h>

#include <arch/conduit.h>
#include "discover.h"
#include "hypercall_rt.h"

static struct pv_hypervisor hv;
static void (*smccc_fn)(const uint64_t in[8], uint64_t out[4]);
static char conduit_desc[64];

static void smccc_via(enum pv_smccc_conduit c, const uint64_t in[8], uint64_t out[4])
{
	if (c == PV_SMCCC_HVC)
		arch_smccc_hvc(in, out);
	else if (c == PV_SMCCC_SMC)
		arch_smccc_smc(in, out);
	else
		out[0] = (uint64_t)SMCCC_NOT_SUPPORTED;
}

static const struct hv_probe real_probe = {
	.xen = arch_xen_hypercall,
	.smccc = smccc_via,
};

static void describe(void)
{
	const char *smccc = hv.smccc == PV_SMCCC_HVC ? "smccc (hvc #0)" :
			    hv.smccc == PV_SMCCC_SMC ? "smccc (smc #0)" : NULL;
	const char *xen = hv.xen_conduit ? "xen (hvc #0xEA1)" : NULL;
	char *d = conduit_desc;
	const char *parts[2] = { xen, smccc };

	for (int i = 0; i < 2; i++) {
		if (!parts[i])
			continue;
		if (d != conduit_desc) {
			*d++ = ' ';
			*d++ = '+';
			*d++ = ' ';
		}
		for (const char *s = parts[i]; *s; s++)
			*d++ = *s;
	}
	if (d == conduit_desc)
		for (const char *s = "none"; *s; s++)
			*d++ = *s;
	*d = '\0';
}

void hypercall_init(const struct dt *dt)
{
	hv_discover(dt, &real_probe, &hv);
	if (hv.smccc == PV_SMCCC_HVC)
		smccc_fn = arch_smccc_hvc;
	else if (hv.smccc == PV_SMCCC_SMC)
		smccc_fn = arch_smccc_smc;
	describe();
}

const struct pv_hypervisor *pv_hypervisor(void)
{
	return &hv;
}

const char *pv_conduit_name(void)
{
	return conduit_desc;
}

long pv_hypercall(unsigned nr, unsigned long a0, unsigned long a1, unsigned long a2,
		  unsigned long a3, unsigned long a4)
{
	if (!hv.xen_conduit)
		return -38;	/* -ENOSYS */
	return arch_xen_hypercall(nr, a0, a1, a2, a3, a4);
}

struct pv_smccc_res pv_smccc(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
			     uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7)
{
	uint64_t in[8] = { fid, a1, a2, a3, a4, a5, a6, a7 }, out[4];
	struct pv_smccc_res r = { (uint64_t)SMCCC_NOT_SUPPORTED, 0, 0, 0 };

	if (!smccc_fn)
		return r;
	smccc_fn(in, out);
	r.a0 = out[0];
	r.a1 = out[1];
	r.a2 = out[2];
	r.a3 = out[3];
	return r;
}

/* Before discovery (a boot failure): try every conduit; each is safe to try. */
void hypercall_poweroff_blind(void)
{
	uint64_t in[8] = { PSCI_SYSTEM_OFF }, out[4];

	arch_smccc_smc(in, out);
	arch_smccc_hvc(in, out);
}
