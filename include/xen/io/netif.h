/*
 * Network interfaces (Xen's io/netif.h): a frontend and its backend exchange Ethernet
 * frames through two request/response rings (io/ring.h), each one page, and one event
 * channel. Written from Xen's public specification, with only what pvkit uses.
 *
 * Handshake (xenstore, device type "vif"; docs/XEN.md):
 *   the toolstack writes   <fe dir>/mac = "aa:bb:cc:dd:ee:ff", <fe dir>/handle
 *   the backend writes     <be dir>/feature-rx-copy = 1 (and the features it offers)
 *   the frontend writes    <fe dir>/tx-ring-ref, rx-ring-ref (grants of the ring
 *                          pages to the backend), event-channel (a port it allocated
 *                          unbound for the backend), request-rx-copy = 1 (the backend
 *                          copies into frontend buffers), feature-rx-notify = 1 (it
 *                          notifies after posting receive buffers) and, to refuse
 *                          frames with blank checksums, feature-no-csum-offload = 1
 *
 * Transmit (guest -> backend): a frame is one or more requests. The first carries the
 * frame's total size and NETTXF_* flags; NETTXF_more_data says another fragment
 * request follows (its size is that fragment's; the first fragment's length is the
 * total minus the others). NETTXF_extra_info says extra-info slots (struct
 * netif_extra_info, for GSO and multicast control, which pvkit does not offer)
 * follow the first request. Every slot consumed gets a response echoing its id:
 * NETIF_RSP_OKAY, NETIF_RSP_ERROR for a bad frame, NETIF_RSP_NULL for extra slots.
 * Each fragment lies within its page: offset + size <= 4096.
 *
 * Receive (backend -> guest): the frontend posts whole pages (a grant each, with an
 * id); the backend copies a frame in and answers in the same ring slot with the id,
 * the offset of the data, NETRXF_* flags and the length (or a negative
 * NETIF_RSP_*). Same slot, so a frontend may ignore ids (Linux does).
 *
 * Checksums: NETTXF_csum_blank / NETRXF_csum_blank mark a TCP/UDP frame whose
 * checksum field holds only the pseudo-header sum (the other side completes it);
 * NETTXF_data_validated / NETRXF_data_validated mark one whose checksum was checked.
 * Without "feature-no-csum-offload" = 1 a frontend must accept blank checksums.
 */
#ifndef PVKIT_XEN_IO_NETIF_H
#define PVKIT_XEN_IO_NETIF_H

#include <stdint.h>

#include <xen/grant_table.h>
#include <xen/io/ring.h>

/* Fragments of one transmitted frame a backend must accept (Xen's minimum). */
#define XEN_NETIF_NR_SLOTS_MIN	18

#define NETTXF_csum_blank	(1u << 0)
#define NETTXF_data_validated	(1u << 1)
#define NETTXF_more_data	(1u << 2)
#define NETTXF_extra_info	(1u << 3)

struct netif_tx_request {
	grant_ref_t gref;	/* the page holding this fragment */
	uint16_t offset;	/* of the fragment in the page */
	uint16_t flags;		/* NETTXF_* */
	uint16_t id;		/* echoed in the response */
	uint16_t size;		/* first request: the whole frame; others: the fragment */
};

struct netif_tx_response {
	uint16_t id;
	int16_t status;		/* NETIF_RSP_* */
};

/* Extra-info slots overlay a request (tx) or response (rx) slot. */
#define XEN_NETIF_EXTRA_FLAG_MORE	(1u << 0)	/* another extra slot follows */
struct netif_extra_info {
	uint8_t type;
	uint8_t flags;		/* XEN_NETIF_EXTRA_FLAG_* */
	uint16_t pad[3];
};

struct netif_rx_request {
	uint16_t id;		/* echoed in the response */
	uint16_t pad;
	grant_ref_t gref;	/* a whole page the backend may write */
};

#define NETRXF_data_validated	(1u << 0)
#define NETRXF_csum_blank	(1u << 1)
#define NETRXF_more_data	(1u << 2)
#define NETRXF_extra_info	(1u << 3)

struct netif_rx_response {
	uint16_t id;
	uint16_t offset;	/* of the frame in the page */
	uint16_t flags;		/* NETRXF_* */
	int16_t status;		/* > 0: the frame's length; <= 0: NETIF_RSP_* */
};

#define NETIF_RSP_DROPPED	-2
#define NETIF_RSP_ERROR		-1
#define NETIF_RSP_OKAY		0
#define NETIF_RSP_NULL		1	/* a response to an extra-info slot */

/* A slot holds a request or its response: 12 bytes for transmit, 8 for receive. */
union netif_tx_slot {
	struct netif_tx_request req;
	struct netif_tx_response rsp;
	struct netif_extra_info extra;
};
union netif_rx_slot {
	struct netif_rx_request req;
	struct netif_rx_response rsp;
};
_Static_assert(sizeof(union netif_tx_slot) == 12, "netif tx slot layout");
_Static_assert(sizeof(union netif_rx_slot) == 8, "netif rx slot layout");

/* One page each: the header, then the largest power of two of slots that fits. */
#define NETIF_TX_RING_SIZE	256
#define NETIF_RX_RING_SIZE	256

struct netif_tx_sring {
	struct xen_sring_hdr hdr;
	union netif_tx_slot ring[NETIF_TX_RING_SIZE];
};
struct netif_rx_sring {
	struct xen_sring_hdr hdr;
	union netif_rx_slot ring[NETIF_RX_RING_SIZE];
};
_Static_assert(sizeof(struct netif_tx_sring) <= 4096 &&
	       (4096 - 64) / 12 < 2 * NETIF_TX_RING_SIZE, "tx ring fills one page");
_Static_assert(sizeof(struct netif_rx_sring) <= 4096 &&
	       (4096 - 64) / 8 < 2 * NETIF_RX_RING_SIZE, "rx ring fills one page");

/* The largest frame without GSO: a 1500-byte MTU plus the Ethernet header. */
#define NETIF_FRAME_MAX		1514
#define NETIF_FRAME_MIN		14

#endif
