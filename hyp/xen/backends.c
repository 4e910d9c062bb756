/*
 * The registry of xenbus backend types, searched by type name (xenbus_back.h). The
 * PV console is not here: a domain's first console is found through HVM parameters,
 * not xenbus (console_back.c). Phase 2 adds "vbd" (blkback) and "vif" (netback).
 */
#include "xenbus_back.h"

#include <stddef.h>

const struct xenback_ops *const xenback_types[] = {
	NULL,
};
