/*
 * Request/response rings shared by a frontend and a backend (Xen's io/ring.h), as
 * blkif and netif use them: a page starting with this header, then a power-of-two
 * array of entries, each large enough for a request or a response.
 *
 * The frontend owns req_prod and rsp_event; the backend rsp_prod and req_event.
 * Indices run freely and are masked by the ring size. The *_event fields ask the
 * other side for a notification when its producer passes them (flow control).
 */
#ifndef PVKIT_XEN_IO_RING_H
#define PVKIT_XEN_IO_RING_H

#include <stdint.h>

typedef uint32_t RING_IDX;

struct xen_sring_hdr {
	RING_IDX req_prod, req_event;
	RING_IDX rsp_prod, rsp_event;
	uint8_t pad[48];
};
_Static_assert(sizeof(struct xen_sring_hdr) == 64, "ring header layout");

/* Entries in a one-page ring of `entry_size`-byte entries: the largest power of two
 * that fits after the header. */
static inline unsigned xen_ring_size(unsigned entry_size)
{
	unsigned n = (4096 - (unsigned)sizeof(struct xen_sring_hdr)) / entry_size, p = 1;

	while (p * 2 <= n)
		p *= 2;
	return p;
}

/* After moving its producer from old to new, does the other side want an event? It
 * asked for one by setting its *_event index: yes if that lies in (old, new]. Any
 * value is safe to act on: the worst a lying peer gets is a notification more or
 * less, which only concerns itself. */
static inline int xen_ring_notify(RING_IDX new_prod, RING_IDX old_prod, RING_IDX event)
{
	return (RING_IDX)(new_prod - event) < (RING_IDX)(new_prod - old_prod);
}

#endif
