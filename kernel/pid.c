/*
 * Finding a task by its pid (Linux: kernel/pid.c's find_task_by_vpid and
 * find_get_task_by_vpid, kernel/fork.c's get_task_mm).  There are few
 * tasks and one pid namespace, so a walk of the task list stands in for
 * Linux's pid hash; interrupts off is the task list's lock on one CPU.
 */
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>

/*
 * A task that is EXIT_DEAD is on its way to free_task (Linux has already
 * detached its pid by then); a zombie is still found, as in Linux.
 */
struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *p;

	if (nr <= 0)
		return NULL;
	for_each_process(p)
		if (p->pid == nr && p->exit_state != EXIT_DEAD)
			return p;
	return NULL;
}

struct task_struct *find_get_task_by_vpid(int nr)
{
	struct task_struct *p;
	unsigned long flags;

	local_irq_save(flags);
	p = find_task_by_vpid(nr);
	if (p)
		get_task_struct(p);
	local_irq_restore(flags);
	return p;
}

/*
 * The task's address space with an mm_users reference (mmput when done),
 * or NULL for a kernel thread, which has none of its own even while it
 * borrows or adopts one, and for a task that has exited.
 */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;
	unsigned long flags;

	local_irq_save(flags);
	mm = task->flags & PF_KTHREAD ? NULL : task->mm;
	if (mm)
		mmget(mm);
	local_irq_restore(flags);
	return mm;
}
