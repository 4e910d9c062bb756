/*
 * vnet: the net device interface on virtio-net, without lwIP (tests/boot/virtio-net.t).
 * Raw Ethernet frames: ARP for the peer, ICMP echo, UDP echo. One "check: <name>:
 * ok|FAIL <detail>" line per check; exit status = failures.
 *
 * Bootargs:
 *   vnet.ip=A.B.C.D      our address (default 10.0.2.15, QEMU user networking)
 *   vnet.peer=A.B.C.D    the peer (default 10.0.2.2, user networking's gateway)
 *   vnet.pings=N         ICMP echo requests to the peer (default 300)
 *   vnet.udp=PORT        send vnet.udpn datagrams (default 50) to PORT on the peer and
 *                        expect each back, as "echo: " + payload, from that port
 *
 * Checksums here are this app's own code (not the driver's): on frames it receives it
 * checks every IP, ICMP and UDP checksum. With PV_NET_F_CSUM_TX it leaves UDP
 * checksums at 0 for the device to fill in.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/net.h>
#include <pvkit/pvkit.h>

#include "../common/check.h"

#define ETH_ARP		0x0806
#define ETH_IP		0x0800
#define MAX_SEQ		4096
#define WINDOW		100		/* echo requests outstanding: more than the rings */
/* When the app stops waiting and reports a failure (not a timing check). */
#define GIVE_UP_NS	(30ull * 1000000000)

static struct pv_net *n;
static uint8_t me[6], peer_mac[6];
static uint32_t my_ip, peer_ip;
static int peer_known, arp_requests_seen, arp_to_answer;
static uint8_t arp_asker_mac[6];
static uint32_t arp_asker_ip;
static uint8_t replied[MAX_SEQ];
static unsigned nreplies, bad_frames, udp_echoes, udp_bad;
static uint16_t udp_port;
static unsigned send_waits;		/* -EAGAIN seen: the ring was full (not asserted) */
static struct pv_waitq wq = PV_WAITQ_INIT;

