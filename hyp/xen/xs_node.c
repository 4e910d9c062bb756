/*
 * The node operations every request comes down to, with Xen's permission rules:
 * reading needs r, changing needs w on the node, creating needs w on the nearest
 * existing ancestor, whose permissions the new nodes inherit (owned by their creator).
 * Domain 0 passes every check.
 */
#include <string.h>

#include "xs_int.h"

/* Room in the transaction log for one more change, checked before the change so a
 * full log never leaves a change that would fire no watch. */
static int change_room(struct xs_ctx *x, const char *path)
{
	uint32_t need = 2 + XS_QUOTA_PERMS * sizeof(struct xs_perm) + (uint32_t)strlen(path) + 1;

	return x->txn && x->txn->log_len + need > XS_TXN_LOG ? XSE_ENOSPC : 0;
}

int xs_changed(struct xs_ctx *x, const char *path, int recurse,
	       const struct xs_perm *perms, unsigned n)
{
	if (x->txn)
		return xs_txn_log(x->txn, path, recurse, perms, n);
	xs_fire(path, recurse, perms, n);
	return 0;
}

/* The nearest existing ancestor of path (which does not exist): its index. "/" always
 * exists. */
static unsigned ancestor(struct xs_store *s, const char *path, char *buf)
{
	unsigned pos;

	memcpy(buf, path, strlen(path) + 1);
	for (;;) {
		char *slash = strrchr(buf, '/');

		if (slash == buf)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (xs_find(s, buf, &pos) == 0)
			return pos;
	}
}

/* A missing node is ENOENT only to those who may see into where it would be: as in
 * Xen, its nearest existing ancestor decides; otherwise EACCES (nothing leaks). */
static int missing(struct xs_ctx *x, const char *path, unsigned perm)
{
	static char buf[XENSTORE_ABS_PATH_MAX + 1];
	struct xs_rec *a = xs_rec(x->s, ancestor(x->s, path, buf));

	return xs_perm_for(x->domid, xs_rec_perms(a), a->nperms) & perm ? XSE_ENOENT : XSE_EACCES;
}

int xs_node_read(struct xs_ctx *x, const char *path, struct xs_rec **out)
{
	unsigned pos;
	struct xs_rec *r;

	if (xs_find(x->s, path, &pos))
		return missing(x, path, XS_PERM_READ);
	r = xs_rec(x->s, pos);
	if (!(xs_perm_for(x->domid, xs_rec_perms(r), r->nperms) & XS_PERM_READ))
		return XSE_EACCES;
	*out = r;
	return 0;
}

static unsigned copy_perms(struct xs_rec *r, struct xs_perm *p)
{
	memcpy(p, xs_rec_perms(r), r->nperms * sizeof(*p));
	return r->nperms;
}

static int create(struct xs_ctx *x, const char *path, const void *val, uint32_t len)
{
	static char buf[XENSTORE_ABS_PATH_MAX + 1];
	struct xs_perm p[XS_QUOTA_PERMS];
	unsigned apos = ancestor(x->s, path, buf), n, first = 0;
	struct xs_rec *a = xs_rec(x->s, apos);
	size_t alen = strlen(buf);
	int err = 0;

	if (!(xs_perm_for(x->domid, xs_rec_perms(a), a->nperms) & XS_PERM_WRITE))
		return XSE_EACCES;
	n = copy_perms(a, p);
	if (x->domid != 0)
		p[0].dom = (uint16_t)x->domid;
	/* Each missing component, from the one below the ancestor down to path. */
	for (size_t end = alen == 1 ? 1 : alen + 1;; end++) {
		if (path[end] != '/' && path[end] != '\0')
			continue;
		memcpy(buf, path, end);
		buf[end] = '\0';
		int last = path[end] == '\0';

		err = xs_put(x->s, buf, p, n, last ? val : "", last ? len : 0);
		if (err)
			break;
		if (!first)
			first = 1, xs_find(x->s, buf, &apos);
		if (last)
			break;
	}
	if (err && first)	/* undo the parents made before the quota ran out */
		xs_del_range(x->s, apos, xs_subtree_end(x->s, apos));
	return err ? err : xs_changed(x, path, 0, p, n);
}

int xs_node_write(struct xs_ctx *x, const char *path, const void *val, uint32_t len,
		  int mkdir)
{
	struct xs_perm p[XS_QUOTA_PERMS];
	unsigned pos, n;
	struct xs_rec *r;
	int err;

	if (x->domid != 0 && len > XS_QUOTA_VALUE)
		return XSE_ENOSPC;
	if (path[0] != '/')
		return XSE_EINVAL;		/* special paths name no node */
	if ((err = change_room(x, path)))
		return err;
	if (xs_find(x->s, path, &pos))
		return create(x, path, val, len);
	r = xs_rec(x->s, pos);
	if (!(xs_perm_for(x->domid, xs_rec_perms(r), r->nperms) & XS_PERM_WRITE))
		return XSE_EACCES;
	if (mkdir)
		return 0;			/* already there: nothing changes */
	n = copy_perms(r, p);
	if ((err = xs_put(x->s, path, p, n, val, len)))
		return err;
	return xs_changed(x, path, 0, p, n);
}

int xs_node_rm(struct xs_ctx *x, const char *path)
{
	static char parent[XENSTORE_ABS_PATH_MAX + 1];
	struct xs_perm p[XS_QUOTA_PERMS];
	unsigned pos, n;
	struct xs_rec *r;
	int err;

	if (path[0] != '/' || !strcmp(path, "/"))
		return XSE_EINVAL;
	if ((err = change_room(x, path)))
		return err;
	if (xs_find(x->s, path, &pos)) {
		/* Already gone is fine, as long as the parent is there. */
		memcpy(parent, path, strlen(path) + 1);
		char *slash = strrchr(parent, '/');

		if (slash == parent)
			slash[1] = '\0';
		else
			*slash = '\0';
		return xs_find(x->s, parent, &pos) ? missing(x, path, XS_PERM_WRITE) :
		       missing(x, path, XS_PERM_WRITE) == XSE_EACCES ? XSE_EACCES : 0;
	}
	r = xs_rec(x->s, pos);
	if (!(xs_perm_for(x->domid, xs_rec_perms(r), r->nperms) & XS_PERM_WRITE))
		return XSE_EACCES;
	n = copy_perms(r, p);
	xs_del_range(x->s, pos, xs_subtree_end(x->s, pos));
	return xs_changed(x, path, 1, p, n);
}

int xs_node_set_perms(struct xs_ctx *x, const char *path, const struct xs_perm *p,
		      unsigned n)
{
	unsigned pos;
	struct xs_rec *r;
	int err;

	if (path[0] != '/')
		return XSE_EINVAL;
	if (xs_find(x->s, path, &pos))
		return missing(x, path, XS_PERM_WRITE);
	r = xs_rec(x->s, pos);
	if (!(xs_perm_for(x->domid, xs_rec_perms(r), r->nperms) & XS_PERM_WRITE))
		return XSE_EACCES;
	if (x->domid != 0 && p[0].dom != xs_rec_perms(r)->dom)
		return XSE_EPERM;		/* only domain 0 gives a node away */
	if ((err = change_room(x, path)))
		return err;
	/* The value is copied from the old record: make room first so nothing moves. */
	if (xs_room(x->s, sizeof(*r) + n * sizeof(*p) + r->plen + 1 + r->vlen + 8))
		return XSE_ENOSPC;
	r = xs_rec(x->s, pos);
	if ((err = xs_put(x->s, path, p, n, xs_rec_val(r), r->vlen)))
		return err;
	return xs_changed(x, path, 0, p, n);
}
