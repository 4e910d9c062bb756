/*
 * The netif rings, written by hand against netback (hyp/xen/netback.c): the vif
 * handshake of netfront_xs.c done here, then transmit requests that lie about their
 * grants, offsets and sizes, each of which must be answered NETIF_RSP_ERROR on every
 * slot; receive buffers with bogus grants, which the frames sent to this domain must
 * meet without harm (answered NETIF_RSP_ERROR, the frame dropped and counted); a frame
 * with a forged source address, which the switch drops; valid ARP exchanges with the
 * peer at 192.168.7.1 (tests/apps/netpair's server) in between, to show the vif still
 * works both ways, and a UDP "bye" to the peer (its netpair.byes counts it: the pair
 * does not end without it); last, a request producer far beyond the ring, after
 * which netback no longer serves it.
 *
 * With hostile.netif=chain instead: one valid frame, then a NETTXF_more_data chain
 * longer than XEN_NETIF_NR_SLOTS_MIN, which netback documents as fatal to the ring.
 *
 * The image links DRIVERS=xenbus-core, the xenbus set without netfront: netfront
 * would take device/vif/0 at probe time, before main().
 */
#include <stdio.h>
#include <string.h>

#include <pvkit/time.h>
#include <xen/io/netif.h>

#include "env.h"
#include "hostile.h"
#include "xenbus.h"
#include "xenbus_int.h"

#define DIR		"device/vif/0"
#define WAIT_NS		2000000000ULL
#define PEER_NS		10000000000ULL		/* the peer's lwIP may still be starting */
#define TX_MASK		(NETIF_TX_RING_SIZE - 1)
#define RX_MASK		(NETIF_RX_RING_SIZE - 1)
#define NO_RSP		99			/* no response came */
#define BAD_ID		98			/* a response with another request's id */

static const uint8_t peer_ip[4] = { 192, 168, 7, 1 };
static const uint8_t my_ip[4] = { 192, 168, 7, 3 };	/* on the peer's subnet */
static const uint8_t forged_ip[4] = { 192, 168, 7, 4 };	/* only in the forged frame */

static struct netif_tx_sring *txs;
static struct netif_rx_sring *rxs;
static unsigned port;
static RING_IDX tx_prod, rx_prod, rx_cons;
static uint16_t next_id = 100;
static uint8_t mac[6], peer_mac[6];

/* "aa:bb:cc:dd:ee:ff" */
static int parse_mac(const char *s)
{
	unsigned b[6];

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

/* netfront_xs.c's handshake, in short. 0, or -1 with the step that failed printed. */
static int handshake(void)
{
	char be[96], buf[24];
	int tx_ref, rx_ref, s;

#define STEP(ok, what) do { if (!(ok)) { printf("hostile: vif handshake: %s failed\n", \
					     what); return -1; } } while (0)
	STEP(xenbus_read(0, DIR "/backend", be, sizeof(be)) > 0, "reading backend");
	STEP(xenbus_wait_state(be, 1u << XenbusStateInitWait, WAIT_NS) >= 0,
	     "waiting for InitWait");
	STEP(xenbus_read(0, DIR "/mac", buf, sizeof(buf)) > 0 && !parse_mac(buf), "reading mac");
	/* SHARED_RING_INIT: indices 0, events wanted at the first entry. */
	txs = drv_alloc_pages(1);
	rxs = drv_alloc_pages(1);
	memset(txs, 0, 4096);
	memset(rxs, 0, 4096);
	txs->hdr.req_event = txs->hdr.rsp_event = 1;
	rxs->hdr.req_event = rxs->hdr.rsp_event = 1;
	tx_ref = gnttab_grant(0, drv_virt_to_phys(txs) / 4096, 0);
	rx_ref = gnttab_grant(0, drv_virt_to_phys(rxs) / 4096, 0);
	STEP(tx_ref >= 0 && rx_ref >= 0 && !evtchn_alloc_unbound(0, &port), "granting the rings");
	/* The port is never bound (it stays masked): responses are polled. */
	STEP(!xenbus_printf(0, DIR "/tx-ring-ref", "%d", tx_ref) &&
	     !xenbus_printf(0, DIR "/rx-ring-ref", "%d", rx_ref) &&
	     !xenbus_printf(0, DIR "/event-channel", "%u", port) &&
	     !xenbus_write(0, DIR "/request-rx-copy", "1") &&
	     !xenbus_write(0, DIR "/feature-no-csum-offload", "1") &&
	     !xenbus_switch_state(DIR, XenbusStateConnected), "publishing the rings");
	s = xenbus_wait_state(be, 1u << XenbusStateConnected | 1u << XenbusStateClosing,
			      WAIT_NS);
	STEP(s == XenbusStateConnected, "waiting for Connected");
