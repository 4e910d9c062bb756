/*
 * Cooperative threads. A thread runs until it blocks or yields; interrupt handlers only
 * move threads onto the run queue, so the run queue and wait queues are touched with
 * interrupts masked and nothing else. There is no idle thread: a thread that blocks with
 * nothing else runnable waits in WFI on its own stack until an interrupt makes some
 * thread runnable.
 */
#include <stdlib.h>
#include <string.h>

#include <pvkit/exit.h>
#include <pvkit/log.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include <arch/regs.h>
#include <arch/timer.h>
#include "sched.h"
#include "stack.h"
#include "tls.h"

enum state { RUNNABLE, BLOCKED, DEAD };

struct pv_thread {
	struct arch_ctx ctx;		/* first: arch_switch() saves here */
	const char *name;
	enum state state;
	struct pv_thread *next;		/* run queue or wait queue link */
	struct pv_waitq *wq;		/* queue waited on, while BLOCKED in pv_wait() */
	struct pv_timer timeout;
	int woken;
	struct stack stack;
	void *tls;
};

void arch_switch(struct arch_ctx *from, struct arch_ctx *to);
void arch_thread_start(void);

static struct pv_thread *current, *zombie;
static struct pv_waitq runq;

static void enqueue(struct pv_waitq *q, struct pv_thread *t)
{
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

static struct pv_thread *dequeue(struct pv_waitq *q)
{
	struct pv_thread *t = q->head;

	if (t) {
		q->head = t->next;
		if (!q->head)
			q->tail = NULL;
		t->next = NULL;
	}
	return t;
}

static void unlink_from(struct pv_waitq *q, struct pv_thread *t)
{
	struct pv_thread *prev = NULL;

	for (struct pv_thread *p = q->head; p; prev = p, p = p->next) {
		if (p != t)
			continue;
		if (prev)
			prev->next = p->next;
		else
			q->head = p->next;
		if (q->tail == p)
			q->tail = prev;
		p->next = NULL;
		return;
	}
}

static void make_runnable(struct pv_thread *t)
{
	t->state = RUNNABLE;
	t->wq = NULL;
	enqueue(&runq, t);
}

static void reap(void)
{
	if (zombie && zombie != current) {
		stack_free(&zombie->stack);
		tls_free(zombie->tls);
		free(zombie);
		zombie = NULL;
	}
}

static uint64_t idle_ticks;	/* counter ticks spent in the WFI below */

uint64_t pv_idle_ns(void)
{
	return pv_counter_to_ns(idle_ticks);
}

/* Switch to the next runnable thread; called with interrupts masked. If the current
 * thread is still runnable it goes to the back of the queue first. */
static void schedule(void)
{
	struct pv_thread *prev = current, *next;

	if (prev->state == RUNNABLE)
		enqueue(&runq, prev);
	while (!(next = dequeue(&runq))) {
		/* Nothing to run: wait for an interrupt. WFI wakes on a pending interrupt
		 * even while masked; unmasking then lets its handler run. */
		uint64_t t0 = arch_counter();

		wfi();
		idle_ticks += arch_counter() - t0;
		arch_irq_enable();
		arch_irq_disable();
	}
	if (next != prev) {
		current = next;
		arch_switch(&prev->ctx, &next->ctx);
	}
	reap();
}

void pv_thread_main(void (*fn)(void *), void *arg)
{
	reap();
	arch_irq_enable();
	fn(arg);
	pv_thread_exit();
}

struct pv_thread *pv_thread_create(const char *name, void (*fn)(void *), void *arg,
				   size_t stack_size)
{
	struct pv_thread *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	if (stack_alloc(&t->stack, stack_size ? stack_size : PV_STACK_SIZE)) {
		free(t);
		return NULL;
	}
	if (!(t->tls = tls_alloc())) {
		stack_free(&t->stack);
		free(t);
		return NULL;
	}
	t->name = name;
	t->ctx.x19_28[0] = (uint64_t)(uintptr_t)fn;
	t->ctx.x19_28[1] = (uint64_t)(uintptr_t)arg;
	t->ctx.lr = (uint64_t)(uintptr_t)arch_thread_start;
	t->ctx.sp = t->stack.hi;
	t->ctx.tpidr = (uint64_t)(uintptr_t)t->tls;
	pv_timer_init(&t->timeout, NULL, NULL);

	uint64_t flags = arch_irq_save();

	make_runnable(t);
	arch_irq_restore(flags);
	return t;
}

void pv_thread_exit(void)
{
	arch_irq_disable();
	reap();
	current->state = DEAD;
	zombie = current;	/* freed by the next thread, off this stack */
	if (!runq.head)
		pv_log(PV_LOG_DEBUG, "last runnable thread \"%s\" exited", current->name);
	schedule();
	__builtin_unreachable();
}

void pv_yield(void)
{
	uint64_t flags = arch_irq_save();

	schedule();
	arch_irq_restore(flags);
}

struct pv_thread *pv_thread_self(void)
{
	return current;
}

const char *pv_thread_name(const struct pv_thread *t)
{
	return t ? t->name : "boot";
}

static void wait_timeout(struct pv_timer *timer, void *arg)
{
	struct pv_thread *t = arg;

	if (t->state == BLOCKED) {
		if (t->wq)
			unlink_from(t->wq, t);
		make_runnable(t);
	}
}

int pv_wait(struct pv_waitq *wq, uint64_t deadline_ns)
{
	uint64_t flags = arch_irq_save();
	struct pv_thread *self = current;

	self->woken = 0;
	self->state = BLOCKED;
	self->wq = wq;
	enqueue(wq, self);
	if (deadline_ns) {
		pv_timer_init(&self->timeout, wait_timeout, self);
		pv_timer_arm(&self->timeout, deadline_ns);
	}
	schedule();
	if (deadline_ns)
		pv_timer_cancel(&self->timeout);
	arch_irq_restore(flags);
	return self->woken ? 0 : -1;
}

static int wake(struct pv_waitq *wq, int all)
{
	uint64_t flags = arch_irq_save();
	struct pv_thread *t;
	int n = 0;

	while ((t = dequeue(wq))) {
		t->woken = 1;
		make_runnable(t);
		n++;
		if (!all)
			break;
	}
	arch_irq_restore(flags);
	return n;
}

int pv_wake_one(struct pv_waitq *wq)
{
	return wake(wq, 0);
}

int pv_wake_all(struct pv_waitq *wq)
{
	return wake(wq, 1);
}

void pv_event_signal(struct pv_event *ev)
{
	uint64_t flags = arch_irq_save();

	ev->count++;
	wake(&ev->wq, 1);
	arch_irq_restore(flags);
}

unsigned pv_event_read(const struct pv_event *ev)
{
	return ev->count;
}

int pv_event_wait(struct pv_event *ev, unsigned seen, uint64_t deadline_ns)
{
	uint64_t flags = arch_irq_save();	/* the check and the sleep are one step */
	int r = 0;

	if (ev->count == seen)
		r = pv_wait(&ev->wq, deadline_ns);
	arch_irq_restore(flags);
	return r;
}

void pv_sleep_until(uint64_t deadline_ns)
{
	struct pv_waitq never = PV_WAITQ_INIT;

	while (pv_now_ns() < deadline_ns)
		pv_wait(&never, deadline_ns);
}

void pv_sleep_ns(uint64_t ns)
{
	pv_sleep_until(pv_now_ns() + ns);
}

void sched_start(void (*fn)(void *), void *arg, uint64_t stack_size)
{
	static struct pv_thread boot = { .name = "boot", .state = DEAD };
	struct pv_thread *t;

	current = &boot;
	t = pv_thread_create("main", fn, arg, stack_size);
	if (!t) {
		pv_err("out of memory for the main thread's %lu-byte stack", stack_size);
		pv_exit(PV_EXIT_CRASH);
	}
	arch_irq_disable();
	/* boot is DEAD but not a zombie: its stack is the image's boot stack. */
	schedule();
	__builtin_unreachable();
}

const char *sched_current_name(void)
{
	return current ? current->name : "boot";
}

int sched_current_stack(uint64_t *lo, uint64_t *hi)
{
	extern char pv_boot_stack_top[];

	if (!current || !current->stack.hi) {
		*hi = (uint64_t)(uintptr_t)pv_boot_stack_top;
		*lo = *hi - 8192;
		return 0;
	}
	*lo = current->stack.lo;
	*hi = current->stack.hi;
	return 0;
}

int sched_current_guard(uint64_t *lo, uint64_t *hi)
{
	if (!current || !current->stack.hi)
		return -1;
	*lo = current->stack.guard;
	*hi = current->stack.lo;
	return 0;
}
