/* The hyp's xenbus backend state machine (hyp/xen/xenbus_back.c) over the xenstore
 * core, with a fake device type: the toolstack's directories and permissions, the
 * handshake a frontend drives by writing its state, a failed connect, a reconnect,
 * and the frontend domain going away. */
#include <stdarg.h>
#include <stdlib.h>

#include "fmt.h"
#include "tap.h"
#include "xenbus_back.h"
#include "xenstore.h"
#include "xs.h"

/* xenstore.h's hyp-side calls, over the core as the glue would (no locking needed:
 * one thread), delivering the hyp's watch events at once. */
static struct xs_conn hyp, fe;
static struct {
	xenstore_watch_fn fn;
	void *arg;
	char path[96];
} watches[8];

static void *t_alloc(size_t n) { return malloc(n); }
static void t_free(void *p, size_t n) { free(p); }
static const struct xs_env env = { t_alloc, t_free, NULL };

static void deliver(void)
{
	const char *p, *t;

	while (xs_local_next_event(&hyp, &p, &t)) {
		unsigned w = (unsigned)(t[0] - 'A');
		char path[96];

		snprintf(path, sizeof(path), "%s", p);
		if (w < 8 && watches[w].fn)
			watches[w].fn(path, watches[w].arg);
	}
}

int xenstore_write(const char *path, const char *value)
{
	int r = xs_local_write(&hyp, path, value);

	deliver();
	return r;
}

