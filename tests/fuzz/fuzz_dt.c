/* The device-tree index (lib/dt.c) and hypervisor discovery (runtime/discover.c) over an
 * arbitrary blob: what a guest is handed by whoever boots it.
 * fuzz-sources: lib/dt.c runtime/discover.c
 * fuzz-libs: -lfdt
 * Invariants: dt_open either rejects the blob or indexes it; every helper then answers
 * within the index and the blob; RAM banks are non-empty and do not wrap; discovery
 * issues a Xen call only when the tree has a Xen /hypervisor node. */
#include <assert.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/hypercall.h>
#include "discover.h"
#include "dt.h"

static int xen_calls;

static long fake_xen(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
		     unsigned long a3, unsigned long a4)
{
	xen_calls++;
	return (4 << 16) | 17;
}

static void fake_smccc(enum pv_smccc_conduit c, const uint64_t in[8], uint64_t out[4])
{
	out[0] = (uint32_t)in[0] == PSCI_VERSION ? 0x10001 : (uint64_t)-1;
	out[1] = out[2] = out[3] = 0;
}

static DT_STORAGE(st, 64);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dt *dt = &st.dt;
	struct dt_range r[8];
	uint64_t b, s;
	unsigned intid;
	void *blob;

	/* libfdt may read the header fields before checking them: give it at least a
	 * header's worth, aligned as a loader would. */
	if (size < sizeof(struct fdt_header) || size > 65536)
		return 0;
	blob = malloc(size);
	memcpy(blob, data, size);
	if (fdt_totalsize(blob) != size || dt_open(dt, 64, blob) != 0) {
		free(blob);
		return 0;
	}
	assert(dt->n > 0 && dt->n <= 64);
	for (int n = 0; n < dt->n; n++) {
		assert(dt->node[n].parent < n);
		assert(dt_off(dt, n) >= 0);
		for (int i = 0; i < 4; i++)
			if (dt_reg(dt, n, i, &b, &s) == 0)
				assert(dt->node[n].reg && dt->node[n].reg_len >= 4u * (i + 1));
		if (dt_irq(dt, n, 0, &intid) == 0)
			assert(intid >= 16 && intid < 1020);
		assert(dt_path(dt, dt_name(dt, n)) >= -1);
		(void)dt_string(dt, n, "compatible", NULL);
	}
	int m = dt_memory(dt, r, 8);

	assert(m >= 0 && m <= 8);
	for (int i = 0; i < m; i++)
		assert(r[i].size && r[i].base + r[i].size > r[i].base);
	assert(dt_reserved(dt, r, 8) <= 8);
	assert(dt_stdout_node(dt) >= -1 && dt_stdout_node(dt) < dt->n);
	assert(dt_count_cpus(dt) <= dt->n);

	struct hv_probe probe = { fake_xen, fake_smccc };
	struct pv_hypervisor hv;
	int xen_node = dt_is_compatible(dt, dt_child(dt, 0, "hypervisor"), "xen,xen");

	xen_calls = 0;
	hv_discover(dt, &probe, &hv);
	assert(xen_calls == xen_node);
	assert(hv.name && (hv.kind == PV_HYP_XEN) == (xen_node && hv.kind != PV_HYP_PVKIT));
	free(blob);
	return 0;
}
