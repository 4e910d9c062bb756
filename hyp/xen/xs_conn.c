/*
 * Connections: assembling requests from the bytes a client sends (each copied once
 * into the connection before anything looks at it), the output queue, the local
 * privileged client, and the store's creation.
 */
#include <string.h>

#include "xs_int.h"

struct xs_store *xs_main;
const struct xs_env *xs_env;

/* Room a request needs in the output queue before it is read: its reply, whatever it
 * is, then always fits. */
#define REPLY_MAX	(sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX)

static const struct {
	int err;
	const char *name;
} err_names[] = {
	{ XSE_EPERM, "EPERM" }, { XSE_ENOENT, "ENOENT" }, { XSE_EIO, "EIO" },
	{ XSE_E2BIG, "E2BIG" }, { XSE_EAGAIN, "EAGAIN" }, { XSE_ENOMEM, "ENOMEM" },
	{ XSE_EACCES, "EACCES" }, { XSE_EBUSY, "EBUSY" }, { XSE_EEXIST, "EEXIST" },
	{ XSE_EISDIR, "EISDIR" }, { XSE_EINVAL, "EINVAL" }, { XSE_ENOSPC, "ENOSPC" },
	{ XSE_EROFS, "EROFS" }, { XSE_ENOSYS, "ENOSYS" }, { XSE_ENOTEMPTY, "ENOTEMPTY" },
	{ XSE_EISCONN, "EISCONN" },
};

const char *xs_err_name(int err)
{
	for (unsigned i = 0; i < sizeof(err_names) / sizeof(err_names[0]); i++)
		if (err_names[i].err == err)
			return err_names[i].name;
	return "EIO";
}

size_t xs_store_size(void)
{
	return sizeof(struct xs_store) + XS_ARENA_BYTES;
}

int xs_init(const struct xs_env *env, void *mem, size_t size)
{
	static const struct xs_perm root = { 0, XS_PERM_NONE, 0 };

	if (size < xs_store_size())
		return -1;
	xs_env = env;
	xs_main = mem;
	memset(xs_main, 0, sizeof(*xs_main));
	xs_main->cap = (uint32_t)(size - sizeof(*xs_main) < UINT32_MAX - XS_TXN_GROWTH ?
				  size - sizeof(*xs_main) : UINT32_MAX - XS_TXN_GROWTH);
	memset(xs_conns, 0, sizeof(xs_conns));
	return xs_put(xs_main, "/", &root, 1, "", 0) ? -1 : 0;
}

void xs_conn_open(struct xs_conn *c, unsigned domid)
{
	memset(c, 0, sizeof(*c));
	c->domid = domid;
	c->open = 1;
	for (unsigned i = 0; i < XS_MAX_CONNS; i++) {
		if (!xs_conns[i]) {
			xs_conns[i] = c;
			break;
		}
	}
}

void xs_conn_close(struct xs_conn *c)
{
	xs_txn_drop_all(c);
	xs_watch_drop_all(c);
	c->open = 0;
	for (unsigned i = 0; i < XS_MAX_CONNS; i++)
		if (xs_conns[i] == c)
			xs_conns[i] = NULL;
}

size_t xs_conn_pending(const struct xs_conn *c)
{
	return c->out_head - c->out_tail;
}

size_t xs_conn_take(struct xs_conn *c, void *buf, size_t max)
{
	size_t n = 0;

	while (n < max && c->out_tail != c->out_head)
		((char *)buf)[n++] = c->out[c->out_tail++ % XS_OUT_BYTES];
	return n;
}

size_t xs_conn_peek(const struct xs_conn *c, void *buf, size_t max)
{
	size_t n = 0;

	for (uint32_t t = c->out_tail; n < max && t != c->out_head; t++)
		((char *)buf)[n++] = c->out[t % XS_OUT_BYTES];
	return n;
}

void xs_conn_drop(struct xs_conn *c, size_t n)
{
	c->out_tail += (uint32_t)n;
}

static void request_done(struct xs_conn *c)
{
	c->payload[c->hdr.len] = '\0';		/* the guard: strings always end */
	xs_dispatch(c, &c->hdr, c->payload);
	c->in_len = 0;
}

