/*
 * virtio over MMIO (spec 4.2), legacy (version 1) and modern (version 2): probing from
 * "virtio,mmio" DT nodes, the device status sequence, feature negotiation, queue
 * registers and the interrupt. See virtio.h.
 */
#include <errno.h>
#include <stddef.h>

#include "driver.h"
#include "dt.h"
#include "env.h"
#include "virtio.h"

/* Register offsets (spec 4.2.2; legacy-only ones from 4.2.4). */
#define MMIO_MAGIC		0x000
#define MMIO_VERSION		0x004
#define MMIO_DEVICE_ID		0x008
#define MMIO_DEVICE_FEATURES	0x010
#define MMIO_DEVICE_FEATURES_SEL 0x014
#define MMIO_DRIVER_FEATURES	0x020
#define MMIO_DRIVER_FEATURES_SEL 0x024
#define MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define MMIO_QUEUE_SEL		0x030
#define MMIO_QUEUE_NUM_MAX	0x034
#define MMIO_QUEUE_NUM		0x038
#define MMIO_QUEUE_ALIGN	0x03c	/* legacy */
#define MMIO_QUEUE_PFN		0x040	/* legacy */
#define MMIO_QUEUE_READY	0x044	/* modern */
#define MMIO_QUEUE_NOTIFY	0x050
#define MMIO_INTERRUPT_STATUS	0x060
#define MMIO_INTERRUPT_ACK	0x064
#define MMIO_STATUS		0x070
#define MMIO_QUEUE_DESC		0x080	/* modern: low word, high word at +4 */
#define MMIO_QUEUE_DRIVER	0x090
#define MMIO_QUEUE_DEVICE	0x0a0
#define MMIO_CONFIG_GENERATION	0x0fc	/* modern */
#define MMIO_CONFIG		0x100
#define MMIO_SIZE		0x200

#define MMIO_MAGIC_VALUE	0x74726976	/* "virt" */

/* Device status bits (spec 2.1). */
#define STATUS_ACKNOWLEDGE	1
#define STATUS_DRIVER		2
#define STATUS_DRIVER_OK	4
#define STATUS_FEATURES_OK	8
#define STATUS_FAILED		128

/* Drivers by device id; ids without an entry are left alone. */
static const struct virtio_driver *const drivers[] = {
	[VIRTIO_ID_NET] = &virtio_net_driver,
	[VIRTIO_ID_BLOCK] = &virtio_blk_driver,
	[VIRTIO_ID_CONSOLE] = &virtio_console_driver,
};
#define NDRIVERS	(sizeof(drivers) / sizeof(drivers[0]))

static int units[NDRIVERS];

static uint32_t rd(struct virtio_dev *d, unsigned off)
{
	return mmio_read32(d->regs + off);
}

static void wr(struct virtio_dev *d, unsigned off, uint32_t v)
{
	mmio_write32(d->regs + off, v);
}

static void wr64(struct virtio_dev *d, unsigned off, uint64_t v)
{
	wr(d, off, (uint32_t)v);
	wr(d, off + 4, (uint32_t)(v >> 32));
}

static void set_status(struct virtio_dev *d, uint32_t bits)
{
	wr(d, MMIO_STATUS, rd(d, MMIO_STATUS) | bits);
}

/* Status reads a modern device may take to finish a reset before we give up on it. */
#define RESET_POLLS		1000000

void virtio_reset(struct virtio_dev *d)
{
	unsigned polls = 0;

	wr(d, MMIO_STATUS, 0);
	/* A modern device may take time to reset; it is done when status reads 0
	 * (spec 4.2.3.1.1). A legacy device resets on the write. */
	while (d->version >= 2 && rd(d, MMIO_STATUS) != 0)
		if (++polls == RESET_POLLS) {
			drv_log(0, "virtio-mmio@%lx: status still %#x after reset, expected 0",
				(unsigned long)d->base, rd(d, MMIO_STATUS));
			break;
		}
}

void virtio_driver_ok(struct virtio_dev *d)
{
	/* Rings and buffers the driver set up must be visible to the device before
	 * it may start using them (a DSB, for the reason given in notify()). */
	io_wmb();
	set_status(d, STATUS_DRIVER_OK);
}

static void notify(struct virtq *q)
{
	struct virtio_dev *d = q->notify_arg;

	/* The ring updates must be visible to the device before the doorbell write
	 * reaches it. wmb() (DMB ISH) orders them only for observers in the inner
	 * shareable domain, the other CPUs; a device may sit outside it, so: DSB. */
	io_wmb();
	wr(d, MMIO_QUEUE_NOTIFY, q->index);
}

