/*
 * hv-hcbench: instructions per null hypercall on the pvkit hyp, measured with CNTVCT
 * under QEMU -icount shift=0 (1 ns per instruction, 16 per counter tick). Each loop
 * issues N calls from inline assembly (mov, mov, hvc, plus the loop's subs and b.ne),
 * as the floor measurement does; prints "hcbench: <call>: <instructions> per call".
 * Booted on bare QEMU at EL2 (qemu-run --el2 --icount) it measures the floor instead:
 * the same loops against EL2 vectors that only eret (the runtime's EL2 stub installs
 * them: PVSTUB_SET_VECTORS, docs/BOOT.md).
 */
#include <stdio.h>

#include <pvkit/pvkit.h>
#include <pvkit/abi.h>

#define N 20000

/* The floor: every EL2 vector is a bare eret. */
__asm__(".pushsection .text.floor, \"ax\"\n.balign 2048\nfloor_vectors:\n"
	".rept 16\neret\n.balign 128\n.endr\n.popsection");
extern char floor_vectors[];

static void install_floor(void)
{
	register uint64_t x0 __asm__("x0") = 1;		/* PVSTUB_SET_VECTORS */
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)floor_vectors;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
}

static uint64_t xen_version_loop(void)
{
	uint64_t t0 = pv_counter();

	__asm__ volatile("mov x9, %0\n"
			 "1: mov x16, #17\n"
			 "mov x0, #0\n"
			 "hvc #0xea1\n"
			 "subs x9, x9, #1\n"
			 "b.ne 1b\n" : : "r"((uint64_t)N) : "x0", "x9", "x16", "memory");
	return pv_counter() - t0;
}

static uint64_t smccc_loop(uint32_t fid)
{
	uint64_t t0 = pv_counter();

	__asm__ volatile("mov x9, %0\n"
			 "1: mov w0, %w1\n"
			 "hvc #0\n"
			 "subs x9, x9, #1\n"
			 "b.ne 1b\n" : : "r"((uint64_t)N), "r"(fid) :
			 "x0", "x1", "x2", "x3", "x9", "memory");
	return pv_counter() - t0;
}

static void report(const char *name, uint64_t ticks)
{
	/* 62.5 MHz counter at 1 ns per instruction: 16 instructions a tick. */
	uint64_t x100 = ticks * 16 * 100 / N;

	printf("hcbench: %s: %lu.%02lu instructions per call\n", name,
	       (unsigned long)(x100 / 100), (unsigned long)(x100 % 100));
}

int main(void)
{
	const struct pv_sysinfo *si = pv_sysinfo();

	if (si->entry_el == 2 && pv_hypervisor()->kind == PV_HYP_NONE) {
		install_floor();
		printf("hcbench: floor (EL2 vectors that only eret)\n");
	}
	xen_version_loop();		/* warm up: the translation cache, the FP trap */
	report("xen_version", xen_version_loop());
	report("SMCCC_VERSION", smccc_loop(0x80000000u));
	report("PVKIT_CALL_NULL", smccc_loop(PVKIT_CALL_NULL));
	return 0;
}
