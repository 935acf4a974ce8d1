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

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/resource.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <asm/fpu.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_DEAD		64

#define PF_KTHREAD		0x00200000	/* a kernel thread (Linux's value) */

/* task_struct::exit_state (Linux's values). */
#define EXIT_ZOMBIE		16	/* dead, its wait status not yet read */
#define EXIT_DEAD		32	/* dead, and nobody will wait for it */

#define TASK_COMM_LEN		16
#define DEF_TIMESLICE		5	/* ticks */

struct mm_struct;


struct thread_struct {
	unsigned long sp;		/* saved by __switch_to_asm */
	u64 tls_array[3];		/* GDT entries 6-8 (asm/segment.h) */
	unsigned long fs, gs;		/* user selectors, kept across switches */
	struct fxregs_state fpu;	/* the user's x87/SSE registers */
};

struct task_struct {
	volatile long state;
	atomic_t usage;			/* get_task_struct: freed at zero */
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
	unsigned int flags;		/* PF_* */
	int *set_child_tid;		/* clone(CLONE_CHILD_SETTID) */
	int *clear_child_tid;		/* set_tid_address() */
	void *robust_list;		/* set_robust_list() */
	/*
	 * The family (Linux: kernel/exit.c).  exit_signal SIGCHLD: the task
	 * stays a zombie until its parent waits for it (processes); 0: it is
	 * freed as soon as it is dead (kernel threads, orphans).
	 */
	struct task_struct *real_parent;	/* who created it; getppid */
	struct list_head children, sibling;
	wait_queue_head_t wait_chldexit;	/* the parent's wait4 sleeps here */
	int exit_signal;
	int exit_state;			/* 0, EXIT_ZOMBIE, EXIT_DEAD */
	struct rlimit rlim[RLIM_NLIMITS];	/* inherited (Linux: signal->rlim) */
	struct file *fdt[32];		/* open files by fd (linux/fs.h) */
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
void free_task(struct task_struct *p);
extern unsigned long nr_threads;

/*
 * Every task but init_task, in creation order on init_task.tasks (Linux's
 * for_each_process).  Walk it with interrupts off: tasks leave the list
 * in free_task().
 */
#define next_task(p)	list_entry((p)->tasks.next, struct task_struct, tasks)
#define for_each_process(p) \
	for (p = &init_task; (p = next_task(p)) != &init_task; )

/*
 * A reference keeps a task_struct (not its stack or mm) from being freed
 * after it has left the task list (Linux: get_task_struct).
 */
static inline void get_task_struct(struct task_struct *p)
{
	atomic_inc(&p->usage);
}
void put_task_struct(struct task_struct *p);

/*
 * kernel/pid.c: the live task (not one already reaped or being freed)
 * with that pid, or NULL; pid 0, the idle task, is not found, as in
 * Linux.  find_task_by_vpid needs interrupts off for as long as the
 * result is used; find_get_task_by_vpid returns it with a reference
 * (put_task_struct when done).
 */
struct task_struct *find_task_by_vpid(int nr);
struct task_struct *find_get_task_by_vpid(int nr);

/*
 * Waits for a child process (exit_signal SIGCHLD) to exit: pid > 0 that
 * one, -1 (or 0, no process groups yet) any.  Returns its pid with its
 * wait status in *status, 0 with WNOHANG if none has exited yet, or
 * -ECHILD if there is no such child.  Linux: kernel_wait4().
 */
#define WNOHANG		0x00000001
long kernel_wait4(int pid, int *status, int options);
void msleep(unsigned int msecs);
/* Gives up the CPU to other runnable tasks, staying runnable. */
void yield(void);
/* The idle loop of pid 0: halt until there is work. */
__noreturn void cpu_idle(void);

void set_current_state(long state);

#endif /* _LINUX_SCHED_H */