int xenstore_printf(const char *path, const char *fmt, ...)
{
	char v[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return xenstore_write(path, v);
}

int xenstore_read(const char *path, char *buf, size_t size)
{
	return xs_local_read(&hyp, path, buf, size);
}

int xenstore_mkdir(const char *path) { return xs_local_mkdir(&hyp, path); }
int xenstore_rm(const char *path) { int r = xs_local_rm(&hyp, path); deliver(); return r; }
int xenstore_set_perms(const char *path, const char *perms)
{
	return xs_local_set_perms(&hyp, path, perms);
}

int xenstore_watch(const char *path, xenstore_watch_fn fn, void *arg)
{
	for (int i = 0; i < 8; i++) {
		char tok[2] = { (char)('A' + i), 0 };

		if (watches[i].fn)
			continue;
		watches[i].fn = fn;
		watches[i].arg = arg;
		snprintf(watches[i].path, sizeof(watches[i].path), "%s", path);
		return xs_local_watch(&hyp, path, tok) ? -1 : i;
	}
	return -1;
}

void xenstore_unwatch(int w)
{
	char tok[2] = { (char)('A' + w), 0 };

	xs_local_unwatch(&hyp, watches[w].path, tok);
	watches[w].fn = NULL;
}

/* The fake type: connect reads the frontend's ring-ref and fails on "bad". */
static int setups, connects, disconnects;

static int t_setup(struct xenback_dev *dev)
{
	char p[96];

	setups++;
	snprintf(p, sizeof(p), "%s/feature-test", dev->be_path);
	return xenstore_write(p, "1");
}

static int t_connect(struct xenback_dev *dev)
{
	char p[96], v[16];

	snprintf(p, sizeof(p), "%s/ring-ref", dev->fe_path);
	if (xenstore_read(p, v, sizeof(v)) || !strcmp(v, "bad")) {
		dev->error = "ring-ref missing or not a grant reference";
		return -1;
	}
	connects++;
	return 0;
}

static void t_disconnect(struct xenback_dev *dev)
{
	disconnects++;
}

static const struct xenback_ops test_ops = { "test", t_setup, t_connect, t_disconnect };
const struct xenback_ops *const xenback_types[] = { &test_ops, NULL };

/* The frontend (domain 3) writes through its own, unprivileged connection. */
static void fe_write(const char *rel, const char *val)
{
	char buf[200];
	size_t pl = strlen(rel) + 1, vl = strlen(val);
	struct xsd_sockmsg h = { XS_WRITE, 1, 0, (uint32_t)(pl + vl) };

	memcpy(buf, rel, pl);
	memcpy(buf + pl, val, vl);
	xs_conn_feed(&fe, &h, sizeof(h));
	xs_conn_feed(&fe, buf, h.len);
	while (xs_conn_take(&fe, buf, sizeof(buf)))
		;
	deliver();
}

static const char *be(const char *key)
{
	static char v[128];
	char p[96];

	snprintf(p, sizeof(p), "/local/domain/0/backend/test/3/0/%s", key);
	return xenstore_read(p, v, sizeof(v)) ? "(none)" : v;
}

int main(void)
{
	static uint64_t mem[512 * 1024 / 8];
	char buf[64];

	ok(xs_init(&env, mem, sizeof(mem)) == 0, "store");
	xs_conn_open(&hyp, 0);
	xs_conn_open(&fe, 3);
	xs_local_mkdir(&hyp, "/local/domain/3");
	xs_local_set_perms(&hyp, "/local/domain/3", "n3");

	ok(xenback_find("test") == &test_ops && !xenback_find("vbd"), "registry by type");
	ok(!xenback_create("vbd", 3, 0, NULL), "an unknown type is refused");
	struct xenback_dev *dev = xenback_create("test", 3, 0, NULL);

	ok(dev && setups == 1, "device created, type keys written");
	is_str(be("state"), "2", "backend waits: InitWait");
	is_str(be("frontend"), "/local/domain/3/device/test/0", "backend names its frontend");
	is_str(be("frontend-id"), "3", "frontend-id");
	is_str(be("feature-test"), "1", "the type's own key");
	xenstore_read("/local/domain/3/device/test/0/backend", buf, sizeof(buf));
	is_str(buf, "/local/domain/0/backend/test/3/0", "frontend names its backend");
	xs_local_read(&hyp, "/local/domain/3/device/test/0/state", buf, sizeof(buf));
	is_str(buf, "1", "frontend starts Initialising");

	/* The frontend may read its backend's directory but not write it. */
	struct xsd_sockmsg h = { XS_READ, 5, 0, 0 };
	const char *bp = "/local/domain/0/backend/test/3/0/state";
	h.len = (uint32_t)strlen(bp) + 1;
	xs_conn_feed(&fe, &h, sizeof(h));
	xs_conn_feed(&fe, bp, h.len);
	xs_conn_take(&fe, &h, sizeof(h));
	xs_conn_take(&fe, buf, h.len);
	ok(h.type == XS_READ && buf[0] == '2', "the frontend reads the backend's state");
	fe_write("/local/domain/0/backend/test/3/0/state", "4");
	is_str(be("state"), "2", "but cannot write it");

	/* Handshake. */
	fe_write("device/test/0/ring-ref", "bad");
	fe_write("device/test/0/state", "3");
	is_str(be("state"), "5", "a bad ring-ref: connect fails, backend Closing");
	is_str(be("error"), "ring-ref missing or not a grant reference", "error key written");
	fe_write("device/test/0/state", "6");
	is_str(be("state"), "6", "frontend Closed: backend Closed");
	fe_write("device/test/0/state", "1");
	is_str(be("state"), "2", "frontend Initialising again: backend InitWait");
	fe_write("device/test/0/ring-ref", "8");
	fe_write("device/test/0/state", "3");
	ok(connects == 1 && !strcmp(be("state"), "4"), "Initialised: connected (state %s)",
	   be("state"));
	fe_write("device/test/0/state", "x9");
	ok(!strcmp(be("state"), "4") && disconnects == 0, "a state that is no number: ignored");
	fe_write("device/test/0/state", "5");
	ok(disconnects == 1 && !strcmp(be("state"), "5"), "frontend Closing: disconnected, "
	   "backend Closing");
	fe_write("device/test/0/state", "6");
	is_str(be("state"), "6", "frontend Closed: backend Closed");
	fe_write("device/test/0/state", "1");
	fe_write("device/test/0/state", "4");
	ok(connects == 2 && !strcmp(be("state"), "4"), "reconnected");
	xenback_domain_gone(3);
	ok(disconnects == 2 && !strcmp(be("state"), "(none)"),
	   "domain gone: disconnected, backend directory removed");
	ok(xs_check() == 0, "store consistent");
	return done_testing();
}
