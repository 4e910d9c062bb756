/*
 * Inside the xenstore core: the store's layout, transactions and the helpers the
 * request handlers share. Not for the glue (xs.h is).
 *
 * The store is one block of memory: a header with per-domain accounting, an index of
 * node offsets sorted by path (with '/' ordering before every other character, so a
 * node's descendants follow it contiguously), and an arena of node records. Records
 * are appended; a replaced or removed record becomes garbage until compaction. A
 * transaction works on a private copy of the block, which replaces the main store at
 * commit if nothing changed the main store meanwhile.
 */
#ifndef XEN_XS_INT_H
#define XEN_XS_INT_H

#include "xs.h"

#define XS_PERM_NONE	0
#define XS_PERM_READ	1
#define XS_PERM_WRITE	2
#define XS_PERM_BOTH	3

struct xs_perm {
	uint16_t dom;
	uint8_t perm;		/* XS_PERM_* */
	uint8_t pad;
};

/* A node: this header, perms[nperms], path and NUL, value; size rounded up to 8. */
struct xs_rec {
	uint32_t size;
	uint16_t plen;
	uint8_t nperms;
	uint8_t pad;
	uint32_t vlen;
	uint32_t pad2;
};

struct xs_store {
	uint32_t cap;			/* arena bytes */
	uint32_t top;			/* arena bytes used (live and garbage) */
	uint32_t garbage;		/* of which dead */
	uint32_t n;			/* nodes */
	uint64_t gen;			/* changes so far */
	uint32_t nodes[XS_NDOMS];	/* nodes owned, per domain */
	uint32_t bytes[XS_NDOMS];	/* record bytes owned, per domain */
	uint32_t index[XS_MAX_NODES];	/* arena offsets, by path */
	uint8_t arena[];
};

struct xs_txn {
	uint32_t id;
	uint64_t base_gen;		/* main store's gen at start */
	size_t alloc;			/* bytes of the block below */
	struct xs_store *s;
	uint32_t log_len;		/* changed paths, each "<recurse flag>path\0" */
	char log[XS_TXN_LOG];
};

/* What a request runs against: who asks, which store, where changes are logged. */
struct xs_ctx {
	struct xs_conn *conn;
	unsigned domid;
	struct xs_store *s;		/* main or a transaction's copy */
	struct xs_txn *txn;		/* NULL: changes fire watches at once */
};

extern struct xs_store *xs_main;
extern const struct xs_env *xs_env;

/* Records. */
static inline struct xs_rec *xs_rec(const struct xs_store *s, unsigned pos)
{
	return (struct xs_rec *)(uintptr_t)(s->arena + s->index[pos]);
}
static inline struct xs_perm *xs_rec_perms(struct xs_rec *r)
{
	return (struct xs_perm *)(r + 1);
}
static inline char *xs_rec_path(struct xs_rec *r)
{
	return (char *)(xs_rec_perms(r) + r->nperms);
}
static inline char *xs_rec_val(struct xs_rec *r)
{
	return xs_rec_path(r) + r->plen + 1;
}

/* xs_store.c */
int xs_pathcmp(const char *a, const char *b);
int xs_find(const struct xs_store *s, const char *path, unsigned *pos);
unsigned xs_subtree_end(const struct xs_store *s, unsigned pos);
/* Create or replace the node at path (pos from xs_find). Checks the owner's quotas
 * unless it is domain 0. Returns 0 or XSE_ENOSPC. */
int xs_put(struct xs_store *s, const char *path, const struct xs_perm *perms,
	   unsigned nperms, const void *val, uint32_t vlen);
void xs_del_range(struct xs_store *s, unsigned pos, unsigned end);
/* Make room for a record of `size` bytes, compacting if that helps: 0 or -1. After it
 * succeeds, xs_put of that size moves no record (so its val may point into the store). */
int xs_room(struct xs_store *s, uint32_t size);
/* A compacted copy of src in dst (dst_cap arena bytes); -1 if it does not fit. */
int xs_store_copy(struct xs_store *dst, uint32_t dst_cap, const struct xs_store *src);
uint32_t xs_store_live(const struct xs_store *s);
int xs_store_check(const struct xs_store *s);

/* xs_path.c */
/* The absolute form of a request's path: relative ones are under /local/domain/<id>.
 * allow_special: "@name" (watches). Returns 0 or XSE_EINVAL. */
int xs_path_canon(unsigned domid, const char *in, char *out, size_t size, int allow_special);
/* 1 if path is base or below it. */
int xs_path_under(const char *path, const char *base);
/* Permission list text ("n0", "r3", ...) <-> entries. */
int xs_perms_parse(const char *const *words, unsigned n, struct xs_perm *out);
unsigned xs_perm_for(unsigned domid, const struct xs_perm *p, unsigned n);

/* xs_watch.c */
/* A change at path: fire every watch at or above it (and, if recurse, below it) whose
 * connection may read the node (perms, as they were). */
void xs_fire(const char *path, int recurse, const struct xs_perm *perms, unsigned n);
int xs_watch_add(struct xs_conn *c, const char *path, const char *token, int relative);
int xs_watch_del(struct xs_conn *c, const char *path, const char *token);
void xs_watch_drop_all(struct xs_conn *c);
/* Queue a message for c; 0, or -1 if there is no room (an event is then lost). */
int xs_conn_queue(struct xs_conn *c, uint32_t type, uint32_t req_id, uint32_t tx_id,
		  const void *a, uint32_t alen, const void *b, uint32_t blen);
extern struct xs_conn *xs_conns[XS_MAX_CONNS];

/* xs_proto.c: one complete request, answered with exactly one reply. */
void xs_dispatch(struct xs_conn *c, const struct xsd_sockmsg *h, const char *payload);

/* xs_txn.c */
struct xs_txn *xs_txn_find(struct xs_conn *c, uint32_t id);
int xs_txn_start(struct xs_conn *c, uint32_t *id);
int xs_txn_end(struct xs_conn *c, struct xs_txn *t, int commit);
void xs_txn_drop_all(struct xs_conn *c);
/* Record a change (fired at commit). 0 or XSE_ENOSPC. */
int xs_txn_log(struct xs_txn *t, const char *path, int recurse,
	       const struct xs_perm *perms, unsigned n);

/* xs_node.c: the operations behind the requests, in a context. */
int xs_node_read(struct xs_ctx *x, const char *path, struct xs_rec **out);
int xs_node_write(struct xs_ctx *x, const char *path, const void *val, uint32_t len,
		  int mkdir);
int xs_node_rm(struct xs_ctx *x, const char *path);
int xs_node_set_perms(struct xs_ctx *x, const char *path, const struct xs_perm *p,
		      unsigned n);
/* The node changed: fire watches now, or log for the transaction's commit. */
int xs_changed(struct xs_ctx *x, const char *path, int recurse,
	       const struct xs_perm *perms, unsigned n);

#endif
