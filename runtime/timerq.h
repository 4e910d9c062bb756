/*
 * The timer queue: pv_timers sorted by deadline (earliest first), ties in arming order.
 * Portable and unit-tested; the caller serialises access (interrupts masked).
 */
#ifndef RUNTIME_TIMERQ_H
#define RUNTIME_TIMERQ_H

#include <pvkit/time.h>

struct timerq {
	struct pv_timer *head;
};

void timerq_insert(struct timerq *q, struct pv_timer *t);
/* Returns 1 if t was queued and is now removed. */
int timerq_remove(struct timerq *q, struct pv_timer *t);
/* Earliest queued timer with deadline <= now, removed from the queue; NULL if none. */
struct pv_timer *timerq_pop_expired(struct timerq *q, uint64_t now);
/* Earliest deadline, or UINT64_MAX when empty. */
uint64_t timerq_next(const struct timerq *q);

#endif
