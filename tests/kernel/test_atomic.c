/*
 * Shared counters and the mutex (asm/atomic.h, page_ref.h, kernel/fork.c,
 * kernel/mutex.c).  Suite "atomic".
 *
 * The hammer case is the review's reproduction made exact: two kernel
 * threads take and drop references to one page and one mm as fast as
 * they can, the timer preempts them in the middle of whatever they are
 * doing, and the tick itself adds one reference per tick from interrupt
 * context.  With plain "count++" a tick or a switch landing between the
 * load and the store loses an update; with atomics the counts end at
 * exactly start + ticks.  The run lasts a fixed number of ticks, so a
 * slow host only makes it slower, not weaker.
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include "test_util.h"

#define WAIT_MS		5000	/* the longest a case waits for its threads */
#define HAMMER_TICKS	200	/* ticks the hammer runs for (2 s at HZ=100) */
#define HAMMER_THREADS	2
#define EXTRA_REFS	1000	/* the review's "count starts at 1001" */

extern void (*timer_test_hook)(void);	/* arch/x86/kernel/time.c */

/*
 * Sleeps in 10 ms steps until *count reaches want; false after ms.  Then
 * sleeps once more so threads that just finished can exit and have their
 * stacks freed (the next switch does it) before the leak check.
 */
static bool wait_count(atomic_t *count, int want, unsigned int ms)
{
	unsigned long end = jiffies + DIV_ROUND_UP(ms * HZ, 1000);

	while (atomic_read(count) < want) {
		if (time_after(jiffies, end))
			return false;
		msleep(10);
	}
	msleep(20);
	return true;
}

/* ---- the atomic operations themselves ---- */

static void test_atomic_ops(struct ktest *test)
{
	atomic_t v = ATOMIC_INIT(5);

	EXPECT_EQ(test, atomic_read(&v), 5);
	atomic_add(3, &v);
	atomic_sub(1, &v);
	atomic_inc(&v);
	atomic_dec(&v);
	EXPECT_EQ(test, atomic_read(&v), 7);
	EXPECT_EQ(test, atomic_fetch_add(10, &v), 7);
	EXPECT_EQ(test, atomic_add_return(-7, &v), 10);
	EXPECT_EQ(test, atomic_sub_return(8, &v), 2);
	EXPECT_FALSE(test, atomic_dec_and_test(&v));
	EXPECT_TRUE(test, atomic_dec_and_test(&v));
	EXPECT_FALSE(test, atomic_dec_and_test(&v));	/* 0 -> -1 */
	EXPECT_EQ(test, atomic_read(&v), -1);
	EXPECT_EQ(test, atomic_cmpxchg(&v, 3, 9), -1);	/* no match: kept */
	EXPECT_EQ(test, atomic_read(&v), -1);
	EXPECT_EQ(test, atomic_cmpxchg(&v, -1, 9), -1);
	EXPECT_EQ(test, atomic_read(&v), 9);
	atomic_set(&v, 0);
	EXPECT_FALSE(test, atomic_inc_not_zero(&v));
	EXPECT_EQ(test, atomic_read(&v), 0);
	atomic_set(&v, 4);
	EXPECT_TRUE(test, atomic_inc_not_zero(&v));
	EXPECT_EQ(test, atomic_read(&v), 5);
	EXPECT_EQ(test, atomic_fetch_add_unless(&v, 2, 5), 5);
	EXPECT_EQ(test, atomic_read(&v), 5);
}

/* ---- many hands on one page and one mm ---- */

static struct hammer {
	struct page *page;
	struct mm_struct *mm;
	atomic_t ticks;		/* references the tick added */
	atomic_t finished;	/* threads done */
	volatile int stop;
	unsigned long loops[HAMMER_THREADS];
} hammer;

/* From the timer interrupt: one more reference on each count. */
static void hammer_tick(void)
{
	get_page(hammer.page);
	mmgrab(hammer.mm);
	mmget(hammer.mm);
	if (atomic_inc_return(&hammer.ticks) == HAMMER_TICKS) {
		WRITE_ONCE(hammer.stop, 1);
		WRITE_ONCE(timer_test_hook, NULL);
	}
}

static int hammer_fn(void *data)
{
	unsigned long *loops = data;

	while (!READ_ONCE(hammer.stop)) {
		get_page(hammer.page);
		mmgrab(hammer.mm);
		mmget(hammer.mm);
		put_page(hammer.page);
		mmdrop(hammer.mm);
		mmput(hammer.mm);
		(*loops)++;
	}
	atomic_inc(&hammer.finished);
	return 0;
}

