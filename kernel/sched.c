/*
 * The scheduler and kernel threads (Linux: kernel/sched/core.c,
 * kernel/kthread.c, kernel/exit.c), for one CPU.
 *
 * Runnable tasks wait on rq.queue in arrival order; schedule() takes the
 * first, puts the current task (if still runnable) at the back, and
 * switches stacks.  The timer tick counts down the running task's time
 * slice and asks for a switch when it runs out; the switch happens at
 * interrupt exit or at preempt_enable(), never while the preempt count is
 * nonzero.  The boot task (pid 0) is the idle task: it runs only when the
 * queue is empty, and halts the CPU.
 *
 * Locking: the run queue is touched only with interrupts off, which on
 * one CPU is all the exclusion there is (rq->lock on SMP).
 */
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/setup.h>
#include <asm/switch_to.h>
#include <asm/thread_info.h>

int __preempt_count;

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.usage = ATOMIC_INIT(1),	/* never dropped to zero */
	.pid = 0,
	.comm = "swapper",
	.time_slice = DEF_TIMESLICE,
	.active_mm = &init_mm,
};

/* Linux's INIT_RLIMITS: no limit, but for these; every task inherits. */
static void init_rlimits(struct rlimit *rlim)
{
	unsigned int i;

	for (i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK].rlim_cur = _STK_LIM;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit){ 8UL << 20, 8UL << 20 };
}
struct task_struct *current_task = &init_task;
/* pid 1, kernel_init: orphans are reparented to it (Linux's child_reaper). */
struct task_struct *child_reaper;

static struct {
	struct list_head queue;		/* runnable, not running */
	struct list_head sleepers;	/* in msleep, by run_list */
	struct task_struct *prev;	/* for finish_task_switch */
	struct mm_struct *prev_mm;	/* a borrowed mm to drop after it */
	int next_pid;
} rq;

void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

void sched_init(void)
{
	INIT_LIST_HEAD(&rq.queue);
	INIT_LIST_HEAD(&rq.sleepers);
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.tasks);
	INIT_LIST_HEAD(&init_task.children);
	init_rlimits(init_task.rlim);
	init_waitqueue_head(&init_task.wait_chldexit);
	init_task.stack = init_stack;
	rq.next_pid = 1;
}

bool need_resched(void)
{
	return current->need_resched;
}

void set_current_state(long state)
{
	current->state = state;
	barrier();
}

/* Queue a runnable task; the idle task is never queued. */
static void enqueue_task(struct task_struct *p)
{
	if (p != &init_task && list_empty(&p->run_list))
		list_add_tail(&p->run_list, &rq.queue);
}

static struct task_struct *pick_next_task(void)
{
	struct task_struct *next;

	if (list_empty(&rq.queue))
		return &init_task;
	next = list_first_entry(&rq.queue, struct task_struct, run_list);
	list_del_init(&next->run_list);
	return next;
}

/*
 * A kernel thread has no mm of its own and borrows the one that was
 * loaded (lazy TLB: no CR3 switch at all); a task with an mm gets it
 * loaded.  The borrower holds an mm_count reference while it runs.
 */
static void context_switch_mm(struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *prev_mm = prev->active_mm;

	if (!next->mm) {
		next->active_mm = prev_mm;
		if (prev_mm != &init_mm)
			mmgrab(prev_mm);
	} else {
		next->active_mm = next->mm;
		switch_mm(prev_mm, next->mm);
	}
	rq.prev_mm = prev->mm ? NULL : prev_mm;	/* dropped after the switch */
}

/*
 * The first thing a task does after the switch, on its own stack: a dead
 * predecessor can now give its stack back.
 */
static void finish_task_switch(void)
{
	struct task_struct *prev = rq.prev;

	if (rq.prev_mm && rq.prev_mm != &init_mm)
		mmdrop(rq.prev_mm);
	rq.prev_mm = NULL;
	if (prev && prev->state == TASK_DEAD) {
		free_pages((unsigned long)prev->stack, THREAD_SIZE_ORDER);
		prev->stack = NULL;
		if (prev->exit_state == EXIT_DEAD)	/* nobody waits for it */
			free_task(prev);
	}
	rq.prev = NULL;
}

