/*
 * Xen paravirtual operations. On a Xen-compatible hypervisor hcbench measures, as one
 * domain can:
 *   evtchn_rtt     EVTCHNOP_send on an IPI event channel bound to this vCPU, until the
 *                  upcall interrupt's handler has seen the event (2-level ABI, the
 *                  shared_info page mapped with XENMEM_add_to_physmap)
 *   grant_copy_4k  GNTTABOP_copy of one 4 KiB page between two of its own frames
 *                  (gmfn to gmfn: one domain has nobody to take a grant from)
 * The rest need a second domain or a backend and say so.
 */
#include <stddef.h>
#include <stdio.h>

#include <pvkit/hypercall.h>
#include "env.h"
#include "hcbench.h"
#include "xen_abi.h"

static volatile struct xen_shared_info *shared;
static uint32_t ipi_port;
static volatile uint64_t events_seen;

/* "what failed: error N" in a buffer that outlives the call (one message per site). */
static const char *failed(char *buf, size_t len, const char *what, long err)
{
	snprintf(buf, len, "%s failed: error %ld%s", what, err, err == -38 ? " (ENOSYS)" : "");
	return buf;
}

static const char *need_xen(const struct bench_env *env)
{
	if (env->hv->xen_conduit)
		return NULL;
	return "no Xen hypercall interface (no /hypervisor \"xen,xen\" node)";
}

/* The upcall: take every pending, unmasked event (the 2-level ABI's order: the
 * vCPU's flag, the selector word, the port bits). */
static void upcall(void *arg)
{
	volatile struct xen_vcpu_info *vi = &shared->vcpu_info[0];

	vi->evtchn_upcall_pending = 0;
	uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_ACQ_REL);

	while (sel) {
		unsigned w = __builtin_ctzll(sel);
		uint64_t bits = shared->evtchn_pending[w] & ~shared->evtchn_mask[w];

		sel &= sel - 1;
		while (bits) {
			unsigned b = __builtin_ctzll(bits);

			bits &= bits - 1;
			__atomic_fetch_and(&shared->evtchn_pending[w], ~(1ull << b),
					   __ATOMIC_ACQ_REL);
			events_seen++;
		}
	}
}

static const char *setup_events(const struct bench_env *env)
{
	static struct xen_add_to_physmap xatp;
	static struct evtchn_bind_ipi bind;
	static const char *result = "not tried";
	static int tried;
	void *page;

	if (tried)
		return result;
	tried = 1;
	if (!env->hv->evtchn_irq)
		return result = "no event-channel interrupt in the DT's /hypervisor node";
	if (!(page = drv_alloc_pages(1)))
		return result = "out of memory for the shared_info page";
	xatp = (struct xen_add_to_physmap){
		.domid = DOMID_SELF, .space = XENMAPSPACE_SHARED_INFO, .idx = 0,
		.gpfn = drv_virt_to_phys(page) >> 12,
	};
	static char msg[80];
	long err = pv_hypercall(XEN_HYPERCALL_MEMORY_OP, XENMEM_ADD_TO_PHYSMAP,
				(unsigned long)&xatp, 0, 0, 0);

	if (err)
		return result = failed(msg, sizeof(msg), "XENMEM_add_to_physmap(shared_info)", err);
	shared = page;
	bind = (struct evtchn_bind_ipi){ .vcpu = 0 };
	err = pv_hypercall(XEN_HYPERCALL_EVENT_CHANNEL_OP, EVTCHNOP_BIND_IPI, (unsigned long)&bind,
			   0, 0, 0);
	if (err)
		return result = failed(msg, sizeof(msg), "EVTCHNOP_bind_ipi", err);
	ipi_port = bind.port;
	if (drv_irq_register(env->hv->evtchn_irq, upcall, NULL))
		return result = "the event-channel interrupt is taken";
	drv_irq_enable(env->hv->evtchn_irq);
	__atomic_fetch_and(&shared->evtchn_mask[ipi_port / 64], ~(1ull << (ipi_port % 64)),
			   __ATOMIC_ACQ_REL);
	return result = NULL;
}

static const char *prepare_evtchn(const struct bench_env *env, uint64_t *ctx)
{
	const char *why = need_xen(env);

	return why ? why : setup_events(env);
}

static void run_evtchn(uint64_t n, uint64_t ctx)
{
	static struct evtchn_send send;

	send.port = ipi_port;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = events_seen + 1;

		pv_hypercall(XEN_HYPERCALL_EVENT_CHANNEL_OP, EVTCHNOP_SEND, (unsigned long)&send,
			     0, 0, 0);
		while (events_seen != want)
			;
	}
}

static struct gnttab_copy copy_op;

static const char *prepare_grant_copy(const struct bench_env *env, uint64_t *ctx)
{
	const char *why = need_xen(env);
	uint8_t *src, *dst;

	if (why)
		return why;
	if (!(src = drv_alloc_pages(1)) || !(dst = drv_alloc_pages(1)))
		return "out of memory for the two pages";
	for (int i = 0; i < 4096; i++)
		src[i] = (uint8_t)i;
	copy_op = (struct gnttab_copy){
		.source = { .gmfn = drv_virt_to_phys(src) >> 12, .domid = DOMID_SELF },
		.dest = { .gmfn = drv_virt_to_phys(dst) >> 12, .domid = DOMID_SELF },
		.len = 4096,
	};
	static char msg[80];
	long err = pv_hypercall(XEN_HYPERCALL_GRANT_TABLE_OP, GNTTABOP_COPY,
				(unsigned long)&copy_op, 1, 0, 0);

	if (err)
		return failed(msg, sizeof(msg), "GNTTABOP_copy", err);
	if (copy_op.status != GNTST_OKAY)
		return failed(msg, sizeof(msg), "GNTTABOP_copy (status)", copy_op.status);
	if (dst[4095] != (uint8_t)4095 || dst[1] != 1)
		return "GNTTABOP_copy did not copy";
	return NULL;
}

static void run_grant_copy(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++)
		pv_hypercall(XEN_HYPERCALL_GRANT_TABLE_OP, GNTTABOP_COPY,
			     (unsigned long)&copy_op, 1, 0, 0);
}

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
	{ .name = "evtchn_rtt", .prepare = prepare_evtchn, .run = run_evtchn,
	  .what = "EVTCHNOP_send on an IPI event channel to oneself until the upcall "
		  "handler saw it (pv_hypercall and the runtime's interrupt dispatch included)" },
	{ .name = "grant_copy_4k", .prepare = prepare_grant_copy, .run = run_grant_copy,
	  .what = "GNTTABOP_copy of 4 KiB between two of the caller's own frames "
		  "(through pv_hypercall)" },
	{ .name = "domain_switch", .prepare = needs_two_domains,
	  .what = "switch between two domains ping-ponging an event channel" },
	{ .name = "blkfront_read_4k", .prepare = needs_blkback,
	  .what = "4 KiB read through blkfront, request to response" },
	{ .name = "netfront_rtt", .prepare = needs_netback,
	  .what = "one packet through netfront and back" },
	{ 0 }
};
