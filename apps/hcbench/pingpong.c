/*
 * domain_switch: two hcbench domains on one physical CPU ping-pong an interdomain
 * event channel. Bootargs `pingpong=pong peer=<domid>` on one domain: it offers an
 * unbound port to the peer in xenstore (data/bench/port, readable by the peer, then
 * data/bench/state = Connected, as tests/apps/xen-pv does) and answers every event
 * with one back from its handler, until the peer writes its data/bench/done.
 * `pingpong=ping peer=<domid>` on the other: it finds the port, binds to it, and
 * times send-to-answer round trips. Both wait in WFI, so with one physical CPU each
 * round trip is two domain switches through the hypervisor's scheduler.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>
#include <xen/event_channel.h>

#include "env.h"
#include "hcbench.h"
#include "xenbus.h"

#define DIR		"data/bench"
#define WAIT_NS		30000000000ULL

static unsigned port;
static volatile uint64_t events;

static void on_pong(unsigned p, void *arg)
{
	events++;
}

static void on_ping(unsigned p, void *arg)
{
	events++;
	evtchn_notify(p);
}

static volatile int peer_done;
static struct pv_timer recheck;

static void on_recheck(struct pv_timer *t, void *arg)
{
	peer_done = 1;
}

static void on_done(struct xenbus_watch *w, const char *path)
{
	peer_done = 1;
}

int pingpong_serve(unsigned peer)
{
	char perms[24], path[64], buf[8];
	int err, me = xenbus_domid();
	struct xenbus_watch released = { .path = "@releaseDomain", .fn = on_done };

	if (me < 0) {
		printf("bench: pingpong n/a no xenstore (%d)\n", me);
		return 1;
	}
	snprintf(perms, sizeof(perms), "n%d r%u", me, peer);
	err = evtchn_alloc_unbound(peer, &port) ?: evtchn_bind(port, on_ping, NULL) ?:
	      xenbus_mkdir(0, DIR) ?: xenbus_set_perms(0, DIR, perms) ?:
	      xenbus_printf(0, DIR "/port", "%u", port) ?:
	      xenbus_switch_state(DIR, XenbusStateConnected);
	if (err) {
		printf("bench: pingpong n/a offering a port to d%u failed (%d)\n", peer, err);
		return 1;
	}
	snprintf(path, sizeof(path), "/local/domain/%u/" DIR "/done", peer);
	struct xenbus_watch w = { .path = path, .fn = on_done };

	if ((err = xenbus_watch_add(&w))) {
		printf("bench: pingpong n/a watch on %s failed (%d)\n", path, err);
		return 1;
	}
	pv_timer_init(&recheck, on_recheck, NULL);
	printf("bench: pingpong serving port %u to d%u\n", port, peer);
	fflush(stdout);
	/* The watches fire once when added; done is there only once the peer wrote it.
	 * The peer may also power off before we look (on one pCPU it runs on until it
	 * blocks), and its xenstore tree goes with it: @releaseDomain wakes us then, and
	 * our port is unbound again. A 1 s timer looks again in case no watch event
	 * comes (1 s is 10^9 instructions under -icount: more than a whole run). */
	if ((err = xenbus_watch_add(&released))) {
		printf("bench: pingpong n/a watch on @releaseDomain failed (%d)\n", err);
		return 1;
	}
	for (;;) {
		peer_done = 0;
		pv_timer_arm(&recheck, pv_now_ns() + 1000000000ULL);
		WAIT_UNTIL(peer_done);
		pv_timer_cancel(&recheck);
		if (xenbus_read(0, path, buf, sizeof(buf)) > 0 ||
		    evtchn_state(port) != EVTCHNSTAT_interdomain)
			break;
	}
	printf("bench: pingpong answered %lu events\n", (unsigned long)events);
	return 0;
}

const char *pingpong_prepare(const struct bench_env *env, uint64_t *ctx)
{
	static char msg[96];
	char role[8], peer_s[8], dir[48], path[64], buf[16];
	unsigned peer, rport;
	int s, n, err;
	const char *why;

	if (!bench_arg("pingpong", role, sizeof(role)) || strcmp(role, "ping") ||
	    !bench_arg("peer", peer_s, sizeof(peer_s)))
		return "needs two domains ping-ponging an event channel: bench/suites/hcbench.sh "
		       "boots two (pingpong=ping|pong peer=N)";
	if ((why = need_xen(env)))
		return why;
	peer = (unsigned)atoi(peer_s);
	snprintf(dir, sizeof(dir), "/local/domain/%u/" DIR, peer);
	s = xenbus_wait_state(dir, 1u << XenbusStateConnected, WAIT_NS);
	snprintf(path, sizeof(path), "%s/port", dir);
	if (s < 0 || (n = xenbus_read(0, path, buf, sizeof(buf))) <= 0) {
		snprintf(msg, sizeof(msg), "no port from d%u in xenstore (%d)", peer, s);
		return msg;
	}
	rport = (unsigned)strtoul(buf, NULL, 10);
	if ((err = evtchn_bind_interdomain(peer, rport, &port)) ||
	    (err = evtchn_bind(port, on_pong, NULL)))
		return xen_failed(msg, sizeof(msg), "binding to the peer's port", err);
	/* Binding may leave one event pending: let it land before the rounds start. */
	for (int i = 0; i < 2; i++) {
		uint64_t want = events + 1;

		evtchn_notify(port);
		WAIT_UNTIL(events >= want);
	}
	return NULL;
}

void pingpong_run(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = events + 1;

		evtchn_notify(port);
		WAIT_UNTIL(events >= want);
	}
}

/* The ping side after its rounds: tell the peer it can stop. */
void pingpong_finish(void)
{
	char role[8], peer[8], perms[24];

	if (bench_arg("pingpong", role, sizeof(role)) && !strcmp(role, "ping") && port &&
	    bench_arg("peer", peer, sizeof(peer))) {
		snprintf(perms, sizeof(perms), "n%d r%s", xenbus_domid(), peer);
		if (xenbus_mkdir(0, DIR) || xenbus_set_perms(0, DIR, perms) ||
		    xenbus_write(0, DIR "/done", "1"))
			printf("bench: pingpong could not tell the peer it is done\n");
	}
}
