#include "timerq.h"

#include <stddef.h>

void timerq_insert(struct timerq *q, struct pv_timer *t)
{
	struct pv_timer **p = &q->head;

	timerq_remove(q, t);
	while (*p && (*p)->deadline <= t->deadline)
		p = &(*p)->next;
	t->next = *p;
	*p = t;
	t->armed = 1;
}

int timerq_remove(struct timerq *q, struct pv_timer *t)
{
	if (!t->armed)
		return 0;
	for (struct pv_timer **p = &q->head; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			t->next = NULL;
			t->armed = 0;
			return 1;
		}
	}
	t->armed = 0;
	return 0;
}

struct pv_timer *timerq_pop_expired(struct timerq *q, uint64_t now)
{
	struct pv_timer *t = q->head;

	if (!t || t->deadline > now)
		return NULL;
	q->head = t->next;
	t->next = NULL;
	t->armed = 0;
	return t;
}

uint64_t timerq_next(const struct timerq *q)
{
	return q->head ? q->head->deadline : UINT64_MAX;
}
