/*
 * The xenstore inside the hyp: a tree of nodes (path, value, permissions) served over
 * the xs_wire protocol (include/xen/io/xs_wire.h) to each domain's connection, plus a
 * local, privileged connection for the hyp itself (domain 0: backends, domain
 * introduction).
 *
 * Portable (no hyp headers, no locking): the hyp's glue (xs_ring.c) serialises every
 * call with one lock and moves bytes between connections and rings; tests/unit and
 * tests/fuzz link it directly. Memory comes from the caller: the store at xs_init(),
 * each connection's struct, transactions through xs_env.alloc.
 *
 * Permissions (Xen's model): each node has a list of (domid, r|w|b|n); the first names
 * the owner, who may do anything, and what everyone not listed may do. Domain 0 may do
 * anything everywhere. Creating a node needs write access to its nearest existing
 * ancestor and inherits that ancestor's list, with the creator as owner.
 * Quotas: see XS_QUOTA_*; a request over a quota fails with ENOSPC.
 */
#ifndef XEN_XS_H
#define XEN_XS_H

#include <stddef.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

#define XS_NDOMS		2049	/* domids the store accounts for: 0 .. 2048 */
#define XS_MAX_CONNS		XS_NDOMS
#define XS_MAX_NODES		8192	/* 3 a domain with 2048 domains, and the rest */
#define XS_ARENA_BYTES		(256 * 1024)	/* at least; xs_init takes what it is given */
#define XS_QUOTA_NODES		256	/* nodes a domain may own */
#define XS_QUOTA_BYTES		(32 * 1024)	/* bytes of node records it may own */
#define XS_QUOTA_VALUE		2048	/* bytes in one node's value */
#define XS_QUOTA_PERMS		8	/* entries in one node's permission list */
#define XS_QUOTA_WATCHES	32	/* watches per connection */
#define XS_QUOTA_TXNS		4	/* open transactions per connection */
#define XS_MAX_TXNS		16	/* open transactions in all */
#define XS_TXN_GROWTH		(16 * 1024)	/* arena bytes a transaction may add */
#define XS_TXN_LOG		2048	/* bytes of changed paths a transaction may log */
#define XS_OUT_BYTES		(16 * 1024)	/* replies and events waiting (power of 2) */
#define XS_WATCH_BYTES		4096	/* one connection's watch paths and tokens */

/* Errors, by the names the wire protocol sends (Linux numbers). */
enum xs_err {
	XSE_OK = 0, XSE_EPERM = 1, XSE_ENOENT = 2, XSE_EIO = 5, XSE_E2BIG = 7,
	XSE_EAGAIN = 11, XSE_ENOMEM = 12, XSE_EACCES = 13, XSE_EBUSY = 16, XSE_EEXIST = 17,
	XSE_EISDIR = 21, XSE_EINVAL = 22, XSE_ENOSPC = 28, XSE_EROFS = 30, XSE_ENOSYS = 38,
	XSE_ENOTEMPTY = 39, XSE_EISCONN = 106,
};
const char *xs_err_name(int err);

struct xs_conn;

struct xs_env {
	void *(*alloc)(size_t bytes);		/* transactions; NULL when out */
	void (*free)(void *p, size_t bytes);
	/* conn has new output queued by someone else's request (a watch event). */
	void (*output_ready)(struct xs_conn *conn);
};

struct xs_store;
struct xs_txn;

struct xs_conn {
	unsigned domid;
	int open;
	/* Request being assembled: header, then payload (+1 for a NUL guard). */
	uint32_t in_len;		/* bytes of hdr + payload so far */
	uint32_t discard;		/* payload bytes of an oversized request to skip */
	struct xsd_sockmsg hdr;
	char payload[XENSTORE_PAYLOAD_MAX + 1];
	/* Output: replies and watch events, a byte ring. */
	char out[XS_OUT_BYTES];
	uint32_t out_head, out_tail;
	unsigned dropped;		/* watch events lost to a full output queue */
	/* Watches: packed "path\0token\0" records, each preceded by a flags byte. */
	char watches[XS_WATCH_BYTES];
	unsigned watch_bytes, nwatches;
	struct xs_txn *txn[XS_QUOTA_TXNS];
};

/* The store, in `mem` (at least xs_store_size() bytes; more makes its arena bigger),
 * with "/" owned by domain 0. Returns 0, or -1 if mem is too small. */
size_t xs_store_size(void);
int xs_init(const struct xs_env *env, void *mem, size_t size);

/* A connection for domid (its struct is the caller's), then closed: its watches and
 * transactions go. */
void xs_conn_open(struct xs_conn *c, unsigned domid);
void xs_conn_close(struct xs_conn *c);

/* Feed request bytes from the client. Returns how many were taken: fewer than n when a
 * complete request waits for room in the output queue (feed again after taking
 * output). Every request gets exactly one reply, errors included. */
size_t xs_conn_feed(struct xs_conn *c, const void *data, size_t n);
/* Output waiting for the client, and taking it. */
size_t xs_conn_pending(const struct xs_conn *c);
size_t xs_conn_take(struct xs_conn *c, void *buf, size_t max);
/* The same in two steps: copy without removing, then remove n bytes. */
size_t xs_conn_peek(const struct xs_conn *c, void *buf, size_t max);
void xs_conn_drop(struct xs_conn *c, size_t n);

/* --- the local, privileged client (the hyp, domain 0) ------------------------------- */

/* Each returns 0 or an XSE_* error. Paths are absolute. perms is a list such as
 * "n0 r3" (space separated). xs_local_read copies at most size - 1 bytes and a NUL. */
int xs_local_write(struct xs_conn *c, const char *path, const char *value);
int xs_local_read(struct xs_conn *c, const char *path, char *buf, size_t size);
int xs_local_mkdir(struct xs_conn *c, const char *path);
int xs_local_rm(struct xs_conn *c, const char *path);
int xs_local_set_perms(struct xs_conn *c, const char *path, const char *perms);
int xs_local_watch(struct xs_conn *c, const char *path, const char *token);
int xs_local_unwatch(struct xs_conn *c, const char *path, const char *token);
/* Fire watches on a special path ("@introduceDomain", "@releaseDomain"). */
void xs_fire_special(const char *name);
/* The next watch event queued for a local connection: 1 with path and token set
 * (valid until the next call), 0 if none. */
int xs_local_next_event(struct xs_conn *c, const char **path, const char **token);

/* Consistency of the whole store (sorted, accounted, no overlap): 0 if sound. For
 * tests and the fuzzer. */
int xs_check(void);

#endif
