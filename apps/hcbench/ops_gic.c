/*
 * The interrupt controller as a guest sees it: device register reads the hypervisor
 * emulates (or passes through), end of interrupt, and an interrupt sent to oneself.
 */
#include <stddef.h>

#include <pvkit/hypercall.h>
#include "env.h"
#include "hcbench.h"

#define GICD_IIDR	0x0008		/* the register kvm-unit-tests reads, too */
#define GICD_SGIR	0x0f00		/* GICv2 */
#define GICC_EOIR	0x0010		/* GICv2 */
#define VIRTIO_MMIO_DEVICE_ID	0x008
#define SGI_BENCH	1		/* the SGI hcbench sends itself */
#define ICC_SGI1R_EL1	"S3_0_C12_C11_5"

static const char *prepare_gicd(const struct bench_env *env, uint64_t *ctx)
{
	if (!env->gicd)
		return "no GIC distributor in the DT";
	if (!drv_map_device(env->gicd, 0x10000))
		return "could not map the GIC distributor";
	*ctx = env->gicd + GICD_IIDR;
	return NULL;
}

static const char *prepare_user(const struct bench_env *env, uint64_t *ctx)
{
	if (!env->virtio_mmio)
		return "no virtio-mmio device in the DT";
	if (!drv_map_device(env->virtio_mmio, 0x1000))
		return "could not map the virtio-mmio slot";
	*ctx = env->virtio_mmio + VIRTIO_MMIO_DEVICE_ID;
	return NULL;
}

static const char *prepare_eoi(const struct bench_env *env, uint64_t *ctx)
{
	if (env->gic_version == 2) {
		if (!env->gicc || !drv_map_device(env->gicc, 0x2000))
			return "no GICv2 CPU interface in the DT";
		*ctx = env->gicc + GICC_EOIR;
	} else if (env->gic_version != 3) {
		return "no GIC";
	}
	return NULL;
}

static void run_eoi(uint64_t n, uint64_t ctx)
{
	if (ctx)
		loop_mmio_write32_1023(n, ctx);
	else
		loop_eoi_v3(n, 0);
}

/* Self-IPI: send SGI_BENCH to this CPU and wait until its handler has run. */
static volatile uint64_t sgi_seen;
static uint64_t sgi_gicd;

static void sgi_handler(void *arg)
{
	sgi_seen++;
}

static const char *prepare_sgi(const struct bench_env *env, uint64_t *ctx)
{
	static int registered;

	if (env->gic_version != 2 && env->gic_version != 3)
		return "no GIC";
	if (!registered) {
		if (drv_irq_register(SGI_BENCH, sgi_handler, NULL))
			return "SGI 1 is taken";
		drv_irq_enable(SGI_BENCH);
		registered = 1;
	}
	sgi_gicd = env->gic_version == 2 ? env->gicd : 0;
	return NULL;
}

static void send_self_sgi(void)
{
	if (sgi_gicd) {
		/* TargetListFilter 0b10: "this CPU only" */
		mmio_write32((void *)(uintptr_t)(sgi_gicd + GICD_SGIR), 2u << 24 | SGI_BENCH);
		return;
	}
	uint64_t mpidr, v;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	v = (uint64_t)SGI_BENCH << 24 | 1u << (mpidr & 0xf) |	/* target list */
	    ((mpidr >> 8) & 0xff) << 16 | ((mpidr >> 16) & 0xff) << 32 |
	    ((mpidr >> 32) & 0xff) << 48;
	__asm__ volatile("msr " ICC_SGI1R_EL1 ", %0; isb" : : "r"(v) : "memory");
}

static void run_sgi(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = sgi_seen + 1;

		send_self_sgi();
		while (sgi_seen != want)
			;
	}
}

static const char *prepare_ipi(const struct bench_env *env, uint64_t *ctx)
{
	return "needs a second vCPU: the pvkit runtime runs on one CPU";
}

const struct op gic_ops[] = {
	{ .name = "mmio_read_user", .prepare = prepare_user, .run = loop_mmio_read32,
	  .baseline = loop_empty,
	  .what = "32-bit read of a virtio-mmio DeviceID register (a device the hypervisor "
		  "does not model itself; passed through to Xen's dom0)" },
	{ .name = "mmio_read_vgic", .prepare = prepare_gicd, .run = loop_mmio_read32,
	  .baseline = loop_empty,
	  .what = "32-bit read of GICD_IIDR, the (virtual) GIC distributor" },
	{ .name = "eoi", .prepare = prepare_eoi, .run = run_eoi, .baseline = loop_empty,
	  .what = "end of interrupt for the spurious id 1023 (ICC_EOIR1_EL1 on GICv3)" },
	{ .name = "ipi", .prepare = prepare_ipi,
	  .what = "SGI from one vCPU to another until its handler ran" },
	{ .name = "sgi_self", .prepare = prepare_sgi, .run = run_sgi,
	  .what = "SGI to the sending vCPU itself until its handler ran, "
		  "including the runtime's interrupt dispatch" },
	{ 0 }
};
