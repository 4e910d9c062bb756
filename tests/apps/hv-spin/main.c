/*
 * hv-spin: a runaway guest: spins without ever yielding or waiting, for spin_ms=N
 * milliseconds of virtual time (bootarg), or forever without it. The hyp's time slice
 * must keep every other domain running meanwhile.
 */
#include <stdio.h>
#include <stdlib.h>

#include <pvkit/pvkit.h>

int main(void)
{
	char v[24];
	uint64_t ms = pv_bootarg("spin_ms", v, sizeof(v)) ? strtoull(v, NULL, 0) : 0;
	uint64_t until = pv_now_ns() + ms * 1000000ULL;

	printf("spin: spinning %s\n", ms ? v : "forever");
	while (!ms || pv_now_ns() < until)
		;
	printf("spin: done\n");
	return 0;
}