/*
 * Picks the next task and switches to it.  Interrupts off, preempt count
 * one (schedule()'s own) on entry and, in whatever task comes back here,
 * on exit.
 */
static void __schedule(bool preempted)
{
	struct task_struct *prev = current, *next;

	/*
	 * A preempted task stays runnable whatever its state says (Linux
	 * skips deactivate_task for preemption): it may have been stopped
	 * between prepare_to_wait() and testing its condition, when the
	 * condition is already true and no wake_up() will come.  One in
	 * msleep is on rq.sleepers and stays there (enqueue_task skips it).
	 */
	if ((prev->state == TASK_RUNNING || preempted) && prev != &init_task)
		enqueue_task(prev);
	next = pick_next_task();
	prev->need_resched = false;
	if (next == prev)
		return;
	if (preempted)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	next->time_slice = DEF_TIMESLICE;
	rq.prev = prev;
	context_switch_mm(prev, next);
	switch_fs_gs(prev, next);
	current_task = next;
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
	finish_task_switch();
}

void preempt_count_underflow(void)
{
	WARN(1, "BUG: preempt count underflow: preempt_enable() without preempt_disable() in %s/%d\n",
	     current->comm, current->pid);
}

/*
 * Linux's __schedule_bug(): a task that sleeps while atomic is reported,
 * then its preempt count is reset and the switch goes ahead -- returning
 * without switching would leave a sleeper running with its state
 * changed, and callers like msleep() are not written for that.  The
 * section that was left open ends later with an unbalanced
 * preempt_enable(), which is refused (preempt_count_underflow).  In an
 * interrupt handler there is no task to switch away from: report only.
 */
static bool schedule_bug(void)
{
	if (likely(preempt_count() == 0))
		return false;
	WARN(1, "BUG: scheduling while atomic: %s/%d/0x%08x\n", current->comm,
	     current->pid, preempt_count());
	if (in_irq())
		return true;
	__preempt_count = 0;
	return false;
}

void schedule(void)
{
	unsigned long flags;

	if (schedule_bug())
		return;
	local_irq_save(flags);
	preempt_disable();
	__schedule(false);
	preempt_enable_no_resched();
	local_irq_restore(flags);
}

/* From preempt_enable(): an involuntary switch, as at interrupt exit. */
void preempt_schedule(void)
{
	unsigned long flags;

	if (preempt_count() || irqs_disabled())
		return;
	local_irq_save(flags);
	preempt_disable();
	__schedule(true);
	preempt_enable_no_resched();
	local_irq_restore(flags);
}

/* At interrupt exit: interrupts off, the interrupted context preemptible. */
void preempt_schedule_irq(void)
{
	preempt_disable();
	__schedule(true);
	preempt_enable_no_resched();
}

void yield(void)
{
	current->need_resched = true;
	schedule();
}

/* Wakes msleep()ers whose time has come; asks for a switch when due. */
void scheduler_tick(void)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &rq.sleepers, run_list) {
		if (time_before(jiffies, p->sleep_until))
			continue;
		list_del_init(&p->run_list);
		p->state = TASK_RUNNING;
		enqueue_task(p);
	}
	if (current == &init_task)
		current->need_resched = !list_empty(&rq.queue);
	else if (--current->time_slice <= 0)
		current->need_resched = true;
}

int wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	int woken = 0;

	local_irq_save(flags);
	if (p->state != TASK_RUNNING && p->state != TASK_DEAD) {
		p->state = TASK_RUNNING;
		if (!list_empty(&p->run_list))	/* still a sleeper */
			list_del_init(&p->run_list);
		/*
		 * The running task (woken by an interrupt before its
		 * schedule()) is not queued: __schedule() requeues it, and
		 * msleep() would link a queued task into a second list.
		 */
		if (p != current)
			enqueue_task(p);
		woken = 1;
		if (current == &init_task)
			current->need_resched = true;
	}
	local_irq_restore(flags);
	return woken;
}

