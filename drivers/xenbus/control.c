/*
 * Shutdown requests from the hypervisor, the Xen way: the toolstack (the pvkit hyp on
 * Ctrl-C, or Xen's `xl shutdown`) writes "poweroff" or "reboot" to control/shutdown.
 * We advertise control/feature-poweroff and feature-reboot, watch the key, and act in
 * a thread of our own: a watch callback runs in interrupt context and may not read
 * xenstore. The request is acknowledged (the key emptied, as Linux does) before the
 * VM powers off with status 0 or reboots.
 *
 * Guest only (it uses the runtime's threads, include/pvkit/thread.h); a Xen domain
 * without xenstore (dom0 on Xen) simply has no control node.
 */
#include <string.h>

#include <pvkit/exit.h>
#include <pvkit/thread.h>

#include "driver.h"
#include "xenbus_int.h"

static struct pv_event request = PV_EVENT_INIT;

static void on_change(struct xenbus_watch *w, const char *path)
{
	pv_event_signal(&request);
}

static struct xenbus_watch watch = { .path = "control/shutdown", .fn = on_change };

static void listen(void *arg)
{
	char how[16];

	for (;;) {
		unsigned seen = pv_event_read(&request);

		if (xenbus_read(0, "control/shutdown", how, sizeof(how)) > 0) {
			xenbus_write(0, "control/shutdown", "");
			if (!strcmp(how, "poweroff") || !strcmp(how, "halt")) {
				drv_log(2, "xenbus: the hypervisor asks us to power off");
				pv_exit(0);
			}
			if (!strcmp(how, "reboot")) {
				drv_log(2, "xenbus: the hypervisor asks us to reboot");
				pv_reboot();
			}
			drv_log(1, "xenbus: ignoring shutdown request \"%s\"", how);
		}
		pv_event_wait(&request, seen, 0);
	}
}

static int probe(const struct dt *dt, int node)
{
	if (xenbus_init(dt, node) || xenbus_domid() < 0)
		return 0;		/* no xenstore: nobody can ask */
	if (!pv_thread_create("xen-control", listen, NULL, 0) || xenbus_watch_add(&watch)) {
		drv_log(0, "xenbus: cannot listen for shutdown requests");
		return 0;
	}
	xenbus_write(0, "control/feature-poweroff", "1");
	xenbus_write(0, "control/feature-reboot", "1");
	return 0;
}

PV_DRIVER(xencontrol_driver) = {
	.name = "xen-control",
	.compatible = "xen,xen",
	.probe = probe,
};
