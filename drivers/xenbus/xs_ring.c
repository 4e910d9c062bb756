/*
 * The xenstore transport: requests into the ring page HVM_PARAM_STORE_PFN names,
 * replies and watch events out of it. One request is outstanding at a time; its
 * caller spins (yielding the vCPU) until the reply is in. Whoever drains the reply
 * ring -- the waiting caller, or the event-channel handler -- hands watch events to
 * their watches and the awaited reply to the caller.
 */
#include <errno.h>
#include <string.h>

#include <xen/io/xs_wire.h>

#include "fmt.h"
#include "xs_ring.h"

#define TIMEOUT_NS	5000000000ULL	/* a reply this late: xenstore is gone */

static struct xenstore_domain_interface *ring;
static unsigned port;
static uint32_t next_req = 1;

/* What the draining side assembles: one message. */
static struct {
	struct xsd_sockmsg h;
	uint32_t got;			/* header + payload bytes so far */
	char payload[XENSTORE_PAYLOAD_MAX + 1];
} in;

/* The awaited reply. */
static volatile uint32_t want_id;
static volatile int reply_ready;
static uint32_t reply_type, reply_len;
static char reply[XENSTORE_PAYLOAD_MAX + 1];

static int draining, drain_again;
static int ring_broken;
static struct xenbus_watch *watches[XS_WATCHES];

static void message(void)
{
	in.payload[in.h.len] = '\0';
	if (in.h.type == XS_WATCH_EVENT) {
		const char *path = in.payload, *token = path + strlen(path) + 1;
		unsigned slot;

		if ((size_t)(token - in.payload) >= in.h.len || token[0] != 'w')
			return;
		slot = (unsigned)(token[1] - '0') * 10 + (unsigned)(token[2] - '0');
		if (slot < XS_WATCHES && watches[slot]) {
			struct xenbus_watch *w = watches[slot];

			w->fired++;
			if (w->fn)
				w->fn(w, path);
		}
		return;
	}
	if (in.h.req_id == want_id && !reply_ready) {
		reply_type = in.h.type;
		reply_len = in.h.len;
		memcpy(reply, in.payload, in.h.len + 1);
		__atomic_store_n(&reply_ready, 1, __ATOMIC_RELEASE);
	}
}

/* Everything in the reply ring, a message at a time. Returns 1 if bytes moved. */
static int drain_once(void)
{
	uint32_t cons = ring->rsp_cons;
	uint32_t prod = __atomic_load_n(&ring->rsp_prod, __ATOMIC_ACQUIRE);
	int moved = 0;

	if (prod - cons > XENSTORE_RING_SIZE) {
		ring_broken = 1;		/* the other side lost its way */
		return 0;
	}
	while (cons != prod) {
		uint32_t want = in.got < sizeof(in.h) ? (uint32_t)sizeof(in.h) - in.got :
			       (uint32_t)sizeof(in.h) + in.h.len - in.got;
		uint32_t n = prod - cons, off = MASK_XENSTORE_IDX(cons);

		if (n > want)
			n = want;
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		if (in.got < sizeof(in.h))
			memcpy((char *)&in.h + in.got, ring->rsp + off, n);
		else
			memcpy(in.payload + in.got - sizeof(in.h), ring->rsp + off, n);
		in.got += n;
		cons += n;
		moved = 1;
		if (in.got == sizeof(in.h) && in.h.len > XENSTORE_PAYLOAD_MAX) {
			ring_broken = 1;
			break;
		}
		if (in.got == sizeof(in.h) + in.h.len) {
			message();
			in.got = 0;
		}
	}
	__atomic_store_n(&ring->rsp_cons, cons, __ATOMIC_RELEASE);
	return moved;
}

void xs_drain(void)
{
	int moved = 0;

	if (!ring)
		return;
	/* The handler may interrupt a waiting caller that is draining: it leaves the work
	 * to the caller, which looks again. */
	if (__atomic_exchange_n(&draining, 1, __ATOMIC_ACQUIRE)) {
		drain_again = 1;
		return;
	}
	do {
		drain_again = 0;
		moved |= drain_once();
	} while (drain_again);
	__atomic_store_n(&draining, 0, __ATOMIC_RELEASE);
	if (moved)
		evtchn_notify(port);	/* room in the reply ring */
}

