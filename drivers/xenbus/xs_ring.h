/* The xenstore transport (xs_ring.c) for the operations in xs.c. */
#ifndef DRIVERS_XENBUS_XS_RING_H
#define DRIVERS_XENBUS_XS_RING_H

#include <stdint.h>

#include "xenbus_int.h"

#define XS_WATCHES	32

/* One request: header, payload a then b. On success *out is the reply's payload
 * (NUL-terminated, valid until the next request), *out_len its length. Errors:
 * -ENODEV (no xenstore), -EBUSY (a request is under way), -ETIMEDOUT, -EIO, or the
 * errno xenstore answered. */
int xs_request(uint32_t type, uint32_t tx, const void *a, uint32_t alen, const void *b,
	       uint32_t blen, char **out, uint32_t *out_len);
/* Take in what the reply ring holds (also done by the event-channel handler). */
void xs_drain(void);
/* Give a watch a slot (its token "wNN"), or take it back. */
int xs_watch_slot(struct xenbus_watch *w, int add);

#endif
