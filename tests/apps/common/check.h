/*
 * The test apps' verdict lines, which the tests in tests/boot read: "check: NAME: ok", or
 * "check: NAME: FAIL " followed by fmt filled with a and b. failures counts the FAILs
 * (the apps exit with a failure status when it is not 0). One file per app includes it.
 */
#ifndef TESTS_APPS_CHECK_H
#define TESTS_APPS_CHECK_H

#include <stdio.h>

static int failures;

static inline void check(const char *name, int cond, const char *fmt, long a, long b)
{
	printf("check: %s: %s", name, cond ? "ok" : "FAIL ");
	if (!cond)
		printf(fmt, a, b);
	printf("\n");
	failures += !cond;
}

#endif
