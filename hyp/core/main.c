/*
 * Boot, from the MMU on to the first guest: each step needs the ones before it.
 *   host DT -> console -> memory -> GIC and this pCPU -> domain configs -> other
 *   pCPUs -> host devices -> domains -> scheduler.
 */
#include <libfdt.h>
#include <string.h>

#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/mmu.h>
#include <arch/traps.h>
#include "config.h"
#include "console.h"
#include "domain.h"
#include "devices.h"
#include "dt.h"
#include "log.h"
#include "mem.h"
#include "pcpu.h"
#include "sched.h"
#include "xen/xdom.h"

#define DT_MAX_NODES	256	/* static index; a bigger DT gets one from the allocator */
#define STACK_SIZE	16384

extern char _text[], _end[];
extern char pcpu_stacks[];
extern int semihosting_enabled;
int arch_cpu_init(struct pcpu *p);
unsigned arch_start_secondaries(const struct dt *dt);

static DT_STORAGE(host_dt, DT_MAX_NODES);
static struct dom_config *configs;	/* one per xen,domain node, from the allocator */
static int nconfigs;

/* With the MMU off and no DT: one line to QEMU virt's UART, then stop. */
void early_not_el2(void)
{
	static const char msg[] = "pvkit hyp: entered below EL2: the hyp needs "
				  "-M virt,virtualization=on\r\n";
	volatile uint32_t *dr = (volatile uint32_t *)0x09000000UL;

	for (const char *p = msg; *p; p++)
		*dr = (uint32_t)*p;
}

/* Every boot module's memory, before anything is allocated: the configs and a large
 * DT's index come from the allocator, and must not land on an image QEMU put there.
 * Straight from the blob (the index may not reach them yet); which modules are valid
 * is decided later (config_check_modules), but none of that memory is handed out. */
static void reserve_boot_modules(const void *fdt)
{
	int depth = 0, ac[16], sc[16];	/* each depth's cells for its children's reg */

	/* One pass in blob order, cells tracked per depth: libfdt's parent lookup walks
	 * from the root each time, which a thousand modules made quadratic. */
	for (int o = 0; o >= 0; o = fdt_next_node(fdt, o, &depth)) {
		if (depth < 0 || depth >= 16)
			continue;
		ac[depth] = fdt_address_cells(fdt, o);
		sc[depth] = fdt_size_cells(fdt, o);
		if (!depth || (fdt_node_check_compatible(fdt, o, "multiboot,module") &&
			       fdt_node_check_compatible(fdt, o, "multiboot,kernel") &&
			       fdt_node_check_compatible(fdt, o, "multiboot,ramdisk")))
			continue;

		int a = ac[depth - 1], c = sc[depth - 1], len;
		const fdt32_t *reg = fdt_getprop(fdt, o, "reg", &len);
		uint64_t base = 0, size = 0;

		if (!reg || a < 1 || a > 2 || c < 1 || c > 2 || len < (a + c) * 4)
			continue;
		for (int i = 0; i < a; i++)
			base = base << 32 | fdt32_to_cpu(reg[i]);
		for (int i = 0; i < c; i++)
			size = size << 32 | fdt32_to_cpu(reg[a + i]);
		if (size && base + size > base)
			mem_reserve(base, size);
	}
}

/* A DT with more nodes than the static index (many domains): index it again in
 * storage from the allocator. */
static struct dt *index_all(struct dt *dt, const void *fdt)
{
	int nodes = 0, depth = 0;
	struct dt *big;

	for (int o = 0; o >= 0; o = fdt_next_node(fdt, o, &depth))
		nodes++;
	big = (struct dt *)(uintptr_t)mem_alloc(mem_pages(sizeof(struct dt) +
					(uint64_t)nodes * sizeof(struct dt_node)), 1);
	if (!big || dt_open(big, nodes, fdt)) {
		log_msg("the host DT has %d nodes: only the first %d are used (no memory for "
			"a larger index)", nodes, DT_MAX_NODES);
		return dt;
	}
	return big;
}

/* Returns the DT index to use from now on. */
static struct dt *init_memory(struct dt *dt, uint64_t dtb)
{
	struct dt_range ram[8], rsv[16];
	int nram = dt_memory(dt, ram, 8), nrsv;

