/* xenstore's glue: lock, rings and event channels, the hyp's own connection. */
#include "xenstore.h"

#include <stdarg.h>
#include <string.h>

#include <arch/lock.h>
#include <arch/stage2.h>
#include "domain.h"
#include "evtchn.h"
#include "fmt.h"
#include "log.h"
#include "mem.h"
#include "xs.h"
#include "xs_ringio.h"

#define LOCAL_WATCHES	64
#define ARENA_PER_DOMAIN	1024	/* store bytes added for each possible domain */

static struct spinlock lock;
static struct xs_conn *local;		/* the hyp's connection */
static struct xs_dom {
	struct xs_conn *conn;
	struct xs_ring ring;
	uint32_t hyp_port;
	int dirty;			/* output queued by someone else's request */
	int reported;			/* its ring's breakage has been logged */
} *doms;				/* by domain id, 1..max_id (xenstore_init) */
static unsigned max_id;
static struct {
	xenstore_watch_fn fn;
	void *arg;
	char path[96];
} watches[LOCAL_WATCHES];
static int dispatching;

static void *env_alloc(size_t bytes)
{
	return (void *)(uintptr_t)mem_alloc(mem_pages(bytes), 1);
}

static void env_free(void *p, size_t bytes)
{
	mem_free((uint64_t)(uintptr_t)p, mem_pages(bytes));
}

static void output_ready(struct xs_conn *c)
{
	if (c->domid >= 1 && c->domid <= max_id)
		doms[c->domid].dirty = 1;
}

static const struct xs_env env = { env_alloc, env_free, output_ready };

/* --- rings ------------------------------------------------------------------------------ */

static void serve_locked(unsigned id)
{
	struct xs_ring *r = &doms[id].ring;

	doms[id].dirty = 0;
	if (!doms[id].conn)
		return;
	if (xs_ring_pass(r, doms[id].conn))
		evtchn_hyp_notify(doms[id].hyp_port);
	if (r->error && !doms[id].reported) {
		doms[id].reported = 1;
		log_msg("d%u (%s): xenstore ring: a guest index is beyond the ring (request "
			"producer %#x for consumer %#x, reply consumer %#x for producer %#x; "
			"at most %u apart): the ring is no longer served", id,
			domain_by_id(id) ? domain_by_id(id)->cfg->name : "?",
			r->intf->req_prod, r->req.own, r->intf->rsp_cons, r->rsp.own,
			XENSTORE_RING_SIZE);
	}
}

/* Rings that got watch events from this request, and the hyp's own events. */
static void serve_others_locked(void)
{
	for (unsigned id = 1; id <= max_id; id++)
		if (doms[id].dirty)
			serve_locked(id);
}

static void dispatch_local(void)
{
	char path[96];
	const char *p, *tok;

	if (__atomic_exchange_n(&dispatching, 1, __ATOMIC_ACQUIRE))
		return;			/* the pCPU already at it will see these too */
	for (;;) {
		xenstore_watch_fn fn = NULL;
		void *arg = NULL;

		spin_lock(&lock);
		if (xs_local_next_event(local, &p, &tok)) {
			unsigned w = (unsigned)(unsigned char)tok[0] - 'A';

			if (w < LOCAL_WATCHES && watches[w].fn) {
				fn = watches[w].fn;
				arg = watches[w].arg;
				fmt_snprintf(path, sizeof(path), "%s", p);
			}
		} else {
			__atomic_store_n(&dispatching, 0, __ATOMIC_RELEASE);
			spin_unlock(&lock);
			return;
		}
		spin_unlock(&lock);
		if (fn)
			fn(path, arg);
	}
}

static void ring_event(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;

	spin_lock(&lock);
	serve_locked(id);
	serve_others_locked();
	spin_unlock(&lock);
	dispatch_local();
}

/* --- domains ------------------------------------------------------------------------------ */

_Static_assert(MAX_DOMAINS < XS_NDOMS, "the store accounts for every domain id");

int xenstore_init(unsigned max_domid)
{
	size_t size = xs_store_size() + (size_t)max_domid * ARENA_PER_DOMAIN;
	void *store = env_alloc(size);

	local = env_alloc(sizeof(*local));
	doms = env_alloc((max_domid + 1) * sizeof(*doms));
	if (!store || !local || !doms || xs_init(&env, store, size))
		return -1;
	memset(doms, 0, (max_domid + 1) * sizeof(*doms));
	max_id = max_domid;
	xs_conn_open(local, 0);
	/* Domain 0 is the hyp: the owner of /local/domain/0/backend. */
	if (xs_local_write(local, "/local/domain/0/name", "pvkit-hyp") ||
	    xs_local_mkdir(local, "/local/domain/0/backend"))
		return -1;
	return 0;
}