static void event(unsigned p, void *arg)
{
	xs_drain();
}

int xs_init(void)
{
	uint64_t pfn = xen_hvm_param(HVM_PARAM_STORE_PFN);
	unsigned evtchn = (unsigned)xen_hvm_param(HVM_PARAM_STORE_EVTCHN);

	if (!pfn || !evtchn)
		return -ENODEV;
	ring = drv_map_memory(pfn * XEN_PAGE_SIZE, XEN_PAGE_SIZE);
	if (!ring)
		return -ENOMEM;
	port = evtchn;
	return evtchn_bind(port, event, NULL);
}

int xs_watch_slot(struct xenbus_watch *w, int add)
{
	for (unsigned i = 0; i < XS_WATCHES; i++) {
		if (add ? !watches[i] : watches[i] == w) {
			watches[i] = add ? w : NULL;
			w->slot = i;
			return 0;
		}
	}
	return -ENOSPC;
}

/* Put bytes into the request ring, waiting for room. */
static int put(const void *data, uint32_t len, uint64_t deadline)
{
	const char *p = data;

	while (len) {
		uint32_t prod = ring->req_prod;
		uint32_t cons = __atomic_load_n(&ring->req_cons, __ATOMIC_ACQUIRE);
		uint32_t off = MASK_XENSTORE_IDX(prod), n;

		if (prod - cons > XENSTORE_RING_SIZE)
			return -EIO;
		n = XENSTORE_RING_SIZE - (prod - cons);
		if (n > len)
			n = len;
		if (n > XENSTORE_RING_SIZE - off)
			n = XENSTORE_RING_SIZE - off;
		if (n == 0) {
			evtchn_notify(port);
			xs_drain();
			if (drv_now_ns() > deadline)
				return -ETIMEDOUT;
			hyp_yield();
			continue;
		}
		memcpy(ring->req + off, p, n);
		__atomic_store_n(&ring->req_prod, prod + n, __ATOMIC_RELEASE);
		p += n;
		len -= n;
	}
	return 0;
}

static const char *const xs_errors[] = {
	"EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM", "ENOSPC", "EIO",
	"ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY", "EAGAIN", "EISCONN", "E2BIG", "EPERM",
};
static const int xs_errnos[] = {
	EINVAL, EACCES, EEXIST, EISDIR, ENOENT, ENOMEM, ENOSPC, EIO,
	ENOTEMPTY, ENOSYS, EROFS, EBUSY, EAGAIN, EISCONN, E2BIG, EPERM,
};

int xs_request(uint32_t type, uint32_t tx, const void *a, uint32_t alen, const void *b,
	       uint32_t blen, char **out, uint32_t *out_len)
{
	static int busy;
	uint64_t deadline = drv_now_ns() + TIMEOUT_NS;
	struct xsd_sockmsg h = { type, 0, tx, alen + blen };
	int err;

	if (!ring)
		return -ENODEV;
	if (ring_broken)
		return -EIO;
	if (h.len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;
	if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE))
		return -EBUSY;		/* from a watch callback: not allowed */
	h.req_id = next_req++;
	reply_ready = 0;
	want_id = h.req_id;
	err = put(&h, sizeof(h), deadline);
	if (!err && alen)
		err = put(a, alen, deadline);
	if (!err && blen)
		err = put(b, blen, deadline);
	if (!err)
		evtchn_notify(port);
	while (!err && !__atomic_load_n(&reply_ready, __ATOMIC_ACQUIRE)) {
		xs_drain();
		if (reply_ready)
			break;
		if (ring_broken || drv_now_ns() > deadline)
			err = ring_broken ? -EIO : -ETIMEDOUT;
		else
			hyp_yield();
	}
	want_id = 0;
	if (!err && reply_type == XS_ERROR) {
		err = -EIO;
		for (unsigned i = 0; i < sizeof(xs_errors) / sizeof(xs_errors[0]); i++)
			if (!strcmp(reply, xs_errors[i]))
				err = -xs_errnos[i];
	} else if (!err && reply_type != type) {
		err = -EIO;
	}
	if (!err) {
		*out = reply;
		*out_len = reply_len;
	}
	__atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
	return err;
}
