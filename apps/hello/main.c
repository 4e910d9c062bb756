/*
 * hello: what the runtime found about the machine, one fact per line, in a fixed
 * "key: value" format the boot tests check against the QEMU command line.
 */
#include <stdio.h>

#include <pvkit/pvkit.h>

int main(void)
{
	const struct pv_sysinfo *si = pv_sysinfo();
	const struct pv_hypervisor *hv = pv_hypervisor();

	printf("hello from pvkit\n");
	printf("runtime: pvkit %s\n", si->version);
	printf("libc: %s\n", si->libc);
	printf("hypervisor: %s", hv->name);
	if (hv->xen_conduit)
		printf(" (xen %u.%u, DT says %s)", hv->xen_major, hv->xen_minor,
		       hv->xen_compat[0] ? hv->xen_compat : "?");
	printf("\n");
	printf("conduit: %s\n", pv_conduit_name());
	printf("psci: %u.%u\n", hv->psci_version >> 16, hv->psci_version & 0xffff);
	printf("smccc: %u.%u\n", hv->smccc_version >> 16, hv->smccc_version & 0xffff);
	printf("cpu: %s (midr 0x%08lx), %u in DT\n", si->cpu, (unsigned long)si->midr, si->ncpus);
	printf("entered at: EL%u\n", si->entry_el);
	printf("gic: v%u\n", si->gic_version);
	printf("ram: %lu KiB\n", (unsigned long)(si->ram_bytes >> 10));
	printf("heap: %lu KiB\n", (unsigned long)(si->heap_bytes >> 10));
	printf("model: %s\n", si->model);
	printf("boot: %lu ns to main, %lu ns after image entry\n", (unsigned long)si->boot_ns,
	       (unsigned long)(si->boot_ns - si->entry_ns));
	return 0;
}
