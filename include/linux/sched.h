/*
 * Kernel threads and the scheduler (Linux: include/linux/sched.h).
 *
 * One CPU, round-robin: runnable tasks wait on a run queue in order; the
 * timer tick takes the CPU from a task whose time slice is used up, at
 * the next point where its preempt count is zero.  pid 0 ("swapper") is
 * the boot thread, which becomes the idle loop; pid 1 ("kernel_init")
 * runs the self-tests or the monitor.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/types.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_DEAD		64

#define TASK_COMM_LEN		16
#define DEF_TIMESLICE		5	/* ticks */

struct mm_struct;

/*
 * Someone who wants a task's wait status when it exits (the creator of a
 * kernel thread, a test); set before the task runs.  wait4 and zombies
 * will replace it for processes.
 */
struct task_exit {
	int status;
	volatile bool done;
};

struct thread_struct {
	unsigned long sp;		/* saved by __switch_to_asm */
	u64 tls_array[3];		/* GDT entries 6-8 (asm/segment.h) */
	unsigned long fs, gs;		/* user selectors, kept across switches */
};

struct task_struct {
	volatile long state;
	int pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* THREAD_SIZE bytes, lowest address */
	struct thread_struct thread;
	struct list_head run_list;	/* on the run queue while runnable */
	struct list_head tasks;		/* every task */
	bool need_resched;
	int time_slice;
	unsigned long sleep_until;	/* jiffies, for msleep */
	int pagefault_disabled;
	int (*threadfn)(void *data);
	void *data;
	int exit_code;			/* wait status: code << 8, or signal */
	int *clear_child_tid;		/* set_tid_address() */
	void *robust_list;		/* set_robust_list() */
	struct task_struct *real_parent;	/* who created it; getppid */
	struct task_exit *exit_report;	/* told the wait status at exit */
	unsigned long nvcsw, nivcsw;	/* voluntary / preempted switches */
	struct mm_struct *mm, *active_mm;	/* [M5] */
};

extern struct task_struct *current_task;
#define current		current_task
extern struct task_struct init_task;
extern struct task_struct *child_reaper;	/* pid 1 */

void sched_init(void);
void scheduler_tick(void);
void schedule(void);
/* Called at interrupt exit when the tick asked for a switch. */
void preempt_schedule_irq(void);

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *name);
int wake_up_process(struct task_struct *p);
struct task_struct *kthread_run(int (*threadfn)(void *data), void *data,
				const char *name);
__noreturn void do_exit(int code);
void msleep(unsigned int msecs);
/* Gives up the CPU to other runnable tasks, staying runnable. */
void yield(void);
/* The idle loop of pid 0: halt until there is work. */
__noreturn void cpu_idle(void);

void set_current_state(long state);

#endif /* _LINUX_SCHED_H */
