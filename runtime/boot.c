/*
 * Boot, from the MMU turned on to main(): each step needs the ones before it.
 *   DT validated -> console (stdout-path UART) -> page tables and heap -> libc
 *   -> GIC -> timer -> hypervisor discovery -> main thread.
 */
#include <libfdt.h>
#include <string.h>

#include <pvkit/console.h>
#include <pvkit/exit.h>
#include <pvkit/hypervisor.h>
#include <pvkit/log.h>
#include <pvkit/sysinfo.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include <arch/cpu.h>
#include "boot.h"
#include "console_uart.h"
#include "console_xen.h"
#include "devices.h"
#include "dt.h"
#include "fmt.h"
#include "hypercall_rt.h"
#include "irq.h"
#include "libc_glue.h"
#include "memory.h"
#include "sched.h"
#include "time_rt.h"

void ssp_init(void);

/* An app may size its main stack: `const size_t pv_main_stack_size = 65536;` */
extern const size_t pv_main_stack_size __attribute__((weak));

/* Nodes the boot DT index holds: QEMU virt's DT has about 60. */
#define DT_MAX_NODES	160

static DT_STORAGE(boot_dt, DT_MAX_NODES);
static struct pv_sysinfo info;
static const char *const dt_status_text[] = {
	[DT_OK] = "ok",
	[DT_NONE] = "no device tree: x0 was 0 at entry",
	[DT_MISALIGNED] = "device tree address in x0 is not 8-byte aligned",
	[DT_BAD_MAGIC] = "no device tree at the address in x0 (bad magic)",
	[DT_TOO_BIG] = "device tree header gives an impossible size (over 2 MiB or "
		       "under 40 bytes)",
};

void pv_boot_fail(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(msg))
		n = sizeof(msg) - 1;
	console_uart_fallback(FALLBACK_UART_BASE);	/* only used if no console yet */
	pv_console_write("pvkit: boot failed: ", 20);
	pv_console_write(msg, n);
	pv_console_write("\n", 1);
	exit_blind(1);
}

const struct pv_sysinfo *pv_sysinfo(void)
{
	return &info;
}

const char *pv_bootarg(const char *key, char *buf, size_t len)
{
	return dt_bootarg(info.bootargs, key, buf, len);
}

static void main_thread(void *arg)
{
	char *argv[] = { (char *)"app", NULL };

	extern uint64_t pv_entry_counter;	/* head.S */

	info.boot_ns = pv_now_ns();
	info.entry_ns = pv_counter_to_ns(pv_entry_counter);
	pv_exit(main(1, argv));
}

static void apply_bootargs(const char *args)
{
	char v[8];

	if (dt_bootarg(args, "loglevel", v, sizeof(v)) && v[0] >= '0' && v[0] <= '3')
		pv_log_level = (enum pv_log_level)(v[0] - '0');
}

void pv_boot(uint64_t dtb, unsigned entry_el, enum dt_status st)
{
	const void *fdt = (const void *)(uintptr_t)dtb;
	struct dt *dt = &boot_dt.dt;
	int err;

	ssp_init();
	if (st != DT_OK)
		pv_boot_fail("%s", dt_status_text[st]);
	if ((err = dt_open(dt, DT_MAX_NODES, fdt)) != 0)
		pv_boot_fail("device tree at %#lx is corrupt or truncated: %s", dtb,
			     fdt_strerror(err));
	int have_uart = console_uart_init(dt) == 0;	/* else output waits */
	if (dt->truncated)
		pv_warn("device tree has more than %d nodes: the rest are ignored",
			DT_MAX_NODES);
	mem_setup(dt, dtb, (uint64_t)(uintptr_t)_text);
	libc_init();

	info.version = PVKIT_VERSION;
	info.libc = PVKIT_LIBC_NAME;
	info.fdt = fdt;
	info.entry_el = entry_el;
	info.midr = cpu_midr();
	info.cpu = cpu_name(info.midr);
	info.ncpus = dt_count_cpus(dt);
	info.model = dt_string(dt, 0, "model", "unknown");
	info.bootargs = dt_string(dt, dt_child(dt, 0, "chosen"), "bootargs", "");
	info.ram_bytes = mem_ram_bytes();
	info.heap_bytes = mem_heap_bytes();
	apply_bootargs(info.bootargs);

	info.gic_version = irq_init(dt);
	time_init(dt);
	console_uart_irq_init(dt);
	hypercall_init(dt);
	if (!have_uart)
		console_xen_init();	/* Xen dom0: Xen keeps the UART */
	devices_probe(dt);

	sched_start(main_thread, NULL,
		    &pv_main_stack_size ? pv_main_stack_size : PV_MAIN_STACK_SIZE);
}

const struct dt *pv_boot_dt(void)
{
	return &boot_dt.dt;
}
