/* The hyp's xenstore core (hyp/xen/xs_*.c) over its wire protocol, as two guests and
 * the hyp would use it: reads and writes, directories, Xen's permission model,
 * watches, transactions, quotas, and malformed or oversized requests. */
#include <stdlib.h>

#include "tap.h"
#include "xs.h"

static void *t_alloc(size_t n) { return malloc(n); }
static void t_free(void *p, size_t n) { free(p); }
static const struct xs_env env = { t_alloc, t_free, NULL };

static struct xs_conn hyp, d1, d2;
static uint32_t next_req = 100;

struct msg {
	struct xsd_sockmsg h;
	char p[XENSTORE_PAYLOAD_MAX + 1];
};

static int take(struct xs_conn *c, struct msg *m)
{
	if (xs_conn_pending(c) < sizeof(m->h))
		return 0;
	xs_conn_take(c, &m->h, sizeof(m->h));
	xs_conn_take(c, m->p, m->h.len);
	m->p[m->h.len] = '\0';
	return 1;
}

/* Watch events that arrived before a reply, for events(). */
static struct {
	struct xs_conn *c;
	char text[200];
} stash[16];
static unsigned nstash;

static void keep_event(struct xs_conn *c, const struct msg *m)
{
	if (nstash < 16) {
		stash[nstash].c = c;
		snprintf(stash[nstash++].text, 200, "%.90s=%.90s", m->p, m->p + strlen(m->p) + 1);
	}
}

/* Send a request and return its reply (watch events before it are stashed). */
static struct msg *rq(struct xs_conn *c, uint32_t type, uint32_t tx, const char *p,
		      uint32_t len)
{
	static struct msg m;
	struct xsd_sockmsg h = { type, ++next_req, tx, len };

	xs_conn_feed(c, &h, sizeof(h));
	xs_conn_feed(c, p, len);
	while (take(c, &m)) {
		if (m.h.type == XS_WATCH_EVENT)
			keep_event(c, &m);
		else if (m.h.req_id == next_req)
			return &m;
	}
	m.h.type = 0xdead;
	strcpy(m.p, "(no reply)");
	return &m;
}

static const char *str_rq(struct xs_conn *c, uint32_t type, uint32_t tx, const char *s)
{
	struct msg *m = rq(c, type, tx, s, (uint32_t)strlen(s) + 1);

	return m->h.type == XS_ERROR ? m->p : m->h.type == type ? m->p : "(bad type)";
}

static const char *wr(struct xs_conn *c, uint32_t tx, const char *path, const char *val)
{
	char buf[4200];
	size_t pl = strlen(path) + 1, vl = strlen(val);
	struct msg *m;

	memcpy(buf, path, pl);
	memcpy(buf + pl, val, vl);
	m = rq(c, XS_WRITE, tx, buf, (uint32_t)(pl + vl));
	return m->p;
}

static int events(struct xs_conn *c, char *out, size_t size)
{
	struct msg m;
	int n = 0;

	out[0] = '\0';
	while (take(c, &m))
		if (m.h.type == XS_WATCH_EVENT)
			keep_event(c, &m);
	for (unsigned i = 0; i < nstash; i++) {
		if (stash[i].c != c)
			continue;
		snprintf(out + strlen(out), size - strlen(out), "%s%s", n++ ? " " : "",
			 stash[i].text);
		memmove(&stash[i], &stash[i + 1], (--nstash - i) * sizeof(stash[0]));
		i--;
	}
	return n;
}

