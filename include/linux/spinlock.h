/*
 * Spinlocks for a uniprocessor kernel (Linux: include/linux/spinlock.h).
 * With one CPU the only other party is an interrupt, so taking a lock
 * means disabling interrupts; the lock word still records the holder so a
 * recursive acquisition (a certain deadlock on SMP) is caught now.  The
 * places that take locks are Linux's, ready for SMP.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/bug.h>
#include <linux/types.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ 0 }
#define DEFINE_SPINLOCK(name)		spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}

#include <linux/irqflags.h>

#define spin_lock_irqsave(lock, flags) do {				\
	local_irq_save(flags);						\
	BUG_ON((lock)->locked);						\
	(lock)->locked = 1;						\
} while (0)

#define spin_unlock_irqrestore(lock, flags) do {			\
	(lock)->locked = 0;						\
	local_irq_restore(flags);					\
} while (0)

static inline bool spin_is_locked(spinlock_t *lock)
{
	return lock->locked;
}

#endif /* _LINUX_SPINLOCK_H */
