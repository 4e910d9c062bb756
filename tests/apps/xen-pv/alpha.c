/*
 * alpha: offers an event channel and a writable page to its peer. It publishes them
 * under data/shared (readable by the peer), keeps data/secret private, answers every
 * event with one back, and when the peer says it is done (a watch on the peer's
 * data/shared/done) checks what the peer wrote into the page.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <pvkit/pvkit.h>

#include "env.h"
#include "xenpv.h"

static unsigned port;
static volatile unsigned events;

static void on_event(unsigned p, void *arg)
{
	events++;
	evtchn_notify(p);		/* the pong */
}

int run_alpha(unsigned peer)
{
	uint8_t *page = drv_alloc_pages(1);
	char perms[16], path[64], buf[32];
	int ref, err;

	for (unsigned i = 0; i < 4096; i++)
		page[i] = pattern('a', i);
	ref = gnttab_grant(peer, drv_virt_to_phys(page) / 4096, 0);
	err = evtchn_alloc_unbound(peer, &port) ?: evtchn_bind(port, on_event, NULL);
	check(ref > 0 && !err, "offer", "port %u, grant %d to d%u", port, ref, peer);

	snprintf(perms, sizeof(perms), "n%d r%u", xenbus_domid(), peer);
	err = xenbus_write(0, "data/secret", "alpha only") ?: xenbus_mkdir(0, SHARED) ?:
	      xenbus_set_perms(0, SHARED, perms) ?:
	      xenbus_printf(0, SHARED "/port", "%u", port) ?:
	      xenbus_printf(0, SHARED "/ref", "%d", ref) ?:
	      xenbus_switch_state(SHARED, XenbusStateConnected);
	check(!err, "publish", "%s/port, ref, state = Connected (perms %s)", SHARED, perms);

	/* The peer pings ROUNDS times, then copies, then writes its done key. */
	snprintf(path, sizeof(path), "/local/domain/%u/%s/done", peer, SHARED);
	struct xenbus_watch w = { .path = path };
	uint64_t until = pv_now_ns() + WAIT_NS;

	err = xenbus_watch_add(&w);
	while (!err && xenbus_read(0, path, buf, sizeof(buf)) < 0 && pv_now_ns() < until) {
		unsigned seen = w.fired;

		while (w.fired == seen && pv_now_ns() < until)
			pv_sleep_ms(1);
	}
	xenbus_watch_remove(&w);
	check(events == ROUNDS, "events", "%u of %u from d%u, each answered", events, ROUNDS,
	      peer);

	unsigned good = 0;

	for (unsigned i = 0; i < 2048; i++)
		good += page[i] == pattern('a', i) && page[2048 + i] == pattern('b', i);
	check(good == 2048, "granted page", "%u of 2048 bytes of mine intact and 2048 of d%u's "
	      "written", good, peer);
	err = gnttab_end((unsigned)ref);
	check(!err, "revoke", "grant %d ended (%d)", ref, err);
	return 0;
}
