#include "vpl011.h"

#include <arch/vgic.h>
#include "console.h"
#include "domain.h"

#define DR	0x000
#define RSR	0x004
#define FR	0x018
#define IBRD	0x024
#define FBRD	0x028
#define LCR_H	0x02c
#define CR	0x030
#define IFLS	0x034
#define IMSC	0x038
#define RIS	0x03c
#define MIS	0x040
#define ICR	0x044
#define DMACR	0x048
#define FR_RXFE	(1u << 4)
#define FR_TXFE	(1u << 7)
#define INT_RX	(1u << 4)
#define INT_TX	(1u << 5)
#define INT_RT	(1u << 6)

/* PrimeCell identification, PL011 r1p5: what Linux's AMBA bus matches. */
static const uint8_t ids[8] = { 0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t ris(struct domain *d)
{
	/* Output is written out at once, so the transmit FIFO is always empty. Receive
	 * status is raised by arriving input and cleared by ICR, as the real FIFO's
	 * level and timeout interrupts are, so a handler that only acknowledges does
	 * not see it again until more input comes. */
	return INT_TX | (console_input_ready(d) ? d->uart.rxis : 0);
}

void vpl011_input_locked(struct domain *d)
{
	d->uart.rxis = INT_RX | INT_RT;
	vpl011_update_locked(d);
}

void vpl011_update_locked(struct domain *d)
{
	int level = (ris(d) & d->uart.imsc) != 0;

	if (level && !d->uart.irq_level)
		vgic_inject_locked(&d->vcpu[0], GUEST_PL011_SPI);
	d->uart.irq_level = level;
}

static uint32_t read_reg(struct domain *d, uint64_t off)
{
	int c;

	switch (off) {
	case DR:
		c = console_input_pop(d);
		return c < 0 ? 0 : (uint32_t)c;
	case FR:
		return FR_TXFE | (console_input_ready(d) ? 0 : FR_RXFE);
	case IBRD: return d->uart.ibrd;
	case FBRD: return d->uart.fbrd;
	case LCR_H: return d->uart.lcr_h;
	case CR: return d->uart.cr;
	case IFLS: return d->uart.ifls;
	case IMSC: return d->uart.imsc;
	case RIS: return ris(d);
	case MIS: return ris(d) & d->uart.imsc;
	default:
		if (off >= 0xfe0 && off < 0x1000)
			return ids[(off - 0xfe0) / 4];
		return 0;		/* RSR, DMACR and reserved offsets: RAZ */
	}
}

static void write_reg(struct domain *d, uint64_t off, uint32_t val)
{
	switch (off) {
	case IBRD: d->uart.ibrd = val & 0xffff; break;
	case FBRD: d->uart.fbrd = val & 0x3f; break;
	case LCR_H: d->uart.lcr_h = val & 0xff; break;
	case CR: d->uart.cr = val & 0xffff; break;
	case IFLS: d->uart.ifls = val & 0x3f; break;
	case IMSC: d->uart.imsc = val & 0x7ff; break;
	case ICR: d->uart.rxis &= ~val; break;
	default: break;				/* RSR (error clear), DMACR: WI */
	}
}

int vpl011_access(struct vcpu *v, uint64_t off, unsigned size, int write, uint64_t *val)
{
	struct domain *d = v->dom;

	/* 8- and 16-bit DR accesses are what the SBSA UART allows besides 32-bit. */
	if ((size != 4 && !(off == DR && (size == 1 || size == 2))) || (off & (size - 1)))
		return -1;
	if (write && off == DR) {	/* output needs only the console's lock */
		char c = (char)*val;

		console_domain_write(d, &c, 1);
		return 0;
	}
	spin_lock(&d->lock);
	if (write)
		write_reg(d, off, (uint32_t)*val);
	else
		*val = read_reg(d, off);
	vpl011_update_locked(d);
	spin_unlock(&d->lock);
	return 0;
}
