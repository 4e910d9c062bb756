/* Glob matching (glob.h). */
#include "glob.h"

/* Match one class starting after '[' at pat[*pi]; on return *pi is past ']'.
 * An unterminated class matches as if closed at the pattern's end. */
static int class_match(const char *pat, size_t plen, size_t *pi, unsigned char c)
{
	size_t i = *pi;
	int neg = 0, hit = 0;

	if (i < plen && pat[i] == '^') {
		neg = 1;
		i++;
	}
	for (int first = 1; i < plen && (pat[i] != ']' || first); first = 0) {
		unsigned char lo = (unsigned char)pat[i], hi;

		if (lo == '\\' && i + 1 < plen)
			lo = (unsigned char)pat[++i];
		hi = lo;
		if (i + 2 < plen && pat[i + 1] == '-' && pat[i + 2] != ']') {
			hi = (unsigned char)pat[i + 2];
			if (hi == '\\' && i + 3 < plen)
				hi = (unsigned char)pat[++i + 2];
			i += 2;
			if (lo > hi) {
				unsigned char t = lo;

				lo = hi;
				hi = t;
			}
		}
		if (c >= lo && c <= hi)
			hit = 1;
		i++;
	}
	if (i < plen)
		i++;	/* the ']' */
	*pi = i;
	return hit != neg;
}

int glob_match(const char *pat, size_t plen, const char *s, size_t slen)
{
	size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;

	while (si < slen) {
		if (pi < plen) {
			unsigned char pc = (unsigned char)pat[pi];
			unsigned char sc = (unsigned char)s[si];

			if (pc == '*') {
				star_p = ++pi;
				star_s = si;
				continue;
			}
			if (pc == '?') {
				pi++;
				si++;
				continue;
			}
			if (pc == '[') {
				size_t np = pi + 1;

				if (class_match(pat, plen, &np, sc)) {
					pi = np;
					si++;
					continue;
				}
			} else {
				if (pc == '\\' && pi + 1 < plen)
					pc = (unsigned char)pat[++pi];
				if (pc == sc) {
					pi++;
					si++;
					continue;
				}
			}
		}
		if (star_p == (size_t)-1)
			return 0;
		pi = star_p;		/* let the last '*' take one more byte */
		si = ++star_s;
	}
	while (pi < plen && pat[pi] == '*')
		pi++;
	return pi == plen;
}