int main(void)
{
	static char mem[sizeof(char) * (512 * 1024)];
	char ev[512], big[5000];

	ok(xs_init(&env, mem, sizeof(mem)) == 0, "store created");
	xs_conn_open(&hyp, 0);
	xs_conn_open(&d1, 1);
	xs_conn_open(&d2, 2);
	ok(xs_local_mkdir(&hyp, "/local/domain/1") == 0 &&
	   xs_local_set_perms(&hyp, "/local/domain/1", "n1") == 0, "d1 owns its subtree");
	ok(xs_local_write(&hyp, "/local/domain/1/name", "one") == 0, "hyp writes d1's name");
	ok(xs_local_mkdir(&hyp, "/local/domain/2") == 0 &&
	   xs_local_set_perms(&hyp, "/local/domain/2", "n2") == 0 &&
	   xs_local_write(&hyp, "/local/domain/2/name", "two") == 0, "d2's subtree");

	/* Reads and writes, relative and absolute. */
	is_str(str_rq(&d1, XS_READ, 0, "name"), "one", "d1 reads its name (relative path)");
	is_str(wr(&d1, 0, "data/secret", "s3cr3t"), "OK", "d1 writes data/secret");
	is_str(str_rq(&d1, XS_READ, 0, "/local/domain/1/data/secret"), "s3cr3t",
	       "read back by absolute path");
	is_str(str_rq(&d1, XS_MKDIR, 0, "data/dir"), "OK", "mkdir");
	is_str(wr(&d1, 0, "data/dir/a/b", "x"), "OK", "write creates parents");
	is_str(str_rq(&d1, XS_READ, 0, "data/dir/a"), "", "an implicit parent is empty");
	struct msg *m = rq(&d1, XS_DIRECTORY, 0, "data", 5);
	ok(m->h.type == XS_DIRECTORY && m->h.len == 11 && !memcmp(m->p, "dir\0secret\0", 11),
	   "directory lists children only, sorted");
	is_str(str_rq(&d1, XS_READ, 0, "data/none"), "ENOENT", "missing node: ENOENT");
	is_str(str_rq(&d1, XS_GET_DOMAIN_PATH, 0, "7"), "/local/domain/7", "get_domain_path");
	is_str(str_rq(&d2, XS_READ, 0, "/local/domain/1/data/none"), "EACCES",
	       "a missing node in a tree one may not read: EACCES, not ENOENT");
	is_str(str_rq(&d2, XS_RM, 0, "/local/domain/1/data/none"), "EACCES",
	       "nor remove one there");

	/* Permissions. */
	is_str(str_rq(&d2, XS_READ, 0, "/local/domain/1/data/secret"), "EACCES",
	       "d2 cannot read d1's private node");
	is_str(wr(&d2, 0, "/local/domain/1/data/x", "1"), "EACCES",
	       "d2 cannot create under d1's subtree");
	is_str(str_rq(&d2, XS_DIRECTORY, 0, "/local/domain/1"), "EACCES",
	       "d2 cannot list d1's subtree");
	is_str(wr(&d1, 0, "data/port", "42"), "OK", "d1 writes data/port");
	m = rq(&d1, XS_SET_PERMS, 0, "data/port\0n1\0r2", 16);
	is_str(m->p, "OK", "d1 lets d2 read data/port");
	is_str(str_rq(&d2, XS_READ, 0, "/local/domain/1/data/port"), "42",
	       "d2 reads the shared node");
	is_str(wr(&d2, 0, "/local/domain/1/data/port", "43"), "EACCES",
	       "d2 still cannot write it");
	m = rq(&d1, XS_GET_PERMS, 0, "data/port", 10);
	ok(m->h.len == 6 && !memcmp(m->p, "n1\0r2\0", 6), "get_perms: n1 r2");
	m = rq(&d1, XS_SET_PERMS, 0, "data/port\0n2", 13);
	is_str(m->p, "EPERM", "a domain cannot give its node away");
	m = rq(&d1, XS_SET_PERMS, 0, "data/port\0x1", 13);
	is_str(m->p, "EINVAL", "bad permission letter");
	is_str(wr(&d1, 0, "/local/domain/2/foo", "1"), "EACCES", "d1 cannot write d2's tree");
	is_str(wr(&d1, 0, "/tool", "1"), "EACCES", "nor the root");
	is_str(str_rq(&d1, XS_RM, 0, "/local/domain/2"), "EACCES", "nor remove d2");

	/* Watches. */
	m = rq(&d2, XS_WATCH, 0, "/local/domain/1/data/port\0tok", 30);
	is_str(m->p, "OK", "watch path+token");
	ok(events(&d2, ev, sizeof(ev)) == 1 && !strcmp(ev, "/local/domain/1/data/port=tok"),
	   "the new watch fires once at once: %s", ev);
	wr(&d1, 0, "data/port", "44");
	ok(events(&d2, ev, sizeof(ev)) == 1 && !strcmp(ev, "/local/domain/1/data/port=tok"),
	   "a write fires it: %s", ev);
	m = rq(&d2, XS_WATCH, 0, "/local/domain/1/data\0all", 25);
	events(&d2, ev, sizeof(ev));
	wr(&d1, 0, "data/secret", "new");
	ok(events(&d2, ev, sizeof(ev)) == 0, "no event for a node d2 may not read: '%s'", ev);
	rq(&d1, XS_WATCH, 0, "data\0mine", 10);
	events(&d1, ev, sizeof(ev));
	is_str(ev, "data=mine", "a relative watch's first event is relative");
	str_rq(&d1, XS_RM, 0, "data/dir");
	events(&d1, ev, sizeof(ev));
	is_str(ev, "data/dir=mine", "rm fires, relative");
	m = rq(&d2, XS_UNWATCH, 0, "/local/domain/1/data/port\0tok", 30);
	is_str(m->p, "OK", "unwatch");
	m = rq(&d2, XS_UNWATCH, 0, "/local/domain/1/data/port\0tok", 30);
	is_str(m->p, "ENOENT", "unwatch twice: ENOENT");
	m = rq(&d2, XS_WATCH, 0, "@releaseDomain\0rel", 19);
	events(&d2, ev, sizeof(ev));
	xs_fire_special("@releaseDomain");
	ok(events(&d2, ev, sizeof(ev)) == 1 && !strcmp(ev, "@releaseDomain=rel"),
	   "special watch: %s", ev);
	ok(xs_local_watch(&hyp, "/local/domain/2/device", "be") == 0, "hyp watches");
	wr(&d2, 0, "device/vif/0/state", "1");
	const char *wp, *wt;
	ok(xs_local_next_event(&hyp, &wp, &wt) && !strcmp(wp, "/local/domain/2/device/vif/0/state")
	   && !strcmp(wt, "be"), "the hyp's watch sees d2's write");

	/* Transactions. */
	m = rq(&d1, XS_TRANSACTION_START, 0, "", 1);
	uint32_t t1 = (uint32_t)atoi(m->p);
	ok(m->h.type == XS_TRANSACTION_START && t1 > 0, "transaction started: %u", t1);
	is_str(wr(&d1, t1, "data/t", "in-txn"), "OK", "write in the transaction");
	is_str(str_rq(&d1, XS_READ, t1, "data/t"), "in-txn", "visible inside");
	is_str(str_rq(&d1, XS_READ, 0, "data/t"), "ENOENT", "invisible outside");
	events(&d1, ev, sizeof(ev));
	is_str(str_rq(&d1, XS_TRANSACTION_END, t1, "T"), "OK", "commit");
	is_str(str_rq(&d1, XS_READ, 0, "data/t"), "in-txn", "committed");
	events(&d1, ev, sizeof(ev));
	is_str(ev, "data/t=mine", "the commit fires the watch");
	m = rq(&d1, XS_TRANSACTION_START, 0, "", 1);
	uint32_t t2 = (uint32_t)atoi(m->p);
	wr(&d1, t2, "data/t", "lost");
	wr(&d2, 0, "data/other", "1");		/* the store changes meanwhile */
	is_str(str_rq(&d1, XS_TRANSACTION_END, t2, "T"), "EAGAIN", "conflict: EAGAIN");
	is_str(str_rq(&d1, XS_READ, 0, "data/t"), "in-txn", "nothing of it applied");
	m = rq(&d1, XS_TRANSACTION_START, 0, "", 1);
	uint32_t t3 = (uint32_t)atoi(m->p);
	wr(&d1, t3, "data/t", "aborted");
	is_str(str_rq(&d1, XS_TRANSACTION_END, t3, "F"), "OK", "abort");
	is_str(str_rq(&d1, XS_READ, 0, "data/t"), "in-txn", "aborted: unchanged");
	is_str(str_rq(&d1, XS_READ, t3, "data/t"), "ENOENT", "an ended transaction: ENOENT");

	/* Malformed and oversized requests. */
	m = rq(&d1, XS_READ, 0, "data/t", 6);
	is_str(m->p, "EINVAL", "path without NUL: EINVAL");
	m = rq(&d1, XS_READ, 0, "a\0b", 4);
	is_str(m->p, "EINVAL", "two strings where one is due: EINVAL");
	is_str(str_rq(&d1, XS_READ, 0, "data//t"), "EINVAL", "empty component: EINVAL");
	is_str(str_rq(&d1, XS_READ, 0, "data/t/"), "EINVAL", "trailing slash: EINVAL");
	is_str(str_rq(&d1, XS_READ, 0, "data/t$"), "EINVAL", "bad character: EINVAL");
	is_str(str_rq(&d1, 99, 0, "x"), "ENOSYS", "unknown type: ENOSYS");
	is_str(str_rq(&d1, XS_INTRODUCE, 0, "x"), "ENOSYS", "introduce: not for guests");
	struct xsd_sockmsg h = { XS_WRITE, 7777, 0, 5000 };
	memset(big, 'A', sizeof(big));
	xs_conn_feed(&d1, &h, sizeof(h));
	ok(take(&d1, &m[0]) && m->h.type == XS_ERROR && m->h.req_id == 7777 &&
	   !strcmp(m->p, "E2BIG"), "payload over 4096: E2BIG at once");
	ok(xs_conn_feed(&d1, big, 5000) == 5000 && !xs_conn_pending(&d1),
	   "its payload is skipped");
	is_str(str_rq(&d1, XS_READ, 0, "name"), "one", "and the next request is served");

	/* Quotas. */
	memset(big, 'v', sizeof(big));
	big[XS_QUOTA_VALUE + 1] = '\0';
	is_str(wr(&d1, 0, "data/big", big), "ENOSPC", "a value over 2048 bytes: ENOSPC");
	char p[64];
	const char *last = "OK";
	int made = 0;
	for (int i = 0; i < XS_QUOTA_NODES + 10 && !strcmp(last, "OK"); i++) {
		snprintf(p, sizeof(p), "data/n%d", i);
		last = wr(&d1, 0, p, "x");
		made += !strcmp(last, "OK");
	}
	is_str(last, "ENOSPC", "node quota: ENOSPC after %d nodes", made);
	ok(made < XS_QUOTA_NODES, "fewer than %d nodes owned", XS_QUOTA_NODES);
	is_str(wr(&d2, 0, "data/still", "ok"), "OK", "d2 is not affected by d1's quota");
	is_str(str_rq(&d1, XS_RM, 0, "data"), "OK", "d1 removes its data");
	is_str(wr(&d1, 0, "data/again", "1"), "OK", "and can write again");
	is_str(str_rq(&d1, XS_RM, 0, "data/nothere"), "OK", "rm of a missing node: OK");
	is_str(str_rq(&d1, XS_RM, 0, "data/no/such"), "ENOENT", "rm with a missing parent");
	for (int i = 0; i < XS_QUOTA_WATCHES; i++) {
		snprintf(p, sizeof(p), "w%d%c", i, 0);
		char buf[80];
		int n = snprintf(buf, sizeof(buf), "data%cw%d", 0, i);
		rq(&d1, XS_WATCH, 0, buf, (uint32_t)n + 1);
	}
	m = rq(&d1, XS_WATCH, 0, "data\0over", 10);
	is_str(m->p, "ENOSPC", "watch quota: ENOSPC");
	m = rq(&d1, XS_RESET_WATCHES, 0, "", 0);
	ok(m->h.type == XS_RESET_WATCHES, "reset_watches");

	/* Output back-pressure: a client that never reads its replies stalls, it does not
	 * lose them. */
	size_t fed = 0;
	for (int i = 0; i < 1000; i++) {
		struct xsd_sockmsg r = { XS_READ, 1, 0, 5 };
		char req[21];
		memcpy(req, &r, 16);
		memcpy(req + 16, "name", 5);
		fed += xs_conn_feed(&d2, req, sizeof(req));
	}
	ok(fed < 1000 * 21, "a client that does not read stops being served (%zu bytes taken)",
	   fed);
	xs_conn_close(&d2);
	xs_conn_close(&d1);
	ok(xs_check() == 0, "the store is consistent");
	return done_testing();
}
