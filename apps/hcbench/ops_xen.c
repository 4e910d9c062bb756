/*
 * Xen paravirtual operations, through the runtime's xenbus core (drivers/xenbus: the
 * event-channel upcall dispatch and helpers a frontend uses). On a Xen-compatible
 * hypervisor hcbench measures, as one domain can:
 *   evtchn_rtt     EVTCHNOP_send on an IPI event channel bound to this vCPU, until the
 *                  bound handler has run (2-level ABI, xenbus's upcall dispatch)
 *   grant_copy_4k  GNTTABOP_copy of one 4 KiB page between two of its own frames
 *                  (gmfn to gmfn, DOMID_SELF on both sides: one domain has nobody to
 *                  take a grant from)
 * domain_switch needs two domains (pingpong.c); blkfront_read_4k and netfront_rtt are
 * ops_io.c's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>

#include <pvkit/hypercall.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>

#include "env.h"
#include "hcbench.h"
#include "xenbus.h"

static unsigned ipi_port;
static volatile uint64_t events_seen;

/* "what failed: error N" in a buffer that outlives the call (one message per site). */
const char *xen_failed(char *buf, size_t len, const char *what, long err)
{
	snprintf(buf, len, "%s failed: error %ld%s", what, err,
		 err == -ENOSYS || err == -38 ? " (ENOSYS)" : "");
	return buf;
}

const char *need_xen(const struct bench_env *env)
{
	if (!env->hv->xen_conduit)
		return "no Xen hypercall interface (no /hypervisor \"xen,xen\" node)";
	if (!env->hv->evtchn_irq)
		return "no event-channel interrupt in the DT's /hypervisor node";
	return NULL;
}

static void on_ipi_event(unsigned port, void *arg)
{
	events_seen++;
}

static const char *prepare_evtchn(const struct bench_env *env, uint64_t *ctx)
{
	static const char *result;
	static char msg[96];
	static int tried;
	int err;

	if ((result = need_xen(env)))
		return result;
	if (tried)
		return result;
	tried = 1;
	if ((err = evtchn_bind_ipi(0, &ipi_port)))
		return result = xen_failed(msg, sizeof(msg), "EVTCHNOP_bind_ipi", err);
	if ((err = evtchn_bind(ipi_port, on_ipi_event, NULL)))
		return result = xen_failed(msg, sizeof(msg),
					   "evtchn_bind (the xenbus core is not up: boot log)", err);
	return result = NULL;
}

static void run_evtchn(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = events_seen + 1;

		evtchn_notify(ipi_port);
		while (events_seen != want)
			;
	}
}

static struct gnttab_copy copy_op;

static long grant_copy(void)
{
	return pv_hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_copy,
			    (unsigned long)&copy_op, 1, 0, 0);
}

static const char *prepare_grant_copy(const struct bench_env *env, uint64_t *ctx)
{
	static char msg[96];
	const char *why = need_xen(env);
	uint8_t *src, *dst;
	long err;

	if (why)
		return why;
	if (!(src = drv_alloc_pages(1)) || !(dst = drv_alloc_pages(1)))
		return "out of memory for the two pages";
	for (int i = 0; i < 4096; i++)
		src[i] = (uint8_t)i;
	copy_op = (struct gnttab_copy){
		.source = { .u.gmfn = drv_virt_to_phys(src) >> 12, .domid = DOMID_SELF },
		.dest = { .u.gmfn = drv_virt_to_phys(dst) >> 12, .domid = DOMID_SELF },
		.len = 4096,
	};
	if ((err = grant_copy()))
		return xen_failed(msg, sizeof(msg), "GNTTABOP_copy", err);
	if (copy_op.status != GNTST_okay)
		return xen_failed(msg, sizeof(msg), "GNTTABOP_copy (status)", copy_op.status);
	if (dst[4095] != (uint8_t)4095 || dst[1] != 1)
		return "GNTTABOP_copy returned success but did not copy";
	return NULL;
}

static void run_grant_copy(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++)
		grant_copy();
}

const struct op xen_ops[] = {
	{ .name = "evtchn_rtt", .prepare = prepare_evtchn, .run = run_evtchn,
	  .what = "EVTCHNOP_send on an IPI event channel to oneself until its handler ran "
		  "(drivers/xenbus: evtchn_notify and the upcall dispatch included)" },
	{ .name = "grant_copy_4k", .prepare = prepare_grant_copy, .run = run_grant_copy,
	  .what = "GNTTABOP_copy of 4 KiB between two of the caller's own frames "
		  "(through pv_hypercall)" },
	{ .name = "domain_switch", .prepare = pingpong_prepare, .run = pingpong_run,
	  .what = "interdomain event channel round trip between two domains on one "
		  "pCPU, both waiting in WFI: two domain switches" },
	{ 0 }
};
