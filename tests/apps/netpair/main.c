/*
 * netpair: two domains talk TCP and UDP through lwIP across the hyp's switch
 * (tests/boot/xennet.t, dts/hyp/xennet.dts). Static addresses from the bootargs.
 *
 * Bootargs (besides ip=):
 *   netpair.role=server   echo every TCP connection on port 7 and every UDP
 *                         datagram on port 7 back; exit once datagrams "bye"
 *                         came from netpair.byes (default 1, at most 8) senders,
 *                         each logged (a client sends it three times)
 *   netpair.role=client   with netpair.peer=A.B.C.D: netpair.pings (default 200) UDP
 *                         round trips, timed (instructions under -icount shift=0,
 *                         where 1 ns is one instruction), then netpair.bytes
 *                         (default 6000) through a TCP echo in lock step, 4 KiB
 *                         out and back at a time, checked byte for byte,
 *                         then "bye"
 * One line "check: <name>: ok|FAIL <detail>" per check; exit status = failures.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <pvkit/netstack.h>
#include <pvkit/pvkit.h>

#include "../common/check.h"

#define PORT		7
#define GIVE_UP_MS	30000

static unsigned long arg(const char *key, unsigned long dflt)
{
	char v[24];

	return pv_bootarg(key, v, sizeof(v)) ? strtoul(v, NULL, 0) : dflt;
}

static struct sockaddr_in addr_of(uint32_t ip)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(PORT) };

	a.sin_addr.s_addr = ip;
	return a;
}

/* --- server ------------------------------------------------------------------------ */

static volatile int bye;

static void tcp_echo(void *arg)
{
	int s = (int)(long)arg;
	static char buf[4096];
	ssize_t n;

	while ((n = recv(s, buf, sizeof(buf), 0)) > 0)
		for (ssize_t off = 0, w; off < n; off += w)
			if ((w = send(s, buf + off, (size_t)(n - off), 0)) <= 0)
				goto out;
out:
	closesocket(s);
	pv_thread_exit();
}

static void tcp_server(void *arg)
{
	struct sockaddr_in a = addr_of(INADDR_ANY);
	int ls = socket(AF_INET, SOCK_STREAM, 0), s;

	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 4)) {
		check("tcp-listen", 0, "socket/bind/listen failed (errno %ld)%ld", errno, 0);
		return;
	}
	while ((s = accept(ls, NULL, NULL)) >= 0)
		pv_thread_create("echo", tcp_echo, (void *)(long)s, 0);
}

