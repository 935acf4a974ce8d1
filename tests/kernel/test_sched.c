/*
 * Kernel threads, tick preemption, wait queues and msleep (kernel/sched.c,
 * kernel/wait.c).  The cases run in kernel_init (pid 1).  Every case waits
 * until the threads it started are gone from `ps`: a dead thread's stack
 * is freed by the next switch, and free_pages_unchanged counts it.
 *
 * The timer interrupt calls timer_test_hook (arch/x86/kernel/time.c) when
 * it is set; run_in_timer_irq() (test_util.c) uses it to run a function there once.
 */
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/monitor.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <asm/processor.h>
#include "test_util.h"

#define WAIT_MS		2000	/* the longest a case waits for a thread */

/* Sleeps in 10 ms steps until *flag is set; false if ms pass first. */
static bool wait_for(volatile int *flag, unsigned int ms)
{
	unsigned long end = jiffies + ms_to_jiffies(ms);

	while (!READ_ONCE(*flag)) {
		if (time_after(jiffies, end))
			return false;
		msleep(10);
	}
	return true;
}

/* Busy-waits (preemptible or not) until jiffies reaches end. */
static void spin_until(unsigned long end)
{
	while (time_before(jiffies, end))
		cpu_relax();
}

static char ps_out[2048];

/* `ps` into ps_out. */
static void capture_ps(void)
{
	monitor_capture(ps_out, sizeof(ps_out));
	monitor_exec("ps");
	monitor_capture(NULL, 0);
}

/* Is a kernel thread named comm in `ps`?  ps ends its line with " [comm]". */
static bool task_listed(const char *comm)
{
	char needle[TASK_COMM_LEN + 4];

	snprintf(needle, sizeof(needle), " [%s]\n", comm);
	capture_ps();
	return strstr(ps_out, needle) != NULL;
}

/* Waits until the task named comm has exited and been reaped. */
static bool wait_gone(const char *comm)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (task_listed(comm)) {
		if (time_after(jiffies, end))
			return false;
		msleep(10);
	}
	return true;
}

/*
 * A thread that is stuck (a lost wake-up) is made runnable again, so the
 * case can fail and still end with every thread gone.  *done says it has
 * finished; with preemption off it cannot exit under us, so p is valid.
 */
static void rescue(struct task_struct *p, volatile int *done)
{
	preempt_disable();
	if (!READ_ONCE(*done))
		wake_up_process(p);
	preempt_enable();
}

/* ---- kthread_run and exit ---- */

struct kt_data {
	int in;
	void *seen_data;
	int seen_in, pid, preempt_count;
	bool irqs_on;
	char comm[TASK_COMM_LEN];
	volatile int done;
	int after_exit;		/* set by code after do_exit(): must stay 0 */
};

static int kt_fn(void *data)
{
	struct kt_data *d = data;

	d->seen_data = data;
	d->seen_in = d->in;
	d->pid = current->pid;
	d->preempt_count = preempt_count();
	d->irqs_on = !irqs_disabled();
	strlcpy(d->comm, current->comm, sizeof(d->comm));
	d->done = 1;
	return 42;
}

static noinline void kt_exit_deep(struct kt_data *d)
{
	d->done = 1;
	do_exit(7);
}

static int kt_exit_fn(void *data)
{
	struct kt_data *d = data;

	kt_exit_deep(d);
	d->after_exit = 1;
	return 0;
}

