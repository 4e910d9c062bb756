/* Host stand-in for hyp/arch/aarch64/include/arch/lock.h: the unit tests are
 * single-threaded. */
#ifndef ARCH_LOCK_H
#define ARCH_LOCK_H

struct spinlock {
	int v;
};

static inline void spin_lock(struct spinlock *l) { l->v = 1; }
static inline void spin_unlock(struct spinlock *l) { l->v = 0; }

#endif
