/*
 * Time: a monotonic nanosecond clock from the generic timer's virtual counter, sleeps
 * that let other threads run, and one-shot timers whose callbacks run in interrupt
 * context.
 */
#ifndef PVKIT_TIME_H
#define PVKIT_TIME_H

#include <stdint.h>

/* Nanoseconds since the counter started (machine reset on QEMU). Never decreases. */
uint64_t pv_now_ns(void);
/* The raw counter and its frequency (CNTVCT_EL0, CNTFRQ_EL0), for benchmarks. */
uint64_t pv_counter(void);
uint64_t pv_counter_hz(void);
/* Counter ticks to nanoseconds (no overflow for any 64-bit count). */
uint64_t pv_counter_to_ns(uint64_t ticks);

/* Nanoseconds the scheduler has spent waiting in WFI with no thread to run: with
 * pv_now_ns(), how much of the time since reset was work (under QEMU -icount, where
 * waiting skips ahead in virtual time, that difference counts instructions). */
uint64_t pv_idle_ns(void);

/* Block the calling thread for at least ns / until the deadline. Other threads run
 * meanwhile; with none runnable the CPU waits in WFI. */
void pv_sleep_ns(uint64_t ns);
void pv_sleep_until(uint64_t deadline_ns);
static inline void pv_sleep_ms(uint64_t ms) { pv_sleep_ns(ms * 1000000); }

/* One-shot timer. fn runs in interrupt context at or after the deadline: it MUST NOT
 * block; it may wake threads or re-arm the timer. */
struct pv_timer {
	uint64_t deadline;
	void (*fn)(struct pv_timer *t, void *arg);
	void *arg;
	struct pv_timer *next;
	int armed;
};

void pv_timer_init(struct pv_timer *t, void (*fn)(struct pv_timer *, void *), void *arg);
/* Arm (or re-arm) for an absolute deadline in pv_now_ns() time. */
void pv_timer_arm(struct pv_timer *t, uint64_t deadline_ns);
/* Disarm; returns 1 if it was armed and had not fired. */
int pv_timer_cancel(struct pv_timer *t);

#endif
