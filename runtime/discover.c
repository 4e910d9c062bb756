/*
 * Deciding which hypervisor we run on, in the order that is safe everywhere:
 *   1. The DT alone: /hypervisor compatible "xen,xen" means Xen hypercalls exist;
 *      /psci method says whether SMCCC goes through hvc or smc (or not at all).
 *   2. PSCI_VERSION; if PSCI >= 1.0, PSCI_FEATURES(SMCCC_VERSION) before calling
 *      SMCCC_VERSION (the SMCCC spec's discovery sequence, also Linux's).
 *   3. With SMCCC >= 1.1 over hvc: the vendor-hyp UID names KVM or the pvkit hyp.
 *   4. With a Xen node: XENVER_version. Never without one.
 */
#include "discover.h"

#include <string.h>

#include <pvkit/abi.h>
#include <pvkit/hypercall.h>
#include "dt.h"

static const char *const psci_compat[] = {
	"arm,psci-1.0", "arm,psci-0.2", "arm,psci", NULL
};

const char *hv_kind_name(enum pv_hyp_kind kind)
{
	static const char *const names[] = {
		[PV_HYP_NONE] = "none", [PV_HYP_XEN] = "xen", [PV_HYP_PVKIT] = "pvkit",
		[PV_HYP_KVM] = "kvm", [PV_HYP_UNKNOWN] = "unknown",
	};

	return kind <= PV_HYP_UNKNOWN ? names[kind] : "unknown";
}

static uint64_t call(const struct hv_probe *p, enum pv_smccc_conduit c, uint32_t fid,
		     uint64_t a1, uint64_t out[4])
{
	uint64_t in[8] = { fid, a1 };

	p->smccc(c, in, out);
	return out[0];
}

/* "xen,xen-4.17" -> "4.17" */
static void xen_node(const struct dt *dt, int node, struct pv_hypervisor *hv)
{
	int len, off = 0;
	const char *compat = dt_prop(dt, node, "compatible", &len);

	while (compat && off < len) {
		const char *s = compat + off;
		size_t n = strnlen(s, len - off);

		if (n > 8 && n < 8 + sizeof(hv->xen_compat) && !strncmp(s, "xen,xen-", 8)) {
			memcpy(hv->xen_compat, s + 8, n - 8);
			hv->xen_compat[n - 8] = '\0';
		}
		off += n + 1;
	}
	dt_reg(dt, node, 0, &hv->gnttab_base, &hv->gnttab_size);
	dt_irq(dt, node, 0, &hv->evtchn_irq);
}

static enum pv_smccc_conduit psci_conduit(const struct dt *dt)
{
	int node = dt_find_compatible(dt, -1, psci_compat, NULL);
	const char *m = dt_string(dt, node, "method", "");

	if (!strcmp(m, "hvc"))
		return PV_SMCCC_HVC;
	if (!strcmp(m, "smc"))
		return PV_SMCCC_SMC;
	return PV_SMCCC_NONE;
}

static int uid_is(const uint32_t uid[4], uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	return uid[0] == a && uid[1] == b && uid[2] == c && uid[3] == d;
}

void hv_discover(const struct dt *dt, const struct hv_probe *p, struct pv_hypervisor *hv)
{
	int node = dt_child(dt, 0, "hypervisor");
	uint64_t out[4];

	memset(hv, 0, sizeof(*hv));
	hv->kind = PV_HYP_NONE;
	if (dt_is_compatible(dt, node, "xen,xen")) {
		hv->xen_conduit = 1;
		xen_node(dt, node, hv);
	}

	hv->smccc = psci_conduit(dt);
	if (hv->smccc != PV_SMCCC_NONE) {
		int64_t v = (int32_t)call(p, hv->smccc, PSCI_VERSION, 0, out);

		hv->psci_version = v > 0 ? (uint32_t)v : 0;
		if (hv->psci_version >= 0x10000 &&
		    (int32_t)call(p, hv->smccc, PSCI_FEATURES, SMCCC_VERSION, out) >= 0) {
			v = (int32_t)call(p, hv->smccc, SMCCC_VERSION, 0, out);
			hv->smccc_version = v > 0 ? (uint32_t)v : 0;
		}
		if (hv->smccc_version >= 0x10001 && hv->smccc == PV_SMCCC_HVC) {
			call(p, hv->smccc, SMCCC_VENDOR_HYP_UID, 0, out);
			if ((uint32_t)out[0] != 0xffffffffu)
				for (int i = 0; i < 4; i++)
					hv->uid[i] = (uint32_t)out[i];
		}
	}

	int pvkit = uid_is(hv->uid, PVKIT_UID_0, PVKIT_UID_1, PVKIT_UID_2, PVKIT_UID_3);

	if (hv->xen_conduit) {
		long v = p->xen(XEN_HYPERCALL_XEN_VERSION, XENVER_VERSION, 0, 0, 0, 0);

		if (v > 0) {
			hv->xen_major = (unsigned long)v >> 16;
			hv->xen_minor = v & 0xffff;
		}
		hv->kind = pvkit ? PV_HYP_PVKIT : PV_HYP_XEN;
	} else if (pvkit) {
		hv->kind = PV_HYP_PVKIT;
	} else if (uid_is(hv->uid, KVM_UID_0, KVM_UID_1, KVM_UID_2, KVM_UID_3)) {
		hv->kind = PV_HYP_KVM;
	} else if (hv->uid[0] | hv->uid[1] | hv->uid[2] | hv->uid[3]) {
		hv->kind = PV_HYP_UNKNOWN;
	}
	hv->name = hv_kind_name(hv->kind);
}
