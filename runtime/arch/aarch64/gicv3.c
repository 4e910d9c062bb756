/*
 * GICv3: memory-mapped distributor and redistributors (DT reg 0 and 1), system-register
 * CPU interface. Under a hypervisor these MMIO accesses are emulated, so they are plain
 * 32-bit loads and stores the hyp can decode.
 */
#include <arch/regs.h>
#include "dt.h"
#include "env.h"
#include <arch/gic.h>

#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_IPRIORITYR	0x0400
#define GICD_IROUTER	0x6000
#define CTLR_RWP	(1u << 31)
#define CTLR_ARE	(1u << 4)
#define CTLR_GRP1	(1u << 1)

#define GICR_CTLR	0x0000
#define GICR_TYPER	0x0008
#define GICR_WAKER	0x0014
#define GICR_SGI	0x10000		/* SGI/PPI frame */
#define GICR_STRIDE	0x20000
#define TYPER_LAST	(1u << 4)
#define WAKER_SLEEP	(1u << 1)
#define WAKER_CHILDREN	(1u << 2)

#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_PMR_EL1	S3_0_C4_C6_0
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_SGI1R_EL1	S3_0_C12_C11_5
#define ICC_BPR1_EL1	S3_0_C12_C12_3

static volatile uint8_t *gicd, *rdist;	/* rdist: the boot CPU's redistributor */
static volatile uint8_t *rdist_base;	/* all of them, for secondary CPUs */
static uint64_t rdist_size;

static void wait_rwp(volatile uint8_t *ctlr)
{
	for (int i = 0; i < 1000000 && (mmio_read32(ctlr) & CTLR_RWP); i++)
		;
}

/* Walk the redistributor frames for the one whose affinity matches this CPU. */
static volatile uint8_t *find_rdist(volatile uint8_t *base, uint64_t size)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint32_t aff = (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 24);

	for (uint64_t off = 0; off + GICR_STRIDE <= size; off += GICR_STRIDE) {
		uint64_t typer = mmio_read64(base + off + GICR_TYPER);

		if ((uint32_t)(typer >> 32) == aff)
			return base + off;
		if (typer & TYPER_LAST)
			break;
	}
	return NULL;
}

static int v3_init(const struct dt *dt, int node)
{
	uint64_t db, ds, rb, rs;

	if (dt_reg(dt, node, 0, &db, &ds) || dt_reg(dt, node, 1, &rb, &rs))
		return -1;
	gicd = drv_map_device(db, 0x10000);
	volatile uint8_t *rbase = drv_map_device(rb, rs);

	if (!gicd || !rbase || !(rdist = find_rdist(rbase, rs)))
		return -1;
	rdist_base = rbase;
	rdist_size = rs;
	mmio_write32(gicd + GICD_CTLR, CTLR_ARE | CTLR_GRP1);
	wait_rwp(gicd + GICD_CTLR);

	/* Wake this CPU's redistributor; SGIs and PPIs are group 1. */
	mmio_write32(rdist + GICR_WAKER, mmio_read32(rdist + GICR_WAKER) & ~WAKER_SLEEP);
	for (int i = 0; i < 1000000 && (mmio_read32(rdist + GICR_WAKER) & WAKER_CHILDREN); i++)
		;
	mmio_write32(rdist + GICR_SGI + GICD_IGROUPR, 0xffffffff);

	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_BPR1_EL1, 0);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

static void v3_enable(unsigned intid)
{
	uint32_t bit = 1u << (intid % 32);

	if (intid < 32) {
		mmio_write8(rdist + GICR_SGI + GICD_IPRIORITYR + intid, 0xa0);
		mmio_write32(rdist + GICR_SGI + GICD_ISENABLER, bit);
		return;
	}
	uint64_t mpidr = read_sysreg(mpidr_el1);

	mmio_write32(gicd + GICD_IGROUPR + (intid / 32) * 4,
		     mmio_read32(gicd + GICD_IGROUPR + (intid / 32) * 4) | bit);
	mmio_write8(gicd + GICD_IPRIORITYR + intid, 0xa0);
	/* Route to this CPU: IROUTER holds Aff3 in bits 39:32, Aff2..0 in 23:0. */
	mmio_write64(gicd + GICD_IROUTER + intid * 8,
		     (mpidr & 0xffffff) | (mpidr & 0xff00000000UL));
	mmio_write32(gicd + GICD_ISENABLER + (intid / 32) * 4, bit);
}

static void v3_disable(unsigned intid)
{
	uint32_t bit = 1u << (intid % 32);

	if (intid < 32)
		mmio_write32(rdist + GICR_SGI + GICD_ICENABLER, bit);
	else
		mmio_write32(gicd + GICD_ICENABLER + (intid / 32) * 4, bit);
}

static unsigned v3_ack(void)
{
	unsigned v = read_sysreg(ICC_IAR1_EL1) & 0xffffff;

	__asm__ volatile("dsb sy" : : : "memory");
	return v;
}

static void v3_eoi(unsigned intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
	isb();
}

static void v3_send_sgi(unsigned sgi, uint64_t mpidr)
{
	uint64_t v = ((mpidr >> 8 & 0xff) << 16) | ((mpidr >> 16 & 0xff) << 32) |
		     ((mpidr >> 32 & 0xff) << 48) | ((uint64_t)(sgi & 15) << 24) |
		     (1u << (mpidr & 0xf));

	__asm__ volatile("dsb ishst" : : : "memory");
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

/* A secondary CPU: wake its redistributor, enable its SGIs, turn on its interface. */
static int v3_cpu_init(void)
{
	volatile uint8_t *r = find_rdist(rdist_base, rdist_size);

	if (!r)
		return -1;
	mmio_write32(r + GICR_WAKER, mmio_read32(r + GICR_WAKER) & ~WAKER_SLEEP);
	for (int i = 0; i < 1000000 && (mmio_read32(r + GICR_WAKER) & WAKER_CHILDREN); i++)
		;
	mmio_write32(r + GICR_SGI + GICD_IGROUPR, 0xffffffff);
	for (unsigned i = 0; i < 16; i++)
		mmio_write8(r + GICR_SGI + GICD_IPRIORITYR + i, 0xa0);
	mmio_write32(r + GICR_SGI + GICD_ISENABLER, 0xffff);
	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_BPR1_EL1, 0);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	return 0;
}

static const char *const v3_compat[] = { "arm,gic-v3", NULL };

const struct gic_ops gicv3_ops = {
	.version = 3,
	.compatible = v3_compat,
	.init = v3_init,
	.enable = v3_enable,
	.disable = v3_disable,
	.ack = v3_ack,
	.eoi = v3_eoi,
	.send_sgi = v3_send_sgi,
	.cpu_init = v3_cpu_init,
};
