/* Virtual timer interrupt delivery: arm an already expired pv_timer, wait for its
 * callback. Under a hypervisor the timer interrupt reaches EL2 first and is injected. */
#include <stddef.h>

#include <pvkit/time.h>
#include "hcbench.h"

static struct pv_timer timer;
static volatile uint64_t fired;

static void timer_cb(struct pv_timer *t, void *arg)
{
	fired++;
}

static const char *prepare_vtimer(const struct bench_env *env, uint64_t *ctx)
{
	if (!env->gic_version)
		return "no GIC: timer interrupts are not delivered";
	pv_timer_init(&timer, timer_cb, NULL);
	return NULL;
}

static void run_vtimer(uint64_t n, uint64_t ctx)
{
	for (uint64_t i = 0; i < n; i++) {
		uint64_t want = fired + 1;

		pv_timer_arm(&timer, 0);	/* deadline in the past: fires at once */
		while (fired != want)
			;
	}
}

const struct op timer_ops[] = {
	{ .name = "vtimer", .prepare = prepare_vtimer, .run = run_vtimer,
	  .what = "virtual timer interrupt: pv_timer_arm() of an expired deadline until the "
		  "callback ran (the runtime's timer and interrupt code included)" },
	{ 0 }
};
