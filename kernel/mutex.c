/*
 * Sleeping locks (Linux: kernel/locking/mutex.c), for one CPU.
 *
 * The owner word is tested and set with interrupts off, which on one CPU
 * makes the pair atomic; a task that finds the mutex taken sleeps on its
 * wait queue, and mutex_unlock wakes every sleeper to try again.  (Linux
 * hands the lock to the first waiter to avoid a stampede; with a handful
 * of threads the simple way is enough.)
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>

void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

bool mutex_trylock(struct mutex *lock)
{
	unsigned long flags;
	bool taken = false;

	local_irq_save(flags);
	if (!lock->owner) {
		lock->owner = current;
		taken = true;
	}
	local_irq_restore(flags);
	return taken;
}

/*
 * Taking a mutex one already holds would sleep forever.  Linux's lockdep
 * reports it and the machine hangs; here the report is followed by going
 * on as if the lock were taken, so the caller's unlock pairs up with the
 * outer lock's and the second unlock is reported in turn.
 */
void mutex_lock(struct mutex *lock)
{
	if (WARN(READ_ONCE(lock->owner) == current,
		 "BUG: %s/%d is taking a mutex it already holds\n",
		 current->comm, current->pid))
		return;
	if (mutex_trylock(lock))
		return;
	wait_event(lock->wait, mutex_trylock(lock));
}

void mutex_unlock(struct mutex *lock)
{
	if (WARN(READ_ONCE(lock->owner) != current,
		 "BUG: %s/%d is releasing a mutex it does not hold\n",
		 current->comm, current->pid))
		return;
	WRITE_ONCE(lock->owner, NULL);
	wake_up(&lock->wait);
}

bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}
