/*
 * hv-timer: a periodic virtual-timer deadline every PERIOD for a fixed virtual time.
 * Each deadline is re-armed from the previous one (not from "now"), so however late
 * the hyp delivers an interrupt, exactly DURATION / PERIOD callbacks fall inside the
 * window. Prints "timer: N of M deadlines" and exits 0 when N == M.
 */
#include <stdio.h>

#include <pvkit/pvkit.h>

#define PERIOD_NS	1000000ULL	/* 1 ms */
#define DURATION_NS	100000000ULL	/* 100 ms */

static uint64_t start, end;
static volatile unsigned fired;

static void tick(struct pv_timer *t, void *arg)
{
	fired++;
	if (t->deadline + PERIOD_NS <= end)
		pv_timer_arm(t, t->deadline + PERIOD_NS);
}

int main(void)
{
	struct pv_timer t;
	unsigned want = (unsigned)(DURATION_NS / PERIOD_NS);

	start = pv_now_ns();
	end = start + DURATION_NS;
	pv_timer_init(&t, tick, NULL);
	pv_timer_arm(&t, start + PERIOD_NS);
	pv_sleep_until(end + 20 * PERIOD_NS);	/* idle: the vCPU blocks in WFI */
	printf("timer: %u of %u deadlines\n", fired, want);
	return fired == want ? 0 : 1;
}
