/*
 * Watches: (path, token) pairs per connection. A change fires every watch at or above
 * the changed node; removing a subtree also fires the watches below it (with the
 * watch's own path). A connection hears only of nodes it may read. Events for a
 * watch set with a relative path carry relative paths.
 */
#include <string.h>

#include "fmt.h"
#include "xs_int.h"

#define W_RELATIVE	1

struct xs_conn *xs_conns[XS_MAX_CONNS];

int xs_conn_queue(struct xs_conn *c, uint32_t type, uint32_t req_id, uint32_t tx_id,
		  const void *a, uint32_t alen, const void *b, uint32_t blen)
{
	struct xsd_sockmsg h = { type, req_id, tx_id, alen + blen };
	const void *part[3] = { &h, a, b };
	uint32_t len[3] = { sizeof(h), alen, blen };

	if (sizeof(h) + alen + blen > XS_OUT_BYTES - (c->out_head - c->out_tail))
		return -1;
	for (int i = 0; i < 3; i++)
		for (uint32_t k = 0; k < len[i]; k++)
			c->out[c->out_head++ % XS_OUT_BYTES] = ((const char *)part[i])[k];
	return 0;
}

/* The next watch record at *off: flags, path, token. 0 at the end. */
static int next_watch(struct xs_conn *c, unsigned *off, unsigned *flags, const char **path,
		      const char **token)
{
	if (*off >= c->watch_bytes)
		return 0;
	*flags = (unsigned char)c->watches[*off];
	*path = &c->watches[*off + 1];
	*token = *path + strlen(*path) + 1;
	*off += 1 + (unsigned)strlen(*path) + 1 + (unsigned)strlen(*token) + 1;
	return 1;
}

static void event(struct xs_conn *c, const char *path, const char *token, unsigned flags)
{
	char prefix[32];
	int n = fmt_snprintf(prefix, sizeof(prefix), "/local/domain/%u/", c->domid);

	if ((flags & W_RELATIVE) && !strncmp(path, prefix, (size_t)n))
		path += n;
	if (xs_conn_queue(c, XS_WATCH_EVENT, 0, 0, path, (uint32_t)strlen(path) + 1, token,
			  (uint32_t)strlen(token) + 1)) {
		c->dropped++;
		return;
	}
	if (xs_env->output_ready)
		xs_env->output_ready(c);
}

void xs_fire(const char *path, int recurse, const struct xs_perm *perms, unsigned n)
{
	for (unsigned i = 0; i < XS_MAX_CONNS; i++) {
		struct xs_conn *c = xs_conns[i];
		const char *wpath, *token;
		unsigned off = 0, flags;

		if (!c || !c->open)
			continue;
		if (perms && !(xs_perm_for(c->domid, perms, n) & XS_PERM_READ))
			continue;
		while (next_watch(c, &off, &flags, &wpath, &token)) {
			if (path[0] == '@' || wpath[0] == '@') {
				if (!strcmp(path, wpath))
					event(c, path, token, flags);
			} else if (xs_path_under(path, wpath)) {
				event(c, path, token, flags);
			} else if (recurse && xs_path_under(wpath, path)) {
				event(c, wpath, token, flags);
			}
		}
	}
}

void xs_fire_special(const char *name)
{
	xs_fire(name, 0, NULL, 0);
}

static int find(struct xs_conn *c, const char *path, const char *token, unsigned *at,
		unsigned *size)
{
	const char *p, *t;
	unsigned off = 0, prev = 0, flags;

	while (next_watch(c, &off, &flags, &p, &t)) {
		if (!strcmp(p, path) && !strcmp(t, token)) {
			*at = prev;
			*size = off - prev;
			return 0;
		}
		prev = off;
	}
	return -1;
}

int xs_watch_add(struct xs_conn *c, const char *path, const char *token, int relative)
{
	size_t plen = strlen(path), tlen = strlen(token);
	unsigned at, size;

	if (!find(c, path, token, &at, &size))
		return XSE_EEXIST;
	if (c->nwatches >= XS_QUOTA_WATCHES || c->watch_bytes + 3 + plen + tlen > XS_WATCH_BYTES)
		return XSE_ENOSPC;
	c->watches[c->watch_bytes] = relative ? W_RELATIVE : 0;
	memcpy(&c->watches[c->watch_bytes + 1], path, plen + 1);
	memcpy(&c->watches[c->watch_bytes + 2 + plen], token, tlen + 1);
	c->watch_bytes += 3 + (unsigned)(plen + tlen);
	c->nwatches++;
	return 0;
}

int xs_watch_del(struct xs_conn *c, const char *path, const char *token)
{
	unsigned at, size;

	if (find(c, path, token, &at, &size))
		return XSE_ENOENT;
	memmove(&c->watches[at], &c->watches[at + size], c->watch_bytes - at - size);
	c->watch_bytes -= size;
	c->nwatches--;
	return 0;
}

void xs_watch_drop_all(struct xs_conn *c)
{
	c->watch_bytes = 0;
	c->nwatches = 0;
}
