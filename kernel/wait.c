/*
 * Wait queues (Linux: kernel/sched/wait.c).  The queue is changed only
 * with interrupts off, so wake_up() may be called from an interrupt.
 */
#include <linux/irqflags.h>
#include <linux/wait.h>

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait,
		     long state)
{
	unsigned long flags;

	local_irq_save(flags);
	if (!wait->entry.next || list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	local_irq_save(flags);
	if (wait->entry.next && !list_empty(&wait->entry)) {
		list_del(&wait->entry);
		INIT_LIST_HEAD(&wait->entry);
	}
	local_irq_restore(flags);
	(void)wq;
}

void wake_up(wait_queue_head_t *wq)
{
	struct wait_queue_entry *wait, *next;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry_safe(wait, next, &wq->head, entry) {
		list_del(&wait->entry);
		INIT_LIST_HEAD(&wait->entry);
		wake_up_process(wait->task);
	}
	local_irq_restore(flags);
}
