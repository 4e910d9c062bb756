/*
 * The registry of xenbus backend types, searched by type name (xenbus_back.h). The
 * PV console is not here: a domain's first console is found through HVM parameters,
 * not xenbus (console_back.c). "vbd" is blkback, "vif" netback.
 */
#include "xenbus_back.h"

#include <stddef.h>

#include "blkback.h"

extern const struct xenback_ops netback_ops;

const struct xenback_ops *const xenback_types[] = {
	&blkback_ops,
	&netback_ops,
	NULL,
};
