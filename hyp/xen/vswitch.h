/*
 * A small learning L2 switch between the vifs (netback.c) and an uplink (a host NIC).
 *
 * A vif port is attached with the MAC its domain was configured with; it may send
 * only from that address (a guest cannot take another's traffic by spoofing), and
 * frames to it go to it alone. Addresses behind the uplink are learned from the
 * frames it brings in. Broadcast, multicast and unknown unicast go to every port but
 * the one they came in on.
 *
 * A port's deliver function takes a frame or refuses it (no receive buffer posted,
 * ring full); a refused frame is dropped and counted, and the sender never waits.
 * deliver runs with the switch's lock held: it must not call back into the switch.
 * Lock order: a vif's transmit lock -> the switch's lock -> what deliver takes
 * (grant and event-channel locks).
 *
 * Portable: tests/unit/test_vswitch.c.
 */
#ifndef XEN_VSWITCH_H
#define XEN_VSWITCH_H

#include <stddef.h>
#include <stdint.h>

#define VSW_PORTS	16	/* vifs (one per domain) and the uplink */
#define VSW_LEARNED	64	/* addresses remembered behind the uplink */

/* 0 if the frame was taken, -1 if it was dropped. */
typedef int (*vsw_deliver_fn)(void *arg, const void *frame, size_t len);

struct vsw_stats {
	unsigned long in, out;		/* frames from, to the port */
	unsigned long dropped;		/* to the port, refused by deliver */
	unsigned long spoofed;		/* from the port with a source not its own */
};

/* mac NULL: the uplink (at most one). Returns the port, or -1 if none is free. */
int vswitch_attach(const uint8_t *mac, vsw_deliver_fn fn, void *arg);
void vswitch_detach(int port);
/* A frame (at least 14 bytes) that came in on port: forward it. */
void vswitch_input(int port, const void *frame, size_t len);
void vswitch_stats(int port, struct vsw_stats *st);

#endif