#undef STEP
	printf("hostile: vif connected: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1],
	       mac[2], mac[3], mac[4], mac[5]);
	return 0;
}

/* Put n requests on the transmit ring (ids filled in), notify, and wait for their
 * responses: the first slot's status, NO_RSP if they did not all come, BAD_ID if one
 * does not echo its request's id, or the first status that differs from slot 0's. */
static int transmit(struct netif_tx_request *r, unsigned n, uint64_t wait_ns)
{
	uint64_t until = pv_now_ns() + wait_ns;
	RING_IDX first = tx_prod;
	int st;

	for (unsigned i = 0; i < n; i++) {
		r[i].id = next_id++;
		txs->ring[tx_prod++ & TX_MASK].req = r[i];
	}
	__atomic_store_n(&txs->hdr.req_prod, tx_prod, __ATOMIC_RELEASE);
	evtchn_notify(port);
	while (__atomic_load_n(&txs->hdr.rsp_prod, __ATOMIC_ACQUIRE) != tx_prod)
		if (pv_now_ns() >= until)
			return NO_RSP;
		else
			hyp_yield();
	st = txs->ring[first & TX_MASK].rsp.status;
	for (unsigned i = 0; i < n; i++) {
		struct netif_tx_response rsp = txs->ring[(first + i) & TX_MASK].rsp;

		if (rsp.id != r[i].id)
			return BAD_ID;
		if (rsp.status != st)
			return rsp.status;
	}
	return st;
}

static void expect_tx(const char *what, struct netif_tx_request *r, unsigned n, int want)
{
	char line[112];

	snprintf(line, sizeof(line), "netif tx %s", what);
	expect(line, transmit(r, n, WAIT_NS), want);
}

/* An ARP request for the peer's address, at page offset off: its length. The
 * Ethernet source is src; the ARP sender is this vif's MAC and sender_ip, where the
 * peer's lwIP sends its reply. */
static unsigned arp_request(uint8_t *page, unsigned off, const uint8_t *src,
			    const uint8_t *sender_ip)
{
	static const uint8_t head[] = { 0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, 1 };
	uint8_t *f = page + off;

	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, src, 6);
	memcpy(f + 12, head, sizeof(head));
	memcpy(f + 22, mac, 6);
	memcpy(f + 28, sender_ip, 4);
	memcpy(f + 38, peer_ip, 4);
	return 60;		/* padded to Ethernet's minimum */
}

static void post_rx(int gref)
{
	rxs->ring[rx_prod & RX_MASK].req = (struct netif_rx_request){ .id = (uint16_t)rx_prod,
								      .gref = (grant_ref_t)gref };
	rx_prod++;
	__atomic_store_n(&rxs->hdr.req_prod, rx_prod, __ATOMIC_RELEASE);
}

/* The next receive response, if one came: 1 with it in *rsp, else 0. */
static int rx_next(struct netif_rx_response *rsp)
{
	if (__atomic_load_n(&rxs->hdr.rsp_prod, __ATOMIC_ACQUIRE) == rx_cons)
		return 0;
	*rsp = rxs->ring[rx_cons & RX_MASK].rsp;
	return rx_cons++, 1;
}

/* Is the frame at p (len bytes) the peer's ARP reply to ip at this vif? */
static int arp_reply_to(const uint8_t *p, int len, const uint8_t *ip)
{
	return len >= 42 && !memcmp(p, mac, 6) && p[12] == 0x08 && p[13] == 0x06 &&
	       p[20] == 0 && p[21] == 2 && !memcmp(p + 28, peer_ip, 4) &&
	       !memcmp(p + 38, ip, 4);
}

/* Ask the peer for its address from sender_ip (Ethernet source src), every 100 ms
 * if again, else once, until wait_ns, with the receive page rxp (granted as rx_ref)
 * posted: 1 once its reply to sender_ip came, 0 if it did not. *tx_bad counts
 * transmits not answered NETIF_RSP_OKAY. */
