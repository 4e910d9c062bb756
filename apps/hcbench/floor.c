/*
 * Installing the floor (bench/floor/floor_vectors.S) through the runtime's EL2 stub
 * (docs/BOOT.md): only possible when the image was entered at EL2 and the stub owns it.
 */
#include <stddef.h>
#include <stdint.h>

#include <pvkit/sysinfo.h>
#include "env.h"
#include "hcbench.h"

#define PVSTUB_INFO		0
#define PVSTUB_SET_VECTORS	1
#define PVSTUB_MAGIC		0x50565354	/* "PVST" */

extern const char bench_floor_vectors[];

static uint64_t stub_call(uint64_t fn, uint64_t arg)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = arg;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
	return x0;
}

const char *floor_install(void)
{
	uint64_t pa = drv_virt_to_phys(bench_floor_vectors);

	/* At EL1 without EL2 below us, hvc is undefined: never issue it there. */
	if (pv_sysinfo()->entry_el != 2)
		return "the image was not entered at EL2 (QEMU needs -M virt,virtualization=on)";
	if (stub_call(PVSTUB_INFO, 0) != PVSTUB_MAGIC)
		return "EL2 is not the pvkit runtime's stub";
	if (pa & 2047)
		return "the floor's vector table is not 2 KiB aligned";
	if (stub_call(PVSTUB_SET_VECTORS, pa) != 0)
		return "PVSTUB_SET_VECTORS failed";
	return NULL;
}