static void test_kthread_run_and_exit(struct ktest *test)
{
	struct kt_data d = { .in = 0x5eed }, e = { 0 };
	struct task_struct *p;
	int pid;

	/* A tick could run the thread to its end before we look at p. */
	preempt_disable();
	p = kthread_run(kt_fn, &d, "kt_run");
	pid = p ? p->pid : -1;
	preempt_enable();
	ASSERT_NOT_NULL(test, p);
	EXPECT_GT(test, pid, 1);
	EXPECT_TRUE(test, wait_for(&d.done, WAIT_MS));
	EXPECT_PTR_EQ(test, d.seen_data, &d);
	EXPECT_EQ(test, d.seen_in, 0x5eed);
	EXPECT_EQ(test, d.pid, pid);
	EXPECT_STREQ(test, d.comm, "kt_run");
	/* A thread starts preemptible, with interrupts on. */
	EXPECT_EQ(test, d.preempt_count, 0);
	EXPECT_TRUE(test, d.irqs_on);
	EXPECT_TRUE(test, wait_gone("kt_run"));

	/* do_exit() from deep inside: nothing after it runs. */
	ASSERT_NOT_NULL(test, kthread_run(kt_exit_fn, &e, "kt_exit"));
	EXPECT_TRUE(test, wait_for(&e.done, WAIT_MS));
	EXPECT_TRUE(test, wait_gone("kt_exit"));
	EXPECT_EQ(test, e.after_exit, 0);
}

/* ---- preemption ---- */

struct spinner {
	volatile unsigned long count;
	struct spinner *other;
	unsigned long end;		/* jiffies */
	unsigned long seen_other;	/* times other->count was seen moving */
	unsigned long nvcsw, nivcsw;
	volatile int stop, done;
};

/* Never calls schedule(): only the tick can take the CPU away. */
static int spinner_fn(void *data)
{
	struct spinner *s = data;
	unsigned long last = s->other ? s->other->count : 0, o;

	while (time_before(jiffies, s->end) && !s->stop) {
		s->count++;
		if (!s->other)
			continue;
		o = s->other->count;
		if (o != last) {
			s->seen_other++;
			last = o;
		}
	}
	s->nvcsw = current->nvcsw;
	s->nivcsw = current->nivcsw;
	s->done = 1;
	return 0;
}

/*
 * Two busy loops for 60 ticks, 5-tick slices: each should see the other
 * run about six times, and each was preempted as often.
 */
static void test_preemption_interleaves(struct ktest *test)
{
	static struct spinner a, b;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.other = &b;
	b.other = &a;
	a.end = b.end = jiffies + 12 * DEF_TIMESLICE;
	preempt_disable();
	ASSERT_NOT_NULL(test, kthread_run(spinner_fn, &a, "spin_a"));
	ASSERT_NOT_NULL(test, kthread_run(spinner_fn, &b, "spin_b"));
	preempt_enable();
	EXPECT_TRUE(test, wait_for(&a.done, WAIT_MS));
	EXPECT_TRUE(test, wait_for(&b.done, WAIT_MS));
	EXPECT_TRUE(test, wait_gone("spin_a"));
	EXPECT_TRUE(test, wait_gone("spin_b"));
	EXPECT_GT(test, a.count, 0);
	EXPECT_GT(test, b.count, 0);
	EXPECT_GE(test, a.seen_other, 3);
	EXPECT_GE(test, b.seen_other, 3);
	EXPECT_GE(test, a.nivcsw, 3);
	EXPECT_GE(test, b.nivcsw, 3);
	/* They never gave the CPU up on their own. */
	EXPECT_EQ(test, a.nvcsw, 0);
	EXPECT_EQ(test, b.nvcsw, 0);
}

/*
 * With preemption off, 3 time slices of busy waiting are not interrupted
 * by a runnable thread; the tick only asks for a switch, which happens
 * at preempt_enable().
 */
