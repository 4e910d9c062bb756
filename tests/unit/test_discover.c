/*
 * Hypervisor discovery decisions: each test DT with a fake hypervisor behind the probe
 * calls, checking the outcome and which calls were (not) made.
 */
#include <stdlib.h>

#include <pvkit/abi.h>
#include <pvkit/hypercall.h>
#include "discover.h"
#include "dt.h"
#include "tap.h"

/* The fake: what it answers, and a log of what it was asked. */
static struct {
	int xen;		/* answers Xen hypercalls */
	uint32_t psci, smccc;	/* versions; 0 = NOT_SUPPORTED */
	const uint32_t *uid;	/* NULL = UID call unsupported */
	int xen_calls, smccc_calls, uid_calls;
	enum pv_smccc_conduit conduit_seen;
} fake;

static long fake_xen(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		     unsigned long a3, unsigned long a4)
{
	fake.xen_calls++;
	if (!fake.xen)
		return -38;
	return nr == XEN_HYPERCALL_XEN_VERSION && a0 == XENVER_VERSION ? (4 << 16) | 17 : -38;
}

static void fake_smccc(enum pv_smccc_conduit c, const uint64_t in[8], uint64_t out[4])
{
	fake.smccc_calls++;
	fake.conduit_seen = c;
	out[0] = (uint64_t)-1;
	switch ((uint32_t)in[0]) {
	case PSCI_VERSION:
		if (fake.psci)
			out[0] = fake.psci;
		break;
	case PSCI_FEATURES:
		if (in[1] == SMCCC_VERSION && fake.smccc)
			out[0] = 0;
		break;
	case SMCCC_VERSION:
		if (fake.smccc)
			out[0] = fake.smccc;
		break;
	case SMCCC_VENDOR_HYP_UID:
		fake.uid_calls++;
		if (fake.uid)
			for (int i = 0; i < 4; i++)
				out[i] = fake.uid[i];
		break;
	}
}

static const struct hv_probe probe = { fake_xen, fake_smccc };
static const uint32_t kvm_uid[4] = { KVM_UID_0, KVM_UID_1, KVM_UID_2, KVM_UID_3 };
static const uint32_t pvkit_uid[4] = { PVKIT_UID_0, PVKIT_UID_1, PVKIT_UID_2, PVKIT_UID_3 };
static const uint32_t other_uid[4] = { 1, 2, 3, 4 };

static DT_STORAGE(st, 32);

static void *blob;

static void run(const char *dtb, struct pv_hypervisor *hv)
{
	char path[256];

	free(blob);
	snprintf(path, sizeof(path), "%s/%s", DTB_DIR, dtb);
	blob = slurp(path, NULL);
	if (!blob || dt_open(&st.dt, 32, blob)) {
		printf("# cannot open %s\n", path);
		exit(1);
	}
	fake.xen_calls = fake.smccc_calls = fake.uid_calls = 0;
	hv_discover(&st.dt, &probe, hv);
}

int main(void)
{
	struct pv_hypervisor hv;

	/* Bare machine, no PSCI: nothing may be called at all. */
	fake = (typeof(fake)){ 0 };
	run("none.dtb", &hv);
	is_str(hv.name, "none", "no psci, no hypervisor node: none");
	is_int(hv.smccc, PV_SMCCC_NONE, "no SMCCC conduit");
	is_int(fake.xen_calls + fake.smccc_calls, 0, "no calls issued on a bare machine");

	/* Firmware PSCI over smc (QEMU virt with EL2): SMCCC 1.1, no UID asked over smc. */
	fake = (typeof(fake)){ .psci = 0x10001, .smccc = 0x10001, .uid = kvm_uid };
	run("psci-smc.dtb", &hv);
	is_str(hv.name, "none", "psci smc: no hypervisor");
	is_int(hv.smccc, PV_SMCCC_SMC, "conduit smc");
	is_int(fake.conduit_seen, PV_SMCCC_SMC, "probes went through smc");
	is_int(fake.uid_calls, 0, "vendor-hyp UID is not asked of firmware");
	is_int(fake.xen_calls, 0, "no Xen call without a Xen node");
	is_int(hv.psci_version, 0x10001, "psci version recorded");

	/* QEMU at EL1: PSCI over hvc answered by the emulator, SMCCC_VERSION unsupported. */
	fake = (typeof(fake)){ .psci = 0x10001 };
	run("psci-hvc.dtb", &hv);
	is_str(hv.name, "none", "psci hvc without SMCCC 1.1: none");
	is_int(hv.smccc, PV_SMCCC_HVC, "conduit hvc");
	is_int(fake.uid_calls, 0, "no UID call below SMCCC 1.1");
	is_int(hv.smccc_version, 0, "smccc version unknown");

	/* PSCI 0.2: PSCI_FEATURES does not exist, so SMCCC_VERSION must not be called. */
	fake = (typeof(fake)){ .psci = 0x2, .smccc = 0x10001 };
	run("psci-hvc.dtb", &hv);
	is_int(hv.smccc_version, 0, "psci 0.2: SMCCC_VERSION not probed");
	is_int(fake.smccc_calls, 1, "psci 0.2: only PSCI_VERSION called");

	/* KVM. */
	fake = (typeof(fake)){ .psci = 0x10001, .smccc = 0x10001, .uid = kvm_uid };
	run("psci-hvc.dtb", &hv);
	is_str(hv.name, "kvm", "KVM UID: kvm");
	is_int(fake.xen_calls, 0, "no Xen call under KVM");

	/* Unknown SMCCC hypervisor. */
	fake = (typeof(fake)){ .psci = 0x10001, .smccc = 0x10002, .uid = other_uid };
	run("psci-hvc.dtb", &hv);
	is_str(hv.name, "unknown", "unrecognised UID: unknown");

	/* Xen: node + xen_version answered; Xen 4.17 does not answer the UID call. */
	fake = (typeof(fake)){ .xen = 1, .psci = 0x10001, .smccc = 0x10001 };
	run("xen.dtb", &hv);
	is_str(hv.name, "xen", "xen node: xen");
	ok(hv.xen_conduit, "xen conduit enabled");
	ok(hv.xen_major == 4 && hv.xen_minor == 17, "xen_version 4.17");
	is_str(hv.xen_compat, "4.17", "version from compatible");
	is_int(hv.evtchn_irq, 31, "event channel PPI 15 -> INTID 31");
	ok(hv.gnttab_base == 0x38000000 && hv.gnttab_size == 0x1000000, "grant table window");
	is_int(fake.xen_calls, 1, "exactly one Xen call");

	/* The pvkit hyp: Xen node plus the pvkit UID. */
	fake = (typeof(fake)){ .xen = 1, .psci = 0x10001, .smccc = 0x10001, .uid = pvkit_uid };
	run("xen.dtb", &hv);
	is_str(hv.name, "pvkit", "xen node + pvkit UID: pvkit");
	ok(hv.xen_conduit, "pvkit keeps the Xen conduit");

	/* A Xen node on a machine without Xen: the call fails cleanly, kind stays xen. */
	fake = (typeof(fake)){ .psci = 0x10001 };
	run("xen.dtb", &hv);
	is_str(hv.name, "xen", "xen node without answers still names xen");
	ok(hv.xen_major == 0, "version unknown when xen_version fails");
	free(blob);
	return done_testing();
}
