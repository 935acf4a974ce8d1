/*
 * Sleeping locks (Linux: include/linux/mutex.h, kernel/locking/mutex.c).
 *
 * A mutex protects what a thread changes over several steps while it may
 * be preempted or sleep -- the list of slab caches, say.  A spinlock
 * (interrupts off) would do on one CPU, but holding interrupts off across
 * a slab allocation or a console print is what mutexes exist to avoid.
 * The owner is recorded so that unlocking someone else's mutex and
 * taking one twice are reported (Linux's DEBUG_MUTEXES and lockdep).
 * Only threads may take a mutex: never an interrupt handler.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/types.h>

#ifdef __KERNEL__
#include <linux/wait.h>

struct mutex {
	struct task_struct *owner;	/* NULL when free */
	wait_queue_head_t wait;		/* tasks sleeping in mutex_lock */
};

#define __MUTEX_INITIALIZER(name) \
	{ .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_MUTEX(name)	struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
/* Sleeps until the mutex is free, then owns it. */
void mutex_lock(struct mutex *lock);
/* Takes a free mutex and returns true, or returns false at once. */
bool mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);

#else	/* host tests: one thread, so a flag that catches nesting will do */
#include <linux/bug.h>

struct mutex {
	bool locked;
};

#define DEFINE_MUTEX(name)	struct mutex name = { false }
#define mutex_init(lock)	((lock)->locked = false)
#define mutex_lock(lock)	do { BUG_ON((lock)->locked); (lock)->locked = true; } while (0)
#define mutex_unlock(lock)	do { BUG_ON(!(lock)->locked); (lock)->locked = false; } while (0)
#define mutex_is_locked(lock)	((lock)->locked)
#endif

#endif /* _LINUX_MUTEX_H */