static unsigned be16(const uint8_t *p) { return p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)be16(p) << 16 | be16(p + 2); }
static void put16(uint8_t *p, unsigned v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

static uint32_t sum16(uint32_t s, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		s += be16(p + i);
	if (len & 1)
		s += p[len - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

static uint32_t parse_ip(const char *key, const char *dflt)
{
	char v[20];
	unsigned a, b, c, d;

	if (!pv_bootarg(key, v, sizeof(v)))
		strcpy(v, dflt);
	if (sscanf(v, "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
		return 0;
	return a << 24 | b << 16 | c << 8 | d;
}

static unsigned arg(const char *key, unsigned dflt)
{
	char v[16];

	return pv_bootarg(key, v, sizeof(v)) ? (unsigned)strtoul(v, NULL, 0) : dflt;
}

/* Send, waiting for transmit space if the ring is full. */
static int send_frame(const struct pv_iov *iov, unsigned cnt)
{
	int err;

	while ((err = n->ops->send(n, iov, cnt)) == -EAGAIN) {
		send_waits++;
		if (n->ops->poll(n, 64) == 0)
			pv_wait(&wq, pv_now_ns() + 1000000);
	}
	return err;
}

static void eth(uint8_t *f, const uint8_t *dst, unsigned type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, me, 6);
	put16(f + 12, type);
}

static void send_arp(unsigned op, const uint8_t *dst_mac, uint32_t target_ip)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t f[42];
	struct pv_iov iov = { f, sizeof(f) };

	eth(f, op == 1 ? bcast : dst_mac, ETH_ARP);
	put16(f + 14, 1);		/* Ethernet */
	put16(f + 16, ETH_IP);
	f[18] = 6;
	f[19] = 4;
	put16(f + 20, op);
	memcpy(f + 22, me, 6);
	put32(f + 28, my_ip);
	memcpy(f + 32, op == 1 ? (const uint8_t *)"\0\0\0\0\0\0" : dst_mac, 6);
	put32(f + 38, target_ip);
	send_frame(&iov, 1);
}

/* IPv4 header for proto with payload len at f + 14. */
static void ip(uint8_t *f, unsigned proto, size_t len, unsigned id)
{
	uint8_t *h = f + 14;

	eth(f, peer_mac, ETH_IP);
	memset(h, 0, 20);
	h[0] = 0x45;
	put16(h + 2, 20 + len);
	put16(h + 4, id);
	h[8] = 64;
	h[9] = proto;
	put32(h + 12, my_ip);
	put32(h + 16, peer_ip);
	put16(h + 10, (uint16_t)~fold(sum16(0, h, 20)));
}

static void payload_bytes(uint8_t *p, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seed * 7 + i);
}

static size_t ping_len(unsigned seq)
{
	return 56 + (seq * 37) % 1400;	/* up to a frame of 1498 bytes */
}

static void send_ping(unsigned seq)
{
	static uint8_t hdr[14 + 20 + 8], data[1500];
	size_t len = ping_len(seq);
	struct pv_iov iov[2] = { { hdr, sizeof(hdr) }, { data, len } };
	uint8_t *icmp = hdr + 34;
	uint32_t s;

	payload_bytes(data, len, seq);
	ip(hdr, 1, 8 + len, seq);
	memset(icmp, 0, 8);
	icmp[0] = 8;			/* echo request */
	put16(icmp + 4, 0x7076);	/* id "pv" */
	put16(icmp + 6, seq);
	s = sum16(sum16(0, icmp, 8), data, len);
	put16(icmp + 2, (uint16_t)~fold(s));
	send_frame(iov, 2);
}

static void send_udp(unsigned k)
{
	static uint8_t f[14 + 20 + 8 + 64];
	char msg[64];
	int len = snprintf(msg, sizeof(msg), "vnet datagram %u of pvkit", k);
	uint8_t *u = f + 34;
	struct pv_iov iov = { f, 42 + len };

	ip(f, 17, 8 + len, 1000 + k);
	put16(u, udp_port);
	put16(u + 2, udp_port);
	put16(u + 4, 8 + len);
	put16(u + 6, 0);
	memcpy(u + 8, msg, len);
	if (!(n->info.features & PV_NET_F_CSUM_TX)) {
		uint32_t s = sum16(0, f + 26, 8) + 17 + 8 + len;
		uint16_t c = ~fold(sum16(s, u, 8 + len));

		put16(u + 6, c ? c : 0xffff);
	}
	send_frame(&iov, 1);
}

static void rx_ip(const uint8_t *f, size_t len)
{
	const uint8_t *h = f + 14, *l4;
	unsigned ihl = (h[0] & 0xf) * 4, total = be16(h + 2), l4len;

	if (len < 34 || h[0] >> 4 != 4 || ihl < 20 || total < ihl || 14 + total > len ||
	    fold(sum16(0, h, ihl)) != 0xffff || be32(h + 16) != my_ip) {
		bad_frames += be32(h + 16) == my_ip;
		return;
	}
	l4 = h + ihl;
	l4len = total - ihl;
	if (h[9] == 1 && l4len >= 8 && l4[0] == 0 && be16(l4 + 4) == 0x7076) {
		unsigned seq = be16(l4 + 6);
		uint8_t want[1500];

		if (fold(sum16(0, l4, l4len)) != 0xffff || seq >= MAX_SEQ ||
		    l4len - 8 != ping_len(seq)) {
			bad_frames++;
			return;
		}
		payload_bytes(want, l4len - 8, seq);
		if (memcmp(l4 + 8, want, l4len - 8)) {
			bad_frames++;
		} else if (!replied[seq]) {
			replied[seq] = 1;
			nreplies++;
		}
	} else if (h[9] == 17 && l4len >= 8 && be16(l4 + 2) == udp_port) {
		uint32_t s = sum16(0, h + 12, 8) + 17 + l4len;

		if (be16(l4 + 6) == 0 || fold(sum16(s, l4, l4len)) != 0xffff ||
		    l4len < 8 + 6 || memcmp(l4 + 8, "echo: vnet datagram ", 20))
			udp_bad++;
		else
			udp_echoes++;
	}
}

static void rx(struct pv_net *dev, const void *frame, size_t len, void *arg)
{
	const uint8_t *f = frame;

	if (len < 14)
		return;
	if (be16(f + 12) == ETH_IP) {
		rx_ip(f, len);
		return;
	}
	if (be16(f + 12) != ETH_ARP || len < 42 || be16(f + 14) != 1 || be16(f + 16) != ETH_IP)
		return;
	if (be16(f + 20) == 2 && be32(f + 28) == peer_ip && be32(f + 38) == my_ip) {
		memcpy(peer_mac, f + 22, 6);
		peer_known = 1;
	} else if (be16(f + 20) == 1 && be32(f + 38) == my_ip) {
		/* Answered after poll returns, not from inside it. */
		arp_requests_seen++;
		arp_to_answer = 1;
		memcpy(arp_asker_mac, f + 22, 6);
		arp_asker_ip = be32(f + 28);
	}
}

static void on_notify(struct pv_net *dev, void *arg)
{
	pv_wake_all(&wq);
}

/* Poll until cond() or the app gives up; answers ARP requests for our address. */
static int run_until(int (*cond)(void), uint64_t deadline)
{
	while (!cond() && pv_now_ns() < deadline) {
		if (n->ops->poll(n, 64) == 0)
			pv_wait(&wq, pv_now_ns() + 1000000);
		if (arp_to_answer) {
			arp_to_answer = 0;
			send_arp(2, arp_asker_mac, arp_asker_ip);
		}
	}
	return cond();
}

static unsigned ping_target;
static int have_peer(void) { return peer_known; }
static int pings_in(void) { return nreplies >= ping_target; }
static unsigned udp_target;
static int udp_in(void) { return udp_echoes + udp_bad >= udp_target; }

static void bad_sends(void)
{
	static uint8_t big[1515];
	struct pv_iov iov = { big, sizeof(big) };
	int e;

	e = n->ops->send(n, &iov, 0);
	check("einval-empty-frame", e == -EINVAL, "send returned %ld, want %ld", e, -EINVAL);
	e = n->ops->send(n, &iov, 1);
	check("einval-over-mtu", e == -EINVAL, "send returned %ld, want %ld", e, -EINVAL);
	/* mtu + 14 is the largest frame: broadcast with an experimental ethertype that
	 * nobody answers. */
	memset(big, 0xff, 6);
	memcpy(big + 6, me, 6);
	put16(big + 12, 0x88b5);
	iov.len = n->info.mtu + 14;
	e = send_frame(&iov, 1);
	check("largest-frame", e == 0, "send returned %ld%ld", e, 0);
}

int main(void)
{
	unsigned pings = arg("vnet.pings", 300), sent = 0;
	uint64_t deadline;
	int tries = 0;

	n = pv_net_get(0);
	if (!n) {
		printf("vnet: no network device\n");
		return 1;
	}
	memcpy(me, n->info.mac, 6);
	my_ip = parse_ip("vnet.ip", "10.0.2.15");
	peer_ip = parse_ip("vnet.peer", "10.0.2.2");
	udp_port = arg("vnet.udp", 0);
	printf("vnet: name %s\n", n->info.name);
	printf("vnet: mac %02x:%02x:%02x:%02x:%02x:%02x\n", me[0], me[1], me[2], me[3], me[4],
	       me[5]);
	printf("vnet: mtu %u\n", n->info.mtu);
	printf("vnet: csum-tx %d csum-rx %d\n", !!(n->info.features & PV_NET_F_CSUM_TX),
	       !!(n->info.features & PV_NET_F_CSUM_RX));
	n->rx = rx;
	n->notify = on_notify;
	deadline = pv_now_ns() + GIVE_UP_NS;

	/* ARP, resent every 100 ms until answered (the peer may still be starting). */
	while (!peer_known && pv_now_ns() < deadline && tries++ < 300) {
		send_arp(1, NULL, peer_ip);
		run_until(have_peer, pv_now_ns() + 100000000);
	}
	check("arp-reply", peer_known, "no ARP reply after %ld requests%ld", tries, 0);
	if (!peer_known)
		return failures;
	printf("vnet: arp %u.%u.%u.%u is at %02x:%02x:%02x:%02x:%02x:%02x\n", peer_ip >> 24,
	       (peer_ip >> 16) & 0xff, (peer_ip >> 8) & 0xff, peer_ip & 0xff, peer_mac[0],
	       peer_mac[1], peer_mac[2], peer_mac[3], peer_mac[4], peer_mac[5]);

	/* Echo requests, WINDOW outstanding: more frames than either ring holds. */
	if (pings > MAX_SEQ)
		pings = MAX_SEQ;
	while (sent < pings && pv_now_ns() < deadline) {
		while (sent < pings && sent < nreplies + WINDOW)
			send_ping(sent++);
		ping_target = nreplies + 1 < sent ? nreplies + 1 : sent;
		run_until(pings_in, deadline);
	}
	ping_target = pings;
	run_until(pings_in, deadline);
	printf("vnet: ping %u requests, %u replies, %u bad frames\n", pings, nreplies,
	       bad_frames);
	check("ping-replies", nreplies == pings && bad_frames == 0,
	      "%ld replies, %ld bad frames", nreplies, bad_frames);

	if (udp_port) {
		udp_target = arg("vnet.udpn", 50);
		for (unsigned k = 0; k < udp_target; k++)
			send_udp(k);
		run_until(udp_in, deadline);
		printf("vnet: udp %u sent, %u echoed, %u bad\n", udp_target, udp_echoes, udp_bad);
		check("udp-echo", udp_echoes == udp_target && udp_bad == 0,
		      "%ld echoes with good checksums, %ld bad", udp_echoes, udp_bad);
	}
	bad_sends();
	printf("vnet: send found the ring full %u times\n", send_waits);
	printf("vnet: %d failures\n", failures);
	return failures;
}
