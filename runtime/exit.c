/*
 * Ending the VM: the status line, then the most direct way off this machine:
 * semihosting on a bare emulator (QEMU exits with the status), a Xen shutdown on a
 * Xen-compatible hypervisor (poweroff or crash), then PSCI SYSTEM_OFF.
 */
#include <pvkit/console.h>
#include <pvkit/exit.h>
#include <pvkit/hypercall.h>
#include <pvkit/hypervisor.h>

#include <arch/conduit.h>
#include <arch/regs.h>
#include "fmt.h"
#include "hypercall_rt.h"
#include "libc_glue.h"

#define SEMIHOST_SYS_EXIT		0x18
#define ADP_STOPPED_APPLICATION_EXIT	0x20026
#define XEN_HYPERCALL_SCHED_OP		29
#define SCHEDOP_SHUTDOWN		2
#define SHUTDOWN_POWEROFF		0
#define SHUTDOWN_REBOOT			1
#define SHUTDOWN_CRASH			3

static void semihost_exit(int status)
{
	static uint64_t block[2];

	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint64_t)status;
	arch_semihost(SEMIHOST_SYS_EXIT, (unsigned long)block);
}

static void xen_shutdown(unsigned reason)
{
	/* struct sched_shutdown { uint32_t reason; } in guest memory */
	static uint32_t arg;

	arg = reason;
	pv_hypercall(XEN_HYPERCALL_SCHED_OP, SCHEDOP_SHUTDOWN, (unsigned long)&arg, 0, 0, 0);
}

static void __attribute__((noreturn)) halt(const char *why)
{
	pv_console_write(why, __builtin_strlen(why));
	arch_irq_disable();
	for (;;)
		wfi();
}

void pv_exit(int status)
{
	const struct pv_hypervisor *hv = pv_hypervisor();
	char line[40];
	int n;

	status &= 0xff;
	libc_flush();
	n = fmt_snprintf(line, sizeof(line), "pvkit: exit status %d\n", status);
	pv_console_write(line, n);
	if (hv->kind == PV_HYP_NONE && !hv->xen_conduit)
		semihost_exit(status);
	if (hv->xen_conduit)
		xen_shutdown(status ? SHUTDOWN_CRASH : SHUTDOWN_POWEROFF);
	pv_smccc(PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0, 0);
	halt("pvkit: no way to power off (no PSCI, no semihosting): halted\n");
}

void pv_reboot(void)
{
	libc_flush();
	pv_console_write("pvkit: reboot\n", 14);
	if (pv_hypervisor()->xen_conduit)
		xen_shutdown(SHUTDOWN_REBOOT);
	pv_smccc(PSCI_SYSTEM_RESET, 0, 0, 0, 0, 0, 0, 0);
	pv_exit(PV_EXIT_CRASH);
}

/* For failures before discovery: same status line, every exit tried blindly. */
void exit_blind(int status)
{
	char line[40];
	int n = fmt_snprintf(line, sizeof(line), "pvkit: exit status %d\n", status & 0xff);

	pv_console_write(line, n);
	semihost_exit(status & 0xff);
	hypercall_poweroff_blind();
	halt("pvkit: no way to power off: halted\n");
}