static int arp_exchange(uint8_t *txp, int tx_ref, uint8_t *rxp, int rx_ref, const uint8_t *src,
			const uint8_t *sender_ip, int again, uint64_t wait_ns, unsigned *tx_bad)
{
	uint64_t until = pv_now_ns() + wait_ns, next = 0;
	struct netif_rx_response rsp;

	post_rx(rx_ref);
	while (pv_now_ns() < until) {
		if (pv_now_ns() >= next) {
			struct netif_tx_request r = { .gref = (grant_ref_t)tx_ref, .offset = 0 };

			r.size = (uint16_t)arp_request(txp, 0, src, sender_ip);
			*tx_bad += transmit(&r, 1, WAIT_NS) != NETIF_RSP_OKAY;
			next = again ? pv_now_ns() + 100000000ULL : until;
		}
		if (!rx_next(&rsp)) {
			hyp_yield();
			continue;
		}
		int got = rsp.status > 0 && arp_reply_to(rxp + rsp.offset, rsp.status, sender_ip);

		post_rx(rx_ref);		/* the page again, for the next frame */
		if (got) {
			memcpy(peer_mac, rxp + rsp.offset + 6, 6);
			return 1;
		}
	}
	return 0;
}

/* A UDP datagram "bye" from my_ip to the peer's port 7, at the start of page: its
 * length. No UDP checksum (0: none, allowed over IPv4). */
