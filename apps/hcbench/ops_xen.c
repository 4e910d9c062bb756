/*
 * Xen paravirtual operations. Each needs more than one hypercall's worth of machinery
 * (shared memory, a second domain, a backend); the ones that cannot run on any target
 * yet say why, so the report shows them as n/a instead of dropping them.
 */
#include <stddef.h>

#include "hcbench.h"

static const char *needs_two_domains(const struct bench_env *env, uint64_t *ctx)
{
	return "needs two domains ping-ponging an event channel (a multi-domain target)";
}

static const char *needs_blkback(const struct bench_env *env, uint64_t *ctx)
{
	return "needs a blkback and the xenbus block frontend";
}

static const char *needs_netback(const struct bench_env *env, uint64_t *ctx)
{
	return "needs a netback and the xenbus network frontend";
}

const struct op xen_ops[] = {
	{ .name = "domain_switch", .prepare = needs_two_domains,
	  .what = "switch between two domains ping-ponging an event channel" },
	{ .name = "blkfront_read_4k", .prepare = needs_blkback,
	  .what = "4 KiB read through blkfront, request to response" },
	{ .name = "netfront_rtt", .prepare = needs_netback,
	  .what = "one packet through netfront and back" },
	{ 0 }
};
