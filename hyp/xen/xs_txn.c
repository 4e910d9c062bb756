/*
 * Transactions: a private copy of the store, which replaces the main one at commit
 * if the main store has not changed since the copy was taken (otherwise EAGAIN: the
 * client retries, as Xen's clients do). Changes made in a transaction fire their
 * watches at commit.
 */
#include <string.h>

#include "xs_int.h"

static unsigned open_txns;
static uint32_t next_id = 1;

struct xs_txn *xs_txn_find(struct xs_conn *c, uint32_t id)
{
	for (unsigned i = 0; i < XS_QUOTA_TXNS; i++)
		if (c->txn[i] && c->txn[i]->id == id)
			return c->txn[i];
	return NULL;
}

int xs_txn_start(struct xs_conn *c, uint32_t *id)
{
	unsigned slot;

	for (slot = 0; slot < XS_QUOTA_TXNS && c->txn[slot]; slot++)
		;
	if (slot == XS_QUOTA_TXNS || open_txns >= XS_MAX_TXNS)
		return XSE_ENOSPC;

	uint32_t cap = xs_store_live(xs_main) + XS_TXN_GROWTH;
	size_t bytes = sizeof(struct xs_txn) + sizeof(struct xs_store) + cap;
	struct xs_txn *t = xs_env->alloc(bytes);

	if (!t)
		return XSE_ENOMEM;
	t->s = (struct xs_store *)(uintptr_t)(((uintptr_t)(t + 1) + 7) & ~(uintptr_t)7);
	t->alloc = bytes;
	xs_store_copy(t->s, cap - 8, xs_main);
	t->base_gen = xs_main->gen;
	t->log_len = 0;
	t->id = next_id++;
	if (!next_id)
		next_id = 1;			/* 0 means "no transaction" */
	c->txn[slot] = t;
	open_txns++;
	*id = t->id;
	return 0;
}

int xs_txn_log(struct xs_txn *t, const char *path, int recurse,
	       const struct xs_perm *perms, unsigned n)
{
	uint32_t plen = (uint32_t)strlen(path) + 1, need = 2 + n * sizeof(*perms) + plen;

	if (t->log_len + need > XS_TXN_LOG)
		return XSE_ENOSPC;
	t->log[t->log_len] = (char)recurse;
	t->log[t->log_len + 1] = (char)n;
	memcpy(&t->log[t->log_len + 2], perms, n * sizeof(*perms));
	memcpy(&t->log[t->log_len + 2 + n * sizeof(*perms)], path, plen);
	t->log_len += need;
	return 0;
}

static void fire_log(struct xs_txn *t)
{
	for (uint32_t off = 0; off < t->log_len;) {
		int recurse = t->log[off];
		unsigned n = (unsigned char)t->log[off + 1];
		struct xs_perm p[XS_QUOTA_PERMS];
		const char *path = &t->log[off + 2 + n * sizeof(p[0])];

		memcpy(p, &t->log[off + 2], n * sizeof(p[0]));
		xs_fire(path, recurse, p, n);
		off += 2 + n * (uint32_t)sizeof(p[0]) + (uint32_t)strlen(path) + 1;
	}
}

static void drop(struct xs_conn *c, struct xs_txn *t)
{
	for (unsigned i = 0; i < XS_QUOTA_TXNS; i++)
		if (c->txn[i] == t)
			c->txn[i] = NULL;
	open_txns--;
	xs_env->free(t, t->alloc);
}

int xs_txn_end(struct xs_conn *c, struct xs_txn *t, int commit)
{
	int err = 0;

	if (commit && t->s->gen != t->base_gen) {	/* it changed something */
		if (xs_main->gen != t->base_gen)
			err = XSE_EAGAIN;
		else if (xs_store_copy(xs_main, xs_main->cap, t->s))
			err = XSE_ENOSPC;
		else
			fire_log(t);
	}
	drop(c, t);
	return err;
}

void xs_txn_drop_all(struct xs_conn *c)
{
	for (unsigned i = 0; i < XS_QUOTA_TXNS; i++)
		if (c->txn[i])
			drop(c, c->txn[i]);
}
