/* runtime/net/ipconf.c: the ip= and gw= bootargs. */
#include <stdint.h>

#include "net/ipconf.h"
#include "tap.h"

static struct ipconf c;
static char err[120];

static int parse(const char *ip, const char *gw)
{
	err[0] = 0;
	return ipconf_parse(ip, gw, &c, err, sizeof(err));
}

static void bad(const char *ip, const char *gw, const char *needle)
{
	int r = parse(ip, gw);

	ok(r == -1 && strstr(err, needle), "ip=%s gw=%s rejected naming '%s' (%s)",
	   ip ? ip : "-", gw ? gw : "-", needle, err);
}

int main(void)
{
	char buf[16];

	ok(parse(NULL, NULL) == 0 && c.dhcp, "no ip= means DHCP");
	ok(parse("dhcp", NULL) == 0 && c.dhcp, "ip=dhcp");
	ok(parse("10.0.0.2/24", "10.0.0.1") == 0 && !c.dhcp && c.addr == 0x0a000002 &&
	   c.mask == 0xffffff00 && c.gw == 0x0a000001, "static /24 with gateway");
	ok(parse("192.168.7.9/32", NULL) == 0 && c.mask == 0xffffffff && c.gw == 0, "/32, no gw");
	ok(parse("172.16.0.1/1", NULL) == 0 && c.mask == 0x80000000, "/1");
	ok(parse("0.0.0.0/8", NULL) == 0 && c.addr == 0, "all-zero address parses");
	bad("10.0.0.2", NULL, "A.B.C.D/N");
	bad("10.0.0/24", NULL, "A.B.C.D/N");
	bad("10.0.0.256/24", NULL, "A.B.C.D/N");
	bad("10.0.0.2.5/24", NULL, "A.B.C.D/N");
	bad("1000.0.0.2/24", NULL, "A.B.C.D/N");
	bad("10..0.2/24", NULL, "A.B.C.D/N");
	bad("a.b.c.d/24", NULL, "A.B.C.D/N");
	bad("", NULL, "A.B.C.D/N");
	bad("10.0.0.2/0", NULL, "1..32");
	bad("10.0.0.2/33", NULL, "1..32");
	bad("10.0.0.2/", NULL, "1..32");
	bad("10.0.0.2/2x", NULL, "1..32");
	bad("10.0.0.2/024", NULL, "1..32");
	bad("10.0.0.2/24", "10.0.0", "gw=10.0.0 is not an address");
	bad("10.0.0.2/24", "10.0.1.1", "outside the network");
	bad("dhcp", "10.0.0.1", "only used with a static");
	is_str(ipconf_fmt(0xc0a80001, buf), "192.168.0.1", "format");
	is_str(ipconf_fmt(0xffffffff, buf), "255.255.255.255", "format, widest");
	is_int(ipconf_prefix_len(0xffffff00), 24, "prefix of /24");
	is_int(ipconf_prefix_len(0), 0, "prefix of /0");
	is_int(ipconf_prefix_len(0xffffffff), 32, "prefix of /32");
	is_int(ipconf_prefix_len(0xff00ff00), -1, "non-contiguous mask");
	return done_testing();
}
