/*
 * Cooperative threads. A thread runs until it blocks (sleep, wait queue, console input)
 * or yields; there is no preemption, so code between two blocking calls runs atomically
 * with respect to other threads (not to interrupt handlers). Every stack has an
 * unmapped guard page below it: an overflow gives a crash report, not corruption.
 */
#ifndef PVKIT_THREAD_H
#define PVKIT_THREAD_H

#include <stddef.h>
#include <stdint.h>

struct pv_thread;

/* Default stack size for pv_thread_create(stack_size = 0); the main thread's stack is
 * PV_MAIN_STACK_SIZE unless the app defines `const size_t pv_main_stack_size`. */
#define PV_STACK_SIZE		(16 * 1024)
#define PV_MAIN_STACK_SIZE	(32 * 1024)

/* Start fn(arg) in a new thread. Returns NULL if memory for its stack ran out. */
struct pv_thread *pv_thread_create(const char *name, void (*fn)(void *), void *arg,
				   size_t stack_size);
/* End the calling thread (returning from fn does the same). */
void pv_thread_exit(void) __attribute__((noreturn));
/* Let every other runnable thread run once. */
void pv_yield(void);
struct pv_thread *pv_thread_self(void);
const char *pv_thread_name(const struct pv_thread *t);

/*
 * Wait queues: the one blocking primitive. A waker may be an interrupt handler.
 * Typical use, where `cond` is set by the waker before pv_wake():
 *     while (!cond)
 *         pv_wait(&wq, 0);
 */
struct pv_waitq {
	struct pv_thread *head, *tail;
};
#define PV_WAITQ_INIT { 0, 0 }

/* Sleep until woken or, if deadline_ns is nonzero, until pv_now_ns() >= deadline_ns.
 * Returns 0 when woken, -1 on timeout. */
int pv_wait(struct pv_waitq *wq, uint64_t deadline_ns);
/* Wake the longest waiter / every waiter. Return how many were woken. */
int pv_wake_one(struct pv_waitq *wq);
int pv_wake_all(struct pv_waitq *wq);

/*
 * Event counts: a race-free way to sleep until an interrupt handler signals, for code
 * that must first check for work itself (e.g. poll a device):
 *     unsigned seen = pv_event_read(&ev);
 *     if (!poll_device())
 *         pv_event_wait(&ev, seen, 0);
 * A signal that lands between the read and the wait makes the wait return at once.
 */
struct pv_event {
	volatile unsigned count;
	struct pv_waitq wq;
};
#define PV_EVENT_INIT { 0, PV_WAITQ_INIT }

/* Safe in interrupt handlers. */
void pv_event_signal(struct pv_event *ev);
unsigned pv_event_read(const struct pv_event *ev);
/* Sleep while the count still equals seen (and, if deadline_ns is nonzero, until
 * pv_now_ns() >= deadline_ns). Returns 0 when signalled, -1 on timeout. */
int pv_event_wait(struct pv_event *ev, unsigned seen, uint64_t deadline_ns);

#endif
