/*
 * Ending every domain at the operator's request (Ctrl-C on the hyp's console): a guest
 * that listens for Xen's control/shutdown is asked to power off and does so in its own
 * time (flushing what it must); any other domain, or every domain when the operator
 * insists, is shut down by the hyp at once. When the last domain has ended, the hyp
 * powers the machine off as usual.
 */
#include "domain.h"
#include "log.h"
#include "shutdown.h"
#include "xen/control.h"

void domains_shutdown_all(int force)
{
	for (unsigned id = 1; id <= domains_max(); id++) {
		struct domain *d = domain_get(id);

		if (!d)
			continue;
		if (!force && !xen_control_poweroff(d)) {
			log_msg("d%u (%s): asked to power off", id, d->cfg->name);
		} else {
			log_msg("d%u (%s): shut down by the hyp", id, d->cfg->name);
			domain_shutdown(d, SHUTDOWN_POWEROFF);
		}
		domain_put(d);
	}
}
