/*
 * The virtio-mmio transport as the device drivers (blk.c, net.c, console.c) see it.
 * Written from the virtio 1.2 specification: 4.2 (virtio over MMIO, version 2) and
 * 4.2.4 (its legacy interface, version 1, which QEMU's virt machine presents unless
 * started with -global virtio-mmio.force-legacy=false).
 *
 * mmio.c probes every "virtio,mmio" DT node: it resets the device, negotiates
 * features with the driver named by the device id (a const table), hooks the
 * interrupt, and calls the driver's attach. attach sets up its queues with
 * virtio_queue_setup, calls virtio_driver_ok, and only then starts traffic and
 * registers the device with its user.
 */
#ifndef DRIVERS_VIRTIO_VIRTIO_H
#define DRIVERS_VIRTIO_VIRTIO_H

#include <stdint.h>

#include "virtq.h"

/* Device ids (spec 5). */
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3

/* Feature bits every device type shares (spec 6). */
#define VIRTIO_F_VERSION_1	32	/* modern interface; mandatory with version 2 */

#define VIRTIO_FEATURE(bit)	(1ull << (bit))

struct virtio_dev {
	volatile uint8_t *regs;
	uint64_t base;			/* physical, for messages and made-up names */
	uint32_t version;		/* 1 legacy, 2 modern */
	uint32_t id;			/* VIRTIO_ID_* */
	unsigned intid;			/* GIC interrupt id */
	uint64_t features;		/* negotiated */
	/* Set by attach: runs in interrupt context after InterruptStatus was read and
	 * acknowledged (status: bit 0 used buffers, bit 1 configuration change). */
	void (*on_irq)(struct virtio_dev *d, uint32_t status);
	void *priv;			/* the device driver's */
	int unit;			/* n-th device of this type: "virtio-blk<unit>" */
};

struct virtio_driver {
	const char *name;		/* "virtio-blk" */
	uint64_t features;		/* device features the driver knows how to use */
	/* Everything device-specific, with features negotiated. Returns 0 or -errno;
	 * on error the transport marks the device FAILED and resets it, so attach must
	 * not have called virtio_driver_ok unless it can no longer fail. */
	int (*attach)(struct virtio_dev *d);
};

extern const struct virtio_driver virtio_net_driver, virtio_blk_driver,
	virtio_console_driver;

static inline int virtio_has(const struct virtio_dev *d, unsigned bit)
{
	return (d->features >> bit) & 1;
}

/* Allocate queue index with up to max descriptors (fewer if the device offers fewer)
 * and hand it to the device. name is kept for messages. Returns 0, -ENODEV if the
 * device has no such queue, -ENOMEM. */
int virtio_queue_setup(struct virtio_dev *d, struct virtq *q, unsigned index,
		       unsigned max, const char *name);

/* Set DRIVER_OK: the device is live, queues may be notified. */
void virtio_driver_ok(struct virtio_dev *d);

/* Reset the device: it stops using every queue and buffer it was given. For a device
 * that broke the rules (virtq broken) before the driver reclaims its buffers. */
void virtio_reset(struct virtio_dev *d);

/* Device configuration space (the device-specific struct), read consistently. */
uint8_t virtio_config8(struct virtio_dev *d, unsigned off);
uint32_t virtio_config32(struct virtio_dev *d, unsigned off);
uint64_t virtio_config64(struct virtio_dev *d, unsigned off);

/* prefix, unit, suffix -> "virtio-blk0 requestq" into buf (truncated to len - 1). */
void virtio_name(char *buf, size_t len, const char *prefix, int unit, const char *suffix);

#endif
