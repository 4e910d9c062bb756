/*
 * The console switchboard: output goes to the last registered device; output written
 * before any device exists is kept (up to a page) and replayed when one appears, so the
 * earliest boot messages are never lost.
 */
#include <pvkit/console.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include <arch/regs.h>

#define PENDING_MAX	4096
#define INPUT_POLL_NS	10000000	/* devices without an input interrupt are polled */

static struct pv_console *out_con, *in_con;
static char pending[PENDING_MAX];
static size_t npending;
static struct pv_waitq input_wq = PV_WAITQ_INIT;

size_t pv_console_write(const char *buf, size_t len)
{
	uint64_t flags = arch_irq_save();

	if (out_con) {
		out_con->write(out_con, buf, len);
	} else {
		for (size_t i = 0; i < len && npending < PENDING_MAX; i++)
			pending[npending++] = buf[i];
	}
	arch_irq_restore(flags);
	return len;
}

void pv_console_flush(void)
{
	/* Devices write synchronously; only the libc layer buffers (runtime/libc). */
}

void pv_console_register(struct pv_console *con)
{
	uint64_t flags = arch_irq_save();

	con->next = out_con;
	out_con = con;
	if (con->getc)
		in_con = con;
	if (npending) {
		con->write(con, pending, npending);
		npending = 0;
	}
	arch_irq_restore(flags);
}

void pv_console_input_ready(void)
{
	pv_wake_all(&input_wq);
}

int pv_console_getc(void)
{
	for (;;) {
		if (!in_con)
			return -1;
		uint64_t flags = arch_irq_save();
		int c = in_con->getc(in_con);

		arch_irq_restore(flags);
		if (c >= 0)
			return c;
		pv_wait(&input_wq, pv_now_ns() + INPUT_POLL_NS);
	}
}
