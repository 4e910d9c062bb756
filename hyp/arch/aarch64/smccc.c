/* The SMCCC conduit (hvc #0, or a trapped smc #0): dispatch by owner and number. */
#include <arch/smccc.h>
#include <arch/traps.h>

#include <stddef.h>

#include <pvkit/abi.h>
#include "domain.h"
#include "vcpu.h"

#define FID_FAST	(1u << 31)
#define FID_SMC64	(1u << 30)
#define SMCCC_VERSION_1_1	0x10001

uint64_t smccc_arg(struct vcpu *v, unsigned n)
{
	uint64_t a = v->regs.x[n];

	return (uint32_t)v->regs.x[0] & FID_SMC64 ? a : (uint32_t)a;
}

/* --- Arm architecture calls ----------------------------------------------------------- */

static struct vcpu *smccc_version(struct vcpu *v)
{
	return smccc_ret(v, SMCCC_VERSION_1_1);
}

static struct vcpu *arch_features(struct vcpu *v)
{
	/* No CPU erratum workaround is offered: the hyp has none to call. */
	uint32_t fid = (uint32_t)v->regs.x[1];

	return smccc_ret(v, (fid >> 24 & 0x3f) == SMCCC_OWNER_ARCH && smccc_implemented(fid) ?
			 SMCCC_SUCCESS : (uint64_t)SMCCC_NOT_SUPPORTED);
}

static const smccc_fn arch_fn[] = { [0] = smccc_version, [1] = arch_features };

/* --- vendor hypervisor service: pvkit's own calls --------------------------------------- */

static struct vcpu *pvkit_null(struct vcpu *v)
{
	return smccc_ret(v, 0);
}

static struct vcpu *pvkit_domid(struct vcpu *v)
{
	return smccc_ret(v, v->dom->id);
}

static struct vcpu *vendor_count(struct vcpu *v)
{
	return smccc_ret(v, 2);
}

static struct vcpu *vendor_uid(struct vcpu *v)
{
	v->regs.x[1] = PVKIT_UID_1;
	v->regs.x[2] = PVKIT_UID_2;
	v->regs.x[3] = PVKIT_UID_3;
	return smccc_ret(v, PVKIT_UID_0);
}

static struct vcpu *vendor_revision(struct vcpu *v)
{
	v->regs.x[1] = 0;
	return smccc_ret(v, 1);
}

static const smccc_fn vendor_fn[] = { [0] = pvkit_null, [1] = pvkit_domid };
static const smccc_fn vendor_query[4] = {
	[0] = vendor_count, [1] = vendor_uid, [3] = vendor_revision,
};


/* --- dispatch --------------------------------------------------------------------------- */

static const struct smccc_service services[64] = {
	[SMCCC_OWNER_ARCH] = { arch_fn, sizeof(arch_fn) / sizeof(arch_fn[0]) },
	[SMCCC_OWNER_STD] = { psci_fn, PSCI_NR_FN },
	[SMCCC_OWNER_VENDOR_HYP] = { vendor_fn, sizeof(vendor_fn) / sizeof(vendor_fn[0]) },
};

/* General queries (function numbers 0xff00-0xff03) by owner. */
static const smccc_fn *const queries[64] = {
	[SMCCC_OWNER_VENDOR_HYP] = vendor_query,
};

static smccc_fn lookup(uint32_t fid)
{
	const struct smccc_service *s = &services[fid >> 24 & 0x3f];
	const smccc_fn *q = queries[fid >> 24 & 0x3f];
	unsigned num = fid & 0xffff;

	if (!(fid & FID_FAST) || (fid & 0x00ff0000))
		return NULL;
	if (num < s->n)
		return s->fn[num];
	if (num >= 0xff00 && num < 0xff04 && q)
		return q[num - 0xff00];
	return NULL;
}

int smccc_implemented(uint32_t fid)
{
	return lookup(fid) != NULL;
}

static struct vcpu *__attribute__((noinline)) smccc_other(struct vcpu *v)
{
	smccc_fn fn = lookup((uint32_t)v->regs.x[0]);

	return fn ? fn(v) : smccc_ret(v, (uint64_t)SMCCC_NOT_SUPPORTED);
}

/* The fast path (vectors.S) calls this for every hvc #0: the common case, a fast call
 * numbered inside its owner's table, is kept to a few loads and one indirect call. */
struct vcpu *smccc_dispatch(struct vcpu *v)
{
	uint32_t fid = (uint32_t)v->regs.x[0];
	const struct smccc_service *s = &services[fid >> 24 & 0x3f];
	unsigned num = fid & 0xffff;

	if ((fid & FID_FAST) && !(fid & 0x00ff0000) && num < s->n && s->fn[num])
		return s->fn[num](v);
	return smccc_other(v);
}
