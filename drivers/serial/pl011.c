#include "pl011.h"

#include "env.h"

#define UARTDR		0x00
#define UARTFR		0x18
#define UARTIMSC	0x38
#define UARTICR		0x44
#define FR_TXFF		(1u << 5)
#define FR_RXFE		(1u << 4)
#define INT_RX		(1u << 4)
#define INT_RT		(1u << 6)

static volatile void *reg(struct pl011 *u, unsigned off)
{
	return (volatile char *)u->base + off;
}

void pl011_init(struct pl011 *u, volatile void *base)
{
	u->base = base;
}

void pl011_putc(struct pl011 *u, char c)
{
	while (mmio_read32(reg(u, UARTFR)) & FR_TXFF)
		;
	mmio_write32(reg(u, UARTDR), (uint8_t)c);
}

void pl011_write(struct pl011 *u, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			pl011_putc(u, '\r');
		pl011_putc(u, buf[i]);
	}
}

int pl011_getc(struct pl011 *u)
{
	if (mmio_read32(reg(u, UARTFR)) & FR_RXFE)
		return -1;
	return mmio_read32(reg(u, UARTDR)) & 0xff;
}

void pl011_rx_irq_enable(struct pl011 *u)
{
	mmio_write32(reg(u, UARTIMSC), INT_RX | INT_RT);
}

void pl011_rx_irq_ack(struct pl011 *u)
{
	mmio_write32(reg(u, UARTICR), INT_RX | INT_RT);
}