static unsigned udp_bye(uint8_t *page)
{
	static const uint8_t ip[] = { 0x45, 0, 0, 31, 0, 0, 0x40, 0, 64, 17, 0, 0 };
	uint8_t *f = page;
	uint32_t sum = 0;

	memset(f, 0, 60);
	memcpy(f, peer_mac, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x08;
	memcpy(f + 14, ip, sizeof(ip));
	memcpy(f + 26, my_ip, 4);
	memcpy(f + 30, peer_ip, 4);
	for (unsigned i = 14; i < 34; i += 2)
		sum += (uint32_t)f[i] << 8 | f[i + 1];
	sum = (sum & 0xffff) + (sum >> 16);
	sum = ~((sum & 0xffff) + (sum >> 16)) & 0xffff;
	f[24] = (uint8_t)(sum >> 8);
	f[25] = (uint8_t)sum;
	f[35] = f[37] = 7;		/* ports 7 -> 7 */
	f[39] = 11;			/* UDP length: header + "bye" */
	memcpy(f + 42, "bye", 3);
	return 60;
}

/* Last: a producer 1000 requests ahead, then an honest request that must go
 * unanswered. */
static void break_ring(int ref)
{
	struct netif_tx_request r = { .gref = (grant_ref_t)ref, .size = 60, .id = next_id++ };
	RING_IDX answered = __atomic_load_n(&txs->hdr.rsp_prod, __ATOMIC_ACQUIRE);
	uint64_t until;

	txs->ring[tx_prod & TX_MASK].req = r;
	__atomic_store_n(&txs->hdr.req_prod, tx_prod + 1000, __ATOMIC_RELEASE);
	evtchn_notify(port);		/* netback reads the producer in this call */
	__atomic_store_n(&txs->hdr.req_prod, tx_prod + 1, __ATOMIC_RELEASE);
	evtchn_notify(port);
	until = pv_now_ns() + 200000000ULL;
	while (pv_now_ns() < until)
		hyp_yield();
	int served = __atomic_load_n(&txs->hdr.rsp_prod, __ATOMIC_ACQUIRE) != answered;

	printf("hostile: netif tx ring after a producer 1000 requests ahead: %s\n",
	       served ? "still served (FAILED)" : "no longer served");
	tally(!served);
}

/* hostile.netif=chain: one good frame, then 19 fragments chained by more_data. */
static void long_chain(uint8_t *txp, int ref)
{
	struct netif_tx_request r[XEN_NETIF_NR_SLOTS_MIN + 1];
	unsigned len = arp_request(txp, 0, mac, my_ip), n = XEN_NETIF_NR_SLOTS_MIN + 1;
	RING_IDX answered;

	r[0] = (struct netif_tx_request){ .gref = (grant_ref_t)ref, .size = (uint16_t)len };
	expect_tx("valid frame before the chain", r, 1, NETIF_RSP_OKAY);
	for (unsigned i = 0; i < n; i++)
		r[i] = (struct netif_tx_request){ .gref = (grant_ref_t)ref, .offset = (uint16_t)i,
						  .flags = NETTXF_more_data, .size = 1 };
	r[0].size = (uint16_t)(n + 40);
	answered = __atomic_load_n(&txs->hdr.rsp_prod, __ATOMIC_ACQUIRE);
	int st = transmit(r, n, 200000000ULL);
	int served = st != NO_RSP ||
		     __atomic_load_n(&txs->hdr.rsp_prod, __ATOMIC_ACQUIRE) != answered;

	printf("hostile: netif tx ring after a more_data chain of %u slots: %s\n", n,
	       served ? "still served (FAILED)" : "no longer served");
	tally(!served);
}

void netif_attacks(int chain)
{
	uint8_t *txp = drv_alloc_pages(1), *rxp = drv_alloc_pages(1), *other = drv_alloc_pages(1);
	uint64_t gfn = drv_virt_to_phys(txp) / 4096, ogfn = drv_virt_to_phys(other) / 4096;
	int tx_ref, rx_ref, foreign, revoked, me = xenbus_domid();
	struct netif_tx_request r[4];
	unsigned len, tx_bad = 0;

	if (handshake()) {
		tally(0);
		return;
	}
	tx_ref = gnttab_grant(0, gfn, 1);
	rx_ref = gnttab_grant(0, drv_virt_to_phys(rxp) / 4096, 0);
	if (chain) {
		long_chain(txp, tx_ref);
		return;
	}
	foreign = gnttab_grant(me == 1 ? 2 : 1, ogfn, 0);
	revoked = gnttab_grant(0, ogfn, 0);
	gnttab_end((unsigned)revoked);
	len = arp_request(txp, 0, mac, my_ip);
	memcpy(other, txp, len);		/* a good frame behind every bad grant */
	struct netif_tx_request good = { .gref = (grant_ref_t)tx_ref, .size = (uint16_t)len };

	/* 1. Grants. The first is the validator's (netback logs it); the others are
	 * refused by the grant copy. */
#define TX1(what, field, value, want) do { r[0] = good; r[0].field = value; \
	expect_tx(what, r, 1, want); } while (0)
	TX1("grant ref 99999 (beyond the table)", gref, 99999, NETIF_RSP_ERROR);
	TX1("grant ref 5 (never granted)", gref, 5, NETIF_RSP_ERROR);
	TX1("a revoked grant", gref, (grant_ref_t)revoked, NETIF_RSP_ERROR);
	TX1("a grant made to another domain", gref, (grant_ref_t)foreign, NETIF_RSP_ERROR);

	/* 2. Offsets and sizes. */
	r[0] = good;
	r[0].offset = 4000;
	r[0].size = 200;
	expect_tx("offset 4000 + size 200 (beyond the page)", r, 1, NETIF_RSP_ERROR);
	r[0] = good;
	r[0].offset = 4095;
	r[0].size = 14;
	expect_tx("offset 4095 + size 14", r, 1, NETIF_RSP_ERROR);
	TX1("size 0", size, 0, NETIF_RSP_ERROR);
	TX1("size 13 (shorter than an Ethernet header)", size, 13, NETIF_RSP_ERROR);
	TX1("size 1515 (longer than 1514)", size, 1515, NETIF_RSP_ERROR);
	TX1("size 65535", size, 65535, NETIF_RSP_ERROR);
	/* Two fragments: the second beyond its page; then a first size below the rest. */
	r[0] = good;
	r[0].flags = NETTXF_more_data;
	r[1] = (struct netif_tx_request){ .gref = (grant_ref_t)tx_ref, .offset = 4090, .size = 20 };
	r[0].size = (uint16_t)(len + 20);
	expect_tx("second fragment at offset 4090 + size 20", r, 2, NETIF_RSP_ERROR);
	r[1].offset = 0;
	r[0].size = 10;
	expect_tx("first size 10 below the second fragment's 20", r, 2, NETIF_RSP_ERROR);
	r[0] = good;
	r[0].flags = NETTXF_more_data;
	r[1] = (struct netif_tx_request){ .gref = 99999, .offset = 0, .size = 20 };
	r[0].size = (uint16_t)(len + 20);
	expect_tx("second fragment from grant ref 99999", r, 2, NETIF_RSP_ERROR);
#undef TX1

	/* A valid frame after them goes through: the peer answers it. */
	int ok = arp_exchange(txp, tx_ref, rxp, rx_ref, mac, my_ip, 1, PEER_NS, &tx_bad);

	printf("hostile: netif valid ARP request after them: %s\n",
	       ok ? "the peer replied" : "no reply (FAILED)");
	tally(ok);
	/* So does one of 18 fragments, the most a frame may have. */
	struct netif_tx_request m[XEN_NETIF_NR_SLOTS_MIN];

	len = arp_request(txp, 0, mac, my_ip);
	for (unsigned i = 0; i < XEN_NETIF_NR_SLOTS_MIN; i++)
		m[i] = (struct netif_tx_request){ .gref = (grant_ref_t)tx_ref, .size = 2,
						  .offset = (uint16_t)(len - 2 * (18 - i)),
						  .flags = NETTXF_more_data };
	m[0].offset = 0;
	m[0].size = (uint16_t)len;
	m[XEN_NETIF_NR_SLOTS_MIN - 1].flags = 0;
	expect_tx("valid frame in 18 fragments", m, XEN_NETIF_NR_SLOTS_MIN, NETIF_RSP_OKAY);

	/* 3. Receive buffers with bad grants: whatever comes next meets them. */
	int bad_rx[] = { 99999, 5, foreign, revoked };
	unsigned nbad = sizeof(bad_rx) / sizeof(bad_rx[0]), errors = 0, seen = 0;
	struct netif_rx_response rsp;
	uint64_t until = pv_now_ns() + PEER_NS, next = 0;

	while (rx_next(&rsp))
		post_rx(rx_ref);		/* frames since: the page goes back */
	RING_IDX first_bad = rx_prod;

	for (unsigned i = 0; i < nbad; i++)
		post_rx(bad_rx[i]);
	while (seen < nbad && pv_now_ns() < until) {
		if (pv_now_ns() >= next) {
			r[0] = good;
			len = arp_request(txp, 0, mac, my_ip);
			tx_bad += transmit(r, 1, WAIT_NS) != NETIF_RSP_OKAY;
			next = pv_now_ns() + 50000000ULL;
		}
		for (RING_IDX at = rx_cons; seen < nbad && rx_next(&rsp); at = rx_cons) {
			if (at < first_bad)
				continue;	/* the good page posted before them */
			errors += rsp.status == NETIF_RSP_ERROR && rsp.id == (uint16_t)(first_bad + seen);
			seen++;
		}
		hyp_yield();
	}
	printf("hostile: netif rx buffers with bad grants: %u of %u answered NETIF_RSP_ERROR%s\n",
	       errors, nbad, errors == nbad ? "" : " (FAILED)");
	tally(errors == nbad);
	ok = arp_exchange(txp, tx_ref, rxp, rx_ref, mac, my_ip, 1, WAIT_NS, &tx_bad);
	printf("hostile: netif valid receive after them: %s\n",
	       ok ? "the peer's reply came" : "no reply (FAILED)");
	tally(ok);

	/* 4. A forged source, once (the hyp counts it): the switch drops it, so the peer
	 * never answers. */
	static const uint8_t forged[6] = { 0x02, 0xde, 0xad, 0xbe, 0xef, 0x01 };

	ok = arp_exchange(txp, tx_ref, rxp, rx_ref, forged, forged_ip, 0, 500000000ULL, &tx_bad);
	printf("hostile: netif ARP request from a forged source: %s\n",
	       ok ? "the peer replied (FAILED)" : "no reply");
	tally(!ok);
	printf("hostile: netif valid transmits not answered NETIF_RSP_OKAY: %u%s\n", tx_bad,
	       tx_bad ? " (FAILED)" : "");
	tally(!tx_bad);

	/* A valid UDP datagram: the peer logs it ("netpair: bye from 192.168.7.3"). */
	r[0] = good;
	r[0].size = (uint16_t)udp_bye(txp);
	expect_tx("valid UDP datagram \"bye\" to the peer", r, 1, NETIF_RSP_OKAY);

	/* 5. */
	break_ring(tx_ref);
}
