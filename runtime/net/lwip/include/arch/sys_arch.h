/*
 * lwIP's OS abstraction on pvkit's cooperative threads (runtime/net/lwip/sys_arch.c):
 * semaphores and mailboxes are counters and rings with wait queues.
 */
#ifndef PVKIT_LWIP_SYS_ARCH_H
#define PVKIT_LWIP_SYS_ARCH_H

#include <pvkit/thread.h>

struct sys_sem {
	int valid;
	unsigned count;
	struct pv_waitq wq;
};

struct sys_mbox {
	int valid;
	int size, head, count;
	void **msgs;
	struct pv_waitq readers, writers;
};

typedef struct sys_sem sys_sem_t;
typedef struct sys_sem sys_mutex_t;
typedef struct sys_mbox sys_mbox_t;
typedef struct pv_thread *sys_thread_t;
typedef uint64_t sys_prot_t;

#endif
