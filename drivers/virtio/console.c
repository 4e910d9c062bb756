/*
 * virtio-console (spec 5.3) port 0 as a pv_console: output and input, no multiport.
 * Registering makes it the runtime's console (the last one registered wins), so a
 * machine with a virtconsole prints there from probe time on.
 *
 * The console contract runs write and getc with interrupts masked and wants write
 * done when it returns, so output is copied into one page, handed over, and waited
 * for on the used ring; transmit interrupts are not wanted. Input arrives in a few
 * small buffers that go back to the device once read.
 */
#include <errno.h>
#include <stddef.h>

#include <pvkit/console.h>
#include "env.h"
#include "virtio.h"

#define RXQ		0		/* port 0 receiveq (spec 5.3.2) */
#define TXQ		1		/* port 0 transmitq */
#define QUEUE_MAX	16		/* RX_BUFS receive buffers, one transmit buffer */
#define RX_BUFS		4
#define RX_BUF_SIZE	(DRV_PAGE_SIZE / RX_BUFS)

struct vcon {
	struct pv_console con;
	struct virtio_dev *dev;
	struct virtq rxq, txq;
	uint8_t *rx;			/* RX_BUFS buffers in one page */
	uint8_t *tx;			/* one page */
	int cur;			/* rx buffer being read, -1 for none */
	uint32_t cur_len, cur_pos;
	int dead;
	char name[16], rxname[28], txname[28];
};
_Static_assert(sizeof(struct vcon) <= DRV_PAGE_SIZE, "struct vcon fits its page");

/* Stop a device that broke the rules. No message: the console is where it would go. */
static void give_up(struct vcon *c)
{
	c->dead = 1;
	virtio_reset(c->dev);
	while (virtq_detach(&c->rxq) || virtq_detach(&c->txq))
		;
}

static void post_rx(struct vcon *c, int i)
{
	struct virtq_buf b = { drv_virt_to_phys(c->rx + i * RX_BUF_SIZE), RX_BUF_SIZE, 1 };

	virtq_add(&c->rxq, &b, 1, (void *)(uintptr_t)(i + 1));
}

static void send(struct vcon *c, size_t n)
{
	struct virtq_buf b = { drv_virt_to_phys(c->tx), n, 0 };
	uint32_t len;

	if (virtq_add(&c->txq, &b, 1, c->tx))
		return;
	virtq_kick(&c->txq);
	while (!virtq_get(&c->txq, &len))
		if (c->txq.broken) {
			give_up(c);
			return;
		}
}

static void con_write(struct pv_console *con, const char *buf, size_t len)
{
	struct vcon *c = (struct vcon *)con;

	while (len && !c->dead) {
		size_t n = 0;

		/* Terminals want CR LF, as on the UART. */
		while (len && n + 2 <= DRV_PAGE_SIZE) {
			if (*buf == '\n')
				c->tx[n++] = '\r';
			c->tx[n++] = *buf++;
			len--;
		}
		send(c, n);
	}
}

static int con_getc(struct pv_console *con)
{
	struct vcon *c = (struct vcon *)con;
	uint32_t len;
	void *cookie;

	while (!c->dead) {
		if (c->cur >= 0 && c->cur_pos < c->cur_len)
			return c->rx[c->cur * RX_BUF_SIZE + c->cur_pos++];
		if (c->cur >= 0) {
			post_rx(c, c->cur);
			virtq_kick(&c->rxq);
			c->cur = -1;
		}
		if (!(cookie = virtq_get(&c->rxq, &len))) {
			if (c->rxq.broken)
				give_up(c);
			return -1;
		}
		c->cur = (int)(uintptr_t)cookie - 1;
		c->cur_len = len;	/* at most RX_BUF_SIZE: virtq_get checked it */
		c->cur_pos = 0;
	}
	return -1;
}

static void on_irq(struct virtio_dev *d, uint32_t status)
{
	if (status & 1)
		pv_console_input_ready();
}

/* On failure the pages stay allocated: see blk.c. */
static int attach(struct virtio_dev *d)
{
	struct vcon *c = drv_alloc_pages(1);
	int err;

	if (!c || !(c->rx = drv_alloc_pages(1)) || !(c->tx = drv_alloc_pages(1)))
		return -ENOMEM;
	c->dev = d;
	c->cur = -1;
	virtio_name(c->name, sizeof(c->name), "virtio-console", d->unit, "");
	virtio_name(c->rxname, sizeof(c->rxname), "virtio-console", d->unit, " receiveq");
	virtio_name(c->txname, sizeof(c->txname), "virtio-console", d->unit, " transmitq");
	if ((err = virtio_queue_setup(d, &c->rxq, RXQ, QUEUE_MAX, c->rxname)) ||
	    (err = virtio_queue_setup(d, &c->txq, TXQ, QUEUE_MAX, c->txname)))
		return err;
	if (c->rxq.num < RX_BUFS) {
		drv_log(0, "%s: receive queue of %u, expected at least %u", c->name,
			c->rxq.num, RX_BUFS);
		return -EIO;
	}
	/* Transmit completions are polled for; no interrupt for them. */
	c->txq.avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
	for (int i = 0; i < RX_BUFS; i++)
		post_rx(c, i);
	c->con = (struct pv_console){ .name = c->name, .write = con_write, .getc = con_getc };
	d->priv = c;
	d->on_irq = on_irq;
	virtio_driver_ok(d);
	virtq_kick(&c->rxq);
	pv_console_register(&c->con);
	return 0;
}

const struct virtio_driver virtio_console_driver = {
	.name = "virtio-console",
	.features = 0,			/* port 0 only: no MULTIPORT, no SIZE */
	.attach = attach,
};
