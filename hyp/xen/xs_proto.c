/*
 * The xs_wire requests, one handler each in a const table indexed by type. A handler
 * checks its arguments (NUL-terminated strings, counted exactly), runs the node
 * operation and queues the reply; an error it returns becomes an XS_ERROR reply.
 * Room for the largest reply is guaranteed before a request is dispatched.
 */
#include <string.h>

#include "fmt.h"
#include "xs_int.h"

struct req {
	struct xs_conn *c;
	const struct xsd_sockmsg *h;
	const char *p;			/* payload, followed by a NUL guard byte */
	uint32_t len;
};

typedef int (*xs_handler)(struct xs_ctx *x, struct req *r);

static char path[XENSTORE_ABS_PATH_MAX + 1];
static char reply_buf[XENSTORE_PAYLOAD_MAX];

static int reply(struct req *r, const void *p, uint32_t len)
{
	xs_conn_queue(r->c, r->h->type, r->h->req_id, r->h->tx_id, p, len, NULL, 0);
	return 0;
}

static int ok(struct req *r)
{
	return reply(r, "OK", 3);
}

/* Split the payload into exactly n NUL-terminated strings (n = 0: "at least one",
 * the count goes to *got). */
static int strings(struct req *r, const char **v, unsigned n, unsigned max, unsigned *got)
{
	unsigned k = 0;

	if (r->len == 0 || r->p[r->len - 1] != '\0')
		return XSE_EINVAL;
	for (uint32_t off = 0; off < r->len; off += (uint32_t)strlen(r->p + off) + 1) {
		if (k == max)
			return XSE_EINVAL;
		v[k++] = r->p + off;
	}
	if (n && k != n)
		return XSE_EINVAL;
	if (got)
		*got = k;
	return 0;
}

static int one_path(struct xs_ctx *x, struct req *r)
{
	const char *arg;
	int err = strings(r, &arg, 1, 1, NULL);

	return err ? err : xs_path_canon(x->domid, arg, path, sizeof(path), 0);
}

static int do_read(struct xs_ctx *x, struct req *r)
{
	struct xs_rec *n;
	int err = one_path(x, r);

	if (err || (err = xs_node_read(x, path, &n)))
		return err;
	return reply(r, xs_rec_val(n), n->vlen);
}

static int do_write(struct xs_ctx *x, struct req *r)
{
	size_t plen = strnlen(r->p, r->len);
	int err;

	if (plen == r->len)
		return XSE_EINVAL;		/* no NUL after the path */
	if ((err = xs_path_canon(x->domid, r->p, path, sizeof(path), 0)))
		return err;
	err = xs_node_write(x, path, r->p + plen + 1, r->len - (uint32_t)plen - 1, 0);
	return err ? err : ok(r);
}

static int do_mkdir(struct xs_ctx *x, struct req *r)
{
	int err = one_path(x, r);

	if (err || (err = xs_node_write(x, path, "", 0, 1)))
		return err;
	return ok(r);
}

static int do_rm(struct xs_ctx *x, struct req *r)
{
	int err = one_path(x, r);

	if (err || (err = xs_node_rm(x, path)))
		return err;
	return ok(r);
}

static int do_directory(struct xs_ctx *x, struct req *r)
{
	struct xs_rec *n;
	unsigned pos, end, len = 0;
	int err = one_path(x, r);

	if (err || (err = xs_node_read(x, path, &n)))
		return err;
	xs_find(x->s, path, &pos);
	end = xs_subtree_end(x->s, pos);
	size_t base = strlen(path) == 1 ? 1 : strlen(path) + 1;

	for (unsigned i = pos + 1; i < end; i++) {
		const char *child = xs_rec_path(xs_rec(x->s, i)) + base;
		size_t clen = strlen(child);

		if (memchr(child, '/', clen))
			continue;		/* a grandchild */
		if (len + clen + 1 > sizeof(reply_buf))
			return XSE_E2BIG;
		memcpy(reply_buf + len, child, clen + 1);
		len += (unsigned)clen + 1;
	}
	return reply(r, reply_buf, len);
}

static const char perm_chars[4] = { 'n', 'r', 'w', 'b' };

static int do_get_perms(struct xs_ctx *x, struct req *r)
{
	struct xs_rec *n;
	unsigned len = 0;
	int err = one_path(x, r);

	if (err || (err = xs_node_read(x, path, &n)))
		return err;
	for (unsigned i = 0; i < n->nperms; i++) {
		const struct xs_perm *p = &xs_rec_perms(n)[i];

		len += (unsigned)fmt_snprintf(reply_buf + len, sizeof(reply_buf) - len, "%c%u",
					      perm_chars[p->perm & 3], p->dom) + 1;
	}
	return reply(r, reply_buf, len);
}

