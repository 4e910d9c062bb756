/*
 * The machine's own PSCI (QEMU's, through smc: the host DT says so) for starting
 * pCPUs and powering off; semihosting SYS_EXIT to end QEMU with a status when the hyp
 * was told it is available (bootarg "semihosting", docs/HYP.md).
 */
#include <stdint.h>

#include <arch/cpu.h>
#include <arch/sysreg.h>

#define PSCI_CPU_ON		0xc4000003UL
#define PSCI_SYSTEM_OFF		0x84000008UL
#define SYS_EXIT		0x18
#define ADP_APPLICATION_EXIT	0x20026

int semihosting_enabled;
static int use_hvc;

static uint64_t psci_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fid;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	if (use_hvc)	/* firmware below us reached through hvc: not on QEMU at EL2 */
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
				 "memory");
	else
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
				 "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
				 "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

long firmware_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx)
{
	return (long)psci_call(PSCI_CPU_ON, mpidr, entry, ctx);
}

void arch_poweroff(int status)
{
	static uint64_t block[2];

	if (semihosting_enabled) {
		block[0] = ADP_APPLICATION_EXIT;
		block[1] = (uint64_t)status;
		register uint64_t x0 __asm__("x0") = SYS_EXIT;
		register uint64_t x1 __asm__("x1") = (uint64_t)block;

		__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	}
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		wfi();
}