static void test_preempt_disable_holds_cpu(struct ktest *test)
{
	static struct spinner s;
	unsigned long c0, c1, c2, nv0, niv0;
	bool resched;

	memset(&s, 0, sizeof(s));
	s.end = jiffies + ms_to_jiffies(WAIT_MS);
	ASSERT_NOT_NULL(test, kthread_run(spinner_fn, &s, "spin_c"));
	while (!s.count && time_before(jiffies, s.end))
		msleep(10);		/* it has run at least once */
	EXPECT_GT(test, s.count, 0);

	preempt_disable();
	nv0 = current->nvcsw;
	niv0 = current->nivcsw;
	c0 = s.count;
	spin_until(jiffies + 3 * DEF_TIMESLICE + 1);
	c1 = s.count;
	resched = need_resched();
	preempt_enable();		/* the switch happens here */
	c2 = s.count;

	EXPECT_EQ(test, c1, c0);
	EXPECT_TRUE(test, resched);
	EXPECT_GT(test, c2, c1);
	/* An involuntary switch (a slow host may let the tick add more). */
	EXPECT_GE(test, current->nivcsw, niv0 + 1);
	EXPECT_EQ(test, current->nvcsw, nv0);
	s.stop = 1;
	EXPECT_TRUE(test, wait_for(&s.done, WAIT_MS));
	EXPECT_TRUE(test, wait_gone("spin_c"));
}

static void test_schedule_while_atomic(struct ktest *test)
{
	unsigned long nv0 = current->nvcsw, niv0 = current->nivcsw;
	size_t mark = printk_log_pos();
	char msg[64];
	int pc;

	/*
	 * Reported, then repaired as Linux's __schedule_bug() does: the
	 * count is reset and schedule() goes on (nothing else is runnable,
	 * so no switch).  The section's own preempt_enable() then finds
	 * nothing to undo, is reported and refused.
	 */
	preempt_disable();
	schedule();
	pc = preempt_count();
	preempt_enable();
	EXPECT_EQ(test, pc, 0);
	EXPECT_EQ(test, preempt_count(), 0);
	EXPECT_LOGGED(test, mark, "BUG: preempt count underflow");
	EXPECT_EQ(test, current->nvcsw, nv0);
	EXPECT_EQ(test, current->nivcsw, niv0);
	EXPECT_LOGGED(test, mark, "BUG: scheduling while atomic");
	snprintf(msg, sizeof(msg), "BUG: scheduling while atomic: %s/%d/0x00000001",
		 current->comm, current->pid);
	EXPECT_TRUE(test, printk_log_find(mark, msg));
}

/* ---- msleep ---- */

static void test_msleep_sleeps_long_enough(struct ktest *test)
{
	static const unsigned int ms[] = { 10, 30, 100, 250 };
	unsigned long j0, slept;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ms); i++) {
		j0 = jiffies;
		msleep(ms[i]);
		slept = jiffies - j0;
		EXPECT_GE(test, slept, ms_to_jiffies(ms[i]));
		/* Nothing else runs: it wakes within a tick or two. */
		EXPECT_LE(test, slept, ms_to_jiffies(ms[i]) + 3);
	}
}

/* ---- wait queues ---- */

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int wq_flag;

struct waiter {
	volatile int started, done;
	unsigned long cond_calls;
	unsigned long woke_at;
};

static int waiter_fn(void *data)
{
	struct waiter *w = data;

	w->started = 1;
	wait_event(test_wq, (w->cond_calls++, READ_ONCE(wq_flag)));
	w->woke_at = jiffies;
	w->done = 1;
	return 0;
}

static void test_wait_event_wake_up(struct ktest *test)
{
	struct waiter w = { 0 };
	struct task_struct *p;
	unsigned long set_at;
	long state;

	wq_flag = 0;
	p = kthread_run(waiter_fn, &w, "waiter");
	ASSERT_NOT_NULL(test, p);
	EXPECT_TRUE(test, wait_for(&w.started, WAIT_MS));
	msleep(50);
	state = p->state;		/* it cannot exit before the flag */
	EXPECT_FALSE(test, w.done);
	EXPECT_EQ(test, state, TASK_UNINTERRUPTIBLE);
	/* Asleep, not polling: one look before sleeping. */
	EXPECT_EQ(test, w.cond_calls, 1);
	/* A wake_up with the condition still false: it sleeps again. */
	wake_up(&test_wq);
	msleep(30);
	EXPECT_FALSE(test, w.done);
	EXPECT_EQ(test, w.cond_calls, 2);

	set_at = jiffies;
	wq_flag = 1;
	wake_up(&test_wq);
	EXPECT_TRUE(test, wait_for(&w.done, WAIT_MS));
	if (!w.done)
		rescue(p, &w.done);
	EXPECT_LE(test, w.woke_at - set_at, 2 * DEF_TIMESLICE);
	EXPECT_TRUE(test, wait_gone("waiter"));
}