/*
 * Sleeps at least msecs; an early wake_up_process just sleeps again.
 * An interrupt handler cannot sleep: that is reported and msleep returns
 * at once (jiffies would never advance under it).
 */
void msleep(unsigned int msecs)
{
	unsigned long flags, until = jiffies + DIV_ROUND_UP(msecs * HZ, 1000) + 1;

	if (WARN(in_irq(), "BUG: sleeping function called from invalid context: msleep in an interrupt\n"))
		return;
	while (time_before(jiffies, until)) {
		local_irq_save(flags);
		current->sleep_until = until;
		current->state = TASK_UNINTERRUPTIBLE;
		/* Still there if the last schedule() did not switch. */
		if (list_empty(&current->run_list))
			list_add_tail(&current->run_list, &rq.sleepers);
		local_irq_restore(flags);
		schedule();
	}
}

/* ---- kernel threads ---- */

unsigned long nr_threads;	/* task_structs in existence, init_task aside */

/*
 * The last of a task: off the task list, so no lookup finds it again;
 * the structure itself goes with the last reference.
 */
void free_task(struct task_struct *p)
{
	unsigned long flags;

	local_irq_save(flags);
	list_del(&p->tasks);
	nr_threads--;
	local_irq_restore(flags);
	put_task_struct(p);
}

void put_task_struct(struct task_struct *p)
{
	if (WARN_ON(atomic_read(&p->usage) <= 0))
		return;
	if (atomic_dec_and_test(&p->usage))
		kfree(p);
}

/* Where a new thread starts: __switch_to_asm "returns" here. */
static __noreturn void kthread_entry(void)
{
	finish_task_switch();
	preempt_enable_no_resched();
	local_irq_enable();
	do_exit(current->threadfn(current->data));
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *name)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	unsigned long *sp;
	unsigned long flags;

	if (!p)
		return NULL;
	p->stack = (void *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!p->stack) {
		kfree(p);
		return NULL;
	}
	strlcpy(p->comm, name, sizeof(p->comm));
	atomic_set(&p->usage, 1);	/* the task list's */
	p->threadfn = threadfn;
	p->data = data;
	p->active_mm = &init_mm;
	p->real_parent = current;
	memcpy(p->rlim, current->rlim, sizeof(p->rlim));
	p->flags = PF_KTHREAD;
	p->state = TASK_UNINTERRUPTIBLE;	/* until wake_up_process */
	INIT_LIST_HEAD(&p->run_list);
	/*
	 * What __switch_to_asm pops: edi, esi, ebx, ebp = 0, then "ret".
	 * Below the pt_regs slot at the top: a thread that becomes a process
	 * leaves for user mode from there (enter_user_mode).
	 */
	sp = (unsigned long *)task_pt_regs(p);
	*--sp = 0;				/* no caller: traces stop */
	*--sp = (unsigned long)kthread_entry;
	*--sp = 0;				/* ebp */
	*--sp = 0;				/* ebx */
	*--sp = 0;				/* esi */
	*--sp = 0;				/* edi */
	p->thread.sp = (unsigned long)sp;
	INIT_LIST_HEAD(&p->children);
	init_waitqueue_head(&p->wait_chldexit);
	local_irq_save(flags);
	p->pid = rq.next_pid++;
	if (p->pid == 1)
		child_reaper = p;
	list_add_tail(&p->sibling, &current->children);
	nr_threads++;
	list_add_tail(&p->tasks, &init_task.tasks);
	local_irq_restore(flags);
	return p;
}

struct task_struct *kthread_run(int (*threadfn)(void *data), void *data,
				const char *name)
{
	struct task_struct *p = kthread_create(threadfn, data, name);

	if (p)
		wake_up_process(p);
	return p;
}

void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!list_empty(&rq.queue)) {
			local_irq_enable();
			schedule();
			continue;
		}
		safe_halt();	/* sti; hlt: no wake-up lost in between */
	}
}