	if (!nram)
		panic("the host DT has no memory node");
	mem_init(ram[0].base, ram[0].size);
	mem_add_free(ram[0].base, ram[0].size);
	if (nram > 1)
		log_msg("only the first RAM bank (%#lx+%#lx) is used", ram[0].base, ram[0].size);
	/* Below the image: QEMU's boot code; then the image, the DT, firmware ranges. */
	mem_reserve(ram[0].base, (uint64_t)_end - ram[0].base);
	mem_reserve(dtb, fdt_totalsize((const void *)dtb));
	nrsv = dt_reserved(dt, rsv, 14);
	for (int i = 0; i < nrsv; i++)
		mem_reserve(rsv[i].base, rsv[i].size);
	rsv[nrsv].base = ram[0].base;
	rsv[nrsv++].size = (uint64_t)_end - ram[0].base;
	rsv[nrsv].base = dtb;
	rsv[nrsv++].size = fdt_totalsize((const void *)dtb);
	reserve_boot_modules((const void *)dtb);
	if (dt->truncated)
		dt = index_all(dt, (const void *)dtb);

	int n = config_count(dt);

	if (n > MAX_DOMAINS) {
		log_msg("more than %d xen,domain nodes under /chosen: the rest are ignored",
			MAX_DOMAINS);
		n = MAX_DOMAINS;
	}
	if (n && !(configs = (struct dom_config *)(uintptr_t)mem_alloc(
			   mem_pages((uint64_t)n * sizeof(*configs)), 1)))
		panic("out of memory for %d domain configurations", n);
	config_parse(dt, configs, n);		/* finds the n counted (more: ignored) */
	nconfigs = n;
	config_check_modules(configs, n, ram, 1, rsv, nrsv);
	/* Every module stays where QEMU put it: restarts load it again. */
	for (int i = 0; i < n; i++) {
		if (configs[i].kernel_size)
			mem_reserve(configs[i].kernel_base, configs[i].kernel_size);
		if (configs[i].ramdisk_size)
			mem_reserve(configs[i].ramdisk_base, configs[i].ramdisk_size);
	}
	return dt;
}

static void idle_forever(void) __attribute__((noreturn));
static void idle_forever(void)
{
	enter_guest(sched_switch(NULL, NULL));
}

void hyp_main(uint64_t dtb)
{
	struct dt *dt = &host_dt.dt;
	char args[64];
	int err;

	mmu_init();
	write_sysreg(cptr_el2, CPTR_RES1);	/* libfdt may use FP registers */
	for (unsigned i = 0; i < MAX_PCPUS; i++) {
		sched_init_pcpu(&pcpus[i], i);
		pcpus[i].stack_top = (uint64_t)pcpu_stacks + (i + 1) * STACK_SIZE;
	}
	write_sysreg(tpidr_el2, &pcpus[0]);
	if ((err = dt_open(dt, DT_MAX_NODES, (const void *)dtb)) != 0) {
		console_init(dt);
		panic("the host DT at %#lx is unusable: %s", dtb, fdt_strerror(err));
	}
	if (console_init(dt))
		log_msg("no UART at /chosen/stdout-path: writing to 0x09000000");
	int chosen = dt_path(dt, "/chosen");
	const char *bootargs = dt_string(dt, chosen, "xen,xen-bootargs",
					 dt_string(dt, chosen, "bootargs", ""));

	semihosting_enabled = dt_bootarg(bootargs, "semihosting", args, sizeof(args)) != NULL;
	log_msg("pvkit hyp %s, image %#lx-%#lx, DT at %#lx", PVKIT_VERSION,
		(unsigned long)_text, (unsigned long)_end, dtb);
	dt = init_memory(dt, dtb);
	if (gic_init(dt))
		panic("no usable GICv3 in the host DT (the hyp needs -M virt,gic-version=3)");
	if (arch_cpu_init(&pcpus[0]))
		panic("pCPU 0: no GICv3 redistributor for this CPU");
	pcpus[0].online = 1;
	nr_pcpus = arch_start_secondaries(dt);
	log_msg("%u pCPU(s), %lu KiB of RAM free for domains", nr_pcpus,
		(unsigned long)(mem_free_pages() * PAGE_SIZE / 1024));
	if (console_irq()) {
		gic_enable(console_irq());
		console_rx_enable();
	}
	/* Disks and NICs for the backends, before the domains that use them. */
	devices_probe(dt);
	if (domains_init((unsigned)nconfigs) || xen_init((unsigned)nconfigs))
		panic("out of memory for the tables of %d domains and xenstore (%lu KiB free)",
		      nconfigs, (unsigned long)(mem_free_pages() * PAGE_SIZE / 1024));
	if (!domains_start(configs, nconfigs)) {
		log_msg("no domain started: powering off");
		arch_poweroff(1);
	}
	idle_forever();
}

void hyp_secondary(unsigned idx)
{
	mmu_enable_secondary();
	if (arch_cpu_init(&pcpus[idx])) {
		log_msg("pCPU %u: no GICv3 redistributor: it stays idle", idx);
		for (;;)
			wfi();
	}
	pcpus[idx].online = 1;
	log_msg("pCPU %u online", idx);
	idle_forever();
}
