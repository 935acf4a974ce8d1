/*
 * kmap (mm/highmem.c): the pkmap window's counts and page_address, one
 * slot shared by two kmaps of a page, refusal from interrupts, the
 * wrap-around that flushes every unused slot with one TLB flush, and a
 * full window where the next kmap sleeps until a kunmap.
 */
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include "kmap_util.h"
#include "test_util.h"

#define WAIT_MS		2000	/* the longest a case waits for anything */

/*
 * n highmem pages in a pointer array (one page holds 1024); NULL if
 * highmem has not that many to spare.  free_high_pool() gives back both.
 */
static struct page **alloc_high_pool(unsigned int n)
{
	struct page **pool;
	unsigned int i;

	if (n > PAGE_SIZE / sizeof(*pool) || highmem_free() < n + 256 ||
	    highmem_unusable())
		return NULL;
	pool = (struct page **)__get_free_page(GFP_KERNEL);
	if (!pool)
		return NULL;
	for (i = 0; i < n; i++) {
		pool[i] = alloc_page(GFP_HIGHUSER);
		if (!pool[i] || !PageHighMem(pool[i]))
			break;
	}
	if (i == n)
		return pool;
	if (pool[i])
		__free_page(pool[i]);
	while (i--)
		__free_page(pool[i]);
	free_page((unsigned long)pool);
	return NULL;
}

static void free_high_pool(struct page **pool, unsigned int n)
{
	while (n--)
		__free_page(pool[n]);
	free_page((unsigned long)pool);
}

static unsigned int pkmap_nr(const void *vaddr)
{
	return ((unsigned long)vaddr - PKMAP_BASE) >> PAGE_SHIFT;
}

static bool in_pkmap_window(const void *vaddr)
{
	unsigned long a = (unsigned long)vaddr;

	return a >= PKMAP_BASE && a < PKMAP_BASE + LAST_PKMAP * PAGE_SIZE &&
	       !(a & ~PAGE_MASK);
}

/* Slots somebody holds (count > 1). */
static unsigned int pkmap_slots_held(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < LAST_PKMAP; i++)
		n += pkmap_count[i] > 1;
	return n;
}

/* Count n + 1 with n users; 1 once the last one is gone. */
static void test_kmap_counts(struct ktest *test)
{
	struct page *page = alloc_highpage();
	unsigned int nr;
	void *v;
	int i;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	fill_page(page, 51);
	v = kmap(page);
	ASSERT_TRUE(test, in_pkmap_window(v));
	nr = pkmap_nr(v);
	EXPECT_EQ(test, pkmap_count[nr], 2);
	EXPECT_EQ(test, mapped_phys(v), PFN_PHYS(page_to_pfn(page)));
	EXPECT_EQ(test, bad_words(v, 51), 0);
	for (i = 2; i <= 4; i++) {
		EXPECT_PTR_EQ(test, kmap(page), v);
		EXPECT_EQ(test, pkmap_count[nr], i + 1);
	}
	for (i = 3; i >= 0; i--) {
		kunmap(page);
		EXPECT_EQ(test, pkmap_count[nr], i + 1);
	}
	/* Unused, but still mapped until the next wrap-around flush. */
	EXPECT_EQ(test, mapped_phys(v), PFN_PHYS(page_to_pfn(page)));
	__free_page(page);
}

static void test_kmap_twice_shares_slot(struct ktest *test)
{
	struct page *page = alloc_highpage();
	unsigned int held = pkmap_slots_held();
	void *v1, *v2;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	v1 = kmap(page);
	v2 = kmap(page);
	EXPECT_PTR_EQ(test, v1, v2);
	EXPECT_EQ(test, pkmap_slots_held(), held + 1);
	EXPECT_EQ(test, pkmap_count[pkmap_nr(v1)], 3);
	kunmap(page);
	kunmap(page);
	EXPECT_EQ(test, pkmap_slots_held(), held);
	__free_page(page);
}

/*
 * page_address(): the pkmap address while the page has a slot (even an
 * unused one, count 1), NULL once a wrap-around flush freed the slot.
 */
#define POOL	(LAST_PKMAP + 8)

static void test_page_address_of_kmapped_page(struct ktest *test)
{
	struct page **pool = alloc_high_pool(POOL);
	unsigned long f0 = pkmap_flush_count;
	struct page *page;
	unsigned int i;
	void *v;

	if (!pool)
		KTEST_SKIP(test, highmem_unusable() ?: "fewer than 520 free highmem pages");
	page = pool[POOL - 1];
	v = kmap(page);
	EXPECT_PTR_EQ(test, page_address(page), v);
	kunmap(page);
	EXPECT_PTR_EQ(test, page_address(page), v);
	/* Pages with an old unused slot take no new one: go round twice. */
	for (i = 0; i < 2 * (POOL - 1) && pkmap_flush_count == f0; i++) {
		kmap(pool[i % (POOL - 1)]);
		kunmap(pool[i % (POOL - 1)]);
	}
	EXPECT_EQ(test, pkmap_flush_count, f0 + 1);
	EXPECT_NULL(test, page_address(page));
	free_high_pool(pool, POOL);
}

