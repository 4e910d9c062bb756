/*
 * netfront's xenstore half: find the domain's vifs (device/vif/<id>) and connect
 * each to its backend as Xen's netif handshake says (include/xen/io/netif.h):
 * read mac, backend and backend-id; grant the rings, allocate an event channel for
 * the backend; write tx-ring-ref, rx-ring-ref, event-channel, request-rx-copy,
 * feature-rx-notify and feature-no-csum-offload in one transaction; go Connected
 * and wait for the backend to be. Done at probe time: the handshake waits on
 * xenstore (drivers/xenbus/xenbus.h, "Contexts").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "fmt.h"
#include "netfront.h"
#include "xenbus_int.h"

#define CONNECT_NS	(5ull * 1000000000)	/* a backend slower than this is absent */

static int read_uint(const char *dir, const char *key, unsigned *out)
{
	char path[128], val[16], *end;
	unsigned long v;
	int n;

	fmt_snprintf(path, sizeof(path), "%s/%s", dir, key);
	if ((n = xenbus_read(0, path, val, sizeof(val))) < 0)
		return n;
	v = strtoul(val, &end, 10);
	if (!n || *end || v > 0xffff)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

/* "aa:bb:cc:dd:ee:ff", the toolstack's format. */
static int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		char *end;
		unsigned long b = strtoul(s, &end, 16);

		if (end != s + 2 || b > 0xff || (i < 5 ? *end != ':' : *end != '\0'))
			return -EINVAL;
		mac[i] = (uint8_t)b;
		s = end + 1;
	}
	return 0;
}

static int write_keys(struct netfront *nf)
{
	static const char *const flags[] = { "request-rx-copy", "feature-rx-notify",
					      "feature-no-csum-offload" };
	char path[128];
	unsigned tx;
	int err;

	do {
		if ((err = xenbus_transaction_start(&tx)))
			return err;
		fmt_snprintf(path, sizeof(path), "%s/tx-ring-ref", nf->dir);
		err = xenbus_printf(tx, path, "%d", nf->tx_ring_ref);
		fmt_snprintf(path, sizeof(path), "%s/rx-ring-ref", nf->dir);
		err = err ?: xenbus_printf(tx, path, "%d", nf->rx_ring_ref);
		fmt_snprintf(path, sizeof(path), "%s/event-channel", nf->dir);
		err = err ?: xenbus_printf(tx, path, "%u", nf->port);
		for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
			fmt_snprintf(path, sizeof(path), "%s/%s", nf->dir, flags[i]);
			err = err ?: xenbus_write(tx, path, "1");
		}
		if (err) {
			xenbus_transaction_end(tx, 1);
			return err;
		}
		err = xenbus_transaction_end(tx, 0);
	} while (err == -EAGAIN);
	return err;
}

static int attach(unsigned id)
{
	struct netfront *nf = drv_alloc_pages(1);
	char path[128], val[24];
	int err, s;

	_Static_assert(sizeof(struct netfront) <= DRV_PAGE_SIZE, "struct netfront fits its page");
	if (!nf)
		return -ENOMEM;
	nf->id = id;
	fmt_snprintf(nf->dir, sizeof(nf->dir), "device/vif/%u", id);
	fmt_snprintf(nf->name, sizeof(nf->name), "vif%u", id);
	fmt_snprintf(path, sizeof(path), "%s/backend", nf->dir);
	if ((err = xenbus_read(0, path, nf->backend, sizeof(nf->backend))) < 0 ||
	    (err = read_uint(nf->dir, "backend-id", &nf->backend_id))) {
		drv_log(0, "%s: %s/backend or backend-id unreadable (%d)", nf->name, nf->dir, err);
		return err;
	}
	fmt_snprintf(path, sizeof(path), "%s/mac", nf->dir);
	if (xenbus_read(0, path, val, sizeof(val)) < 0 || parse_mac(val, nf->net.info.mac)) {
		drv_log(0, "%s: %s/mac is missing or not aa:bb:cc:dd:ee:ff", nf->name, nf->dir);
		return -EINVAL;
	}
	if ((err = netfront_rings_init(nf)) ||
	    (err = evtchn_alloc_unbound(nf->backend_id, &nf->port)) ||
	    (err = evtchn_bind(nf->port, netfront_event, nf)) || (err = write_keys(nf)) ||
	    (err = xenbus_switch_state(nf->dir, XenbusStateConnected))) {
		drv_log(0, "%s: setting up the rings failed (%d)", nf->name, err);
		return err;
	}
	s = xenbus_wait_state(nf->backend, 1u << XenbusStateConnected |
			      1u << XenbusStateClosing | 1u << XenbusStateClosed, CONNECT_NS);
	if (s != XenbusStateConnected) {
		fmt_snprintf(path, sizeof(path), "%s/error", nf->backend);
		if (xenbus_read(0, path, val, sizeof(val)) < 0)
			strcpy(val, "-");
		drv_log(0, "%s: backend %s is in state %d, not Connected (error: %s)", nf->name,
			nf->backend, s, val);
		evtchn_unbind(nf->port);
		xenbus_switch_state(nf->dir, XenbusStateClosed);
		return -EIO;
	}
	netfront_start(nf);
	pv_net_register(&nf->net);
	return 0;
}

static int probe(const struct dt *dt, int node)
{
	char ids[128];
	int n, err, found = 0;

	if ((err = xenbus_init(dt, node)))
		return err;
	if ((n = xenbus_directory(0, "device/vif", ids, sizeof(ids))) <= 0)
		return -ENODEV;			/* no network device for this domain */
	for (int i = 0; i < n; i += (int)strlen(ids + i) + 1) {
		char *end;
		unsigned long id = strtoul(ids + i, &end, 10);

		if (*end || end == ids + i || id > 0xffff)
			continue;		/* not a device id: not ours */
		if (!attach((unsigned)id))
			found++;
	}
	return found ? 0 : -ENODEV;
}

PV_DRIVER(netfront_driver) = {
	.name = "xen-netfront",
	.compatible = "xen,xen",
	.probe = probe,
};
