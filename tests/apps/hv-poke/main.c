/*
 * hv-poke: reaches for memory that is not its own (bootargs "addr=0x... op=read|write
 * |own"): the hyp must stop it with a report and leave the other domains alone. The
 * address is mapped in the guest's own page tables first (as a device page, through
 * the driver environment), so the access really reaches stage 2.
 *   op=own: read the hyp's physical load address, which in guest-physical terms is
 *   this domain's own RAM: it must see its own image there, never the hyp.
 *   op=setway: clean and invalidate a data-cache line by set/way (DC CISW), a
 *   system instruction the hyp traps and refuses (no addr= needed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>

void *drv_map_device(uint64_t pa, size_t size);	/* runtime/drvenv.c */
extern const char _text[];

int main(void)
{
	char a[24], op[8];
	uint64_t addr;

	if (pv_bootarg("op", op, sizeof(op)) && !strcmp(op, "setway")) {
		printf("poke: dc cisw\n");
		__asm__ volatile("dc cisw, %0" : : "r"(0UL) : "memory");
		printf("poke: survived\n");
		return 1;
	}
	if (!pv_bootarg("addr", a, sizeof(a)) || !pv_bootarg("op", op, sizeof(op))) {
		printf("poke: need addr= and op=\n");
		return 2;
	}
	addr = strtoull(a, NULL, 0);
	if (!strcmp(op, "own")) {
		uint32_t there = *(volatile uint32_t *)(uintptr_t)addr;

		printf("poke: %#lx holds %#x, my image starts with %#x: %s\n",
		       (unsigned long)addr, there, *(const uint32_t *)_text,
		       there == *(const uint32_t *)_text ? "my own memory" : "NOT MINE");
		return there == *(const uint32_t *)_text ? 0 : 1;
	}
	volatile uint32_t *p = drv_map_device(addr & ~0xfffUL, 4096);

	if (!p) {
		printf("poke: cannot map %#lx\n", (unsigned long)addr);
		return 2;
	}
	p += (addr & 0xfff) / 4;
	printf("poke: %s at %#lx\n", op, (unsigned long)addr);
	if (!strcmp(op, "write"))
		*p = 0xdeadbeef;
	else
		printf("poke: read %#x\n", *p);
	printf("poke: survived\n");
	return 1;
}