size_t xs_conn_feed(struct xs_conn *c, const void *data, size_t n)
{
	const char *d = data;
	size_t used = 0;

	while (used < n) {
		if (c->discard) {
			size_t k = n - used < c->discard ? n - used : c->discard;

			c->discard -= (uint32_t)k;
			used += k;
			continue;
		}
		if (c->in_len == 0 && XS_OUT_BYTES - xs_conn_pending(c) < REPLY_MAX)
			break;			/* the reply would not fit: wait */
		if (c->in_len < sizeof(c->hdr)) {
			size_t k = sizeof(c->hdr) - c->in_len;

			if (k > n - used)
				k = n - used;
			memcpy((char *)&c->hdr + c->in_len, d + used, k);
			c->in_len += (uint32_t)k;
			used += k;
			if (c->in_len < sizeof(c->hdr))
				break;
			if (c->hdr.len > XENSTORE_PAYLOAD_MAX) {
				/* Too long to take: say so, and skip what follows so the
				 * next request is read from its start. */
				xs_conn_queue(c, XS_ERROR, c->hdr.req_id, c->hdr.tx_id,
					      "E2BIG", 6, NULL, 0);
				c->discard = c->hdr.len;
				c->in_len = 0;
				continue;
			}
		} else {
			size_t have = c->in_len - sizeof(c->hdr), k = c->hdr.len - have;

			if (k > n - used)
				k = n - used;
			memcpy(c->payload + have, d + used, k);
			c->in_len += (uint32_t)k;
			used += k;
		}
		if (c->in_len == sizeof(c->hdr) + c->hdr.len)
			request_done(c);
	}
	return used;
}

/* --- the local client ------------------------------------------------------------- */

static struct xs_ctx local(struct xs_conn *c)
{
	struct xs_ctx x = { c, 0, xs_main, NULL };

	return x;
}

static int canon(const char *in, char *out, int special)
{
	return xs_path_canon(0, in, out, XENSTORE_ABS_PATH_MAX + 1, special);
}

static char lpath[XENSTORE_ABS_PATH_MAX + 1];

int xs_local_write(struct xs_conn *c, const char *path, const char *value)
{
	struct xs_ctx x = local(c);
	size_t len = strlen(value);

	if (len > XENSTORE_PAYLOAD_MAX)
		return XSE_E2BIG;
	return canon(path, lpath, 0) ?: xs_node_write(&x, lpath, value, (uint32_t)len, 0);
}

int xs_local_read(struct xs_conn *c, const char *path, char *buf, size_t size)
{
	struct xs_ctx x = local(c);
	struct xs_rec *r;
	int err = canon(path, lpath, 0) ?: xs_node_read(&x, lpath, &r);

	if (err)
		return err;
	if (r->vlen >= size)
		return XSE_E2BIG;
	memcpy(buf, xs_rec_val(r), r->vlen);
	buf[r->vlen] = '\0';
	return 0;
}

int xs_local_mkdir(struct xs_conn *c, const char *path)
{
	struct xs_ctx x = local(c);

	return canon(path, lpath, 0) ?: xs_node_write(&x, lpath, "", 0, 1);
}

int xs_local_rm(struct xs_conn *c, const char *path)
{
	struct xs_ctx x = local(c);

	return canon(path, lpath, 0) ?: xs_node_rm(&x, lpath);
}

int xs_local_set_perms(struct xs_conn *c, const char *path, const char *perms)
{
	struct xs_ctx x = local(c);
	char words[XS_QUOTA_PERMS][8];
	const char *v[XS_QUOTA_PERMS];
	struct xs_perm p[XS_QUOTA_PERMS];
	unsigned n = 0;

	for (const char *s = perms; *s;) {
		size_t len = strcspn(s, " ");

		if (n == XS_QUOTA_PERMS || len == 0 || len >= sizeof(words[0]))
			return XSE_EINVAL;
		memcpy(words[n], s, len);
		words[n][len] = '\0';
		v[n] = words[n];
		n++;
		s += len;
		while (*s == ' ')
			s++;
	}
	return canon(path, lpath, 0) ?: xs_perms_parse(v, n, p) ?:
	       xs_node_set_perms(&x, lpath, p, n);
}

int xs_local_watch(struct xs_conn *c, const char *path, const char *token)
{
	return canon(path, lpath, 1) ?: xs_watch_add(c, lpath, token, 0);
}

int xs_local_unwatch(struct xs_conn *c, const char *path, const char *token)
{
	return canon(path, lpath, 1) ?: xs_watch_del(c, lpath, token);
}

int xs_local_next_event(struct xs_conn *c, const char **path, const char **token)
{
	static char buf[XENSTORE_PAYLOAD_MAX + 1];
	struct xsd_sockmsg h;

	while (xs_conn_pending(c) >= sizeof(h)) {
		xs_conn_take(c, &h, sizeof(h));
		xs_conn_take(c, buf, h.len);	/* queued by us: len fits */
		buf[h.len] = '\0';
		if (h.type != XS_WATCH_EVENT)
			continue;
		*path = buf;
		*token = buf + strlen(buf) + 1;
		return 1;
	}
	return 0;
}

int xs_check(void)
{
	return xs_store_check(xs_main);
}