static void test_counts_under_preemption(struct ktest *test)
{
	int i, ticks, started = 0;

	hammer.page = alloc_page(GFP_KERNEL);
	hammer.mm = mm_alloc();
	if (!hammer.page || !hammer.mm) {
		ktest_fail_msg(test, __FILE__, __LINE__, "no memory for the page or the mm");
		if (hammer.page)
			__free_page(hammer.page);
		if (hammer.mm)
			mmput(hammer.mm);
		return;
	}
	page_ref_add(hammer.page, EXTRA_REFS);
	atomic_add(EXTRA_REFS, &hammer.mm->mm_count);
	atomic_add(EXTRA_REFS, &hammer.mm->mm_users);
	atomic_set(&hammer.ticks, 0);
	atomic_set(&hammer.finished, 0);
	hammer.stop = 0;
	for (i = 0; i < HAMMER_THREADS; i++) {
		hammer.loops[i] = 0;
		started += kthread_run(hammer_fn, &hammer.loops[i], "hammer") != NULL;
	}
	WRITE_ONCE(timer_test_hook, hammer_tick);
	EXPECT_TRUE(test, wait_count(&hammer.finished, started, WAIT_MS));
	WRITE_ONCE(timer_test_hook, NULL);
	WRITE_ONCE(hammer.stop, 1);
	EXPECT_EQ(test, started, HAMMER_THREADS);
	EXPECT_EQ(test, atomic_read(&hammer.ticks), HAMMER_TICKS);
	for (i = 0; i < HAMMER_THREADS; i++)
		EXPECT_GT(test, hammer.loops[i], 0);

	ticks = atomic_read(&hammer.ticks);
	EXPECT_EQ(test, page_count(hammer.page), 1 + EXTRA_REFS + ticks);
	EXPECT_EQ(test, atomic_read(&hammer.mm->mm_count), 1 + EXTRA_REFS + ticks);
	EXPECT_EQ(test, atomic_read(&hammer.mm->mm_users), 1 + EXTRA_REFS + ticks);

	/* Whatever the counts say, give everything back exactly once. */
	set_page_count(hammer.page, 1);
	__free_page(hammer.page);
	atomic_set(&hammer.mm->mm_count, 1);
	atomic_set(&hammer.mm->mm_users, 1);
	mmput(hammer.mm);
}

/* ---- the mutex ---- */

static struct mutex_case {
	struct mutex lock;
	int counter;			/* changed only under lock */
	atomic_t finished;
	unsigned long slept_until;	/* jiffies when the holder let go */
	volatile int holding;
} mc;

/* Read, give the CPU away, write back: loses updates without the lock. */
static int mutex_fn(void *data)
{
	int i, v;

	for (i = 0; i < 20; i++) {
		mutex_lock(&mc.lock);
		v = mc.counter;
		yield();
		mc.counter = v + 1;
		mutex_unlock(&mc.lock);
	}
	atomic_inc(&mc.finished);
	return 0;
}

static void test_mutex_excludes(struct ktest *test)
{
	int i, started = 0;

	mutex_init(&mc.lock);
	mc.counter = 0;
	atomic_set(&mc.finished, 0);
	for (i = 0; i < 3; i++)
		started += kthread_run(mutex_fn, NULL, "mutex") != NULL;
	EXPECT_TRUE(test, wait_count(&mc.finished, started, WAIT_MS));
	EXPECT_EQ(test, started, 3);
	EXPECT_EQ(test, mc.counter, 20 * started);
	EXPECT_FALSE(test, mutex_is_locked(&mc.lock));
}

extern struct mutex slab_mutex;		/* mm/slab_common.c */

/* Holds slab_mutex across a 50 ms sleep. */
static int slab_mutex_holder(void *data)
{
	mutex_lock(&slab_mutex);
	WRITE_ONCE(mc.holding, 1);
	msleep(50);
	mc.slept_until = jiffies;
	mutex_unlock(&slab_mutex);
	atomic_inc(&mc.finished);
	return 0;
}

/*
 * kmem_cache_create links the new cache into slab_caches under
 * slab_mutex: while another thread holds it, creating a cache waits.
 */
static void test_slab_caches_locked(struct ktest *test)
{
	unsigned long returned;
	struct kmem_cache *s;
	struct task_struct *p;

	atomic_set(&mc.finished, 0);
	mc.holding = 0;
	mc.slept_until = 0;
	p = kthread_run(slab_mutex_holder, NULL, "slab_mutex");
	ASSERT_NOT_NULL(test, p);
	while (!READ_ONCE(mc.holding))
		yield();
	s = kmem_cache_create("test_atomic", 40, 0, 0, NULL);
	returned = jiffies;
	EXPECT_NOT_NULL(test, s);
	EXPECT_NE(test, mc.slept_until, 0);	/* the holder had let go */
	EXPECT_FALSE(test, time_before(returned, mc.slept_until));
	EXPECT_TRUE(test, wait_count(&mc.finished, 1, WAIT_MS));
	kmem_cache_destroy(s);
	EXPECT_FALSE(test, mutex_is_locked(&slab_mutex));
}

/* Taking a mutex twice or releasing someone else's: reported, survived. */
static void test_mutex_misuse(struct ktest *test)
{
	struct mutex m;
	size_t mark;

	mutex_init(&m);
	mark = printk_log_pos();
	mutex_unlock(&m);
	EXPECT_LOGGED(test, mark, "is releasing a mutex it does not hold");
	EXPECT_FALSE(test, mutex_is_locked(&m));
	mutex_lock(&m);
	mark = printk_log_pos();
	mutex_lock(&m);				/* would sleep forever */
	EXPECT_LOGGED(test, mark, "is taking a mutex it already holds");
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_TRUE(test, mutex_is_locked(&m));
	mutex_unlock(&m);
	EXPECT_FALSE(test, mutex_is_locked(&m));
	EXPECT_TRUE(test, mutex_trylock(&m));
	EXPECT_FALSE(test, mutex_trylock(&m));
	mutex_unlock(&m);
}

KTEST_SUITE(atomic,
	    KTEST_CASE(test_atomic_ops),
	    KTEST_CASE(test_counts_under_preemption),
	    KTEST_CASE(test_mutex_excludes),
	    KTEST_CASE(test_slab_caches_locked),
	    KTEST_CASE(test_mutex_misuse));
