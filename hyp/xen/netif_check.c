/* The transmit-request validator (netif_check.h). */
#include "netif_check.h"

#include <stddef.h>

/* Slot i is needed: is it there, will it come, or is the frame too long? */
static enum netif_tx_verdict need(unsigned i, unsigned avail, struct netif_tx_frame *f)
{
	if (i < avail)
		return NETIF_TX_OK;
	if (i < XEN_NETIF_NR_SLOTS_MIN)
		return NETIF_TX_WAIT;
	f->why = "a frame continues beyond XEN_NETIF_NR_SLOTS_MIN (18) slots";
	return NETIF_TX_FATAL;
}

static enum netif_tx_verdict bad(struct netif_tx_frame *f, const char *why)
{
	f->why = why;
	return NETIF_TX_BAD;
}

enum netif_tx_verdict netif_tx_check(const union netif_tx_slot *s, unsigned avail,
				     unsigned nr_grefs, struct netif_tx_frame *f)
{
	struct netif_tx_request first;
	enum netif_tx_verdict v;
	unsigned i = 1, rest = 0;
	int extras = 0;

	f->slots = f->frags = f->len = 0;
	f->why = NULL;
	if (avail > XEN_NETIF_NR_SLOTS_MIN)
		avail = XEN_NETIF_NR_SLOTS_MIN;	/* no frame is longer */
	if (avail == 0)
		return NETIF_TX_WAIT;
	first = s[0].req;
	if (first.flags & NETTXF_extra_info) {
		/* Walked only to find the frame's end: no feature offered needs them. */
		extras = 1;
		for (;;) {
			if ((v = need(i, avail, f)) != NETIF_TX_OK)
				return v;
			if (!(s[i++].extra.flags & XEN_NETIF_EXTRA_FLAG_MORE))
				break;
		}
	}
	f->slot[0] = 0;
	f->frags = 1;
	for (uint16_t flags = first.flags; flags & NETTXF_more_data; f->frags++) {
		if ((v = need(i, avail, f)) != NETIF_TX_OK)
			return v;
		/* f->frags < NR_SLOTS_MIN here: i >= f->frags and need() bounded i. */
		f->slot[f->frags] = (uint8_t)i;
		f->size[f->frags] = s[i].req.size;
		rest += s[i].req.size;
		flags = s[i++].req.flags;
	}
	f->slots = i;
	if (extras)
		return bad(f, "extra-info slots (no feature that needs them was offered)");
	/* The first request's size is the frame's; its own fragment is what remains. */
	if (first.size < rest)
		return bad(f, "the first request's size is smaller than the other fragments");
	f->size[0] = (uint16_t)(first.size - rest);
	if (first.size < NETIF_FRAME_MIN || first.size > NETIF_FRAME_MAX)
		return bad(f, "frame size outside 14..1514 bytes");
	for (unsigned k = 0; k < f->frags; k++) {
		const struct netif_tx_request *r = &s[f->slot[k]].req;

		if (r->offset + f->size[k] > 4096)
			return bad(f, "a fragment's offset + size is beyond its page (4096)");
		if (r->gref >= nr_grefs)
			return bad(f, "a grant reference beyond the granter's table");
	}
	f->len = first.size;
	return NETIF_TX_OK;
}