static int server(void)
{
	struct sockaddr_in a = addr_of(INADDR_ANY), from;
	socklen_t fl = sizeof(from);
	int us = socket(AF_INET, SOCK_DGRAM, 0);
	unsigned long echoed = 0, byes = arg("netpair.byes", 1), said = 0;
	uint32_t sayers[8];
	char buf[1500];
	ssize_t n;

	pv_thread_create("tcp", tcp_server, NULL, 0);
	if (us < 0 || bind(us, (struct sockaddr *)&a, sizeof(a))) {
		check("udp-bind", 0, "errno %ld%ld", errno, 0);
		return failures;
	}
	printf("netpair: serving TCP and UDP on port %d\n", PORT);
	while ((n = recvfrom(us, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl)) >= 0) {
		if (n == 3 && !memcmp(buf, "bye", 3)) {
			unsigned long i = 0;

			while (i < said && sayers[i] != from.sin_addr.s_addr)
				i++;
			if (i == said && said < 8) {
				sayers[said++] = from.sin_addr.s_addr;
				printf("netpair: bye from %s\n", inet_ntoa(from.sin_addr));
			}
			if (said >= byes)
				break;
			fl = sizeof(from);
			continue;
		}
		sendto(us, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
		echoed++;
		fl = sizeof(from);
	}
	printf("netpair: %lu datagrams echoed, bye\n", echoed);
	check("server", 1, "%ld%ld", 0, 0);
	return failures;
}

/* --- client ------------------------------------------------------------------------ */

static void pings(int us, unsigned count)
{
	struct timeval tv = { .tv_sec = 2 };
	unsigned ok = 0, tries = 0;
	uint64_t t0 = 0;
	char out[64], in[64];

	setsockopt(us, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	/* The first few also wait for the server to come up (and ARP); only what
	 * follows the first answer is timed. */
	for (unsigned i = 0; ok <= count && tries < count + 50; tries++) {
		int n = snprintf(out, sizeof(out), "ping %u", i);

		if (send(us, out, (size_t)n, 0) != n)
			continue;
		if (recv(us, in, sizeof(in), 0) != n || memcmp(in, out, (size_t)n))
			continue;
		if (ok++ == 0)
			t0 = pv_now_ns();
		i++;
	}
	uint64_t dt = pv_now_ns() - t0;

	check("udp-pingpong", ok == count + 1, "%ld of %ld round trips", (long)ok - 1, count);
	if (ok > 1)
		printf("netpair: %u udp round trips, %llu ns each (instructions under "
		       "icount)\n", ok - 1, (unsigned long long)(dt / (ok - 1)));
}

/* Lock step, a chunk out and the same chunk back, from one thread. */
static void bulk(uint32_t peer, unsigned long bytes)
{
	struct sockaddr_in a = addr_of(peer);
	static unsigned char out[4096], in[4096];
	unsigned long sent = 0, got = 0, bad = 0;
	int s = -1;

	for (int i = 0; i < 50 && s < 0; i++) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s >= 0 && connect(s, (struct sockaddr *)&a, sizeof(a))) {
			closesocket(s);
			s = -1;
			pv_sleep_ms(200);
		}
	}
	check("tcp-connect", s >= 0, "no connection to the peer (errno %ld)%ld", errno, 0);
	if (s < 0)
		return;
	while (got < bytes) {
		size_t len = bytes - sent < sizeof(out) ? bytes - sent : sizeof(out);

		for (size_t i = 0; i < len; i++)
			out[i] = (unsigned char)((sent + i) * 7 + ((sent + i) >> 12));
		if (send(s, out, len, 0) != (ssize_t)len)
			break;
		sent += len;
		while (got < sent) {
			ssize_t n = recv(s, in, sizeof(in), 0);

			if (n <= 0)
				goto out;
			for (ssize_t i = 0; i < n; i++, got++)
				bad += in[i] != (unsigned char)(got * 7 + (got >> 12));
		}
	}
out:
	closesocket(s);
	check("tcp-echo", got == bytes && !bad, "%ld bytes back, %ld wrong", (long)got, (long)bad);
	printf("netpair: tcp %lu bytes there and back\n", got);
}

static int client(void)
{
	char v[20];
	struct in_addr peer;
	struct sockaddr_in a;
	int us;

	if (!pv_bootarg("netpair.peer", v, sizeof(v)) || !inet_aton(v, &peer)) {
		check("peer", 0, "netpair.peer=A.B.C.D missing%ld%ld", 0, 0);
		return failures;
	}
	a = addr_of(peer.s_addr);
	us = socket(AF_INET, SOCK_DGRAM, 0);
	if (us < 0 || connect(us, (struct sockaddr *)&a, sizeof(a))) {
		check("udp-socket", 0, "errno %ld%ld", errno, 0);
		return failures;
	}
	pings(us, (unsigned)arg("netpair.pings", 200));
	bulk(peer.s_addr, arg("netpair.bytes", 6000));
	for (int i = 0; i < 3; i++)
		send(us, "bye", 3, 0);
	return failures;
}

int main(void)
{
	char role[16] = "";
	int err = pv_netstack_start(GIVE_UP_MS, NULL);

	if (err) {
		check("netstack", 0, "pv_netstack_start: %ld%ld", err, 0);
		return failures;
	}
	pv_bootarg("netpair.role", role, sizeof(role));
	if (!strcmp(role, "server"))
		server();
	else if (!strcmp(role, "client"))
		client();
	else
		check("role", 0, "netpair.role=server|client%ld%ld", 0, 0);
	printf("netpair: %d failed\n", failures);
	return failures;
}
