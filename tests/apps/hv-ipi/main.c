/*
 * hv-ipi: two vCPUs exchange inter-processor interrupts. CPU 1 answers every IPI
 * with one back; CPU 0 sends ROUNDS and waits for each answer. Prints
 * "ipi: N round trips, cpu1 saw N" and exits 0 when both counts are right.
 */
#include <stdio.h>

#include <pvkit/pvkit.h>

#define ROUNDS 200

static volatile unsigned seen[2];

static void on_ipi(void *arg)
{
	unsigned me = pv_cpu_self();

	if (me < 2)
		seen[me]++;
	if (me == 1)
		pv_ipi_send(0);		/* the answer */
}

static void cpu1(void *arg)
{
	for (;;)
		__asm__ volatile("wfi");
}

int main(void)
{
	unsigned done = 0;

	if (pv_ipi_handler(on_ipi, NULL) || pv_cpu_start(1, cpu1, NULL)) {
		printf("ipi: cannot start CPU 1\n");
		return 1;
	}
	for (unsigned i = 0; i < ROUNDS; i++) {
		uint64_t until = pv_now_ns() + 1000000000ULL;

		pv_ipi_send(1);
		/* Check with interrupts masked, then WFI (which still wakes on a pending
		 * one): an answer handled between an unmasked check and the WFI would
		 * leave this CPU asleep with nothing left to wake it. */
		while (seen[0] == i && pv_now_ns() < until) {
			__asm__ volatile("msr daifset, #2" ::: "memory");
			if (seen[0] == i)
				__asm__ volatile("wfi" ::: "memory");
			__asm__ volatile("msr daifclr, #2" ::: "memory");
		}
		if (seen[0] != i + 1)
			break;
		done++;
	}
	printf("ipi: %u round trips, cpu1 saw %u\n", done, seen[1]);
	return done == ROUNDS && seen[1] == ROUNDS ? 0 : 1;
}