static int do_set_perms(struct xs_ctx *x, struct req *r)
{
	const char *v[1 + XS_QUOTA_PERMS];
	struct xs_perm p[XS_QUOTA_PERMS];
	unsigned n;
	int err = strings(r, v, 0, 1 + XS_QUOTA_PERMS, &n);

	if (err || n < 2)
		return XSE_EINVAL;
	if ((err = xs_path_canon(x->domid, v[0], path, sizeof(path), 0)) ||
	    (err = xs_perms_parse(v + 1, n - 1, p)) ||
	    (err = xs_node_set_perms(x, path, p, n - 1)))
		return err;
	return ok(r);
}

static int do_watch(struct xs_ctx *x, struct req *r)
{
	const char *v[2];
	int err = strings(r, v, 2, 2, NULL), unwatch = r->h->type == XS_UNWATCH;

	if (err || (err = xs_path_canon(x->domid, v[0], path, sizeof(path), 1)))
		return err;
	if (unwatch)
		err = xs_watch_del(r->c, path, v[1]);
	else
		err = xs_watch_add(r->c, path, v[1], v[0][0] != '/' && v[0][0] != '@');
	if (err)
		return err;
	ok(r);
	if (!unwatch)	/* Xen fires a new watch once, so the client reads the start state */
		xs_conn_queue(r->c, XS_WATCH_EVENT, 0, 0, v[0], (uint32_t)strlen(v[0]) + 1,
			      v[1], (uint32_t)strlen(v[1]) + 1);
	return 0;
}

static int do_txn_start(struct xs_ctx *x, struct req *r)
{
	uint32_t id;
	int err = xs_txn_start(r->c, &id);

	if (err)
		return err;
	int n = fmt_snprintf(reply_buf, sizeof(reply_buf), "%u", id);

	return reply(r, reply_buf, (uint32_t)n + 1);
}

static int do_txn_end(struct xs_ctx *x, struct req *r)
{
	const char *arg;
	int err = strings(r, &arg, 1, 1, NULL);

	if (err || (strcmp(arg, "T") && strcmp(arg, "F")))
		return XSE_EINVAL;
	if (!x->txn)
		return XSE_ENOENT;
	if ((err = xs_txn_end(r->c, x->txn, arg[0] == 'T')))
		return err;
	return ok(r);
}

static int do_get_domain_path(struct xs_ctx *x, struct req *r)
{
	const char *arg;
	unsigned long id = 0;
	int err = strings(r, &arg, 1, 1, NULL);

	if (err || !arg[0] || strlen(arg) > 5)
		return XSE_EINVAL;
	for (const char *s = arg; *s; s++) {
		if (*s < '0' || *s > '9')
			return XSE_EINVAL;
		id = id * 10 + (unsigned long)(*s - '0');
	}
	if (id > 0xffff)
		return XSE_EINVAL;
	int n = fmt_snprintf(reply_buf, sizeof(reply_buf), "/local/domain/%lu", id);

	return reply(r, reply_buf, (uint32_t)n + 1);
}

static int do_reset_watches(struct xs_ctx *x, struct req *r)
{
	xs_watch_drop_all(r->c);
	xs_txn_drop_all(r->c);
	return ok(r);
}

#define TXN	1	/* runs in the transaction named by tx_id, if any */

static const struct {
	xs_handler fn;
	unsigned flags;
} handlers[XS_TYPE_COUNT] = {
	[XS_DIRECTORY] = { do_directory, TXN },
	[XS_READ] = { do_read, TXN },
	[XS_GET_PERMS] = { do_get_perms, TXN },
	[XS_WATCH] = { do_watch, 0 },
	[XS_UNWATCH] = { do_watch, 0 },
	[XS_TRANSACTION_START] = { do_txn_start, 0 },
	[XS_TRANSACTION_END] = { do_txn_end, TXN },
	[XS_GET_DOMAIN_PATH] = { do_get_domain_path, 0 },
	[XS_WRITE] = { do_write, TXN },
	[XS_MKDIR] = { do_mkdir, TXN },
	[XS_RM] = { do_rm, TXN },
	[XS_SET_PERMS] = { do_set_perms, TXN },
	[XS_RESET_WATCHES] = { do_reset_watches, 0 },
};

/* One complete request: run it; every outcome is exactly one reply. */
void xs_dispatch(struct xs_conn *c, const struct xsd_sockmsg *h, const char *payload)
{
	struct req r = { c, h, payload, h->len };
	struct xs_ctx x = { c, c->domid, xs_main, NULL };
	int err;

	if (h->type >= XS_TYPE_COUNT || !handlers[h->type].fn) {
		err = XSE_ENOSYS;
	} else if ((handlers[h->type].flags & TXN) && h->tx_id &&
		   !(x.txn = xs_txn_find(c, h->tx_id))) {
		err = XSE_ENOENT;		/* no such transaction (ended or never began) */
	} else {
		if (x.txn)
			x.s = x.txn->s;
		err = handlers[h->type].fn(&x, &r);
	}
	if (err) {
		const char *name = xs_err_name(err);

		xs_conn_queue(c, XS_ERROR, h->req_id, h->tx_id, name, (uint32_t)strlen(name) + 1,
			      NULL, 0);
	}
}
