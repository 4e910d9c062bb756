/* The xenbus backend state machine, driven by watches on each frontend's state. */
#include "xenbus_back.h"

#include <string.h>

#include <arch/lock.h>
#include "fmt.h"
#include "xenstore.h"

static struct spinlock lock;		/* devs[], and every state change */
static struct xenback_dev devs[XENBACK_MAX];

const struct xenback_ops *xenback_find(const char *type)
{
	for (const struct xenback_ops *const *t = xenback_types; *t; t++)
		if (!strcmp((*t)->type, type))
			return *t;
	return NULL;
}

static int key(const struct xenback_dev *dev, int backend, const char *name,
	       const char *fmt, unsigned val)
{
	char path[96];

	fmt_snprintf(path, sizeof(path), "%s/%s", backend ? dev->be_path : dev->fe_path, name);
	return xenstore_printf(path, fmt, val);
}

static void set_state(struct xenback_dev *dev, enum xenbus_state s)
{
	dev->state = s;
	key(dev, 1, "state", "%u", s);
}

/* The frontend's state: Unknown if the node is gone (the frontend left), -1 if what
 * it wrote is no state (ignored: it only hurts its own device). */
static int frontend_state(const struct xenback_dev *dev)
{
	char path[96], val[8];

	fmt_snprintf(path, sizeof(path), "%s/state", dev->fe_path);
	if (xenstore_read(path, val, sizeof(val)))
		return XenbusStateUnknown;
	if (val[0] < '0' || val[0] > '0' + XenbusStateReconfigured || val[1])
		return -1;
	return val[0] - '0';
}

static void frontend_changed(const char *path, void *arg)
{
	struct xenback_dev *dev = arg;
	int fe;

	spin_lock(&lock);
	if (!dev->ops) {
		spin_unlock(&lock);
		return;			/* gone meanwhile */
	}
	fe = frontend_state(dev);
	switch (fe) {
	case XenbusStateInitialising:
		if (dev->state == XenbusStateClosed)
			set_state(dev, XenbusStateInitWait);
		break;
	case XenbusStateInitialised:
	case XenbusStateConnected:
		if (dev->state != XenbusStateInitWait)
			break;
		dev->error = NULL;
		if (dev->ops->connect(dev) == 0) {
			set_state(dev, XenbusStateConnected);
		} else {
			char p[96];

			fmt_snprintf(p, sizeof(p), "%s/error", dev->be_path);
			xenstore_write(p, dev->error ? dev->error : "connect failed");
			set_state(dev, XenbusStateClosing);
		}
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
	case XenbusStateUnknown:
		if (dev->state == XenbusStateConnected)
			dev->ops->disconnect(dev);
		if (dev->state != XenbusStateClosed)
			set_state(dev, fe == XenbusStateClosing ? XenbusStateClosing :
							   XenbusStateClosed);
		break;
	default:
		break;			/* reconfiguration: not offered */
	}
	spin_unlock(&lock);
}

static int publish(struct xenback_dev *dev)
{
	char perms[16], path[96];
	int err;

	/* The frontend's directory is its own; the backend's is the hyp's. */
	fmt_snprintf(perms, sizeof(perms), "n%u r0", dev->fe);
	err = xenstore_mkdir(dev->fe_path) || xenstore_set_perms(dev->fe_path, perms);
	fmt_snprintf(path, sizeof(path), "%s/backend", dev->fe_path);
	err = err || xenstore_write(path, dev->be_path) || key(dev, 0, "backend-id", "%u", 0) ||
	      key(dev, 0, "state", "%u", XenbusStateInitialising);
	fmt_snprintf(perms, sizeof(perms), "n0 r%u", dev->fe);
	err = err || xenstore_mkdir(dev->be_path) || xenstore_set_perms(dev->be_path, perms);
	fmt_snprintf(path, sizeof(path), "%s/frontend", dev->be_path);
	err = err || xenstore_write(path, dev->fe_path) ||
	      key(dev, 1, "frontend-id", "%u", dev->fe) || key(dev, 1, "online", "%u", 1) ||
	      key(dev, 1, "state", "%u", XenbusStateInitialising);
	return err || dev->ops->setup(dev) ? -1 : 0;
}

struct xenback_dev *xenback_create(const char *type, unsigned fe, unsigned devid,
				   void *priv)
{
	const struct xenback_ops *ops = xenback_find(type);
	struct xenback_dev *dev = NULL;
	char path[96];

	if (!ops)
		return NULL;
	spin_lock(&lock);
	for (unsigned i = 0; i < XENBACK_MAX && !dev; i++)
		if (!devs[i].ops)
			dev = &devs[i];
	if (dev) {
		memset(dev, 0, sizeof(*dev));
		dev->ops = ops;
	}
	spin_unlock(&lock);
	if (!dev)
		return NULL;
	dev->fe = fe;
	dev->devid = devid;
	dev->priv = priv;
	dev->watch = -1;
	fmt_snprintf(dev->fe_path, sizeof(dev->fe_path), "/local/domain/%u/device/%s/%u", fe,
		     type, devid);
	fmt_snprintf(dev->be_path, sizeof(dev->be_path), "/local/domain/0/backend/%s/%u/%u",
		     type, fe, devid);
	fmt_snprintf(path, sizeof(path), "%s/state", dev->fe_path);
	if (publish(dev) || (dev->watch = xenstore_watch(path, frontend_changed, dev)) < 0) {
		xenstore_rm(dev->be_path);
		xenstore_rm(dev->fe_path);
		dev->ops = NULL;
		return NULL;
	}
	spin_lock(&lock);
	set_state(dev, XenbusStateInitWait);
	spin_unlock(&lock);
	return dev;
}

void xenback_domain_gone(unsigned fe)
{
	for (unsigned i = 0; i < XENBACK_MAX; i++) {
		struct xenback_dev *dev = &devs[i];

		spin_lock(&lock);
		if (!dev->ops || dev->fe != fe) {
			spin_unlock(&lock);
			continue;
		}
		xenstore_unwatch(dev->watch);
		if (dev->state == XenbusStateConnected)
			dev->ops->disconnect(dev);
		xenstore_rm(dev->be_path);
		dev->ops = NULL;
		spin_unlock(&lock);
	}
}
