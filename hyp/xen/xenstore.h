/*
 * xenstore in the hyp: the portable core (xs.h) behind one lock, each domain's ring
 * page (the magic page HVM_PARAM_STORE_PFN names) and event channel, and the hyp's own
 * privileged access for backends and domain setup.
 *
 * Every domain gets /local/domain/<id> (owned by it: "n<id>"), with name and domid;
 * its introduction and release fire @introduceDomain and @releaseDomain. The ring is
 * served in the hypercall that notifies it (EVTCHNOP_send), so a reply is in the ring
 * when the guest's notify returns.
 */
#ifndef XEN_XENSTORE_H
#define XEN_XENSTORE_H

#include <stddef.h>

struct domain;

int xenstore_init(unsigned max_domid);
int xenstore_domain_intro(struct domain *d);
void xenstore_domain_release(struct domain *d);

/* The hyp's access (domain 0: every permission). Each returns 0 or an XSE_* error
 * (xs.h); perms as "n0 r3". A watch callback runs with no lock held; it may use these
 * calls. */
int xenstore_write(const char *path, const char *value);
int xenstore_printf(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int xenstore_read(const char *path, char *buf, size_t size);
int xenstore_mkdir(const char *path);
int xenstore_rm(const char *path);
int xenstore_set_perms(const char *path, const char *perms);
typedef void (*xenstore_watch_fn)(const char *path, void *arg);
/* Returns a watch number >= 0, or an error < 0. */
int xenstore_watch(const char *path, xenstore_watch_fn fn, void *arg);
void xenstore_unwatch(int watch);

#endif
