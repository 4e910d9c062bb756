/* The UART named by /chosen/stdout-path as a pv_console, with interrupt-driven input. */
#include <stddef.h>

#include <pvkit/console.h>
#include "console_uart.h"
#include "dt.h"
#include "env.h"
#include "memory.h"
#include "serial/pl011.h"

static const char *const uart_compat[] = { "arm,pl011", "arm,sbsa-uart", NULL };

static struct pl011 uart;

static void uart_write(struct pv_console *con, const char *buf, size_t len)
{
	pl011_write(&uart, buf, len);
}

static int uart_getc(struct pv_console *con)
{
	return pl011_getc(&uart);
}

static struct pv_console uart_con = {
	.name = "pl011",
	.write = uart_write,
	.getc = uart_getc,
};

/* The UART /chosen/stdout-path names; without a stdout-path (Xen's dom0less domUs get
 * none, only their vpl011), the first UART in the DT. */
static int stdout_uart(const struct dt *dt, uint64_t *base)
{
	int node = dt_stdout_node(dt);
	uint64_t size;

	if (node < 0 && !dt_prop(dt, dt_child(dt, 0, "chosen"), "stdout-path", NULL))
		node = dt_find_compatible(dt, -1, uart_compat, NULL);

	for (int i = 0; node >= 0 && uart_compat[i]; i++)
		if (dt_is_compatible(dt, node, uart_compat[i]))
			return dt_reg(dt, node, 0, base, &size) ? -1 : node;
	return -1;
}

int console_uart_init(const struct dt *dt)
{
	uint64_t base;
	void *regs;

	if (stdout_uart(dt, &base) < 0 || !(regs = mem_map_device(base, 0x1000)))
		return -1;
	pl011_init(&uart, regs);
	pv_console_register(&uart_con);
	return 0;
}

int console_uart_fallback(uint64_t base)
{
	void *regs = mem_map_device(base, 0x1000);

	if (!regs)
		return -1;
	pl011_init(&uart, regs);
	pv_console_register(&uart_con);
	return 0;
}

static void uart_irq(void *arg)
{
	pl011_rx_irq_ack(&uart);
	pv_console_input_ready();
}

void console_uart_irq_init(const struct dt *dt)
{
	uint64_t base;
	unsigned intid;
	int node;

	if (!uart.base)
		return;		/* no UART console (Xen's dom0): skip the DT search */
	node = stdout_uart(dt, &base);
	if (node < 0 || dt_irq(dt, node, 0, &intid))
		return;		/* input is then polled */
	if (drv_irq_register(intid, uart_irq, NULL) == 0) {
		pl011_rx_irq_enable(&uart);
		drv_irq_enable(intid);
	}
}
