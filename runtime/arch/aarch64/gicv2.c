/* GICv2: distributor and CPU interface, both memory-mapped (DT reg entries 0 and 1). */
#include <arch/regs.h>
#include "dt.h"
#include "env.h"
#include <arch/gic.h>

#define GICD_CTLR	0x000
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_IPRIORITYR	0x400
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00
#define GICC_CTLR	0x000
#define GICC_PMR	0x004
#define GICC_IAR	0x00c
#define GICC_EOIR	0x010

static volatile uint8_t *gicd, *gicc;

static int v2_init(const struct dt *dt, int node)
{
	uint64_t db, ds, cb, cs;

	if (dt_reg(dt, node, 0, &db, &ds) || dt_reg(dt, node, 1, &cb, &cs))
		return -1;
	gicd = drv_map_device(db, 0x1000);
	gicc = drv_map_device(cb, 0x2000);
	if (!gicd || !gicc)
		return -1;
	mmio_write32(gicd + GICD_CTLR, 1);
	mmio_write32(gicc + GICC_PMR, 0xf0);
	mmio_write32(gicc + GICC_CTLR, 1);
	return 0;
}

static void v2_enable(unsigned intid)
{
	if (intid >= 32) {
		/* Route SPIs to CPU 0 (the runtime's only interrupt target) at a middle
		 * priority. */
		mmio_write8(gicd + GICD_ITARGETSR + intid, 1);
	}
	mmio_write8(gicd + GICD_IPRIORITYR + intid, 0xa0);
	mmio_write32(gicd + GICD_ISENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static void v2_disable(unsigned intid)
{
	mmio_write32(gicd + GICD_ICENABLER + (intid / 32) * 4, 1u << (intid % 32));
}

static unsigned v2_ack(void)
{
	return mmio_read32(gicc + GICC_IAR) & 0x3ff;
}

static void v2_eoi(unsigned intid)
{
	mmio_write32(gicc + GICC_EOIR, intid);
}

static void v2_send_sgi(unsigned sgi, uint64_t target_mpidr)
{
	/* CPU target list: GICv2 numbers CPUs by interface, which on the machines we run
	 * on follows Aff0. */
	mmio_write32(gicd + GICD_SGIR, (1u << (16 + (target_mpidr & 7))) | (sgi & 15));
}

static const char *const v2_compat[] = {
	"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic", "arm,arm11mp-gic", NULL
};

const struct gic_ops gicv2_ops = {
	.version = 2,
	.compatible = v2_compat,
	.init = v2_init,
	.enable = v2_enable,
	.disable = v2_disable,
	.ack = v2_ack,
	.eoi = v2_eoi,
	.send_sgi = v2_send_sgi,
};
