/* Arm PL011 UART (also the SBSA generic UART subset Xen gives dom0less guests). */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stddef.h>

struct pl011 {
	volatile void *base;
};

/* The registers must already be mapped. No baud-rate setup: firmware or the emulator
 * did that, and the SBSA subset has no such registers. */
void pl011_init(struct pl011 *u, volatile void *base);
void pl011_putc(struct pl011 *u, char c);
void pl011_write(struct pl011 *u, const char *buf, size_t len);	/* "\n" -> "\r\n" */
int pl011_getc(struct pl011 *u);		/* -1 when the receive FIFO is empty */
void pl011_rx_irq_enable(struct pl011 *u);	/* interrupt on receive / timeout */
void pl011_rx_irq_ack(struct pl011 *u);

#endif
