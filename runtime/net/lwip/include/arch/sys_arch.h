/*
 * lwIP's OS abstraction on pvkit's cooperative threads (runtime/net/sys_arch.c).
 * Threads only switch at blocking calls, so a semaphore is a counter plus a wait
 * queue and a mailbox a ring plus two: no lock is needed between a test and the
 * wait that follows it, except against interrupt handlers, which never touch these.
 */
#ifndef PVKIT_LWIP_SYS_ARCH_H
#define PVKIT_LWIP_SYS_ARCH_H

#include <stdint.h>

#include <pvkit/thread.h>

struct sys_sem {
	int valid;
	unsigned count;
	struct pv_waitq wq;
};

struct sys_mutex {
	int valid;
	struct pv_thread *owner;	/* NULL when free */
	struct pv_waitq wq;
};

struct sys_mbox {
	int valid;
	unsigned size, head, count;	/* ring of size slots, count in use from head */
	void **msgs;
	struct pv_waitq readers, writers;
};

typedef struct sys_sem sys_sem_t;
typedef struct sys_mutex sys_mutex_t;
typedef struct sys_mbox sys_mbox_t;
typedef struct pv_thread *sys_thread_t;
typedef uint64_t sys_prot_t;

#endif