static void test_kmap_lowmem_page(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long f0 = pkmap_flush_count;
	unsigned int held = pkmap_slots_held();
	size_t mark = printk_log_pos();

	ASSERT_NOT_NULL(test, page);
	EXPECT_PTR_EQ(test, kmap(page), page_address(page));
	EXPECT_EQ(test, pkmap_slots_held(), held);
	kunmap(page);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	EXPECT_EQ(test, pkmap_flush_count, f0);
	__free_page(page);
}

static struct {
	struct page *page;
	void *ret;
} irq_kmap_ctx;

static void irq_kmap_and_kunmap(void)
{
	irq_kmap_ctx.ret = kmap(irq_kmap_ctx.page);
	kunmap(irq_kmap_ctx.page);
}

/* kmap may sleep: from an interrupt it is refused, and so is kunmap. */
static void test_kmap_from_interrupt(struct ktest *test)
{
	struct page *page = alloc_highpage();
	unsigned int held, nr = 0;
	size_t mark;
	void *v = NULL;
	bool ran;

	if (!page)
		page = alloc_page(GFP_KERNEL);	/* refused just the same */
	ASSERT_NOT_NULL(test, page);
	if (PageHighMem(page)) {
		v = kmap(page);		/* the interrupt's kunmap must not drop it */
		nr = pkmap_nr(v);
	}
	held = pkmap_slots_held();
	irq_kmap_ctx.page = page;
	irq_kmap_ctx.ret = (void *)1;
	mark = printk_log_pos();
	ran = run_in_timer_irq(irq_kmap_and_kunmap, WAIT_MS);
	ASSERT_TRUE(test, ran);
	EXPECT_NULL(test, irq_kmap_ctx.ret);
	EXPECT_LOGGED(test, mark, "BUG: kmap called from interrupt context");
	EXPECT_LOGGED(test, mark, "BUG: kunmap called from interrupt context");
	EXPECT_EQ(test, pkmap_slots_held(), held);
	if (v) {
		EXPECT_EQ(test, pkmap_count[nr], 2);
		kunmap(page);
	}
	__free_page(page);
}

static void test_kunmap_not_kmapped(struct ktest *test)
{
	struct page *page = alloc_highpage();
	char msg[64];
	size_t mark;
	void *v;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	snprintf(msg, sizeof(msg), "kunmap: page pfn %#lx is not kmapped",
		 page_to_pfn(page));
	mark = printk_log_pos();
	kunmap(page);				/* never kmapped */
	EXPECT_LOGGED(test, mark, "is not kmapped");
	EXPECT_TRUE(test, printk_log_find(mark, msg));
	EXPECT_LOGGED(test, mark, "WARNING:");

	v = kmap(page);
	kunmap(page);
	mark = printk_log_pos();
	kunmap(page);				/* one kunmap too many */
	EXPECT_TRUE(test, printk_log_find(mark, msg));
	EXPECT_EQ(test, pkmap_count[pkmap_nr(v)], 1);
	EXPECT_PTR_EQ(test, page_address(page), v);
	__free_page(page);
}

/*
 * kmap and kunmap one page at a time over more distinct pages than there
 * are slots.  Slots are handed out in order; reaching the end of the
 * window flushes every unused slot with one TLB flush, so after the first
 * wrap there is exactly one flush per LAST_PKMAP mappings, slot 0 comes
 * first after each, and no kunmap flushes anything.
 */
static void test_wrap_around_one_flush_per_round(struct ktest *test)
{
	struct page **pool = alloc_high_pool(POOL);
	unsigned long f0 = pkmap_flush_count, fc, m, first = 0, k, end;
	unsigned int bad_flush = 0, bad_slot = 0, bad_data = 0, reused = 0;
	unsigned int first_slot_page = 0;
	bool wrapped = false;
	u32 *v;

	if (!pool)
		KTEST_SKIP(test, highmem_unusable() ?: "fewer than 520 free highmem pages");
	ASSERT_EQ(test, pkmap_slots_held(), 0);
	for (m = 0; m < POOL; m++)
		fill_page(pool[m], 1000 + m);
	end = 2 * POOL;		/* a page with an old slot takes no new one */
	for (m = 0; m < end; m++) {
		struct page *page = pool[m % POOL];

		v = kmap(page);
		fc = pkmap_flush_count - f0;
		bad_data += v[7] != word_pattern(1000 + m % POOL, 7);
		if (!wrapped && fc == 1) {
			wrapped = true;
			first = m;
			first_slot_page = m % POOL;
			end = first + 3 * LAST_PKMAP + 1;
		}
		if (wrapped) {
			k = m - first;
			bad_flush += fc != 1 + k / LAST_PKMAP;
			bad_slot += (unsigned long)v != PKMAP_BASE + (k % LAST_PKMAP) * PAGE_SIZE;
			/* The same slot, one round later, for another page. */
			if (k && k % LAST_PKMAP == 0)
				reused += m % POOL != first_slot_page;
		} else {
			bad_flush += fc != 0;
		}
		kunmap(page);
		bad_flush += pkmap_flush_count - f0 != fc;
	}
	EXPECT_TRUE(test, wrapped);
	EXPECT_EQ(test, bad_flush, 0);
	EXPECT_EQ(test, bad_slot, 0);
	EXPECT_EQ(test, bad_data, 0);
	EXPECT_EQ(test, reused, 3);
	EXPECT_EQ(test, pkmap_flush_count - f0, wrapped ? 4 : 0);
	free_high_pool(pool, POOL);
}

