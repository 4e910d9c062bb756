/* The xenbus state helpers a frontend (or its test) drives its handshake with. */
#include <errno.h>

#include "fmt.h"
#include "xs_ring.h"

static int state_path(char *buf, size_t size, const char *dir)
{
	int n = fmt_snprintf(buf, size, "%s/state", dir);

	return n < 0 || (size_t)n >= size ? -E2BIG : 0;
}

int xenbus_switch_state(const char *dir, enum xenbus_state s)
{
	char path[128];

	return state_path(path, sizeof(path), dir) ?: xenbus_printf(0, path, "%u", s);
}

enum xenbus_state xenbus_read_state(const char *dir)
{
	char path[128], val[4];

	if (state_path(path, sizeof(path), dir) || xenbus_read(0, path, val, sizeof(val)) != 1 ||
	    val[0] < '0' || val[0] > '8')
		return XenbusStateUnknown;
	return (enum xenbus_state)(val[0] - '0');
}

int xenbus_wait_state(const char *dir, unsigned mask, uint64_t timeout_ns)
{
	char path[128];
	struct xenbus_watch w = { .path = path };
	uint64_t deadline = drv_now_ns() + timeout_ns;
	int s = XenbusStateUnknown, err;

	if ((err = state_path(path, sizeof(path), dir)) || (err = xenbus_watch_add(&w)))
		return err;
	for (;;) {
		unsigned seen = w.fired;

		s = xenbus_read_state(dir);
		if (mask >> s & 1)
			break;
		/* Nothing to read again until the watch fires. */
		while (w.fired == seen && drv_now_ns() < deadline) {
			xs_drain();
			hyp_yield();
		}
		if (w.fired == seen) {
			s = -ETIMEDOUT;
			break;
		}
	}
	xenbus_watch_remove(&w);
	return s;
}
