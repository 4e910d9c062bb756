/*
 * Monotonic time and one-shot timers on the virtual timer. The timer interrupt id comes
 * from the DT ("arm,armv8-timer", third interrupt = virtual timer).
 */
#include <pvkit/log.h>
#include <pvkit/time.h>

#include <arch/regs.h>
#include <arch/timer.h>
#include "dt.h"
#include "env.h"
#include "time_rt.h"
#include "timerq.h"

static const char *const timer_compat[] = { "arm,armv8-timer", "arm,armv7-timer", NULL };

static uint64_t hz;
static struct timerq queue;

uint64_t pv_counter(void)
{
	return arch_counter();
}

uint64_t pv_counter_hz(void)
{
	return hz;
}

uint64_t pv_counter_to_ns(uint64_t t)
{
	/* Split at whole seconds so no product overflows 64 bits (hz < 9.2 GHz) and no
	 * 128-bit division (a libgcc routine of 1.7 KiB) is needed. */
	return t / hz * 1000000000u + t % hz * 1000000000u / hz;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
	/* Round up: a timer must never fire before its deadline. */
	return ns / 1000000000u * hz + (ns % 1000000000u * hz + 999999999u) / 1000000000u;
}

uint64_t pv_now_ns(void)
{
	return pv_counter_to_ns(arch_counter());
}

static void program(void)
{
	uint64_t next = timerq_next(&queue);

	if (next == UINT64_MAX)
		arch_timer_stop();
	else
		arch_timer_set(ns_to_ticks(next));
}

static void timer_irq(void *arg)
{
	struct pv_timer *t;

	arch_timer_stop();
	while ((t = timerq_pop_expired(&queue, pv_now_ns())))
		t->fn(t, t->arg);
	program();
}

void time_init(const struct dt *dt)
{
	unsigned intid = 27;	/* the architected virtual timer PPI */
	int node = dt_find_compatible(dt, -1, timer_compat, NULL);

	hz = arch_counter_hz();
	if (!hz) {
		hz = 62500000;
		pv_warn("CNTFRQ_EL0 is 0: assuming %lu Hz", hz);
	}
	if (node < 0 || dt_irq(dt, node, 2, &intid))
		pv_warn("no timer interrupt in the device tree: using INTID %u", intid);
	arch_timer_stop();
	if (drv_irq_register(intid, timer_irq, NULL) == 0)
		drv_irq_enable(intid);
}

void pv_timer_init(struct pv_timer *t, void (*fn)(struct pv_timer *, void *), void *arg)
{
	t->fn = fn;
	t->arg = arg;
	t->next = 0;
	t->armed = 0;
	t->deadline = 0;
}

void pv_timer_arm(struct pv_timer *t, uint64_t deadline_ns)
{
	uint64_t flags = arch_irq_save();

	t->deadline = deadline_ns;
	timerq_insert(&queue, t);
	program();
	arch_irq_restore(flags);
}

int pv_timer_cancel(struct pv_timer *t)
{
	uint64_t flags = arch_irq_save();
	int r = timerq_remove(&queue, t);

	program();
	arch_irq_restore(flags);
	return r;
}
