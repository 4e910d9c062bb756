/*
 * Internet checksums (RFC 1071) of TCP and UDP over IPv4 and IPv6, for virtio-net's
 * checksum offload: where a frame's transport checksum is and what its pseudo-header
 * contributes. Portable: unit-tested on the host (tests/unit/test_csum.c).
 *
 * Frames are Ethernet frames, optionally with one 802.1Q tag. Checksums are stored in
 * network byte order. IPv4 fragments and IPv6 extension headers are not looked into.
 */
#ifndef DRIVERS_VIRTIO_CSUM_H
#define DRIVERS_VIRTIO_CSUM_H

#include <stddef.h>
#include <stdint.h>

struct csum_loc {
	uint16_t start;			/* transport header offset in the frame */
	uint16_t offset;		/* checksum field offset from start */
	uint16_t l4len;			/* transport header + payload, per the IP header */
	uint8_t proto;			/* 6 TCP, 17 UDP */
	uint8_t ipv4;
	uint32_t pseudo;		/* pseudo-header sum, unfolded */
};

/* Ones'-complement sum of len bytes as big-endian 16-bit words, added to sum. */
uint32_t csum_add(uint32_t sum, const void *p, size_t len);
/* Fold a sum to 16 bits (not complemented). */
uint16_t csum_fold(uint32_t sum);

/* Find the TCP or UDP checksum of a frame. Returns 0 and fills *loc, or -1 when the
 * frame is something else or its headers do not fit in len. */
int csum_locate(const uint8_t *frame, size_t len, struct csum_loc *loc);

/* Prepare a located frame for the device to finish (virtio NEEDS_CSUM): the checksum
 * field gets the folded pseudo-header sum. */
void csum_prepare_partial(uint8_t *frame, const struct csum_loc *loc);

/* Finish a partial checksum as the device would: sum from start to the end of the
 * frame, store the complement at start + offset. Returns 0, or -1 when the field is
 * not inside the frame. */
int csum_complete(uint8_t *frame, size_t len, unsigned start, unsigned offset);

/* 1 if the frame's TCP/UDP checksum is right (or it has none to check: not TCP/UDP,
 * or IPv4 UDP with checksum 0), 0 if it is wrong. */
int csum_verify(const uint8_t *frame, size_t len);

#endif
