/*
 * The switch's uplink: host NIC 0 (a virtio-net device the hyp drives, hyp/core/
 * devices.c) as the switch port without a MAC of its own, so that domains with a vif
 * reach the outside (in the tests, QEMU user networking with forwarded host ports).
 *
 * The NIC's driver is not reentrant, and the switch delivers from any pCPU, in
 * whichever guest hypercall sent the frame, while received frames are collected in
 * the NIC's interrupt. One lock serialises the driver. Received frames are copied out
 * under it into a staging area and switched only after it is dropped: delivering to
 * the uplink happens under the switch's lock and then takes this one, so switching
 * while holding it would invert that order.
 */
#include "uplink.h"

#include <string.h>

#include <arch/lock.h>
#include <pvkit/net.h>
#include "log.h"
#include "vswitch.h"

#define BATCH		16	/* frames staged per look at the NIC */
#define FRAME_MAX	1536	/* 1514 and some: the driver rejects more */

static struct pv_net *nic;
static int port = -1;
static struct spinlock lock;	/* the NIC's driver, and the staging area */
static struct {
	unsigned len;
	uint8_t data[FRAME_MAX];
} stage[BATCH];
static unsigned staged;
static unsigned long tx_refused;

/* A frame the switch sends out (under the switch's lock). */
static int deliver(void *arg, const void *frame, size_t len)
{
	struct pv_iov iov = { frame, len };
	int err;

	spin_lock(&lock);
	err = nic->ops->send(nic, &iov, 1);
	spin_unlock(&lock);
	if (err) {
		tx_refused++;
		return -1;
	}
	return 0;
}

/* From the driver's poll, under lock. */
static void on_rx(struct pv_net *n, const void *frame, size_t len, void *arg)
{
	if (staged == BATCH || len > FRAME_MAX)
		return;		/* poll's budget keeps staged below BATCH */
	stage[staged].len = (unsigned)len;
	memcpy(stage[staged].data, frame, len);
	staged++;
}

/* The NIC's interrupt: take in what arrived, BATCH frames at a time. */
static void on_notify(struct pv_net *n, void *arg)
{
	int got;

	do {
		spin_lock(&lock);
		staged = 0;
		got = nic->ops->poll(nic, BATCH);
		/* Switched outside the lock; nobody else stages (only this interrupt
		 * polls, on the pCPU the NIC's interrupt is routed to). */
		unsigned n_staged = staged;

		spin_unlock(&lock);
		for (unsigned i = 0; i < n_staged; i++)
			vswitch_input(port, stage[i].data, stage[i].len);
	} while (got == BATCH);
}

int uplink_init(void)
{
	nic = pv_net_get(0);
	if (!nic)
		return 0;	/* no host NIC: the domains' switch stays among themselves */
	port = vswitch_attach(NULL, deliver, NULL);
	if (port < 0) {
		log_msg("uplink: %s: the switch has no port left", nic->info.name);
		nic = NULL;
		return -1;
	}
	nic->rx = on_rx;
	nic->arg = NULL;
	nic->notify = on_notify;
	log_msg("uplink: %s (mac %02x:%02x:%02x:%02x:%02x:%02x) is the switch's way out",
		nic->info.name, nic->info.mac[0], nic->info.mac[1], nic->info.mac[2],
		nic->info.mac[3], nic->info.mac[4], nic->info.mac[5]);
	on_notify(nic, NULL);	/* frames that came before anyone listened */
	return 0;
}
