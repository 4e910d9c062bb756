#include "guest_dt.h"

#include <libfdt.h>

#include "domain.h"
#include "fmt.h"

#define GIC_PHANDLE	1
#define PPI		1
#define SPI		0
#define LEVEL_HIGH	4
#define LEVEL_LOW	8

/* Property helpers: <hi lo> pairs for #address-cells = #size-cells = 2. */
static int prop_reg(void *fdt, const char *name, const uint64_t *pairs, int n)
{
	fdt32_t v[8];

	for (int i = 0; i < n && i < 4; i++) {
		v[2 * i] = cpu_to_fdt32((uint32_t)(pairs[i] >> 32));
		v[2 * i + 1] = cpu_to_fdt32((uint32_t)pairs[i]);
	}
	return fdt_property(fdt, name, v, n * 4 * 2);
}

static int prop_cells(void *fdt, const char *name, const uint32_t *c, int n)
{
	fdt32_t v[12];

	for (int i = 0; i < n && i < 12; i++)
		v[i] = cpu_to_fdt32(c[i]);
	return fdt_property(fdt, name, v, n * 4);
}

static int prop_strings(void *fdt, const char *name, const char *list, int len)
{
	return fdt_property(fdt, name, list, len);
}

#define TRY(x) do { int _e = (x); if (_e) return _e; } while (0)

static int cpus(void *fdt, unsigned n)
{
	char name[16];

	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (unsigned i = 0; i < n; i++) {
		fmt_snprintf(name, sizeof(name), "cpu@%u", i);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
		TRY(fdt_property_string(fdt, "enable-method", "psci"));
		TRY(fdt_property_u32(fdt, "reg", i));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

static int gic(void *fdt, unsigned nvcpus)
{
	uint64_t reg[4] = { GUEST_GICD_BASE, GUEST_GICD_SIZE, GUEST_GICR_BASE,
			    nvcpus * GUEST_GICR_STRIDE };
	char name[40];

	fmt_snprintf(name, sizeof(name), "interrupt-controller@%lx", GUEST_GICD_BASE);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property_u32(fdt, "#redistributor-regions", 1));
	TRY(prop_reg(fdt, "reg", reg, 4));
	TRY(fdt_property_u32(fdt, "phandle", GIC_PHANDLE));
	return fdt_end_node(fdt);
}

static int timer_psci_hypervisor(void *fdt)
{
	/* Secure, non-secure physical, virtual, hypervisor timer PPIs (13, 14, 11, 10). */
	static const uint32_t timer_irqs[12] = {
		PPI, 13, LEVEL_LOW, PPI, 14, LEVEL_LOW, PPI, 11, LEVEL_LOW, PPI, 10, LEVEL_LOW,
	};
	static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	static const char xen_compat[] = "xen,xen-4.17\0xen,xen";
	uint32_t evtchn[3] = { PPI, GUEST_EVTCHN_PPI - 16, LEVEL_LOW };
	uint64_t gnttab[2] = { GUEST_GNTTAB_BASE, GUEST_GNTTAB_SIZE };

	TRY(fdt_begin_node(fdt, "timer"));
	TRY(fdt_property_string(fdt, "compatible", "arm,armv8-timer"));
	TRY(prop_cells(fdt, "interrupts", timer_irqs, 12));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "psci"));
	TRY(prop_strings(fdt, "compatible", psci_compat, sizeof(psci_compat)));
	TRY(fdt_property_string(fdt, "method", "hvc"));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "hypervisor"));
	TRY(prop_strings(fdt, "compatible", xen_compat, sizeof(xen_compat)));
	TRY(prop_reg(fdt, "reg", gnttab, 2));
	TRY(prop_cells(fdt, "interrupts", evtchn, 3));
	return fdt_end_node(fdt);
}

static int uart(void *fdt)
{
	static const uint32_t irq[3] = { SPI, GUEST_PL011_SPI - 32, LEVEL_HIGH };
	uint64_t reg[2] = { GUEST_PL011_BASE, GUEST_PL011_SIZE };
	char name[32];

	fmt_snprintf(name, sizeof(name), "pl011@%lx", GUEST_PL011_BASE);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "compatible", "arm,sbsa-uart"));
	TRY(prop_reg(fdt, "reg", reg, 2));
	TRY(prop_cells(fdt, "interrupts", irq, 3));
	TRY(fdt_property_u32(fdt, "current-speed", 115200));
	return fdt_end_node(fdt);
}

static int chosen(void *fdt, const struct guest_dt_params *p)
{
	char path[32];

	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", p->bootargs ? p->bootargs : ""));
	if (p->vpl011) {
		fmt_snprintf(path, sizeof(path), "/pl011@%lx", GUEST_PL011_BASE);
		TRY(fdt_property_string(fdt, "stdout-path", path));
	}
	if (p->initrd_end) {
		TRY(fdt_property_u64(fdt, "linux,initrd-start", p->initrd_start));
		TRY(fdt_property_u64(fdt, "linux,initrd-end", p->initrd_end));
	}
	return fdt_end_node(fdt);
}

int guest_dt_build(void *fdt, size_t size, const struct guest_dt_params *p)
{
	static const char compat[] = "pvkit,domu\0xen,xenvm";
	uint64_t mem[2] = { p->ram_base, p->ram_size };
	char name[32];

	TRY(fdt_create(fdt, (int)size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property_string(fdt, "model", "pvkit domU"));
	TRY(prop_strings(fdt, "compatible", compat, sizeof(compat)));
	TRY(fdt_property_u32(fdt, "interrupt-parent", GIC_PHANDLE));
	TRY(chosen(fdt, p));
	fmt_snprintf(name, sizeof(name), "memory@%lx", (unsigned long)p->ram_base);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(prop_reg(fdt, "reg", mem, 2));
	TRY(fdt_end_node(fdt));
	TRY(cpus(fdt, p->nvcpus));
	TRY(gic(fdt, p->nvcpus));
	TRY(timer_psci_hypervisor(fdt));
	if (p->vpl011)
		TRY(uart(fdt));
	TRY(fdt_end_node(fdt));
	return fdt_finish(fdt);
}