/*
 * Ping-pong: two threads hand a token back and forth 2000 times through
 * one wait queue.  A lost wake-up stops the game.
 */
#define PINGPONG_ROUNDS	2000

static DECLARE_WAIT_QUEUE_HEAD(pp_wq);
static volatile unsigned int pp_token;

struct pp_player {
	unsigned int parity;
	volatile int done;
};

static int pp_fn(void *data)
{
	struct pp_player *pl = data;
	unsigned int i;

	for (i = 0; i < PINGPONG_ROUNDS; i++) {
		wait_event(pp_wq, (pp_token & 1) == pl->parity ||
			   pp_token >= 2 * PINGPONG_ROUNDS);
		if (pp_token >= 2 * PINGPONG_ROUNDS)
			break;		/* the test gave up */
		pp_token++;
		wake_up(&pp_wq);
	}
	pl->done = 1;
	return 0;
}

static void test_wait_event_ping_pong(struct ktest *test)
{
	static struct pp_player even = { .parity = 0 }, odd = { .parity = 1 };
	struct task_struct *pe, *po;
	bool ok;

	pp_token = 0;
	even.done = odd.done = 0;
	preempt_disable();
	pe = kthread_run(pp_fn, &even, "ping");
	po = kthread_run(pp_fn, &odd, "pong");
	preempt_enable();
	ASSERT_NOT_NULL(test, pe);
	ASSERT_NOT_NULL(test, po);
	ok = wait_for(&even.done, 10000) && wait_for(&odd.done, WAIT_MS);
	EXPECT_TRUE(test, ok);
	EXPECT_EQ(test, pp_token, 2 * PINGPONG_ROUNDS);
	if (!ok) {
		pp_token = 2 * PINGPONG_ROUNDS;
		wake_up(&pp_wq);
		rescue(pe, &even.done);
		rescue(po, &odd.done);
	}
	EXPECT_TRUE(test, wait_gone("ping"));
	EXPECT_TRUE(test, wait_gone("pong"));
}

/*
 * A waiter preempted after prepare_to_wait(), while its state already
 * says "sleeping", must still run again: the condition may have become
 * true before it queued itself, and then no wake_up will ever come.
 * Here the condition is true from the start and takes 3 time slices to
 * evaluate, once with the tick preempting it (interrupt exit), once with
 * preempt_enable() switching away.
 */
static unsigned long slow_cond_end;

static bool slow_cond_irq(void)
{
	spin_until(slow_cond_end);
	return true;
}

static bool slow_cond_preempt_enable(void)
{
	preempt_disable();
	while (!need_resched() && time_before(jiffies, slow_cond_end))
		cpu_relax();
	preempt_enable();	/* switches away, state still D */
	return true;
}

struct slow_waiter {
	bool (*cond)(void);
	volatile int done;
};

static int slow_waiter_fn(void *data)
{
	struct slow_waiter *w = data;

	wait_event(test_wq, w->cond());
	w->done = 1;
	return 0;
}

static void test_wait_event_preempted_in_condition(struct ktest *test)
{
	static bool (*const conds[])(void) = {
		slow_cond_irq, slow_cond_preempt_enable,
	};
	struct slow_waiter w;
	struct task_struct *p;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(conds); i++) {
		w.cond = conds[i];
		w.done = 0;
		slow_cond_end = jiffies + 3 * DEF_TIMESLICE;
		p = kthread_run(slow_waiter_fn, &w, "slow_waiter");
		ASSERT_NOT_NULL(test, p);
		if (!wait_for(&w.done, 1000)) {
			ktest_fail_msg(test, __FILE__, __LINE__,
				       i ? "waiter lost after preempt_enable() in its condition"
					 : "waiter lost after the tick preempted its condition");
			rescue(p, &w.done);
		}
		EXPECT_TRUE(test, wait_gone("slow_waiter"));
	}
}

