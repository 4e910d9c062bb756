/*
 * hv-burst: more interrupts pending at once than the GIC has list registers. With
 * interrupts masked, the guest sends itself SGIs 2-15 (14 of them; QEMU's GICv3 has
 * 4 list registers), then unmasks: the hyp must feed the rest in as list registers
 * free up (the underflow maintenance interrupt), so every handler runs exactly once.
 * All of them must arrive within POLLS polls of the counters: far less time than the
 * hyp's 10 ms time slice, so a hyp that only refilled on its next scheduling tick
 * would fail (tests/boot/hyp.t runs this under -icount, where that is exact).
 * Repeats the burst ROUNDS times; prints
 * "burst: 20 of 20 rounds delivered all 14 SGIs, 0 duplicates" and exits 0 when so.
 */
#include <stdio.h>

#include <pvkit/pvkit.h>

int drv_irq_register(unsigned intid, void (*fn)(void *arg), void *arg);	/* drivers/env.h */
void drv_irq_enable(unsigned intid);
void irq_send_sgi(unsigned sgi, uint64_t target_mpidr);			/* runtime/irq.h */

#define FIRST	2		/* SGI 1 is the runtime's IPI */
#define LAST	15
#define ROUNDS	20
#define POLLS	5000	/* about 0.3 ms of guest instructions */

static volatile unsigned hits[LAST + 1];

static void on_sgi(void *arg)
{
	hits[(uintptr_t)arg]++;
}

int main(void)
{
	unsigned n = LAST - FIRST + 1, ok = 0, extra = 0;
	uint64_t self;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(self));
	for (unsigned s = FIRST; s <= LAST; s++) {
		if (drv_irq_register(s, on_sgi, (void *)(uintptr_t)s)) {
			printf("burst: cannot take SGI %u\n", s);
			return 1;
		}
		drv_irq_enable(s);
	}
	for (unsigned r = 1; r <= ROUNDS; r++) {
		unsigned got, polls = 0;

		__asm__ volatile("msr daifset, #2" : : : "memory");
		for (unsigned s = FIRST; s <= LAST; s++)
			irq_send_sgi(s, self);
		__asm__ volatile("isb; msr daifclr, #2" : : : "memory");
		do {
			got = 0;
			for (unsigned s = FIRST; s <= LAST; s++)
				got += hits[s] >= r;
		} while (got < n && ++polls < POLLS);
		for (unsigned s = FIRST; s <= LAST; s++)
			extra += hits[s] > r;
		if (got == n)
			ok++;
	}
	printf("burst: %u of %u rounds delivered all %u SGIs, %u duplicates\n", ok, ROUNDS,
	       n, extra);
	return ok == ROUNDS && !extra ? 0 : 1;
}
