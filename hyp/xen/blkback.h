/* blkback: a domain's "vbd" on a host disk (blkback.c; docs/XEN.md, docs/CONFIG.md). */
#ifndef XEN_BLKBACK_H
#define XEN_BLKBACK_H

#include "xenbus_back.h"

struct domain;

extern const struct xenback_ops blkback_ops;

/* Boot: room for domain ids 1..max_domid. 0 or -1. */
int blkback_init(unsigned max_domid);
/* The domain's pvkit,disk: find the host disk, check the range, make the device.
 * 0, or -1 with the reason given to config_reject (no such disk, range beyond it,
 * out of memory), which domain_create reports. */
int blkback_create(struct domain *d);
/* After xenback_domain_gone (which disconnected it): free its buffers. */
void blkback_destroy(struct domain *d);

#endif
