/*
 * lwIP's operating-system layer (NO_SYS=0) on pvkit's cooperative threads.
 *
 * A thread only loses the CPU inside a blocking call, so "test a counter, then wait"
 * needs no lock: nothing can run between the two. Only interrupt handlers could, and
 * they never touch lwIP objects (the netif defers everything to a thread). Every wait
 * loops on its condition, because a woken thread may find that another thread that
 * ran first has taken what it was woken for.
 */
#include <stdlib.h>

#include <lwip/err.h>
#include <lwip/sys.h>

#include <pvkit/log.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#include <arch/regs.h>

#define NS_PER_MS	1000000ull

/* Deadline for an lwIP timeout in ms (0 = wait forever, as pv_wait takes it too). */
static uint64_t deadline_of(u32_t timeout_ms)
{
	return timeout_ms ? pv_now_ns() + timeout_ms * NS_PER_MS : 0;
}

/* lwIP wants the time waited on success (any value but SYS_ARCH_TIMEOUT). */
static u32_t waited_ms(uint64_t start_ns)
{
	uint64_t ms = (pv_now_ns() - start_ns) / NS_PER_MS;

	return ms >= SYS_ARCH_TIMEOUT ? SYS_ARCH_TIMEOUT - 1 : (u32_t)ms;
}

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(pv_now_ns() / NS_PER_MS);
}

/* Interrupt handlers never enter lwIP, so masking them is only insurance against a
 * future driver that frees a pbuf from its handler; it costs two instructions. */
sys_prot_t sys_arch_protect(void)
{
	return arch_irq_save();
}

void sys_arch_unprotect(sys_prot_t pval)
{
	arch_irq_restore(pval);
}

/* --- semaphores ------------------------------------------------------------------ */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	sem->count = count;
	sem->wq = (struct pv_waitq)PV_WAITQ_INIT;
	sem->valid = 1;
	return ERR_OK;
}

void sys_sem_signal(sys_sem_t *sem)
{
	sem->count++;
	pv_wake_one(&sem->wq);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout_ms)
{
	uint64_t start = pv_now_ns(), deadline = deadline_of(timeout_ms);

	while (!sem->count) {
		if (pv_wait(&sem->wq, deadline) < 0 && !sem->count)
			return SYS_ARCH_TIMEOUT;
	}
	sem->count--;
	return waited_ms(start);
}

void sys_sem_free(sys_sem_t *sem)
{
	sem->valid = 0;
}

int sys_sem_valid(sys_sem_t *sem)
{
	return sem && sem->valid;
}

void sys_sem_set_invalid(sys_sem_t *sem)
{
	sem->valid = 0;
}

/* --- mutexes (lwIP never takes one recursively) ---------------------------------- */

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	mutex->owner = NULL;
	mutex->wq = (struct pv_waitq)PV_WAITQ_INIT;
	mutex->valid = 1;
	return ERR_OK;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	while (mutex->owner)
		pv_wait(&mutex->wq, 0);
	mutex->owner = pv_thread_self();
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	mutex->owner = NULL;
	pv_wake_one(&mutex->wq);
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	mutex->valid = 0;
}

int sys_mutex_valid(sys_mutex_t *mutex)
{
	return mutex && mutex->valid;
}

void sys_mutex_set_invalid(sys_mutex_t *mutex)
{
	mutex->valid = 0;
}

/* --- mailboxes: a ring of message pointers --------------------------------------- */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0) {
		pv_err("lwip: mailbox size %d must be positive (check the *MBOX_SIZE "
		       "settings in lwipopts.h)", size);
		return ERR_VAL;
	}
	mbox->msgs = malloc((size_t)size * sizeof(void *));
	if (!mbox->msgs)
		return ERR_MEM;
	mbox->size = (unsigned)size;
	mbox->head = mbox->count = 0;
	mbox->readers = mbox->writers = (struct pv_waitq)PV_WAITQ_INIT;
	mbox->valid = 1;
	return ERR_OK;
}

static void mbox_put(sys_mbox_t *mbox, void *msg)
{
	mbox->msgs[(mbox->head + mbox->count) % mbox->size] = msg;
	mbox->count++;
	pv_wake_one(&mbox->readers);
}

static void *mbox_get(sys_mbox_t *mbox)
{
	void *msg = mbox->msgs[mbox->head];

	mbox->head = (mbox->head + 1) % mbox->size;
	mbox->count--;
	pv_wake_one(&mbox->writers);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	while (mbox->count == mbox->size)
		pv_wait(&mbox->writers, 0);
	mbox_put(mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (mbox->count == mbox->size)
		return ERR_MEM;
	mbox_put(mbox, msg);
	return ERR_OK;
}

/* From an interrupt handler the ring itself needs the handler kept out of threads'
 * updates; lwIP only uses this when a port posts from interrupts, which ours does not. */
err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	sys_prot_t p = sys_arch_protect();
	err_t err = sys_mbox_trypost(mbox, msg);

	sys_arch_unprotect(p);
	return err;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout_ms)
{
	uint64_t start = pv_now_ns(), deadline = deadline_of(timeout_ms);

	while (!mbox->count) {
		if (pv_wait(&mbox->readers, deadline) < 0 && !mbox->count)
			return SYS_ARCH_TIMEOUT;
	}
	void *m = mbox_get(mbox);

	if (msg)
		*msg = m;
	return waited_ms(start);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	if (!mbox->count)
		return SYS_MBOX_EMPTY;
	void *m = mbox_get(mbox);

	if (msg)
		*msg = m;
	return 0;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	if (mbox->count)
		pv_warn("lwip: freeing a mailbox with %u messages still in it", mbox->count);
	free(mbox->msgs);
	mbox->msgs = NULL;
	mbox->valid = 0;
}

int sys_mbox_valid(sys_mbox_t *mbox)
{
	return mbox && mbox->valid;
}

void sys_mbox_set_invalid(sys_mbox_t *mbox)
{
	mbox->valid = 0;
}

/* --- threads --------------------------------------------------------------------- */

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg, int stacksize,
			    int prio)
{
	struct pv_thread *t = pv_thread_create(name, fn, arg, stacksize > 0 ? stacksize : 0);

	if (!t)
		pv_err("lwip: no memory for thread \"%s\" (%d-byte stack)", name, stacksize);
	return t;
}
