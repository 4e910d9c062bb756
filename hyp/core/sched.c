#include "sched.h"

#include <stddef.h>

#include <arch/cpu.h>
#include "domain.h"

struct pcpu pcpus[MAX_PCPUS];
unsigned nr_pcpus;

uint64_t slice_ticks(void)
{
	return arch_counter_hz() / 1000000 * SLICE_US;
}

void sched_init_pcpu(struct pcpu *p, unsigned id)
{
	p->id = id;
	p->current = NULL;
	p->rq_head = p->rq_tail = NULL;
}

/* --- queue primitives, under p->lock ----------------------------------------- */

static void enqueue(struct pcpu *p, struct vcpu *v)
{
	v->rq_next = NULL;
	if (p->rq_tail)
		p->rq_tail->rq_next = v;
	else
		p->rq_head = v;
	p->rq_tail = v;
	v->state = VCPU_RUNNABLE;
}

static void dequeue(struct pcpu *p, struct vcpu *v)
{
	struct vcpu **pp = &p->rq_head, *prev = NULL;

	for (; *pp; prev = *pp, pp = &(*pp)->rq_next) {
		if (*pp != v)
			continue;
		*pp = v->rq_next;
		if (p->rq_tail == v)
			p->rq_tail = prev;
		v->rq_next = NULL;
		return;
	}
}

static struct vcpu *pick_locked(struct pcpu *p)
{
	struct vcpu *v;

	while ((v = p->rq_head)) {
		p->rq_head = v->rq_next;
		if (!p->rq_head)
			p->rq_tail = NULL;
		v->rq_next = NULL;
		if (v->dead) {
			v->state = VCPU_OFFLINE;
			continue;
		}
		v->state = VCPU_RUNNING;
		__atomic_add_fetch(&v->dom->nr_running, 1, __ATOMIC_SEQ_CST);
		return v;
	}
	return NULL;
}

struct vcpu *sched_pick(struct pcpu *p)
{
	struct vcpu *v;

	spin_lock(&p->lock);
	v = pick_locked(p);
	spin_unlock(&p->lock);
	return v;
}

/* --- pinning -------------------------------------------------------------------- */

void sched_attach(struct vcpu *v, unsigned pcpu)
{
	struct pcpu *p = &pcpus[pcpu];

	v->pcpu = pcpu;
	v->state = VCPU_OFFLINE;
	spin_lock(&p->lock);
	v->pin_next = p->pinned;
	p->pinned = v;
	spin_unlock(&p->lock);
}

void sched_detach(struct vcpu *v)
{
	struct pcpu *p = &pcpus[v->pcpu];

	spin_lock(&p->lock);
	for (struct vcpu **pp = &p->pinned; *pp; pp = &(*pp)->pin_next) {
		if (*pp != v)
			continue;
		*pp = v->pin_next;
		v->pin_next = NULL;
		break;
	}
	dequeue(p, v);
	spin_unlock(&p->lock);
}

/* --- state changes ------------------------------------------------------------ */

int vcpu_wake(struct vcpu *v)
{
	struct pcpu *p = &pcpus[v->pcpu];
	int changed = 0;

	spin_lock(&p->lock);
	if (!v->dead && (v->state == VCPU_BLOCKED || v->state == VCPU_OFFLINE)) {
		enqueue(p, v);
		changed = 1;
	}
	spin_unlock(&p->lock);
	if (changed && p != this_pcpu())
		arch_kick(p->id);
	return changed;
}

static struct vcpu *stop_current(struct vcpu *v, enum vcpu_state to)
{
	struct pcpu *p = &pcpus[v->pcpu];
	struct vcpu *next;

	spin_lock(&p->lock);
	if (to == VCPU_RUNNABLE && !p->rq_head) {	/* nobody else waits: keep going */
		spin_unlock(&p->lock);
		return v;
	}
	if (to == VCPU_RUNNABLE)
		enqueue(p, v);
	else
		v->state = to;
	next = pick_locked(p);
	spin_unlock(&p->lock);
	return next;
}

struct vcpu *vcpu_block(struct vcpu *v)
{
	return stop_current(v, VCPU_BLOCKED);
}

struct vcpu *vcpu_offline(struct vcpu *v)
{
	return stop_current(v, VCPU_OFFLINE);
}

struct vcpu *vcpu_yield(struct vcpu *v)
{
	return stop_current(v, VCPU_RUNNABLE);
}

struct vcpu *sched_preempt(struct vcpu *v)
{
	struct pcpu *p = &pcpus[v->pcpu];

	p->need_resched = 0;
	if (v->dead)
		return sched_pick(p);
	if (!p->rq_head) {		/* racy peek: a late wake-up kicks us again */
		p->slice_end = arch_now() + slice_ticks();
		return v;
	}
	return stop_current(v, VCPU_RUNNABLE);
}

int sched_kill(struct vcpu *v)
{
	struct pcpu *p = &pcpus[v->pcpu];
	int running;

	spin_lock(&p->lock);
	v->dead = 1;
	dequeue(p, v);
	running = v->state == VCPU_RUNNING;
	if (!running)
		v->state = VCPU_OFFLINE;
	spin_unlock(&p->lock);
	return running;
}

/* --- the switch ------------------------------------------------------------------ */

static void release(struct vcpu *v)
{
	int left = __atomic_sub_fetch(&v->dom->nr_running, 1, __ATOMIC_SEQ_CST);

	if (v->dead && left == 0)
		domain_vcpu_released(v);
}

struct vcpu *sched_switch(struct vcpu *prev, struct vcpu *next)
{
	struct pcpu *p = this_pcpu();

	if (prev && next == prev) {
		if (!prev->dead)
			return prev;
		next = NULL;
	}
	if (prev) {
		arch_vcpu_put(prev);
		p->current = NULL;
		release(prev);
	}
	for (;;) {
		if (!next)
			next = sched_pick(p);
		if (next && next->dead) {	/* killed between pick and here */
			release(next);
			next = NULL;
			continue;
		}
		if (next)
			break;
		arch_idle_wait();
	}
	p->current = next;
	p->slice_end = arch_now() + slice_ticks();
	arch_vcpu_load(next);
	return next;
}
