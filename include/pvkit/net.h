/*
 * Network devices (Ethernet frames), whatever is behind them (virtio-net, Xen netfront).
 * The lwIP glue (runtime/net/) and the hyp's netback are their users.
 */
#ifndef PVKIT_NET_H
#define PVKIT_NET_H

#include <stddef.h>
#include <stdint.h>

struct pv_net;

struct pv_iov {
	const void *base;
	size_t len;
};

/* PV_NET_F_CSUM_TX: the TCP/UDP checksum of a sent frame (IPv4 or IPv6, not a
 *   fragment) is filled in below; the user may leave it 0.
 * PV_NET_F_CSUM_RX: every TCP/UDP frame handed to rx has a correct checksum (the device
 *   or the driver checked or completed it; bad ones are dropped); the user need not
 *   verify them. IP header and ICMP checksums are not covered. */
#define PV_NET_F_CSUM_TX	0x1
#define PV_NET_F_CSUM_RX	0x2

struct pv_net_info {
	const char *name;		/* "virtio-net0", "vif0" */
	uint8_t mac[6];
	uint16_t mtu;			/* payload bytes, without the Ethernet header */
	unsigned features;		/* PV_NET_F_* negotiated with the device */
};

/* A driver's side.
 * send queues one frame given as a list of pieces (header first); the driver copies
 *   them before returning. Returns 0, -EAGAIN when its transmit ring is full (retry
 *   after the next notify), -EINVAL for a frame larger than mtu + 14 bytes or empty,
 *   -EIO once the device has failed (for good).
 * poll hands at most budget received frames to the rx callback, in order, and reclaims
 *   transmitted buffers; returns the number of frames delivered. */
struct pv_net_ops {
	int (*send)(struct pv_net *n, const struct pv_iov *iov, unsigned cnt);
	int (*poll)(struct pv_net *n, int budget);
};

struct pv_net {
	const struct pv_net_ops *ops;
	struct pv_net_info info;
	void *priv;			/* the driver's */
	/* Set by the device's user before traffic starts. rx runs inside poll (thread
	 * context) with a frame valid only until it returns. notify runs in interrupt
	 * context when frames arrived or transmit space freed. */
	void (*rx)(struct pv_net *n, const void *frame, size_t len, void *arg);
	void (*notify)(struct pv_net *n, void *arg);
	void *arg;
	struct pv_net *next;		/* registry link */
};

void pv_net_register(struct pv_net *n);
struct pv_net *pv_net_get(unsigned index);

#endif
