/* netback: the domains' "vif" devices on the switch (netback.c; docs/XEN.md). */
#ifndef XEN_NETBACK_H
#define XEN_NETBACK_H

/* Boot: room for domain ids 1..max_domid. 0 or -1. */
int netback_init(unsigned max_domid);

#endif