int virtio_queue_setup(struct virtio_dev *d, struct virtq *q, unsigned index,
		       unsigned max, const char *name)
{
	unsigned num_max, num = 1;
	int err;

	wr(d, MMIO_QUEUE_SEL, index);
	if (rd(d, d->version == 1 ? MMIO_QUEUE_PFN : MMIO_QUEUE_READY) != 0) {
		drv_log(0, "%s: queue %u is already in use after a reset", name, index);
		return -EIO;
	}
	num_max = rd(d, MMIO_QUEUE_NUM_MAX);
	if (num_max == 0)
		return -ENODEV;
	/* Split queues need a power of two (spec 2.7). */
	while (num * 2 <= num_max && num * 2 <= max)
		num *= 2;
	if ((err = virtq_init(q, num, index, name)))
		return err;
	if (d->version == 1 && q->desc_pa / DRV_PAGE_SIZE > UINT32_MAX) {
		drv_log(0, "%s: ring at %#lx, expected below 16 TiB for a legacy QueuePFN",
			name, (unsigned long)q->desc_pa);
		virtq_destroy(q);
		return -ENOMEM;
	}
	q->notify = notify;
	q->notify_arg = d;
	wr(d, MMIO_QUEUE_NUM, num);
	if (d->version == 1) {
		wr(d, MMIO_QUEUE_ALIGN, VIRTQ_ALIGN);
		wr(d, MMIO_QUEUE_PFN, (uint32_t)(q->desc_pa / DRV_PAGE_SIZE));
	} else {
		wr64(d, MMIO_QUEUE_DESC, q->desc_pa);
		wr64(d, MMIO_QUEUE_DRIVER, q->avail_pa);
		wr64(d, MMIO_QUEUE_DEVICE, q->used_pa);
		wr(d, MMIO_QUEUE_READY, 1);
	}
	return 0;
}

/*
 * Configuration space. A modern device bumps ConfigGeneration when it changes the
 * configuration, so a multi-word read is retried until the generation is stable
 * (spec 4.2.3.1.1 / 2.5.1). Legacy devices have no generation; 64-bit fields are read
 * high-low-high until the high word is stable. Accesses are 32-bit or narrower, which
 * every virtio-mmio implementation decodes.
 */
static uint32_t generation(struct virtio_dev *d)
{
	return d->version >= 2 ? rd(d, MMIO_CONFIG_GENERATION) : 0;
}

uint8_t virtio_config8(struct virtio_dev *d, unsigned off)
{
	return mmio_read8(d->regs + MMIO_CONFIG + off);
}

uint32_t virtio_config32(struct virtio_dev *d, unsigned off)
{
	return rd(d, MMIO_CONFIG + off);
}

uint64_t virtio_config64(struct virtio_dev *d, unsigned off)
{
	uint32_t g, hi, lo;

	do {
		g = generation(d);
		hi = virtio_config32(d, off + 4);
		lo = virtio_config32(d, off);
	} while (g != generation(d) || hi != virtio_config32(d, off + 4));
	return (uint64_t)hi << 32 | lo;
}

void virtio_name(char *buf, size_t len, const char *prefix, int unit, const char *suffix)
{
	char digits[12];
	size_t n = 0;
	int nd = 0;

	do
		digits[nd++] = '0' + unit % 10;
	while ((unit /= 10) && nd < (int)sizeof(digits));
	while (*prefix && n + 1 < len)
		buf[n++] = *prefix++;
	while (nd && n + 1 < len)
		buf[n++] = digits[--nd];
	while (*suffix && n + 1 < len)
		buf[n++] = *suffix++;
	buf[n] = 0;
}

static void irq(void *arg)
{
	struct virtio_dev *d = arg;
	uint32_t status = rd(d, MMIO_INTERRUPT_STATUS);

	/* Acknowledge before the handler looks at the rings: a buffer used after this
	 * point raises the interrupt again, so none is missed. */
	wr(d, MMIO_INTERRUPT_ACK, status);
	if (status && d->on_irq)
		d->on_irq(d, status);
}

