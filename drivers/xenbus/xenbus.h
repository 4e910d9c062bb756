/*
 * The xenbus core for guests: event channels, grant tables and the xenstore client,
 * on any Xen-compatible hypervisor (the pvkit hyp, Xen). Frontends (the console,
 * blkfront; netfront next) and tests use this API; they call xenbus_init()
 * from their probe of the /hypervisor node (compatible "xen,xen"), which brings the
 * core up once.
 *
 * Contexts: event handlers and watch callbacks run in interrupt context (or inside a
 * xenstore call that is waiting) and MUST NOT block or make xenstore requests; every
 * other call is for thread context (or boot, before threads), one at a time. Calls
 * that wait (xenstore requests, xenbus_wait_state) spin on the ring, yielding the
 * vCPU to the hypervisor between looks: they hold up the calling CPU's other threads
 * while they wait. Errors are negative errno values (<errno.h>).
 */
#ifndef DRIVERS_XENBUS_H
#define DRIVERS_XENBUS_H

#include <stddef.h>
#include <stdint.h>

#include <xen/io/xenbus.h>

struct dt;

/* Bring up event channels, the grant table and xenstore from the /hypervisor node.
 * Idempotent: 0 once up; -ENODEV without a Xen hypervisor. xenstore may be absent
 * (HVM_PARAM_STORE_PFN 0, e.g. Xen's dom0): the xenbus_* calls then fail with
 * -ENODEV. */
int xenbus_init(const struct dt *dt, int node);

/* --- event channels ---------------------------------------------------------------- */

#define EVTCHN_PORTS	256	/* ports this guest handles */

typedef void (*evtchn_handler)(unsigned port, void *arg);
/* Run fn(port, arg) on events on port, and unmask it. */
int evtchn_bind(unsigned port, evtchn_handler fn, void *arg);
void evtchn_unbind(unsigned port);		/* mask, forget the handler */
void evtchn_mask(unsigned port);
void evtchn_unmask(unsigned port);
int evtchn_notify(unsigned port);		/* EVTCHNOP_send */
int evtchn_alloc_unbound(unsigned remote_dom, unsigned *port);
int evtchn_bind_interdomain(unsigned remote_dom, unsigned remote_port, unsigned *port);
int evtchn_bind_ipi(unsigned vcpu, unsigned *port);
int evtchn_close(unsigned port);
/* EVTCHNSTAT_* (include/xen/event_channel.h): e.g. an interdomain port goes back to
 * EVTCHNSTAT_unbound when its peer closes it or dies. */
int evtchn_state(unsigned port);

/* --- grant table ---------------------------------------------------------------------- */

/* Let domid access the page at guest frame gfn: a grant reference, or -ENOSPC. */
int gnttab_grant(unsigned domid, uint64_t gfn, int readonly);
/* Take it back: 0, or -EBUSY while the other side has it in use (try again). */
int gnttab_end(unsigned ref);

/* --- xenstore ---------------------------------------------------------------------------- */

/* Paths are absolute or relative to /local/domain/<own id>. tx = 0: no transaction.
 * xenbus_read copies the value and a NUL (at most size - 1 bytes) and returns its
 * length; xenbus_directory returns the children as NUL-separated names. */
int xenbus_read(unsigned tx, const char *path, char *buf, size_t size);
int xenbus_write(unsigned tx, const char *path, const char *value);
int xenbus_printf(unsigned tx, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int xenbus_mkdir(unsigned tx, const char *path);
int xenbus_rm(unsigned tx, const char *path);
int xenbus_directory(unsigned tx, const char *path, char *buf, size_t size);
int xenbus_get_perms(unsigned tx, const char *path, char *buf, size_t size);
/* perms: "n1 r2" (owner and default first, then per domain). */
int xenbus_set_perms(unsigned tx, const char *path, const char *perms);
int xenbus_transaction_start(unsigned *tx);
/* -EAGAIN: it conflicted with another change; start over. */
int xenbus_transaction_end(unsigned tx, int abort);
/* This domain's id (from "domid"), or a negative error. */
int xenbus_domid(void);

/* A watch: fn (may be NULL) runs, and fired counts up, each time path or anything
 * below it changes (and once when it is registered). */
struct xenbus_watch {
	const char *path;
	void (*fn)(struct xenbus_watch *w, const char *path);
	void *arg;
	volatile unsigned fired;
	unsigned slot;
};
int xenbus_watch_add(struct xenbus_watch *w);
int xenbus_watch_remove(struct xenbus_watch *w);

/* --- xenbus states --------------------------------------------------------------------- */

int xenbus_switch_state(const char *dir, enum xenbus_state s);
enum xenbus_state xenbus_read_state(const char *dir);	/* Unknown if missing */
/* Wait until <dir>/state is one of the states in mask (bit n = state n); returns the
 * state, or -ETIMEDOUT after timeout_ns. */
int xenbus_wait_state(const char *dir, unsigned mask, uint64_t timeout_ns);

#endif
