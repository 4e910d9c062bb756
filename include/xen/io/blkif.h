/*
 * The block device ring (Xen's io/blkif.h), version 1 requests only: no indirect
 * descriptors, no discard, no multi-page rings, no multi-queue.
 *
 * xenstore handshake (io/xenbus.h states):
 *   backend  /local/domain/0/backend/vbd/<fe>/<id>:
 *     sectors         capacity in 512-byte sectors (decimal)
 *     sector-size     logical sector size in bytes: 512
 *     info            VDISK_* flags (decimal)
 *     mode            "r" or "w"
 *     feature-flush-cache  "1": BLKIF_OP_FLUSH_DISKCACHE is honoured
 *   frontend /local/domain/<fe>/device/vbd/<id>:
 *     ring-ref        grant reference of the one ring page (granted to the backend)
 *     event-channel   a port allocated unbound for the backend's domain
 *     protocol        "arm-abi" (optional; the only layout Arm has)
 *
 * A request names up to 11 segments; segment i is the part [first_sect, last_sect]
 * (512-byte units, inclusive) of one granted page, and the segments follow each other
 * on the disk from sector_number on. A read needs the pages granted writable.
 * FLUSH_DISKCACHE has no segments: it completes once every write completed before it
 * is on stable storage. Each request gets exactly one response with the same id.
 */
#ifndef PVKIT_XEN_IO_BLKIF_H
#define PVKIT_XEN_IO_BLKIF_H

#include <stdint.h>

#include <xen/grant_table.h>
#include <xen/io/ring.h>

typedef uint16_t blkif_vdev_t;
typedef uint64_t blkif_sector_t;	/* always 512-byte units, whatever sector-size says */

#define BLKIF_OP_READ			0
#define BLKIF_OP_WRITE			1
#define BLKIF_OP_FLUSH_DISKCACHE	3

/* What fits in a 112-byte request: 11 segments of 8 bytes after 24 bytes of header. */
#define BLKIF_MAX_SEGMENTS_PER_REQUEST	11
#define BLKIF_SECTOR_SIZE		512
#define BLKIF_SECTORS_PER_PAGE		8	/* last_sect is at most 7 */

struct blkif_request_segment {
	grant_ref_t gref;		/* IN: the page */
	uint8_t first_sect, last_sect;	/* IN: first and last sector of it used, 0..7 */
	uint8_t pad[2];
};

struct blkif_request {
	uint8_t operation;		/* IN: BLKIF_OP_* */
	uint8_t nr_segments;		/* IN: 1..11 for READ/WRITE, 0 for FLUSH */
	blkif_vdev_t handle;		/* IN: the device id (ignored by pvkit) */
	uint32_t pad;			/* natural alignment of id on Arm (32 and 64-bit) */
	uint64_t id;			/* IN: echoed in the response */
	blkif_sector_t sector_number;	/* IN: first sector on the disk */
	struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct blkif_response {
	uint64_t id;			/* OUT: the request's */
	uint8_t operation;		/* OUT: the request's */
	uint8_t pad;
	int16_t status;			/* OUT: BLKIF_RSP_* */
	uint32_t pad2;
};

#define BLKIF_RSP_EOPNOTSUPP	-2	/* operation not supported */
#define BLKIF_RSP_ERROR		-1	/* bad request, or the device failed */
#define BLKIF_RSP_OKAY		0

/* "info" flags. */
#define VDISK_CDROM		0x1
#define VDISK_REMOVABLE		0x2
#define VDISK_READONLY		0x4

_Static_assert(sizeof(struct blkif_request_segment) == 8, "blkif segment layout");
_Static_assert(sizeof(struct blkif_request) == 112, "blkif request layout (Arm)");
_Static_assert(sizeof(struct blkif_response) == 16, "blkif response layout");

/* The ring page: the header, then BLKIF_RING_SIZE entries of either kind. */
union blkif_sring_entry {
	struct blkif_request req;
	struct blkif_response rsp;
};

struct blkif_sring {
	struct xen_sring_hdr hdr;
	union blkif_sring_entry ring[];
};

#define BLKIF_RING_SIZE		32	/* xen_ring_size(112): (4096 - 64) / 112 -> 32 */

#endif
