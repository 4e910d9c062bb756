/* A ticket-free test-and-set spinlock; the hyp always runs with interrupts masked,
 * so holding one never races with a handler on the same pCPU. */
#ifndef ARCH_LOCK_H
#define ARCH_LOCK_H

#include <stdint.h>

struct spinlock {
	uint32_t v;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->v, __ATOMIC_RELAXED))
			__asm__ volatile("yield");
}

/* 1 if taken, 0 if someone holds it (for work that the holder can finish instead). */
static inline int spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->v, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->v, 0, __ATOMIC_RELEASE);
}

#endif
