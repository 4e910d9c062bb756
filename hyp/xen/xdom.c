/* A domain's Xen services, brought up and taken down in dependency order. */
#include "xen/xdom.h"

#include "blkback.h"
#include "console_back.h"
#include "domain.h"
#include "evtchn.h"
#include "gnttab.h"
#include "log.h"
#include "netback.h"
#include "uplink.h"
#include "xenbus_back.h"
#include "xenstore.h"

int xen_init(unsigned max_domid)
{
	if (evtchn_init(max_domid) || xenstore_init(max_domid) ||
	    console_back_init(max_domid) || blkback_init(max_domid) ||
	    netback_init(max_domid) || uplink_init())
		return -1;
	return 0;
}

int xen_domain_create(struct domain *d)
{
	if (evtchn_domain_init(d) || xenstore_domain_intro(d) ||
	    (d->cfg->pv_console && console_back_create(d)) ||
	    (d->cfg->disk[0] && blkback_create(d)))
		return -1;
	/* The vif's handshake is the frontend's to start; a failure here is the
	 * switch or the device table being full, logged, and the domain runs
	 * without a network. */
	if (d->cfg->vif && !xenback_create("vif", d->id, 0, NULL))
		log_msg("d%u (%s): no vif: the xenbus device table is full", d->id, d->cfg->name);
	return 0;
}

void xen_domain_destroy(struct domain *d)
{
	/* Backends first: they hold grants and event channels of the domain. */
	xenback_domain_gone(d->id);
	blkback_destroy(d);
	console_back_destroy(d);
	xenstore_domain_release(d);
	evtchn_domain_destroy(d);
	gnttab_domain_destroy(d);
}
