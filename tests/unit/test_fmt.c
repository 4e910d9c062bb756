/* lib/fmt.c against the host's snprintf for the subset it supports. */
#include <stdint.h>

#include "fmt.h"
#include "tap.h"

#define CHECK(...) do { \
	char a_[128], b_[128]; \
	int ra_ = fmt_snprintf(a_, sizeof(a_), __VA_ARGS__); \
	int rb_ = snprintf(b_, sizeof(b_), __VA_ARGS__); \
	ok(ra_ == rb_ && !strcmp(a_, b_), "fmt %s -> '%s'", #__VA_ARGS__, a_); \
	if (strcmp(a_, b_)) printf("#   libc gives '%s'\n", b_); \
} while (0)

int main(void)
{
	char small[8];

	CHECK("plain");
	CHECK("%d %i %u", -42, 7, 4000000000u);
	CHECK("%ld %lu %lx", (long)INT64_MIN, (unsigned long)UINT64_MAX, 0xdeadbeefUL);
	CHECK("%5d|%-5d|%05d", 42, 42, 42);
	CHECK("%x %X %08x %#x", 0xabc, 0xabc, 0xabc, 0xabc);
	CHECK("%#lx %#018lx", 0x1234UL, 0x40080000UL);
	CHECK("%s|%10s|%-10s|%.3s", "abc", "abc", "abc", "abcdef");
	CHECK("%c%c%%", 'o', 'k');
	CHECK("%zu %zd", (size_t)123, (ssize_t)-5);
	CHECK("%-3d|", -7);
	CHECK("%03d", -7);
	CHECK("%p", (void *)0x1000);
	is_int(fmt_snprintf(small, sizeof(small), "%s", "0123456789"), 10, "returns full length");
	is_str(small, "0123456", "truncates with NUL");
	is_int(fmt_snprintf(NULL, 0, "%d", 12345), 5, "size 0 only measures");
	return done_testing();
}
