/*
 * hv-fuzz: COUNT hypercalls with random numbers and arguments (seed=N bootarg, printed
 * first), through both conduits. Arguments are random 64-bit values or pointers into
 * a scratch buffer, so the hyp's copy paths see both good and bad addresses. Left
 * out, because they would legitimately end or stall this domain: sched_op shutdown
 * and block, PSCI CPU_OFF, SYSTEM_OFF and SYSTEM_RESET; console writes are kept short.
 * Prints a tally of results and "fuzz: done"; the hyp and other domains must live on.
 */
#include <stdio.h>
#include <stdlib.h>

#include <pvkit/pvkit.h>
#include <pvkit/hypercall.h>

#define COUNT	100000

static uint64_t state;
static char scratch[8192] __attribute__((aligned(16)));

static uint64_t rnd(void)	/* xorshift64* */
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static uint64_t arg(void)
{
	uint64_t r = rnd();

	switch (r & 3) {
	case 0: return (uintptr_t)scratch + (rnd() % sizeof(scratch));
	case 1: return r >> 2 & 0xffff;
	default: return rnd();
	}
}

/* SMCCC function ids: mostly from the ranges the hyp serves, some anywhere. */
static uint32_t fid(void)
{
	static const uint32_t base[] = { 0x80000000, 0x84000000, 0xc4000000, 0x8600ff00,
					 0xc6000000, 0x86000000 };
	uint64_t r = rnd();

	if ((r & 7) == 0)
		return (uint32_t)(r >> 8);
	return base[(r >> 3) % 6] | (uint32_t)((r >> 16) & 0x1f);
}

static int forbidden_smccc(uint32_t f)
{
	unsigned num = f & 0xffff;

	return (f & 0xbfff0000) == 0x84000000 && (num == 2 || num == 8 || num == 9);
}

int main(void)
{
	char v[24];
	unsigned long xen_ok = 0, xen_err = 0, smc_ok = 0, smc_err = 0;

	state = pv_bootarg("seed", v, sizeof(v)) ? strtoull(v, NULL, 0) : 1;
	if (!state)
		state = 1;
	printf("fuzz: seed %lu, %d calls\n", (unsigned long)state, COUNT);
	for (int i = 0; i < COUNT; i++) {
		if (rnd() & 1) {
			unsigned nr = rnd() % 80;
			uint64_t a0 = nr == 29 || nr == 18 ? rnd() % 8 : arg();
			uint64_t a1 = arg();

			if (nr == 29 && (a0 == 1 || a0 == 2))
				continue;		/* block, shutdown */
			if (nr == 18 && a0 == 0)
				a1 %= 4;		/* short console writes */
			long r = pv_hypercall(nr, a0, a1, arg(), arg(), arg());

			r < 0 ? xen_err++ : xen_ok++;
		} else {
			uint32_t f = fid();

			if (forbidden_smccc(f))
				continue;
			struct pv_smccc_res r = pv_smccc(f, arg(), arg(), arg(), arg(), arg(),
							 arg(), arg());

			(int64_t)r.a0 < 0 ? smc_err++ : smc_ok++;
		}
	}
	printf("\nfuzz: xen %lu ok %lu errors, smccc %lu ok %lu errors\n", xen_ok, xen_err,
	       smc_ok, smc_err);
	printf("fuzz: done\n");
	return 0;
}
