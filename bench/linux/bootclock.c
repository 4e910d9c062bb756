/*
 * bootclock: prints "pvbench: boot <ns> ns" from the virtual counter, which on QEMU
 * virt starts at reset; /init runs it first thing, so under -icount it is the number of
 * instructions from reset to the Linux guest's /init, comparable with pvkit's "boot:"
 * line. Freestanding (raw system calls, no libc) so that building it needs only the
 * cross compiler. Linux lets EL0 read CNTVCT_EL0 and CNTFRQ_EL0.
 */
typedef unsigned long u64;

static long sys(long nr, long a0, long a1, long a2)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

void _start(void)
{
	static const char pre[] = "pvbench: boot ", post[] = " ns\n";
	char buf[64], digits[24];
	u64 cnt, hz, ns;
	int n = 0, d = 0;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(cnt));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	ns = hz ? cnt / hz * 1000000000ul + cnt % hz * 1000000000ul / hz : cnt;
	for (const char *s = pre; *s; s++)
		buf[n++] = *s;
	do {
		digits[d++] = (char)('0' + ns % 10);
		ns /= 10;
	} while (ns);
	while (d)
		buf[n++] = digits[--d];
	for (const char *s = post; *s; s++)
		buf[n++] = *s;
	sys(64, 1, (long)buf, n);	/* write */
	sys(93, 0, 0, 0);		/* exit */
	for (;;)
		;
}
