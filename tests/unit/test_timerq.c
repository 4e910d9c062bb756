/* runtime/timerq.c: deadline order, ties, cancel, re-arm. */
#include "timerq.h"
#include "tap.h"

int main(void)
{
	struct timerq q = { 0 };
	struct pv_timer t[5] = { 0 };

	is_int(timerq_next(&q) == UINT64_MAX, 1, "empty queue has no deadline");
	t[0].deadline = 30; timerq_insert(&q, &t[0]);
	t[1].deadline = 10; timerq_insert(&q, &t[1]);
	t[2].deadline = 20; timerq_insert(&q, &t[2]);
	t[3].deadline = 20; timerq_insert(&q, &t[3]);	/* tie: after t[2] */
	is_int(timerq_next(&q), 10, "earliest first");
	ok(timerq_pop_expired(&q, 5) == NULL, "nothing expired before 10");
	ok(timerq_pop_expired(&q, 25) == &t[1], "pop 10");
	ok(timerq_pop_expired(&q, 25) == &t[2], "pop first 20");
	ok(timerq_pop_expired(&q, 25) == &t[3], "pop second 20 (arming order)");
	ok(timerq_pop_expired(&q, 25) == NULL, "30 not yet");
	ok(!t[1].armed && t[0].armed, "armed flags follow the queue");
	is_int(timerq_remove(&q, &t[0]), 1, "cancel armed timer");
	is_int(timerq_remove(&q, &t[0]), 0, "cancel twice is harmless");
	t[4].deadline = 50; timerq_insert(&q, &t[4]);
	t[4].deadline = 5; timerq_insert(&q, &t[4]);	/* re-arm moves it */
	is_int(timerq_next(&q), 5, "re-arm replaces the old deadline");
	ok(timerq_pop_expired(&q, 100) == &t[4] && timerq_pop_expired(&q, 100) == NULL,
	   "re-armed timer queued once");
	return done_testing();
}
