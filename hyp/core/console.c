#include "console.h"

#include <string.h>

#include <arch/lock.h>
#include "domain.h"
#include "env.h"
#include "fmt.h"
#include "log.h"
#include "pl011.h"
#include "shutdown.h"
#include "vpl011.h"
#include "xen/console_back.h"

static struct pl011 uart;
static int have_uart;
static unsigned uart_irq;
static struct spinlock lock;
static unsigned focus;		/* domain id that gets input; 0 = none yet */
static unsigned shutdowns;	/* Ctrl-C presses */

int console_init(const struct dt *dt)
{
	int node = dt_stdout_node(dt);
	uint64_t base = 0x09000000, size;

	if (node < 0 || dt_reg(dt, node, 0, &base, &size))
		node = -1;	/* QEMU virt's UART, so that a report still gets out */
	pl011_init(&uart, drv_map_device(base, 0x1000));
	have_uart = 1;
	if (node >= 0)
		dt_irq(dt, node, 0, &uart_irq);
	return node >= 0 ? 0 : -1;
}

unsigned console_irq(void)
{
	return uart_irq;
}

static void put_locked(const char *s, size_t n)
{
	if (have_uart)
		pl011_write(&uart, s, n);
}

void console_write_raw(const char *s, size_t n)
{
	spin_lock(&lock);
	put_locked(s, n);
	spin_unlock(&lock);
}

static void flush_line_locked(struct domain *d)
{
	char prefix[12];
	int n = fmt_snprintf(prefix, sizeof(prefix), "(d%u) ", d->id);

	put_locked(prefix, (size_t)n);
	put_locked(d->con_line, d->con_len);
	put_locked("\n", 1);
	d->con_len = 0;
}

void console_domain_write(struct domain *d, const char *buf, size_t n)
{
	spin_lock(&lock);
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];

		if (c == '\n') {
			flush_line_locked(d);
			continue;
		}
		if (c == '\r')
			continue;
		/* Control characters other than tab could drive the host terminal. */
		if ((unsigned char)c < 0x20 && c != '\t')
			c = '?';
		d->con_line[d->con_len++] = c;
		if (d->con_len == sizeof(d->con_line))
			flush_line_locked(d);
	}
	spin_unlock(&lock);
}

void console_domain_flush(struct domain *d)
{
	spin_lock(&lock);
	if (d->con_len)
		flush_line_locked(d);
	spin_unlock(&lock);
}

int console_input_ready(const struct domain *d)
{
	return d->con_in_head != d->con_in_tail;
}

int console_input_pop(struct domain *d)
{
	if (d->con_in_head == d->con_in_tail)
		return -1;
	return (unsigned char)d->con_in[d->con_in_tail++ % CON_IN_SIZE];
}

static int running(unsigned id)
{
	struct domain *d = domain_by_id(id);

	return d && __atomic_load_n(&d->state, __ATOMIC_ACQUIRE) == DOM_RUNNING;
}

static void switch_focus(void)
{
	unsigned n = domains_max();

	for (unsigned i = 1; i <= n; i++) {
		unsigned id = (focus + i - 1) % n + 1;

		if (running(id)) {
			focus = id;
			log_msg("console input now goes to d%u (%s); Ctrl-] switches", id,
				domain_by_id(id)->cfg->name);
			return;
		}
	}
	focus = 0;
}

void console_focus_check(void)
{
	if (!running(focus))
		switch_focus();
}

void console_rx(void)
{
	int c;

	while (have_uart && (c = pl011_getc(&uart)) >= 0) {
		if (c == CONSOLE_ESCAPE) {
			switch_focus();
			continue;
		}
		if (c == CONSOLE_SHUTDOWN) {
			log_msg(shutdowns++ ? "Ctrl-C again: ending every domain now" :
				"Ctrl-C: asking every domain to power off (again: end them now)");
			domains_shutdown_all(shutdowns > 1);
			continue;
		}
		struct domain *d = domain_by_id(focus);

		if (!d || !running(focus))
			continue;
		spin_lock(&d->lock);
		if (d->con_in_head - d->con_in_tail < CON_IN_SIZE)
			d->con_in[d->con_in_head++ % CON_IN_SIZE] = (char)c;
		vpl011_input_locked(d);
		spin_unlock(&d->lock);
		if (d->cfg->pv_console)
			console_back_input(d);
	}
	if (have_uart)
		pl011_rx_irq_ack(&uart);
}

void console_rx_enable(void)
{
	if (have_uart && uart_irq)
		pl011_rx_irq_enable(&uart);
}
