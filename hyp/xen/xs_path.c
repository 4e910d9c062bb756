/* Xenstore paths and permission lists: what a request may name. */
#include <string.h>

#include "fmt.h"
#include "xs_int.h"

static int valid_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '@' || c == '/';
}

/* Absolute, no empty component, no trailing '/' (except "/"), known characters. */
static int valid_abs(const char *p, size_t len)
{
	if (len == 0 || p[0] != '/' || len > XENSTORE_ABS_PATH_MAX)
		return 0;
	if (len > 1 && p[len - 1] == '/')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!valid_char(p[i]) || (p[i] == '/' && p[i + 1] == '/'))
			return 0;
	return 1;
}

/* "@" and letters: the special watch paths (@introduceDomain, @releaseDomain). */
static int valid_special(const char *p, size_t len)
{
	if (len < 2 || len > 64 || p[0] != '@')
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
			return 0;
	return 1;
}

int xs_path_canon(unsigned domid, const char *in, char *out, size_t size, int allow_special)
{
	size_t len = strlen(in);
	int n;

	if (in[0] == '@') {
		if (!allow_special || !valid_special(in, len) || len >= size)
			return XSE_EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (in[0] == '/') {
		if (!valid_abs(in, len) || len >= size)
			return XSE_EINVAL;
		memcpy(out, in, len + 1);
		return 0;
	}
	if (len == 0 || len > XENSTORE_REL_PATH_MAX)
		return XSE_EINVAL;
	n = fmt_snprintf(out, size, "/local/domain/%u/%s", domid, in);
	if (n < 0 || (size_t)n >= size || !valid_abs(out, (size_t)n))
		return XSE_EINVAL;
	return 0;
}

int xs_path_under(const char *path, const char *base)
{
	size_t n = strlen(base);

	if (n == 1 && base[0] == '/')
		return path[0] == '/';
	return !strncmp(path, base, n) && (path[n] == '\0' || path[n] == '/');
}

static const char perm_chars[4] = { 'n', 'r', 'w', 'b' };

int xs_perms_parse(const char *const *words, unsigned n, struct xs_perm *out)
{
	if (n == 0 || n > XS_QUOTA_PERMS)
		return XSE_EINVAL;
	for (unsigned i = 0; i < n; i++) {
		const char *w = words[i];
		unsigned perm, dom = 0;

		for (perm = 0; perm < 4 && w[0] != perm_chars[perm]; perm++)
			;
		if (perm == 4 || !w[1] || strlen(w) > 6)
			return XSE_EINVAL;
		for (const char *d = w + 1; *d; d++) {
			if (*d < '0' || *d > '9')
				return XSE_EINVAL;
			dom = dom * 10 + (unsigned)(*d - '0');
		}
		if (dom >= XS_NDOMS)
			return XSE_EINVAL;
		out[i].dom = (uint16_t)dom;
		out[i].perm = (uint8_t)perm;
		out[i].pad = 0;
	}
	return 0;
}

unsigned xs_perm_for(unsigned domid, const struct xs_perm *p, unsigned n)
{
	if (domid == 0 || p[0].dom == domid)
		return XS_PERM_BOTH;
	for (unsigned i = 1; i < n; i++)
		if (p[i].dom == domid)
			return p[i].perm;
	return p[0].perm;
}
