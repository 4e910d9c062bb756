/*
 * crash: faults on purpose so tests can check the crash report. The fault is chosen by
 * the bootargs: crash=null | undef | stack | canary | abort; crash=reboot ends it with
 * pv_reboot() (PSCI SYSTEM_RESET) instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>

static volatile int sink;

static volatile int depth_limit = 1 << 30;	/* never reached: the guard page is */

static int __attribute__((noinline)) recurse(int n)
{
	volatile char frame[512];

	frame[0] = (char)n;
	if (n == depth_limit)
		return 0;
	return recurse(n + 1) + frame[0];
}

/* Laundered through volatiles so the compiler cannot see (and drop) the bugs. */
static int *volatile null_ptr;
static volatile size_t smash_len = 48;

static void __attribute__((noinline)) null_deref(void)
{
	sink = *null_ptr;
}

static void __attribute__((noinline)) smash(const char *src)
{
	char buf[8];

	memcpy(buf, src, smash_len);	/* deliberately too long: the canary catches it */
	printf("crash: copied %.4s...\n", buf);
}

int main(void)
{
	char mode[16];

	if (!pv_bootarg("crash", mode, sizeof(mode))) {
		printf("crash: no crash= bootarg\n");
		return 2;
	}
	printf("crash: mode %s\n", mode);
	fflush(stdout);
	if (!strcmp(mode, "null"))
		null_deref();
	else if (!strcmp(mode, "undef"))
		__asm__ volatile(".word 0x00000000");	/* permanently undefined */
	else if (!strcmp(mode, "stack"))
		sink = recurse(0);
	else if (!strcmp(mode, "canary"))
		smash("this string is far longer than eight bytes");
	else if (!strcmp(mode, "abort"))
		abort();
	else if (!strcmp(mode, "reboot"))
		pv_reboot();
	printf("crash: still alive after mode %s\n", mode);
	return 3;
}