static int negotiate(struct virtio_dev *d, const struct virtio_driver *drv, const char *node)
{
	uint64_t offered, wanted = drv->features;

	wr(d, MMIO_DEVICE_FEATURES_SEL, 0);
	offered = rd(d, MMIO_DEVICE_FEATURES);
	if (d->version >= 2) {
		wr(d, MMIO_DEVICE_FEATURES_SEL, 1);
		offered |= (uint64_t)rd(d, MMIO_DEVICE_FEATURES) << 32;
		if (!(offered & VIRTIO_FEATURE(VIRTIO_F_VERSION_1))) {
			drv_log(0, "%s: %s: version 2 device without VIRTIO_F_VERSION_1 "
				"(features %#lx), expected it to be offered", node, drv->name,
				(unsigned long)offered);
			return -EIO;
		}
		wanted |= VIRTIO_FEATURE(VIRTIO_F_VERSION_1);
	}
	d->features = offered & wanted;
	wr(d, MMIO_DRIVER_FEATURES_SEL, 0);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)d->features);
	wr(d, MMIO_DRIVER_FEATURES_SEL, 1);
	wr(d, MMIO_DRIVER_FEATURES, (uint32_t)(d->features >> 32));
	if (d->version == 1) {
		/* Legacy has no FEATURES_OK handshake; it needs the page size for PFNs. */
		wr(d, MMIO_GUEST_PAGE_SIZE, DRV_PAGE_SIZE);
		return 0;
	}
	set_status(d, STATUS_FEATURES_OK);
	if (!(rd(d, MMIO_STATUS) & STATUS_FEATURES_OK)) {
		drv_log(0, "%s: %s: device refused features %#lx (FEATURES_OK not kept)", node,
			drv->name, (unsigned long)d->features);
		return -EIO;
	}
	return 0;
}

static int probe(const struct dt *dt, int node)
{
	const char *name = dt_name(dt, node);
	uint64_t base, size;
	volatile uint8_t *regs;
	uint32_t magic, version, id;
	const struct virtio_driver *drv;
	struct virtio_dev *d;
	unsigned intid;
	int err;

	if (dt_reg(dt, node, 0, &base, &size) || size < MMIO_SIZE) {
		drv_log(0, "%s: expected a reg of at least %#x bytes", name, MMIO_SIZE);
		return -EINVAL;
	}
	if (!(regs = drv_map_device(base, size)))
		return -ENOMEM;
	magic = mmio_read32(regs + MMIO_MAGIC);
	version = mmio_read32(regs + MMIO_VERSION);
	id = mmio_read32(regs + MMIO_DEVICE_ID);
	if (magic != MMIO_MAGIC_VALUE || (version != 1 && version != 2)) {
		drv_log(0, "%s: magic %#x version %u, expected %#x and version 1 or 2", name,
			magic, version, MMIO_MAGIC_VALUE);
		return -ENODEV;
	}
	if (id == 0)
		return -ENODEV;		/* an empty slot: QEMU's virt has 32 of them */
	if (id >= NDRIVERS || !(drv = drivers[id])) {
		drv_log(2, "%s: virtio device id %u: no driver in this image", name, id);
		return -ENODEV;
	}
	if (dt_irq(dt, node, 0, &intid)) {
		drv_log(0, "%s: %s: expected an interrupts property for the GIC", name,
			drv->name);
		return -EINVAL;
	}
	if (!(d = drv_alloc_pages(1)))
		return -ENOMEM;
	*d = (struct virtio_dev){ .regs = regs, .base = base, .version = version, .id = id,
				  .intid = intid, .unit = units[id] };

	virtio_reset(d);
	set_status(d, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
	if ((err = negotiate(d, drv, name)))
		goto failed;
	drv_log(2, "%s: %s, %s interface, features %#lx", name, drv->name,
		version == 1 ? "legacy" : "modern", (unsigned long)d->features);
	/* Registered before the device can interrupt; on_irq stays NULL until attach
	 * sets it. If attach fails the handler stays, harmless, with d kept for it. */
	if (drv_irq_register(intid, irq, d)) {
		err = -EBUSY;
		goto failed;
	}
	if ((err = drv->attach(d))) {
		d->on_irq = NULL;
		set_status(d, STATUS_FAILED);
		virtio_reset(d);
		drv_log(0, "%s: %s: setup failed (error %d); device reset", name, drv->name,
			err);
		return err;
	}
	units[id]++;
	drv_irq_enable(intid);
	return 0;

failed:
	set_status(d, STATUS_FAILED);
	virtio_reset(d);
	drv_free_pages(d, 1);
	return err;
}

PV_DRIVER(virtio_mmio) = {
	.name = "virtio-mmio",
	.compatible = "virtio,mmio",
	.probe = probe,
};
