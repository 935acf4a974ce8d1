/*
 * Exiting and waiting (Linux: kernel/exit.c).
 *
 * A process that exits becomes a zombie: its memory and stack are gone,
 * but its task_struct stays, holding the wait status, until the parent's
 * wait4 reads it (release_task).  A task nobody will wait for -- a kernel
 * thread, or an orphan -- is freed as soon as it is dead.  Orphans go to
 * pid 1 (kernel_init), which does not wait: as for a Linux init that
 * ignores SIGCHLD, they are reaped automatically, and a zombie orphan at
 * once.
 *
 * Locking: the family lists change only with interrupts off (Linux's
 * tasklist_lock).
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

/* A zombie's last step: out of the family, the structure freed. */
static void release_task(struct task_struct *p)
{
	list_del(&p->sibling);
	free_task(p);
}

/* Linux's forget_original_parent: our children are pid 1's now. */
static void reparent_children(struct task_struct *dead)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &dead->children, sibling) {
		p->real_parent = child_reaper != dead ? child_reaper : NULL;
		p->exit_signal = 0;	/* nobody will wait: reap at death */
		list_move_tail(&p->sibling, child_reaper != dead && child_reaper ?
			       &child_reaper->children : &init_task.children);
		if (p->exit_state == EXIT_ZOMBIE) {
			p->exit_state = EXIT_DEAD;
			release_task(p);
		}
	}
}

/*
 * Linux's exit_notify: a zombie for a parent that will wait, or dead for
 * good.  Interrupts off.
 */
static void exit_notify(struct task_struct *tsk)
{
	reparent_children(tsk);
	if (tsk->exit_signal && tsk->real_parent) {
		tsk->exit_state = EXIT_ZOMBIE;
		wake_up(&tsk->real_parent->wait_chldexit);
	} else {
		tsk->exit_state = EXIT_DEAD;
		list_del_init(&tsk->sibling);
	}
}

/*
 * A process lets go of its address space (Linux: exit_mm): back on the
 * kernel's page tables first, so the last mmput can tear it all down.
 */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	mmgrab(mm);		/* kthread_unuse_mm drops one mm_count */
	kthread_unuse_mm(mm);	/* onto the kernel's page tables */
	mmput(mm);
}

/* The task never runs again; the next one frees its stack. */
void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (tsk->mm && (tsk->flags & PF_KTHREAD))
		kthread_unuse_mm(tsk->mm);
	else if (tsk->mm)
		exit_mm(tsk);
	files_close_all(tsk);
	local_irq_disable();
	tsk->exit_code = code;
	exit_notify(tsk);
	tsk->state = TASK_DEAD;
	schedule();
	BUG();		/* a dead task was scheduled */
}

/*
 * One pass over the children: the pid of a zombie that matched (its
 * status taken, the zombie released), 0 if some child matched but none
 * is dead yet, -ECHILD if none matched.  Interrupts off.
 */
static long wait_one_pass(int pid, int *status)
{
	struct task_struct *p;
	bool found = false;
	long ret;

	list_for_each_entry(p, &current->children, sibling) {
		if (p->exit_signal != SIGCHLD || (pid > 0 && p->pid != pid))
			continue;
		found = true;
		if (p->exit_state != EXIT_ZOMBIE)
			continue;
		*status = p->exit_code;
		ret = p->pid;
		p->exit_state = EXIT_DEAD;
		release_task(p);
		return ret;
	}
	return found ? 0 : -ECHILD;
}

long kernel_wait4(int pid, int *status, int options)
{
	struct wait_queue_entry wait = { .task = current };
	unsigned long flags;
	long ret;

	if (options & ~WNOHANG)
		return -EINVAL;
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait,
				TASK_INTERRUPTIBLE);
		local_irq_save(flags);
		ret = wait_one_pass(pid, status);
		local_irq_restore(flags);
		if (ret || (options & WNOHANG))
			break;
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	return ret;
}

SYSCALL_DEFINE4(wait4, int, pid, int *, stat_addr, int, options,
		void *, rusage)
{
	int status = 0;
	long ret = kernel_wait4(pid, &status, options);

	if (ret > 0 && stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ret > 0 && rusage && clear_user(rusage, 72))	/* struct rusage */
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE3(waitpid, int, pid, int *, stat_addr, int, options)
{
	int status = 0;
	long ret = kernel_wait4(pid, &status, options);

	if (ret > 0 && stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	return ret;
}
