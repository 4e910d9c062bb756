/*
 * memcpy, memmove, memset and memcmp, word at a time. The libcs we link are built for
 * size and copy a byte per iteration, which would dominate the cost of every packet and
 * page the runtime and the hyp move; these replace them at link time.
 *
 * Built with -fno-tree-loop-distribute-patterns (lib/objects.mk) so the compiler does
 * not turn these loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((may_alias, aligned(1))) u64u;

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n >= 32; n -= 32, d += 32, s += 32) {
		uint64_t a = *(const u64u *)s, b = *(const u64u *)(s + 8);
		uint64_t c = *(const u64u *)(s + 16), e = *(const u64u *)(s + 24);

		*(u64u *)d = a;
		*(u64u *)(d + 8) = b;
		*(u64u *)(d + 16) = c;
		*(u64u *)(d + 24) = e;
	}
	for (; n >= 8; n -= 8, d += 8, s += 8)
		*(u64u *)d = *(const u64u *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);	/* forward copy is safe */
	d += n;
	s += n;
	for (; n >= 8; n -= 8) {
		d -= 8;
		s -= 8;
		*(u64u *)d = *(const u64u *)s;
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t v = 0x0101010101010101ULL * (unsigned char)c;

	for (; n >= 32; n -= 32, d += 32) {
		*(u64u *)d = v;
		*(u64u *)(d + 8) = v;
		*(u64u *)(d + 16) = v;
		*(u64u *)(d + 24) = v;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(u64u *)d = v;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n >= 8 && *(const u64u *)p == *(const u64u *)q; n -= 8, p += 8, q += 8)
		;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}
