/*
 * A domain's xenstore ring page (include/xen/io/xs_wire.h) joined to its xenstore
 * connection: replies and events out, requests in. Portable (fuzzed with hostile
 * indices in tests/fuzz/fuzz_xenring.c); the hyp's glue (xs_ring.c) adds locking and
 * event channels.
 */
#ifndef XEN_XS_RINGIO_H
#define XEN_XS_RINGIO_H

#include <xen/io/xs_wire.h>

#include "ring.h"
#include "xs.h"

struct xs_ring {
	struct xenstore_domain_interface *intf;
	struct bring req, rsp;
	uint32_t error;		/* XENSTORE_ERROR_*: once set, the ring is not served */
};

/* Start serving a fresh ring page (indices 0, feature and error fields set). */
void xs_ring_attach(struct xs_ring *r, struct xenstore_domain_interface *intf);
/* Move replies out and requests in until neither moves. Returns 1 if either moved
 * (the guest should be notified), 0 if not. A guest index out of range sets r->error
 * (and the page's error field) and stops the ring for good. */
int xs_ring_pass(struct xs_ring *r, struct xs_conn *c);

#endif
