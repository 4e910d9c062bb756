/* Null hypercalls: the cheapest trap into the hypervisor and back, through each ABI. */
#include <stddef.h>

#include <pvkit/hypercall.h>
#include "hcbench.h"

static const char *prepare_hvc(const struct bench_env *env, uint64_t *ctx)
{
	const struct pv_hypervisor *hv = env->hv;

	if (env->floor)
		return NULL;
	if (hv->kind == PV_HYP_NONE && !hv->xen_conduit)
		return "no hypervisor: the SMCCC calls here are the emulator's PSCI";
	if (hv->smccc != PV_SMCCC_HVC)
		return "the DT's /psci method is not hvc";
	if (hv->smccc_version < 0x10000)
		return "no SMCCC_VERSION (SMCCC 1.0 or later) over hvc";
	return NULL;
}

static const char *prepare_xen(const struct bench_env *env, uint64_t *ctx)
{
	if (env->floor)
		return NULL;
	if (!env->hv->xen_conduit)
		return "no Xen hypercall interface (no /hypervisor \"xen,xen\" node)";
	if (pv_hypercall(17, 0, 0, 0, 0, 0) <= 0)	/* xen_version(XENVER_version) */
		return "xen_version(XENVER_version) failed";
	return NULL;
}

const struct op trap_ops[] = {
	{ .name = "hvc", .trap = 1, .prepare = prepare_hvc, .run = loop_smccc_version,
	  .baseline = loop_empty,
	  .what = "null SMCCC call: SMCCC_VERSION through hvc #0 (mov + hvc)" },
	{ .name = "xen_version", .trap = 1, .prepare = prepare_xen, .run = loop_xen_version,
	  .baseline = loop_empty,
	  .what = "null Xen hypercall: xen_version(XENVER_version) through hvc #0xEA1" },
	{ 0 }
};
