/*
 * Hypervisor discovery (docs/ABI.md, "Discovery"). Portable: the calls it makes go
 * through `struct hv_probe`, so tests/unit drives it with DTBs from dts/test/ and a
 * fake hypervisor, and checks which calls were made.
 */
#ifndef RUNTIME_DISCOVER_H
#define RUNTIME_DISCOVER_H

#include <stdint.h>

#include <pvkit/hypervisor.h>

struct hv_probe {
	/* Xen hypercall; only issued when the DT has a Xen /hypervisor node. */
	long (*xen)(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4);
	/* SMCCC call through the given conduit: in[0] = function id, out = x0..x3. */
	void (*smccc)(enum pv_smccc_conduit c, const uint64_t in[8], uint64_t out[4]);
};

/* Fill *hv from the DT and the probes. Never fails: unknown means PV_HYP_NONE. */
struct dt;
void hv_discover(const struct dt *dt, const struct hv_probe *probe,
		 struct pv_hypervisor *hv);

/* "kvm" etc. for a kind. */
const char *hv_kind_name(enum pv_hyp_kind kind);

#define XEN_HYPERCALL_XEN_VERSION	17
#define XENVER_VERSION			0

#endif
