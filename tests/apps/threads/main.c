/*
 * threads: the scheduler, wait queues, sleeps and one-shot timers, checked from inside
 * and reported one "check: <name>: ok|FAIL <detail>" line each; exit status = failures.
 */
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>

#include <pvkit/pvkit.h>

#include "../common/check.h"

/* Ping-pong through two wait queues: strict alternation proves wake/wait pairing. */
static struct pv_waitq ping = PV_WAITQ_INIT, pong = PV_WAITQ_INIT;
static int turn, rounds_done, order_ok = 1;

static void ponger(void *arg)
{
	for (int i = 0; i < 1000; i++) {
		while (turn != 1)
			pv_wait(&pong, 0);
		if (turn != 1)
			order_ok = 0;
		turn = 0;
		pv_wake_one(&ping);
	}
}

/* Sleepers wake in deadline order whatever order they started in. */
static int wake_order[4], nwoken;

static void sleeper(void *arg)
{
	long ms = (long)arg;

	pv_sleep_ms(ms);
	wake_order[nwoken++] = (int)ms;
}

static int churned;

static void churner(void *arg)
{
	pv_sleep_ms(1);
	churned++;
}

static int timer_fired;
static uint64_t timer_at;

static void on_timer(struct pv_timer *t, void *arg)
{
	timer_fired++;
	timer_at = pv_now_ns();
}

int main(void)
{
	/* 1. ping-pong */
	pv_thread_create("ponger", ponger, NULL, 0);
	for (int i = 0; i < 1000; i++) {
		turn = 1;
		pv_wake_one(&pong);
		while (turn != 0)
			pv_wait(&ping, 0);
		rounds_done++;
	}
	check("pingpong", rounds_done == 1000 && order_ok, "rounds %ld order %ld", rounds_done,
	      order_ok);

	/* 2. sleep ordering */
	static const long ms[4] = { 40, 10, 30, 20 };
	for (int i = 0; i < 4; i++)
		pv_thread_create("sleeper", sleeper, (void *)ms[i], 0);
	pv_sleep_ms(100);
	check("sleep-order", nwoken == 4 && wake_order[0] == 10 && wake_order[1] == 20 &&
	      wake_order[2] == 30 && wake_order[3] == 40, "woken %ld first %ld", nwoken,
	      wake_order[0]);

	/* 3. sleep duration is at least what was asked */
	uint64_t t0 = pv_now_ns();
	pv_sleep_ms(25);
	uint64_t slept = pv_now_ns() - t0;
	check("sleep-min", slept >= 25000000, "slept %ld ns, want >= %ld", (long)slept, 25000000);

	/* 4. one-shot timer fires once, not before its deadline; cancel prevents firing */
	struct pv_timer t, c;
	uint64_t deadline = pv_now_ns() + 5000000;
	pv_timer_init(&t, on_timer, NULL);
	pv_timer_init(&c, on_timer, NULL);
	pv_timer_arm(&t, deadline);
	pv_timer_arm(&c, deadline + 1000000000);	/* far enough never to race the cancel */
	check("timer-cancel", pv_timer_cancel(&c) == 1, "cancel returned %ld%ld", 0, 0);
	pv_sleep_ms(20);
	check("timer-once", timer_fired == 1, "fired %ld times (want %ld)", timer_fired, 1);
	check("timer-deadline", timer_at >= deadline, "fired at %ld, deadline %ld", (long)timer_at,
	      (long)deadline);

	/* 5. wait with a deadline times out and returns -1 */
	struct pv_waitq never = PV_WAITQ_INIT;
	check("wait-timeout", pv_wait(&never, pv_now_ns() + 2000000) == -1, "%ld%ld", 0, 0);

	/* 6. many threads come and go: stacks and TLS are reclaimed (the heap holds) */
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < 8; i++)
			if (!pv_thread_create("churn", churner, NULL, 0)) {
				check("churn", 0, "create failed in round %ld%ld", round, 0);
				return failures;
			}
		pv_sleep_ms(3);
	}
	/* Timing under an emulator varies: wait (bounded) for the stragglers. */
	for (int i = 0; i < 100 && churned < 400; i++)
		pv_sleep_ms(10);
	check("churn", churned == 400, "%ld of %ld threads ran", churned, 400);

	/* 7. an event signalled between read and wait is not lost */
	static struct pv_event ev = PV_EVENT_INIT;
	unsigned seen = pv_event_read(&ev);
	pv_event_signal(&ev);
	check("event-no-lost-wakeup", pv_event_wait(&ev, seen, pv_now_ns() + 1000000000) == 0 &&
	      pv_event_read(&ev) == seen + 1, "%ld%ld", 0, 0);
	check("event-timeout", pv_event_wait(&ev, pv_event_read(&ev), pv_now_ns() + 1000000) == -1,
	      "%ld%ld", 0, 0);

	/* 8. errno is per thread (TLS) */
	errno = 1234;
	pv_yield();
	check("errno-tls", errno == 1234, "errno %ld want %ld", errno, 1234);

	printf("threads: %d failures\n", failures);
	return failures;
}
