/*
 * Checks of what a netfront puts on its transmit ring (include/xen/io/netif.h), as
 * one pure function over requests already copied out of the shared page: netback
 * calls it on every frame, tests/unit/test_netif.c and tests/fuzz/fuzz_netif.c call
 * it with anything at all. Portable.
 *
 * A frame is its first request, the extra-info slots NETTXF_extra_info announces
 * (chained by XEN_NETIF_EXTRA_FLAG_MORE), then one request per further fragment
 * while NETTXF_more_data says so. At most XEN_NETIF_NR_SLOTS_MIN slots in all: a
 * frame that does not end within them cannot be told from a ring of garbage, so the
 * ring stops being served (Xen's netback treats it as fatal too).
 */
#ifndef XEN_NETIF_CHECK_H
#define XEN_NETIF_CHECK_H

#include <xen/io/netif.h>

enum netif_tx_verdict {
	NETIF_TX_OK,		/* copy the fragments; answer NETIF_RSP_OKAY */
	NETIF_TX_BAD,		/* answer every slot NETIF_RSP_ERROR, forward nothing */
	NETIF_TX_WAIT,		/* the frame's last request is not published yet */
	NETIF_TX_FATAL,		/* the frame has no end: stop serving the ring */
};

struct netif_tx_frame {
	unsigned slots;		/* slots taken (OK, BAD): requests and extra-info */
	unsigned frags;		/* fragment requests (OK) */
	unsigned len;		/* the frame's bytes (OK) */
	uint8_t slot[XEN_NETIF_NR_SLOTS_MIN];	/* where each fragment's request is */
	uint16_t size[XEN_NETIF_NR_SLOTS_MIN];	/* and its bytes */
	const char *why;	/* BAD, FATAL: what was wrong */
};

/* s[0..avail) are the published slots from the consumer on, copied out of the ring;
 * a caller copies min(published, XEN_NETIF_NR_SLOTS_MIN) of them. nr_grefs bounds
 * the grant references (the granter's table size; the copy checks each again). */
enum netif_tx_verdict netif_tx_check(const union netif_tx_slot *s, unsigned avail,
				     unsigned nr_grefs, struct netif_tx_frame *f);

#endif
