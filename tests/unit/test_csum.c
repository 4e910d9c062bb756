/*
 * drivers/virtio/csum.c: locating TCP/UDP checksums in IPv4, IPv6 and VLAN-tagged
 * frames, the partial checksum the driver hands the device and its completion, and
 * verification, against a straightforward reference sum written here.
 */
#include "virtio/csum.h"
#include "tap.h"

static uint8_t f[1600];

static void put16(uint8_t *p, unsigned v) { p[0] = v >> 8; p[1] = v; }

/* Reference: RFC 1071 one byte pair at a time, over a pseudo-header built in full. */
static uint16_t ref_l4_csum(const uint8_t *src, const uint8_t *dst, int alen, int proto,
			    const uint8_t *l4, unsigned len, unsigned field)
{
	uint32_t s = 0;

	for (int i = 0; i < alen; i += 2)
		s += (src[i] << 8 | src[i + 1]) + (dst[i] << 8 | dst[i + 1]);
	s += proto + len;
	for (unsigned i = 0; i < len; i += 2) {
		unsigned hi = i == field ? 0 : l4[i];
		unsigned lo = i + 1 >= len ? 0 : i == field ? 0 : l4[i + 1];

		s += hi << 8 | lo;
	}
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Ethernet + IPv4 + proto with payload bytes; returns the frame length. */
static size_t ipv4_frame(int vlan, int proto, unsigned payload, int frag)
{
	unsigned l2 = vlan ? 18 : 14, hl = proto == 6 ? 20 : 8, l4len = hl + payload;
	uint8_t *ip = f + l2;

	memset(f, 0, sizeof(f));
	put16(f + 12, vlan ? 0x8100 : 0x0800);
	if (vlan)
		put16(f + 16, 0x0800);
	ip[0] = 0x45;
	put16(ip + 2, 20 + l4len);
	put16(ip + 6, frag ? 0x2000 : 0x4000);	/* MF, or DF */
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, "\x0a\x00\x02\x0f\x0a\x00\x02\x02", 8);
	for (unsigned i = 0; i < l4len; i++)
		ip[20 + i] = (uint8_t)(i * 13 + 7);
	if (proto == 17) {
		put16(ip + 24, l4len);
		put16(ip + 26, 0);
	}
	return l2 + 20 + l4len;
}

static size_t ipv6_frame(int proto, unsigned payload)
{
	unsigned hl = proto == 6 ? 20 : 8, l4len = hl + payload;
	uint8_t *ip = f + 14;

	memset(f, 0, sizeof(f));
	put16(f + 12, 0x86dd);
	ip[0] = 0x60;
	put16(ip + 4, l4len);
	ip[6] = proto;
	ip[7] = 64;
	for (int i = 0; i < 32; i++)
		ip[8 + i] = (uint8_t)(0xf0 + i);
	for (unsigned i = 0; i < l4len; i++)
		ip[40 + i] = (uint8_t)(i * 29 + 3);
	if (proto == 17)
		put16(ip + 40 + 4, l4len);
	return 14 + 40 + l4len;
}

static unsigned get16(const uint8_t *p) { return p[0] << 8 | p[1]; }

int main(void)
{
	struct csum_loc loc;
	size_t len;

	/* RFC 1071's worked example. */
	static const uint8_t ex[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	is_int(csum_fold(csum_add(0, ex, sizeof(ex))), 0xddf2, "RFC 1071 example sums to ddf2");
	is_int(csum_fold(csum_add(0, ex, 3)), 0xf201, "odd length pads with a zero byte");

	len = ipv4_frame(0, 17, 100, 0);
	ok(csum_locate(f, len, &loc) == 0 && loc.start == 34 && loc.offset == 6 &&
	   loc.l4len == 108 && loc.proto == 17, "IPv4 UDP: start 34, offset 6");
	len = ipv4_frame(0, 6, 1400, 0);
	ok(csum_locate(f, len, &loc) == 0 && loc.start == 34 && loc.offset == 16,
	   "IPv4 TCP: start 34, offset 16");
	len = ipv4_frame(1, 6, 10, 0);
	ok(csum_locate(f, len, &loc) == 0 && loc.start == 38, "VLAN-tagged IPv4: start 38");
	len = ipv6_frame(17, 33);
	ok(csum_locate(f, len, &loc) == 0 && loc.start == 54 && loc.offset == 6,
	   "IPv6 UDP: start 54, offset 6");
	len = ipv4_frame(0, 17, 100, 1);
	ok(csum_locate(f, len, &loc) == -1, "IPv4 fragment: not located");
	len = ipv4_frame(0, 1, 100, 0);
	ok(csum_locate(f, len, &loc) == -1, "ICMP: not located");
	len = ipv4_frame(0, 6, 100, 0);
	ok(csum_locate(f, len - 1, &loc) == -1, "IP total length beyond the frame: not located");
	f[14] = 0x4f;
	put16(f + 16, 40);
	ok(csum_locate(f, len, &loc) == -1, "IP header longer than the packet: not located");
	ok(csum_locate(f, 13, &loc) == -1, "runt frame: not located");
	put16(f + 12, 0x0806);
	ok(csum_locate(f, len, &loc) == -1, "ARP: not located");

	/* Transmit: driver leaves the pseudo-header sum, the device finishes. */
	for (int proto = 6; proto <= 17; proto += 11) {
		for (unsigned pl = 0; pl < 1400; pl += 333) {
			len = ipv4_frame(0, proto, pl, 0);
			csum_locate(f, len, &loc);
			uint16_t want = ref_l4_csum(f + 26, f + 30, 4, proto, f + 34, loc.l4len,
						    loc.offset);
			csum_prepare_partial(f, &loc);
			csum_complete(f, len, loc.start, loc.offset);
			is_int(get16(f + loc.start + loc.offset), want,
			       "IPv4 %s, %u payload bytes: partial + completion = reference",
			       proto == 6 ? "TCP" : "UDP", pl);
			ok(csum_verify(f, len), "and it verifies");
		}
	}
	len = ipv6_frame(6, 501);
	csum_locate(f, len, &loc);
	csum_prepare_partial(f, &loc);
	csum_complete(f, len, loc.start, loc.offset);
	is_int(get16(f + 54 + 16), ref_l4_csum(f + 22, f + 38, 16, 6, f + 54, 521, 16),
	       "IPv6 TCP, odd length: partial + completion = reference");
	ok(csum_verify(f, len), "and it verifies");
	f[60] ^= 1;
	ok(!csum_verify(f, len), "one flipped bit fails verification");

	len = ipv4_frame(0, 17, 20, 0);
	ok(csum_verify(f, len), "IPv4 UDP with checksum 0 means none: accepted");
	put16(f + 40, 0x1234);
	ok(!csum_verify(f, len), "IPv4 UDP with a wrong checksum: rejected");
	len = ipv4_frame(0, 1, 20, 0);
	ok(csum_verify(f, len), "not TCP/UDP: nothing to verify");

	/* Receive: a device-supplied start/offset outside the frame is refused. */
	len = ipv4_frame(0, 17, 20, 0);
	uint8_t copy[sizeof(f)];
	memcpy(copy, f, sizeof(f));
	is_int(csum_complete(f, len, len - 1, 0), -1, "field straddling the end: refused");
	is_int(csum_complete(f, len, 34, len), -1, "offset past the end: refused");
	is_int(csum_complete(f, len, 70000, 6), -1, "start past the end: refused");
	ok(!memcmp(copy, f, sizeof(f)), "frame untouched by refused completions");
	return done_testing();
}
