/*
 * The interrupt controller as a guest sees it: device register reads the hypervisor
 * emulates (or passes through), end of interrupt, and an interrupt sent to oneself.
 */
#include <stddef.h>
#include <string.h>

#include <libfdt.h>
#include <pvkit/smp.h>
#include <pvkit/sysinfo.h>
#include <pvkit/time.h>

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

/*
 * SGIs: SGI_BENCH is the runtime's IPI (pv_ipi_handler, include/pvkit/smp.h), one
 * handler on every CPU. sgi_self sends it to this CPU; ipi sends it to CPU 1, whose
 * handler sends one back. seen[] counts what each CPU took.
 */
static volatile uint64_t seen[2];
static uint64_t sgi_gicd;

static void sgi_handler(void *arg)
{
	unsigned me = pv_cpu_self();

	if (me < 2)
		seen[me]++;
	if (me == 1)
		pv_ipi_send(0);		/* the answer */
}

static const char *sgi_setup(const struct bench_env *env)
{
	static const char *result;
	static int tried;

	if (env->gic_version != 2 && env->gic_version != 3)
		return "no GIC";
	if (!tried) {
		tried = 1;
		if (pv_ipi_handler(sgi_handler, NULL))
			result = "SGI 1 is taken";
	}
	return result;
}

static const char *prepare_sgi(const struct bench_env *env, uint64_t *ctx)
{
	sgi_gicd = env->gic_version == 2 ? env->gicd : 0;
	return sgi_setup(env);
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
		uint64_t want = seen[0] + 1;

		send_self_sgi();
		while (seen[0] != want)
			;
	}
}

/* CPU 1 only waits: the handler does the answering. */
static volatile int cpu1_up;

static void cpu1_idle(void *arg)
{
	cpu1_up = 1;
	for (;;)
		__asm__ volatile("wfi");
}

static unsigned dt_cpus(void)
{
	const void *fdt = pv_sysinfo()->fdt;
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	unsigned n = 0;

	if (cpus < 0)
		return 0;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		n += type && !strcmp(type, "cpu");
	}
	return n;
}

static volatile int timed_out;

static void probe_timeout(struct pv_timer *t, void *arg)
{
	timed_out = 1;
}

static const char *prepare_ipi(const struct bench_env *env, uint64_t *ctx)
{
	static const char *result;
	static int started;
	const char *why;

	if ((why = sgi_setup(env)))
		return why;
	if (env->gic_version != 3)
		return "pv_cpu_start() needs a GICv3";
	if (dt_cpus() < 2)
		return "one vCPU here: bench/suites/hcbench.sh measures ipi in a run with two "
		       "(QEMU -smp 2, cpus = <2>)";
	if (!started) {
		started = 1;
		if (pv_cpu_start(1, cpu1_idle, NULL))
			return result = "pv_cpu_start(1) failed (PSCI CPU_ON refused: see the log)";
		/* Let CPU 1 set up its GIC interface first (sleeping: under -icount a
		 * spinning vCPU would keep the other from running). */
		for (int i = 0; i < 2000 && !cpu1_up; i++)
			pv_sleep_ms(1);
		if (!cpu1_up)
			return result = "vCPU 1 did not come up within 2 s of PSCI CPU_ON";
		/* One probe round trip with a 2 s timer, waiting in WFI (under -icount a
		 * spinning vCPU would keep the other from running): never hang the run. */
		static struct pv_timer guard;
		uint64_t want = seen[0] + 1;

		pv_timer_init(&guard, probe_timeout, NULL);
		pv_timer_arm(&guard, pv_now_ns() + 2000000000ULL);
		pv_ipi_send(1);
		WAIT_UNTIL(seen[0] == want || timed_out);
		pv_timer_cancel(&guard);
		if (seen[0] != want)
			result = seen[1] ? "vCPU 1 took the SGI but its answer never arrived" :
					   "vCPU 1 started but took no SGI within 2 s";
	}
	return result;
}

/* Send to CPU 1, sleep until its answer was taken. */
static void run_ipi(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = seen[0] + 1;

		pv_ipi_send(1);
		WAIT_UNTIL(seen[0] == want);
	}
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
	{ .name = "ipi", .prepare = prepare_ipi, .run = run_ipi,
	  .what = "SGI round trip between two vCPUs: vCPU 0 sends, vCPU 1's handler answers, "
		  "vCPU 0 waits in WFI until its handler ran (the runtime's dispatch on both; "
		  "a run with two vCPUs)" },
	{ .name = "sgi_self", .prepare = prepare_sgi, .run = run_sgi,
	  .what = "SGI to the sending vCPU itself until its handler ran, "
		  "including the runtime's interrupt dispatch" },
	{ 0 }
};
