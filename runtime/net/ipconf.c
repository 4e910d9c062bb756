/* Parsing ip= and gw= from the bootargs (ipconf.h). */
#include <stdio.h>
#include <string.h>

#include "ipconf.h"

/* "A.B.C.D" exactly: four decimal octets 0..255, no leading '+', nothing after.
 * Returns the address in host order through out, 0 on success. */
static int parse_addr(const char *s, size_t len, uint32_t *out)
{
	uint32_t addr = 0;
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		if (part) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
			digits++;
		}
		if (!digits || digits > 3 || v > 255)
			return -1;
		addr = addr << 8 | v;
	}
	if (i != len)
		return -1;
	*out = addr;
	return 0;
}

int ipconf_parse(const char *ip, const char *gw, struct ipconf *out, char *err,
		 size_t errlen)
{
	const char *slash;
	unsigned prefix = 0;

	memset(out, 0, sizeof(*out));
	if (!ip || !strcmp(ip, "dhcp")) {
		out->dhcp = 1;
		if (gw && *gw) {
			snprintf(err, errlen, "gw=%s is only used with a static ip=A.B.C.D/N", gw);
			return -1;
		}
		return 0;
	}
	slash = strchr(ip, '/');
	if (!slash || parse_addr(ip, (size_t)(slash - ip), &out->addr)) {
		snprintf(err, errlen, "ip=%s is not 'dhcp' or an address A.B.C.D/N", ip);
		return -1;
	}
	const char *p = slash + 1;

	if (!*p || strlen(p) > 2)
		goto bad_prefix;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad_prefix;
		prefix = prefix * 10 + (unsigned)(*p - '0');
	}
	if (prefix < 1 || prefix > 32)
		goto bad_prefix;
	out->mask = prefix == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix);
	if (gw && parse_addr(gw, strlen(gw), &out->gw)) {
		snprintf(err, errlen, "gw=%s is not an address A.B.C.D", gw);
		return -1;
	}
	if (out->gw && (out->gw & out->mask) != (out->addr & out->mask)) {
		snprintf(err, errlen, "gw=%s is outside the network of ip=%s", gw, ip);
		return -1;
	}
	return 0;

bad_prefix:
	snprintf(err, errlen, "ip=%s: the prefix length after '/' must be 1..32", ip);
	return -1;
}

char *ipconf_fmt(uint32_t addr, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255, (addr >> 8) & 255,
		 addr & 255);
	return buf;
}

int ipconf_prefix_len(uint32_t mask)
{
	int n = 0;

	while (n < 32 && (mask & (0x80000000u >> n)))
		n++;
	if (n < 32 && (mask << n))
		return -1;
	return n;
}
