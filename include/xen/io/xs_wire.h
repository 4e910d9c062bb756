/*
 * The xenstore wire protocol (Xen's io/xs_wire.h) and the shared ring a domain talks
 * to xenstore through (the page HVM_PARAM_STORE_PFN names).
 *
 * A message is a 16-byte header followed by `len` bytes of payload (at most
 * XENSTORE_PAYLOAD_MAX), most of them NUL-terminated strings. The reply echoes
 * req_id and tx_id, with the request's type, or XS_ERROR and an errno name ("EACCES")
 * as payload. XS_WATCH_EVENT messages ("path\0token\0") arrive unasked, interleaved
 * with replies.
 */
#ifndef PVKIT_XEN_IO_XS_WIRE_H
#define PVKIT_XEN_IO_XS_WIRE_H

#include <stdint.h>

enum xsd_sockmsg_type {
	XS_CONTROL = 0,
	XS_DIRECTORY = 1,	/* "path\0" -> "child\0child\0..." */
	XS_READ = 2,		/* "path\0" -> value bytes (no NUL) */
	XS_GET_PERMS = 3,	/* "path\0" -> "n0\0r1\0..." */
	XS_WATCH = 4,		/* "path\0token\0" -> "OK\0", then an event at once */
	XS_UNWATCH = 5,		/* "path\0token\0" -> "OK\0" */
	XS_TRANSACTION_START = 6,	/* "\0" -> "<id>\0" */
	XS_TRANSACTION_END = 7,	/* "T\0" commit or "F\0" abort -> "OK\0" (EAGAIN: retry) */
	XS_INTRODUCE = 8,
	XS_RELEASE = 9,
	XS_GET_DOMAIN_PATH = 10,	/* "<domid>\0" -> "/local/domain/<domid>\0" */
	XS_WRITE = 11,		/* "path\0" value -> "OK\0" */
	XS_MKDIR = 12,		/* "path\0" -> "OK\0" */
	XS_RM = 13,		/* "path\0" -> "OK\0" */
	XS_SET_PERMS = 14,	/* "path\0perm\0perm\0..." -> "OK\0" */
	XS_WATCH_EVENT = 15,
	XS_ERROR = 16,
	XS_IS_DOMAIN_INTRODUCED = 17,
	XS_RESUME = 18,
	XS_SET_TARGET = 19,
	XS_RESET_WATCHES = 21,	/* "" -> "OK\0": drop all of the caller's watches */
	XS_DIRECTORY_PART = 22,
	XS_TYPE_COUNT
};

struct xsd_sockmsg {
	uint32_t type;		/* XS_* */
	uint32_t req_id;	/* chosen by the client, echoed in the reply */
	uint32_t tx_id;		/* transaction id, 0 for none */
	uint32_t len;		/* payload bytes that follow */
};

#define XENSTORE_PAYLOAD_MAX	4096
#define XENSTORE_ABS_PATH_MAX	3072
#define XENSTORE_REL_PATH_MAX	2048

/*
 * The ring page. Indices run freely (uint32_t, wrapping) and are masked to the ring
 * size; a producer is never more than XENSTORE_RING_SIZE ahead of its consumer. The
 * guest owns req_prod and rsp_cons, xenstore the other two; each side reads the
 * other's index once per pass and checks it before trusting it.
 */
#define XENSTORE_RING_SIZE	1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx)	((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
	char req[XENSTORE_RING_SIZE];	/* guest -> xenstore */
	char rsp[XENSTORE_RING_SIZE];	/* xenstore -> guest: replies and watch events */
	XENSTORE_RING_IDX req_cons, req_prod;
	XENSTORE_RING_IDX rsp_cons, rsp_prod;
	uint32_t server_features;	/* XENSTORE_SERVER_FEATURE_*, set by xenstore */
	uint32_t connection;		/* XENSTORE_CONNECTED */
	uint32_t error;			/* XENSTORE_ERROR_*: why xenstore stopped serving */
};

#define XENSTORE_SERVER_FEATURE_ERROR	2	/* the error field is meaningful */
#define XENSTORE_CONNECTED		0
#define XENSTORE_ERROR_NONE		0
#define XENSTORE_ERROR_COMM		1	/* a protocol violation */
#define XENSTORE_ERROR_RINGIDX		2	/* an index beyond the ring */

#endif