/*
 * An interrupt wakes the task between prepare_to_wait() and schedule():
 * it becomes TASK_RUNNING again, but the running task must not be put on
 * the run queue (msleep would then link it into two lists at once).
 */
static void irq_wake_test_wq(void)
{
	wake_up(&test_wq);
}

static void test_wake_up_from_irq_before_schedule(struct ktest *test)
{
	struct wait_queue_entry wait = { .task = current };
	bool ran, queued;
	long state;

	preempt_disable();
	prepare_to_wait(&test_wq, &wait, TASK_UNINTERRUPTIBLE);
	ran = run_in_timer_irq(irq_wake_test_wq, WAIT_MS);
	state = current->state;
	local_irq_disable();
	queued = !list_empty(&current->run_list);
	if (queued) {			/* repair, so the kernel carries on */
		list_del(&current->run_list);
		INIT_LIST_HEAD(&current->run_list);
	}
	local_irq_enable();
	finish_wait(&test_wq, &wait);
	preempt_enable();
	EXPECT_TRUE(test, ran);
	EXPECT_EQ(test, state, TASK_RUNNING);
	EXPECT_FALSE(test, queued);
	EXPECT_TRUE(test, list_empty(&test_wq.head));
	msleep(20);			/* and sleeping still works */
}

/* ---- ps ---- */

static void test_ps_lists_threads(struct ktest *test)
{
	struct waiter w = { 0 };
	struct task_struct *p;
	char line[64];

	wq_flag = 0;
	p = kthread_run(waiter_fn, &w, "ps_sleeper");
	ASSERT_NOT_NULL(test, p);
	EXPECT_TRUE(test, wait_for(&w.started, WAIT_MS));
	msleep(20);
	capture_ps();
	EXPECT_TRUE(test, strstr(ps_out, "  PID  PPID STAT    VSZ   RSS COMMAND\n") == ps_out);
	EXPECT_NULL(test, strstr(ps_out, "[swapper]"));	/* pid 0: not listed */
	snprintf(line, sizeof(line), "%5d %5d R         0     0 [%s]\n",
		 current->pid, current->real_parent->pid, current->comm);
	EXPECT_NOT_NULL(test, strstr(ps_out, line));
	snprintf(line, sizeof(line), "%5d %5d D         0     0 [ps_sleeper]\n",
		 p->pid, current->pid);
	EXPECT_NOT_NULL(test, strstr(ps_out, line));

	wq_flag = 1;
	wake_up(&test_wq);
	EXPECT_TRUE(test, wait_for(&w.done, WAIT_MS));
	if (!w.done)
		rescue(p, &w.done);
	EXPECT_TRUE(test, wait_gone("ps_sleeper"));
	EXPECT_FALSE(test, task_listed("ps_sleeper"));
	wq_flag = 0;
}

KTEST_SUITE(sched,
	    KTEST_CASE(test_kthread_run_and_exit),
	    KTEST_CASE(test_preemption_interleaves),
	    KTEST_CASE(test_preempt_disable_holds_cpu),
	    KTEST_CASE(test_schedule_while_atomic),
	    KTEST_CASE(test_msleep_sleeps_long_enough),
	    KTEST_CASE(test_wait_event_wake_up),
	    KTEST_CASE(test_wait_event_ping_pong),
	    KTEST_CASE(test_wait_event_preempted_in_condition),
	    KTEST_CASE(test_wake_up_from_irq_before_schedule),
	    KTEST_CASE(test_ps_lists_threads));
