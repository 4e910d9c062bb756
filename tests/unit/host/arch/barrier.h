/* <arch/barrier.h> for host unit tests: the same guarantees from the C11 fences. */
#ifndef ARCH_BARRIER_H
#define ARCH_BARRIER_H

#define mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define io_mb()	mb()
#define io_wmb() wmb()

#endif