/* The second thread of the exhaustion case. */
static struct {
	struct page *page;
	void *vaddr;
	unsigned int bad;
	volatile int started, mapped;
} waiter;

static int kmap_waiter_fn(void *data)
{
	waiter.started = 1;
	waiter.vaddr = kmap(waiter.page);	/* sleeps: every slot held */
	waiter.bad = bad_words(waiter.vaddr, 1000 + LAST_PKMAP);
	kunmap(waiter.page);
	waiter.mapped = 1;
	return 0;
}

/*
 * Sleeps until *done (the thread's last step) or WAIT_MS, then a little
 * more, so it has returned and the next switch has freed its stack.
 */
static bool wait_thread_exit(volatile int *done)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (!*done && time_before(jiffies, end))
		msleep(10);
	msleep(20);	/* let it return and the next switch free its stack */
	return *done;
}

/*
 * This thread holds all LAST_PKMAP slots; a second thread's kmap sleeps
 * until one kunmap frees a slot, then gets exactly that slot.
 */
static void test_exhaustion_sleeps_until_kunmap(struct ktest *test)
{
	struct page **pool = alloc_high_pool(LAST_PKMAP + 1);
	unsigned int i, held, still_waiting = 0;
	struct task_struct *p;
	void *freed;
	long state;

	if (!pool)
		KTEST_SKIP(test, highmem_unusable() ?: "fewer than 513 free highmem pages");
	/* A slot held by someone else would make this thread wait forever. */
	if (pkmap_slots_held() != 0) {
		free_high_pool(pool, LAST_PKMAP + 1);
		ASSERT_EQ(test, pkmap_slots_held(), 0);
	}
	fill_page(pool[LAST_PKMAP], 1000 + LAST_PKMAP);
	for (i = 0; i < LAST_PKMAP; i++)
		kmap(pool[i]);
	held = pkmap_slots_held();
	EXPECT_EQ(test, held, LAST_PKMAP);

	memset(&waiter, 0, sizeof(waiter));
	waiter.page = pool[LAST_PKMAP];
	p = kthread_run(kmap_waiter_fn, NULL, "kmap_waiter");
	if (!p) {
		ktest_fail_msg(test, __FILE__, __LINE__, "kthread_run failed");
	} else {
		for (i = 0; i < 3; i++) {
			msleep(30);
			still_waiting += waiter.started && !waiter.mapped;
		}
		preempt_disable();	/* it cannot exit before our kunmap */
		state = waiter.mapped ? -1 : p->state;
		preempt_enable();
		EXPECT_EQ(test, still_waiting, 3);
		EXPECT_EQ(test, state, TASK_UNINTERRUPTIBLE);
	}
	freed = page_address(pool[0]);
	kunmap(pool[0]);
	if (p) {
		EXPECT_TRUE(test, wait_thread_exit(&waiter.mapped));
		EXPECT_PTR_EQ(test, waiter.vaddr, freed);
		EXPECT_EQ(test, waiter.bad, 0);
	}
	for (i = 1; i < LAST_PKMAP; i++)
		kunmap(pool[i]);
	if (p && !waiter.mapped) {	/* a lost wake-up: free it, then fail */
		preempt_disable();
		if (!waiter.mapped)
			wake_up_process(p);
		preempt_enable();
		wait_thread_exit(&waiter.mapped);
	}
	EXPECT_EQ(test, pkmap_slots_held(), 0);
	free_high_pool(pool, LAST_PKMAP + 1);
}

KTEST_SUITE(kmap,
	    KTEST_CASE(test_kmap_counts),
	    KTEST_CASE(test_kmap_twice_shares_slot),
	    KTEST_CASE(test_page_address_of_kmapped_page),
	    KTEST_CASE(test_kmap_lowmem_page),
	    KTEST_CASE(test_kmap_from_interrupt),
	    KTEST_CASE(test_kunmap_not_kmapped),
	    KTEST_CASE(test_wrap_around_one_flush_per_round),
	    KTEST_CASE(test_exhaustion_sleeps_until_kunmap));
