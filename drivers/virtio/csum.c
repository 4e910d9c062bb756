/* TCP/UDP checksums for virtio-net's offload; see csum.h. */
#include "csum.h"

#define ETH_HLEN	14
#define ETH_P_IP	0x0800
#define ETH_P_IPV6	0x86dd
#define ETH_P_8021Q	0x8100
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

uint32_t csum_add(uint32_t sum, const void *p, size_t len)
{
	const uint8_t *b = p;
	uint64_t s = sum;

	for (; len >= 2; b += 2, len -= 2)
		s += be16(b);
	if (len)
		s += (uint32_t)b[0] << 8;
	/* Fold the carries back in so the result is a valid partial sum again. */
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (uint32_t)s;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static int transport(uint8_t proto, unsigned l4len, struct csum_loc *loc)
{
	if (proto == IPPROTO_TCP && l4len >= 20)
		loc->offset = 16;
	else if (proto == IPPROTO_UDP && l4len >= 8)
		loc->offset = 6;
	else
		return -1;
	loc->proto = proto;
	loc->l4len = l4len;
	return 0;
}

int csum_locate(const uint8_t *f, size_t len, struct csum_loc *loc)
{
	unsigned ip = ETH_HLEN, type;

	if (len < ETH_HLEN)
		return -1;
	type = be16(f + 12);
	if (type == ETH_P_8021Q) {
		if (len < ETH_HLEN + 4)
			return -1;
		type = be16(f + 16);
		ip += 4;
	}
	if (type == ETH_P_IP) {
		unsigned ihl, total;

		if (len < ip + 20 || f[ip] >> 4 != 4)
			return -1;
		ihl = (f[ip] & 0xf) * 4;
		total = be16(f + ip + 2);
		/* Fragments carry no complete transport header to checksum. */
		if (ihl < 20 || total < ihl || ip + total > len || (be16(f + ip + 6) & 0x3fff))
			return -1;
		if (transport(f[ip + 9], total - ihl, loc))
			return -1;
		loc->start = ip + ihl;
		loc->ipv4 = 1;
		loc->pseudo = csum_add(0, f + ip + 12, 8) + loc->proto + loc->l4len;
		return 0;
	}
	if (type == ETH_P_IPV6) {
		unsigned plen;

		if (len < ip + 40 || f[ip] >> 4 != 6)
			return -1;
		plen = be16(f + ip + 4);
		if (ip + 40 + plen > len || transport(f[ip + 6], plen, loc))
			return -1;
		loc->start = ip + 40;
		loc->ipv4 = 0;
		loc->pseudo = csum_add(0, f + ip + 8, 32) + loc->proto + loc->l4len;
		return 0;
	}
	return -1;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

void csum_prepare_partial(uint8_t *f, const struct csum_loc *loc)
{
	put16(f + loc->start + loc->offset, csum_fold(loc->pseudo));
}

int csum_complete(uint8_t *f, size_t len, unsigned start, unsigned offset)
{
	if (start > len || offset + 2 > len - start)
		return -1;
	put16(f + start + offset, (uint16_t)~csum_fold(csum_add(0, f + start, len - start)));
	return 0;
}

int csum_verify(const uint8_t *f, size_t len)
{
	struct csum_loc loc;

	if (csum_locate(f, len, &loc))
		return 1;
	if (loc.ipv4 && loc.proto == IPPROTO_UDP && be16(f + loc.start + 6) == 0)
		return 1;		/* "no checksum" (RFC 768); IPv6 has no such case */
	return csum_fold(csum_add(loc.pseudo, f + loc.start, loc.l4len)) == 0xffff;
}
