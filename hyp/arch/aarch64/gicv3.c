/* The host GICv3: distributor and redistributor MMIO, system-register interface. */
#include <arch/gic.h>

#include <stddef.h>

#include <arch/sysreg.h>
#include "dt.h"
#include "env.h"

#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_IPRIORITYR	0x0400
#define GICD_IROUTER	0x6000
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000
#define GICR_STRIDE	0x20000

static volatile uint8_t *gicd, *gicr_base;
static uint64_t gicr_size;
static volatile uint8_t *rdist[4];	/* per pCPU, by MPIDR Aff0 */

static void wait_rwp(void)
{
	for (int i = 0; i < 1000000 && (mmio_read32(gicd + GICD_CTLR) & (1u << 31)); i++)
		;
}

int gic_init(const struct dt *dt)
{
	static const char *const compat[] = { "arm,gic-v3", NULL };
	int node = dt_find_compatible(dt, -1, compat, NULL);
	uint64_t db, ds;

	if (node < 0 || dt_reg(dt, node, 0, &db, &ds) || dt_reg(dt, node, 1, (uint64_t *)&gicr_base,
								&gicr_size))
		return -1;
	gicd = drv_map_device(db, 0x10000);
	mmio_write32(gicd + GICD_CTLR, (1u << 4) | (1u << 1));	/* ARE, Group 1 NS */
	wait_rwp();
	return 0;
}

static volatile uint8_t *find_rdist(uint64_t mpidr)
{
	uint32_t aff = (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 24);

	for (uint64_t off = 0; off + GICR_STRIDE <= gicr_size; off += GICR_STRIDE) {
		uint64_t typer = mmio_read64(gicr_base + off + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == aff)
			return gicr_base + off;
		if (typer & (1u << 4))
			break;
	}
	return NULL;
}

int gic_init_cpu(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	volatile uint8_t *r = find_rdist(mpidr);

	if (!r)
		return -1;
	rdist[mpidr & 3] = r;
	mmio_write32(r + GICR_WAKER, mmio_read32(r + GICR_WAKER) & ~2u);
	for (int i = 0; i < 1000000 && (mmio_read32(r + GICR_WAKER) & 4u); i++)
		;
	mmio_write32(r + GICR_SGI + GICD_IGROUPR, 0xffffffff);
	/* EL2 uses the system registers, and lets EL1 use them (as virtual ones). */
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 1 | 8);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_BPR1_EL1, 0);
	write_sysreg(ICC_CTLR_EL1, 0);		/* EOI drops priority and deactivates */
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

void gic_enable(unsigned intid)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint32_t bit = 1u << (intid % 32);
	volatile uint8_t *r = rdist[mpidr & 3];

	if (intid < 32) {
		mmio_write8(r + GICR_SGI + GICD_IPRIORITYR + intid, 0x80);
		mmio_write32(r + GICR_SGI + GICD_ISENABLER, bit);
		return;
	}
	mmio_write32(gicd + GICD_IGROUPR + (intid / 32) * 4,
		     mmio_read32(gicd + GICD_IGROUPR + (intid / 32) * 4) | bit);
	mmio_write8(gicd + GICD_IPRIORITYR + intid, 0x80);
	mmio_write64(gicd + GICD_IROUTER + intid * 8,
		     (mpidr & 0xffffff) | (mpidr & 0xff00000000UL));
	mmio_write32(gicd + GICD_ISENABLER + (intid / 32) * 4, bit);
}

unsigned gic_ack(void)
{
	unsigned v = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	dsb(sy);
	return v;
}

void gic_eoi(unsigned intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
	isb();
}

void gic_send_sgi(unsigned sgi, uint64_t mpidr)
{
	uint64_t v = ((mpidr >> 8 & 0xff) << 16) | ((mpidr >> 16 & 0xff) << 32) |
		     ((mpidr >> 32 & 0xff) << 48) | ((uint64_t)(sgi & 15) << 24) |
		     (1u << (mpidr & 0xf));

	dsb(ishst);
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}
