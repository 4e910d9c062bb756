/*
 * The address configuration from the bootargs (docs/NET.md):
 *   ip=dhcp (or no ip=)            DHCP
 *   ip=A.B.C.D/N [gw=A.B.C.D]      static address, prefix length N (1..32), gateway
 * Portable, unit-tested on the host (tests/unit/test_ipconf.c).
 */
#ifndef RUNTIME_NET_IPCONF_H
#define RUNTIME_NET_IPCONF_H

#include <stddef.h>
#include <stdint.h>

struct ipconf {
	int dhcp;
	uint32_t addr, mask, gw;	/* host byte order; 0 where not given */
};

/* ip and gw are the bootarg values (NULL when absent). Returns 0, or -1 with a
 * message naming the bad value in err. */
int ipconf_parse(const char *ip, const char *gw, struct ipconf *out, char *err,
		 size_t errlen);

/* "A.B.C.D" into buf (at least 16 bytes); returns buf. */
char *ipconf_fmt(uint32_t addr, char *buf);

/* The prefix length of a contiguous mask (host order), or -1 if not contiguous. */
int ipconf_prefix_len(uint32_t mask);

#endif
