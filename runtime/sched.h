/* The scheduler's runtime-internal interface. */
#ifndef RUNTIME_SCHED_H
#define RUNTIME_SCHED_H

#include <stdint.h>

/* Make the boot context into the main thread's creator and run fn(arg) as the thread
 * "main" with the given stack size. Never returns. */
void sched_start(void (*fn)(void *), void *arg, uint64_t stack_size)
	__attribute__((noreturn));

/* For crash reports: the running thread's name, stack and guard page. */
const char *sched_current_name(void);
int sched_current_stack(uint64_t *lo, uint64_t *hi);
int sched_current_guard(uint64_t *lo, uint64_t *hi);

#endif
