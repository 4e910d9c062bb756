/*
 * beta: finds alpha's offer in xenstore once alpha's state is Connected, is refused
 * alpha's private node, binds to alpha's port and ping-pongs, copies alpha's page
 * in and half of its own page out with GNTTABOP_copy, then says it is done.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/hypercall.h>
#include <pvkit/pvkit.h>
#include <xen/grant_table.h>

#include "env.h"
#include "xenpv.h"

static volatile unsigned pongs;

static void on_event(unsigned p, void *arg)
{
	pongs++;
}

static int read_uint(unsigned peer, const char *key, unsigned *v)
{
	char path[64], buf[16];
	int n;

	snprintf(path, sizeof(path), "/local/domain/%u/%s/%s", peer, SHARED, key);
	if ((n = xenbus_read(0, path, buf, sizeof(buf))) <= 0)
		return n < 0 ? n : -EINVAL;
	*v = (unsigned)strtoul(buf, NULL, 10);
	return 0;
}

static int16_t copy(struct gnttab_copy *op)
{
	long r = pv_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (unsigned long)op, 1,
			      0, 0);

	return r ? (int16_t)r : op->status;
}

int run_beta(unsigned peer)
{
	char dir[48], path[64], buf[32];
	unsigned rport = 0, ref = 0, port = 0;
	int n, err, s;

	snprintf(dir, sizeof(dir), "/local/domain/%u/%s", peer, SHARED);
	s = xenbus_wait_state(dir, 1u << XenbusStateConnected, WAIT_NS);
	err = s < 0 ? s : read_uint(peer, "port", &rport) ?: read_uint(peer, "ref", &ref);
	check(!err, "found the offer", "state %d, port %u, grant %u", s, rport, ref);
	if (err)
		return 1;

	/* Xen's permission model: a domain's tree is its own, except what it shares. */
	snprintf(path, sizeof(path), "/local/domain/%u/data/secret", peer);
	n = xenbus_read(0, path, buf, sizeof(buf));
	check(n == -EACCES, "peer's private node", "%s", n == -EACCES ? "EACCES" : "readable!");
	snprintf(path, sizeof(path), "/local/domain/%u/data/intruder", peer);
	n = xenbus_write(0, path, "x");
	check(n == -EACCES, "write into the peer's tree", "%s", n == -EACCES ? "EACCES" : "allowed!");
	snprintf(path, sizeof(path), "/local/domain/%u/data", peer);
	n = xenbus_directory(0, path, buf, sizeof(buf));
	check(n == -EACCES, "list the peer's tree", "%s", n == -EACCES ? "EACCES" : "allowed!");

	/* Binding marks our port pending once (a send before it could have been lost):
	 * round trips count from there. */
	err = evtchn_bind_interdomain(peer, rport, &port) ?: evtchn_bind(port, on_event, NULL);
	unsigned base = pongs;

	for (unsigned i = 0; !err && i < ROUNDS; i++) {
		uint64_t until = pv_now_ns() + 1000000000ULL;

		if ((err = evtchn_notify(port)))
			break;
		while (pongs < base + i + 1 && pv_now_ns() < until)
			;
	}
	check(!err && pongs - base == ROUNDS, "interdomain", "%u of %u round trips with d%u",
	      pongs - base, ROUNDS, peer);

	/* In: all of alpha's page. Out: the second half of ours over the second half of
	 * alpha's (a writable grant). */
	uint8_t *mine = drv_alloc_pages(1), *theirs = drv_alloc_pages(1);
	struct gnttab_copy in = {
		.source = { .u.ref = ref, .domid = (domid_t)peer },
		.dest = { .u.gmfn = drv_virt_to_phys(theirs) / 4096, .domid = DOMID_SELF },
		.len = 4096, .flags = GNTCOPY_source_gref,
	};
	unsigned good = 0;
	int16_t st = copy(&in);

	for (unsigned i = 0; i < 4096; i++)
		good += theirs[i] == pattern('a', i);
	check(st == GNTST_okay && good == 4096, "grant copy in", "status %d, %u of 4096 bytes",
	      st, good);
	for (unsigned i = 0; i < 4096; i++)
		mine[i] = pattern('b', i - 2048);
	struct gnttab_copy out = {
		.source = { .u.gmfn = drv_virt_to_phys(mine) / 4096, .domid = DOMID_SELF,
			    .offset = 2048 },
		.dest = { .u.ref = ref, .domid = (domid_t)peer, .offset = 2048 },
		.len = 2048, .flags = GNTCOPY_dest_gref,
	};
	st = copy(&out);
	check(st == GNTST_okay, "grant copy out", "status %d", st);

	/* Done: alpha watches for this. */
	snprintf(buf, sizeof(buf), "n%d r%u", xenbus_domid(), peer);
	err = xenbus_mkdir(0, SHARED) ?: xenbus_set_perms(0, SHARED, buf) ?:
	      xenbus_write(0, SHARED "/done", "1");
	check(!err, "done", "written (%d)", err);
	evtchn_close(port);
	return 0;
}
