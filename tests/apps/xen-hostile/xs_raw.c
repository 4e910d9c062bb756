/*
 * The xenstore ring, written by hand: an oversized request, a malformed one, then a
 * request producer far beyond the ring. The xenbus client's event channel is masked
 * meanwhile so that it does not take the replies meant for these checks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <pvkit/pvkit.h>
#include <xen/hvm.h>
#include <xen/io/xs_wire.h>

#include "env.h"
#include "hostile.h"
#include "xenbus.h"
#include "xenbus_int.h"

static struct xenstore_domain_interface *ring;
static unsigned port;

static void put(const void *data, uint32_t len)
{
	const char *p = data;
	uint64_t until = pv_now_ns() + 2000000000ULL;

	while (len && pv_now_ns() < until) {
		uint32_t prod = ring->req_prod, cons = ring->req_cons;
		uint32_t n = XENSTORE_RING_SIZE - (prod - cons), off = MASK_XENSTORE_IDX(prod);

		if (n > len)
			n = len;
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		memcpy(ring->req + off, p, n);
		__atomic_store_n(&ring->req_prod, prod + n, __ATOMIC_RELEASE);
		p += n;
		len -= n;
		evtchn_notify(port);	/* the hyp consumes it in this call */
	}
}

/* The next reply: its type, and its payload in buf. */
static uint32_t get(char *buf, size_t size)
{
	struct xsd_sockmsg h;
	uint32_t cons = ring->rsp_cons;

	if (ring->rsp_prod - cons < sizeof(h))
		return 0xffffffff;
	for (unsigned i = 0; i < sizeof(h); i++)
		((char *)&h)[i] = ring->rsp[MASK_XENSTORE_IDX(cons + i)];
	for (unsigned i = 0; i < h.len && i < size - 1; i++)
		buf[i] = ring->rsp[MASK_XENSTORE_IDX(cons + sizeof(h) + i)];
	buf[h.len < size ? h.len : size - 1] = '\0';
	__atomic_store_n(&ring->rsp_cons, cons + (uint32_t)sizeof(h) + h.len, __ATOMIC_RELEASE);
	return h.type;
}

static void check_reply(const char *what, const char *want)
{
	char buf[64];
	uint32_t type = get(buf, sizeof(buf));
	int good = type == XS_ERROR && !strcmp(buf, want);

	printf("hostile: %s: got %s %s, want XS_ERROR %s%s\n", what,
	       type == XS_ERROR ? "XS_ERROR" : "type", type == XS_ERROR ? buf : "?", want,
	       good ? "" : " (FAILED)");
	tally(good);
}

void xenstore_attacks(void)
{
	static char junk[5000];
	struct xsd_sockmsg big = { XS_WRITE, 77, 0, sizeof(junk) };
	struct xsd_sockmsg bad = { XS_READ, 78, 0, 5 };
	char buf[16];

	port = (unsigned)xen_hvm_param(HVM_PARAM_STORE_EVTCHN);
	ring = drv_map_memory(xen_hvm_param(HVM_PARAM_STORE_PFN) * 4096, 4096);
	evtchn_mask(port);
	put(&big, sizeof(big));
	check_reply("xenstore request of 5000 bytes", "E2BIG");
	memset(junk, 'j', sizeof(junk));
	put(junk, sizeof(junk));		/* skipped by the hyp */
	put(&bad, sizeof(bad));
	put("domid", 5);			/* no NUL */
	check_reply("xenstore path without NUL", "EINVAL");
	evtchn_unmask(port);
	int n = xenbus_read(0, "domid", buf, sizeof(buf));

	printf("hostile: xenstore after both: %s\n", n > 0 ? "still served" : "broken (FAILED)");
	tally(n > 0);
	n = xenbus_read(0, "/local/domain/1/data/secret", buf, sizeof(buf));
	expect("another domain's private node", n, -EACCES);

	/* A producer 4000 bytes ahead of the consumer, in a 1024-byte ring. */
	evtchn_mask(port);
	ring->req_prod = ring->req_cons + 4000;
	evtchn_notify(port);
	expect("xenstore ring error field after a bogus producer", (long)ring->error,
	       XENSTORE_ERROR_RINGIDX);
}