static void map_ring(struct domain *d, uint64_t page)
{
	struct xs_conn *c = doms[d->id].conn;
	char path[40], perm[8];

	fmt_snprintf(path, sizeof(path), "/local/domain/%u", d->id);
	fmt_snprintf(perm, sizeof(perm), "n%u", d->id);
	spin_lock(&lock);
	xs_conn_open(c, d->id);
	xs_ring_attach(&doms[d->id].ring, (struct xenstore_domain_interface *)(uintptr_t)page);
	xs_local_mkdir(local, path);
	xs_local_set_perms(local, path, perm);
	fmt_snprintf(path, sizeof(path), "/local/domain/%u/name", d->id);
	xs_local_write(local, path, d->cfg->name);
	fmt_snprintf(path, sizeof(path), "/local/domain/%u/domid", d->id);
	fmt_snprintf(perm, sizeof(perm), "%u", d->id);
	xs_local_write(local, path, perm);
	xs_fire_special("@introduceDomain");
	serve_others_locked();
	spin_unlock(&lock);
}

int xenstore_domain_intro(struct domain *d)
{
	uint64_t page = mem_alloc_page();
	struct xs_conn *c = env_alloc(sizeof(*c));

	if (!page || !c || stage2_set_page(d, GUEST_MAGIC_BASE +
					   GUEST_MAGIC_XENSTORE * PAGE_SIZE, page) ||
	    evtchn_hyp_connect(d, ring_event, (void *)(uintptr_t)d->id, &d->xen.store_port,
			       &doms[d->id].hyp_port)) {
		if (page)
			mem_free(page, 1);
		if (c)
			env_free(c, sizeof(*c));
		return -1;
	}
	doms[d->id].conn = c;
	doms[d->id].reported = 0;
	d->xen.store_page = page;
	map_ring(d, page);
	dispatch_local();
	return 0;
}

void xenstore_domain_release(struct domain *d)
{
	struct xs_conn *c;
	char path[32];

	if (!d->xen.store_page)
		return;
	fmt_snprintf(path, sizeof(path), "/local/domain/%u", d->id);
	spin_lock(&lock);
	c = doms[d->id].conn;
	doms[d->id].conn = NULL;
	xs_conn_close(c);
	xs_local_rm(local, path);
	xs_fire_special("@releaseDomain");
	serve_others_locked();
	spin_unlock(&lock);
	evtchn_hyp_close(doms[d->id].hyp_port);
	env_free(c, sizeof(*c));
	mem_free(d->xen.store_page, 1);	/* unmapped with the domain's stage 2 */
	d->xen.store_page = 0;
	dispatch_local();
}

/* --- the hyp's access ------------------------------------------------------------------ */

#define LOCKED(call) ({				\
	spin_lock(&lock);			\
	int r_ = (call);			\
	serve_others_locked();			\
	spin_unlock(&lock);			\
	dispatch_local();			\
	r_;					\
})

int xenstore_write(const char *path, const char *value)
{
	return LOCKED(xs_local_write(local, path, value));
}

int xenstore_printf(const char *path, const char *fmt, ...)
{
	char value[128];
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	return xenstore_write(path, value);
}

int xenstore_read(const char *path, char *buf, size_t size)
{
	return LOCKED(xs_local_read(local, path, buf, size));
}

int xenstore_mkdir(const char *path)
{
	return LOCKED(xs_local_mkdir(local, path));
}

int xenstore_rm(const char *path)
{
	return LOCKED(xs_local_rm(local, path));
}

int xenstore_set_perms(const char *path, const char *perms)
{
	return LOCKED(xs_local_set_perms(local, path, perms));
}

int xenstore_watch(const char *path, xenstore_watch_fn fn, void *arg)
{
	int w = -1, err;

	spin_lock(&lock);
	for (int i = 0; i < LOCAL_WATCHES && w < 0; i++)
		if (!watches[i].fn)
			w = i;
	if (w < 0 || strlen(path) >= sizeof(watches[0].path)) {
		spin_unlock(&lock);
		return -XSE_ENOSPC;
	}
	char token[2] = { (char)('A' + w), 0 };

	err = xs_local_watch(local, path, token);
	if (!err) {
		watches[w].fn = fn;
		watches[w].arg = arg;
		memcpy(watches[w].path, path, strlen(path) + 1);
	}
	spin_unlock(&lock);
	return err ? -err : w;
}

void xenstore_unwatch(int w)
{
	if (w < 0 || w >= LOCAL_WATCHES)
		return;
	spin_lock(&lock);
	if (watches[w].fn) {
		char token[2] = { (char)('A' + w), 0 };

		xs_local_unwatch(local, watches[w].path, token);
		watches[w].fn = NULL;
	}
	spin_unlock(&lock);
}
