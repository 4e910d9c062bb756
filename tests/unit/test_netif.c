/* netback's transmit-request validator (hyp/xen/netif_check.c) and the L2 switch
 * (hyp/xen/vswitch.c): frames a frontend may and may not put on its ring, and where
 * the switch sends what. */
#include <string.h>

#include "netif_check.h"
#include "tap.h"
#include "vswitch.h"

static union netif_tx_slot s[XEN_NETIF_NR_SLOTS_MIN + 4];

static void req(unsigned i, unsigned gref, unsigned off, unsigned size, unsigned flags)
{
	s[i].req = (struct netif_tx_request){ .gref = gref, .offset = (uint16_t)off,
					      .flags = (uint16_t)flags, .id = (uint16_t)i,
					      .size = (uint16_t)size };
}

static void validator(void)
{
	struct netif_tx_frame f;

	is_int(netif_tx_check(s, 0, 64, &f), NETIF_TX_WAIT, "nothing published: wait");
	req(0, 5, 0, 60, 0);
	is_int(netif_tx_check(s, 1, 64, &f), NETIF_TX_OK, "one fragment of 60 bytes: ok");
	ok(f.slots == 1 && f.frags == 1 && f.len == 60 && f.size[0] == 60, "its extent");
	req(0, 5, 100, 1514, NETTXF_more_data);
	req(1, 6, 0, 514, 0);
	is_int(netif_tx_check(s, 2, 64, &f), NETIF_TX_OK, "two fragments: ok");
	ok(f.slots == 2 && f.size[0] == 1000 && f.size[1] == 514 && f.len == 1514,
	   "first fragment is the total minus the rest");
	is_int(netif_tx_check(s, 1, 64, &f), NETIF_TX_WAIT, "second fragment unpublished: wait");
	req(0, 5, 3600, 1514, NETTXF_more_data);
	is_int(netif_tx_check(s, 2, 64, &f), NETIF_TX_BAD, "offset + size > 4096: bad");
	is_int(f.slots, 2, "a bad frame still says how many slots it takes");
	req(0, 5, 0, 1515, 0);
	is_int(netif_tx_check(s, 1, 64, &f), NETIF_TX_BAD, "1515 bytes: bad");
	req(0, 5, 0, 13, 0);
	is_int(netif_tx_check(s, 1, 64, &f), NETIF_TX_BAD, "13 bytes: bad");
	req(0, 5, 0, 100, NETTXF_more_data);
	req(1, 6, 0, 200, 0);
	is_int(netif_tx_check(s, 2, 64, &f), NETIF_TX_BAD, "fragments larger than the total: bad");
	req(0, 64, 0, 100, 0);
	is_int(netif_tx_check(s, 1, 64, &f), NETIF_TX_BAD, "grant beyond the table: bad");
	for (unsigned i = 0; i < XEN_NETIF_NR_SLOTS_MIN + 4; i++)
		req(i, 1, 0, 10, NETTXF_more_data);
	s[0].req.size = 1000;
	is_int(netif_tx_check(s, XEN_NETIF_NR_SLOTS_MIN - 1, 64, &f), NETIF_TX_WAIT,
	       "17 slots, more to come: wait");
	is_int(netif_tx_check(s, XEN_NETIF_NR_SLOTS_MIN, 64, &f), NETIF_TX_FATAL,
	       "18 slots and more to come: fatal");
	is_int(netif_tx_check(s, XEN_NETIF_NR_SLOTS_MIN + 4, 64, &f), NETIF_TX_FATAL,
	       "more slots offered than a frame may take: still fatal");
	s[XEN_NETIF_NR_SLOTS_MIN - 1].req.flags = 0;
	is_int(netif_tx_check(s, XEN_NETIF_NR_SLOTS_MIN, 64, &f), NETIF_TX_OK,
	       "exactly 18 slots: ok");
	req(0, 5, 0, 60, NETTXF_extra_info);
	s[1].extra = (struct netif_extra_info){ .type = 1, .flags = XEN_NETIF_EXTRA_FLAG_MORE };
	s[2].extra = (struct netif_extra_info){ .type = 1, .flags = 0 };
	is_int(netif_tx_check(s, 3, 64, &f), NETIF_TX_BAD, "extra-info slots: refused");
	is_int(f.slots, 3, "with the extra slots counted");
	is_int(netif_tx_check(s, 2, 64, &f), NETIF_TX_WAIT, "extra chain unfinished: wait");
}

static int got[4];
static int full[4];

static int deliver(void *arg, const void *frame, size_t len)
{
	int p = (int)(long)arg;

	if (full[p])
		return -1;
	got[p]++;
	return 0;
}

static void frame(uint8_t *f, const uint8_t *dst, const uint8_t *src)
{
	memset(f, 0, 60);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
}

static void switch_tests(void)
{
	static const uint8_t a[6] = { 2, 0, 0, 0, 0, 1 }, b[6] = { 2, 0, 0, 0, 0, 2 },
			     x[6] = { 0x52, 0x55, 10, 0, 2, 2 }, bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t f[60];
	struct vsw_stats st;
	int pa = vswitch_attach(a, deliver, (void *)0L), pb = vswitch_attach(b, deliver, (void *)1L),
	    up = vswitch_attach(NULL, deliver, (void *)2L);

	ok(pa >= 0 && pb >= 0 && up >= 0, "two vifs and an uplink attached");
	is_int(vswitch_attach(NULL, deliver, (void *)3L), -1, "a second uplink is refused");
	frame(f, b, a);
	vswitch_input(pa, f, 60);
	ok(got[1] == 1 && got[0] == 0 && got[2] == 0, "unicast a -> b reaches b only");
	frame(f, bc, a);
	vswitch_input(pa, f, 60);
	ok(got[1] == 2 && got[2] == 1 && got[0] == 0, "broadcast floods all but the sender");
	frame(f, x, a);
	vswitch_input(pa, f, 60);
	ok(got[1] == 3 && got[2] == 2, "unknown unicast floods");
	frame(f, a, x);
	vswitch_input(up, f, 60);
	is_int(got[0], 1, "from the uplink to a");
	frame(f, x, b);
	vswitch_input(pb, f, 60);
	ok(got[2] == 3 && got[0] == 1, "learned address behind the uplink: no flood");
	frame(f, b, b);
	vswitch_input(pa, f, 60);
	vswitch_stats(pa, &st);
	ok(st.spoofed == 1 && got[1] == 3, "a vif sending from another's address: dropped");
	full[1] = 1;
	frame(f, b, a);
	vswitch_input(pa, f, 60);
	vswitch_stats(pb, &st);
	is_int((int)st.dropped, 1, "a receiver without buffers: dropped and counted");
	full[1] = 0;
	vswitch_detach(pb);
	frame(f, b, a);
	vswitch_input(pa, f, 60);
	is_int(got[1], 3, "a detached port gets nothing");
}

int main(void)
{
	validator();
	switch_tests();
	return done_testing();
}
