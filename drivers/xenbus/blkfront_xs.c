/*
 * blkfront's xenstore handshake (Xen's io/blkif.h, io/xenbus.h). A PV_DRIVER on the
 * /hypervisor node: every device/vbd/<id> this domain has is set up at probe time
 * (threads are cooperative, so waiting later would hold up the callers' CPU anyway):
 *
 *   backend InitWait -> read sectors, info, sector-size, feature-flush-cache
 *   -> pages granted (blkfront.c), port allocated for the backend's domain
 *   -> ring-ref, event-channel, protocol written; frontend Initialised
 *   -> backend Connected -> frontend Connected, pv_blk registered.
 *
 * A backend that does not answer in HANDSHAKE_NS, or offers something we cannot use,
 * leaves the frontend Closed with the reason logged; other devices carry on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xen/io/blkif.h>

#include "blkfront.h"
#include "driver.h"
#include "env.h"
#include "fmt.h"
#include "xenbus.h"

#define HANDSHAKE_NS	5000000000ULL
#define MAX_VBDS	4

static char names[MAX_VBDS][8];
static unsigned nvbds;

/* A decimal value below 2^63 of dir/key; -1 if missing or not a number. */
static int64_t read_num(const char *dir, const char *key)
{
	char path[128], buf[24], *end;
	unsigned long long v;

	fmt_snprintf(path, sizeof(path), "%s/%s", dir, key);
	if (xenbus_read(0, path, buf, sizeof(buf)) <= 0 || buf[0] < '0' || buf[0] > '9')
		return -1;
	v = strtoull(buf, &end, 10);
	return *end || v > (1ULL << 62) ? -1 : (int64_t)v;
}

static int fail(const char *dir, const char *what, int err)
{
	drv_log(0, "blkfront: %s: %s (error %d)", dir, what, err);
	xenbus_switch_state(dir, XenbusStateClosed);
	return err;
}

static int attach(const char *id)
{
	char dir[64], be[96], path[128], mode[4] = "";
	struct blkfront_params p = { 0 };
	struct blkfront *f;
	unsigned ring_ref, port;
	int64_t backend_id, sectors, info, ssize;
	int s, err;

	fmt_snprintf(dir, sizeof(dir), "device/vbd/%s", id);
	fmt_snprintf(path, sizeof(path), "%s/backend", dir);
	if (xenbus_read(0, path, be, sizeof(be)) <= 0 ||
	    (backend_id = read_num(dir, "backend-id")) < 0 || backend_id > 0x7fef)
		return fail(dir, "no backend or backend-id", -ENODEV);
	s = xenbus_wait_state(be, 1u << XenbusStateInitWait | 1u << XenbusStateConnected,
			      HANDSHAKE_NS);
	if (s < 0)
		return fail(dir, "backend never reached InitWait", s);
	sectors = read_num(be, "sectors");
	info = read_num(be, "info");
	ssize = read_num(be, "sector-size");
	if (sectors <= 0 || info < 0 || (ssize >= 0 && ssize != BLKIF_SECTOR_SIZE))
		return fail(dir, "backend sectors/info/sector-size: expected numbers and 512-byte "
			    "sectors", -EINVAL);
	fmt_snprintf(path, sizeof(path), "%s/mode", be);
	xenbus_read(0, path, mode, sizeof(mode));
	if (nvbds == MAX_VBDS)
		return fail(dir, "more vbds than this driver handles", -ENOSPC);
	/* xvda, xvdb, ...: Linux's names for Xen disks. */
	fmt_snprintf(names[nvbds], sizeof(names[nvbds]), "xvd%c", 'a' + nvbds);
	p = (struct blkfront_params){
		.name = names[nvbds],
		.backend_id = (unsigned)backend_id,
		.sectors = (uint64_t)sectors,
		.read_only = (info & VDISK_READONLY) || !strcmp(mode, "r"),
		.flush = read_num(be, "feature-flush-cache") == 1,
	};
	if (!(f = blkfront_alloc(&p, &ring_ref)))
		return fail(dir, "out of memory or grant references", -ENOMEM);
	if ((err = evtchn_alloc_unbound(p.backend_id, &port)))
		return fail(dir, "cannot allocate an event channel", err);
	fmt_snprintf(path, sizeof(path), "%s/ring-ref", dir);
	err = xenbus_printf(0, path, "%u", ring_ref);
	fmt_snprintf(path, sizeof(path), "%s/event-channel", dir);
	err = err ?: xenbus_printf(0, path, "%u", port);
	fmt_snprintf(path, sizeof(path), "%s/protocol", dir);
	err = err ?: xenbus_write(0, path, "arm-abi");
	err = err ?: xenbus_switch_state(dir, XenbusStateInitialised);
	if (err)
		return fail(dir, "cannot publish ring-ref/event-channel", err);
	s = xenbus_wait_state(be, 1u << XenbusStateConnected | 1u << XenbusStateClosing |
			      1u << XenbusStateClosed, HANDSHAKE_NS);
	if (s != XenbusStateConnected) {
		fmt_snprintf(path, sizeof(path), "%s/error", be);
		if (xenbus_read(0, path, be, sizeof(be)) > 0)
			drv_log(0, "blkfront: %s: backend says: %s", dir, be);
		return fail(dir, "backend did not connect", s < 0 ? s : -EIO);
	}
	if ((err = blkfront_start(f, port)))
		return fail(dir, "cannot bind the event channel", err);
	nvbds++;
	return xenbus_switch_state(dir, XenbusStateConnected);
}

static int probe(const struct dt *dt, int node)
{
	char list[128];
	int n, err;

	if ((err = xenbus_init(dt, node)))
		return err;
	if ((n = xenbus_directory(0, "device/vbd", list, sizeof(list))) <= 0)
		return -ENODEV;		/* no disk for this domain */
	for (int i = 0; i < n; i += (int)strlen(list + i) + 1)
		if (list[i])
			attach(list + i);
	return 0;
}

PV_DRIVER(blkfront_driver) = {
	.name = "blkfront",
	.compatible = "xen,xen",
	.probe = probe,
};
