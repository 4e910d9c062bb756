/*
 * blkfront inside the xenbus driver set: the ring data path (blkfront.c) as the
 * handshake (blkfront_xs.c) uses it. The handshake reads what the backend offers,
 * has blkfront_alloc make and grant the pages, publishes them, and once the backend is
 * Connected calls blkfront_start, which binds the event channel and registers the
 * pv_blk.
 */
#ifndef DRIVERS_XENBUS_BLKFRONT_H
#define DRIVERS_XENBUS_BLKFRONT_H

#include <stdint.h>

struct blkfront;

struct blkfront_params {
	const char *name;		/* "xvda" (kept) */
	unsigned backend_id;		/* domain the pages are granted to */
	uint64_t sectors;
	int read_only;			/* info has VDISK_READONLY, or mode "r" */
	int flush;			/* feature-flush-cache */
};

/* The ring page and the data pages, granted to the backend. NULL when out of memory
 * or grant references; *ring_ref is the ring's grant. */
struct blkfront *blkfront_alloc(const struct blkfront_params *p, unsigned *ring_ref);
/* Take events on port (allocated unbound for the backend) and register the pv_blk. */
int blkfront_start(struct blkfront *f, unsigned port);

#endif
