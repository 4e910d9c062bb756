/*
 * Backends for xenbus devices, and the xenbus state machine they share.
 *
 * A backend type (Xen's device class: "vbd", "vif") is a struct xenback_ops in the
 * registry (backends.c, a const table searched by type). xenback_create() makes a
 * device for a frontend domain as Xen's toolstack would:
 *   /local/domain/<fe>/device/<type>/<id>:         backend, backend-id = 0, state
 *       (owned by the frontend, readable by the hyp)
 *   /local/domain/0/backend/<type>/<fe>/<id>:      frontend, frontend-id, online,
 *       state, plus the type's own keys (setup) (owned by the hyp, readable by <fe>)
 * then follows the frontend's "state" with a xenstore watch:
 *   backend InitWait; frontend Initialised/Connected -> connect() -> Connected;
 *   frontend Closing -> disconnect() -> Closing; Closed or gone -> Closed;
 *   frontend Initialising again after Closed -> InitWait (a reconnect).
 * Everything the frontend wrote is read with xenstore_read and checked by the type's
 * connect (grant references, ports, sizes): a bad value makes connect fail, which
 * writes "error" in the backend directory and moves to Closing.
 *
 * Portable (tests/unit/test_xenbus_back.c runs it over the xenstore core).
 */
#ifndef XEN_XENBUS_BACK_H
#define XEN_XENBUS_BACK_H

#include <xen/io/xenbus.h>

#define XENBACK_MAX	32	/* devices, all domains */

struct xenback_dev;

struct xenback_ops {
	const char *type;
	/* Write the type's keys under dev->be_path (before InitWait). 0 or -1. */
	int (*setup)(struct xenback_dev *dev);
	/* The frontend is ready: read its keys under dev->fe_path, map its rings, bind
	 * its event channel. 0, or -1 with dev->error set. */
	int (*connect)(struct xenback_dev *dev);
	/* Undo connect (the frontend closes, or its domain ends). */
	void (*disconnect)(struct xenback_dev *dev);
};

struct xenback_dev {
	const struct xenback_ops *ops;
	unsigned fe, devid;
	char fe_path[64], be_path[64];
	enum xenbus_state state;	/* the backend's */
	int watch;
	const char *error;		/* why connect failed, for the "error" key */
	void *priv;			/* the type's */
};

/* The registry (backends.c): types in a NULL-terminated const table. */
extern const struct xenback_ops *const xenback_types[];
const struct xenback_ops *xenback_find(const char *type);

/* A device of `type` with id devid for domain fe. Returns it, or NULL (unknown type,
 * no slot, or setup failed: logged). */
struct xenback_dev *xenback_create(const char *type, unsigned fe, unsigned devid,
				   void *priv);
/* Domain fe is ending: every device of it disconnects and goes. */
void xenback_domain_gone(unsigned fe);

#endif
