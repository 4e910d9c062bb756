/* Shuttling between a xenstore ring page and a connection. */
#include "xs_ringio.h"

#include <string.h>

void xs_ring_attach(struct xs_ring *r, struct xenstore_domain_interface *intf)
{
	memset(intf, 0, sizeof(*intf));
	intf->server_features = XENSTORE_SERVER_FEATURE_ERROR;
	r->intf = intf;
	r->error = XENSTORE_ERROR_NONE;
	r->req = (struct bring){ intf->req, XENSTORE_RING_SIZE, &intf->req_prod,
				 &intf->req_cons, 0 };
	r->rsp = (struct bring){ intf->rsp, XENSTORE_RING_SIZE, &intf->rsp_cons,
				 &intf->rsp_prod, 0 };
}

static int broken(struct xs_ring *r)
{
	r->error = XENSTORE_ERROR_RINGIDX;
	__atomic_store_n(&r->intf->error, r->error, __ATOMIC_RELEASE);
	return 1;			/* tell the guest: it may be waiting */
}

int xs_ring_pass(struct xs_ring *r, struct xs_conn *c)
{
	char buf[XENSTORE_RING_SIZE];
	int moved = 0, progress;

	if (r->error)
		return 0;
	do {
		/* Both guest indices are checked on every pass, whether or not this pass
		 * needs them: a lie is caught when it is told, not later. */
		uint32_t unused;

		if (ring_used(*r->req.peer_idx, r->req.own, XENSTORE_RING_SIZE, &unused) ||
		    ring_used(r->rsp.own, *r->rsp.peer_idx, XENSTORE_RING_SIZE, &unused))
			return broken(r);
		progress = 0;
		/* Replies first: they make room for the requests that wait on them. */
		uint32_t n = (uint32_t)xs_conn_peek(c, buf, sizeof(buf));
		int k = n ? bring_write(&r->rsp, buf, n) : 0;

		if (k < 0)
			return broken(r);
		if (k > 0) {
			xs_conn_drop(c, (size_t)k);
			progress = 1;
		}
		k = bring_peek(&r->req, buf, sizeof(buf));
		if (k < 0)
			return broken(r);
		if (k > 0) {
			size_t used = xs_conn_feed(c, buf, (size_t)k);

			if (used) {
				bring_advance(&r->req, (uint32_t)used);
				progress = 1;
			}
		}
		moved |= progress;
	} while (progress);
	return moved;
}
