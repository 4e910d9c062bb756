/*
 * Split virtqueues (virtio 1.2 specification, section 2.7), the ring layout shared with
 * the device, and the driver-side bookkeeping around it.
 *
 * Everything the device can write (the used ring) is checked before it is believed:
 * an id must name a chain the driver handed out and has not had back, a length must
 * not exceed what that chain let the device write, and the used index must not run
 * ahead of what is outstanding. The first violation marks the queue broken and the
 * driver resets the device (virtq_broken). Chain links are kept in driver-private
 * memory, never read back from the descriptor table the device can scribble on.
 *
 * Byte order: the rings are little-endian (modern devices) or guest-endian (legacy);
 * both are little-endian for the AArch64 guests pvkit targets, so fields are plain.
 */
#ifndef DRIVERS_VIRTIO_VIRTQ_H
#define DRIVERS_VIRTIO_VIRTQ_H

#include <stddef.h>
#include <stdint.h>

/* Shared with the device (spec 2.7.5, 2.7.6, 2.7.8). */
struct virtq_desc {
	uint64_t addr;			/* guest-physical */
	uint32_t len;
	uint16_t flags;			/* VIRTQ_DESC_F_* */
	uint16_t next;			/* with VIRTQ_DESC_F_NEXT */
};
#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2	/* the device writes this buffer (else reads it) */

#define VIRTQ_AVAIL_F_NO_INTERRUPT 1	/* a hint: the driver polls this queue */

struct virtq_avail {
	uint16_t flags;			/* VIRTQ_AVAIL_F_NO_INTERRUPT */
	uint16_t idx;			/* free-running; ring[idx % num] is the next slot */
	uint16_t ring[];		/* heads of chains; used_event follows (unused) */
};

struct virtq_used_elem {
	uint32_t id;			/* head of the chain the device is done with */
	uint32_t len;			/* bytes the device wrote into it */
};

struct virtq_used {
	uint16_t flags;			/* VIRTQ_USED_F_NO_NOTIFY */
	uint16_t idx;
	struct virtq_used_elem ring[];	/* avail_event follows (unused) */
};
#define VIRTQ_USED_F_NO_NOTIFY	1

/* The legacy interface needs the used ring aligned to the QueueAlign the driver
 * programs; 4096 is what every legacy driver uses, and the modern interface accepts
 * the same layout, so one layout serves both. */
#define VIRTQ_ALIGN		4096
/* Largest queue pvkit sets up: bounds ring and bookkeeping memory per queue. */
#define VIRTQ_MAX_NUM		256

/* One buffer of a chain. */
struct virtq_buf {
	uint64_t pa;
	uint32_t len;
	int device_writes;		/* 1: the device fills it (VIRTQ_DESC_F_WRITE) */
};

struct virtq_head;			/* private, per descriptor */

struct virtq {
	uint16_t num;			/* descriptors, a power of two */
	uint16_t nfree;			/* descriptors not in any chain */
	uint16_t free_head;
	uint16_t avail_idx;		/* our copy of avail->idx */
	uint16_t used_seen;		/* used entries consumed so far */
	uint16_t outstanding;		/* chains the device holds */
	int broken;
	unsigned index;			/* queue number on its device */
	const char *name;		/* for messages: "virtio-blk0 requestq" */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint64_t desc_pa, avail_pa, used_pa;
	/* Tell the device there is new work (the transport's QueueNotify). */
	void (*notify)(struct virtq *q);
	void *notify_arg;
	/* Driver-private memory. */
	uint16_t *next;			/* chain links, per descriptor */
	struct virtq_head *head;	/* per head descriptor: cookie, lengths */
	void *ring_mem, *priv_mem;
	size_t ring_pages, priv_pages;
};

/* Bytes the ring of num descriptors takes in the layout above. */
size_t virtq_ring_bytes(unsigned num);

/* Allocate rings and bookkeeping for num descriptors (a power of two, at most
 * VIRTQ_MAX_NUM). Returns 0 or -ENOMEM / -EINVAL. */
int virtq_init(struct virtq *q, unsigned num, unsigned index, const char *name);
void virtq_destroy(struct virtq *q);

/* Queue one chain of n buffers (device-readable ones first, then device-writable
 * ones, as the specification requires) and publish it. cookie (not NULL) comes back
 * from virtq_get. Returns 0, -EAGAIN if fewer than n descriptors are free, -EINVAL
 * for an empty chain or a device-readable buffer after a device-writable one, -EIO if
 * the queue is broken. The device is not told: call virtq_kick. */
int virtq_add(struct virtq *q, const struct virtq_buf *b, unsigned n, void *cookie);

/* Tell the device about chains added since the last kick, unless it asked not to be
 * notified. */
void virtq_kick(struct virtq *q);

/* The next chain the device has finished with: its cookie, and in *len the bytes the
 * device says it wrote (at most the chain's device-writable length). NULL when there
 * is none, or when the device broke the rules (then q->broken is set and the error
 * logged: reset the device, then take back the chains with virtq_detach). */
void *virtq_get(struct virtq *q, uint32_t *len);

/* After the device is reset: the cookie of one chain still outstanding (freeing it),
 * or NULL when none is left. */
void *virtq_detach(struct virtq *q);

/* Descriptors free, and chains the device has not returned. */
static inline unsigned virtq_free(const struct virtq *q) { return q->nfree; }
static inline unsigned virtq_outstanding(const struct virtq *q) { return q->outstanding; }

#endif
