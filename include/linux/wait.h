/*
 * Wait queues (Linux: include/linux/wait.h, kernel/sched/wait.c).  A task
 * that must wait for a condition puts itself on a queue, marks itself
 * sleeping and calls schedule(); whoever makes the condition true calls
 * wake_up(), which makes every waiter runnable again to re-check it.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>

struct task_struct;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

/* Here, not above: sched.h needs the types, wait_event() needs sched.h. */
#include <linux/sched.h>

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait,
		     long state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait);
/* Makes every task waiting on wq runnable; safe from interrupts. */
void wake_up(wait_queue_head_t *wq);

/*
 * Sleeps until cond is true.  The condition is re-checked after the task
 * is on the queue and marked sleeping, so a wake_up between the check and
 * schedule() is not lost.
 */
#define wait_event(wq, cond) do {					\
	struct wait_queue_entry __wait = { .task = current };		\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
} while (0)

#endif /* _LINUX_WAIT_H */
