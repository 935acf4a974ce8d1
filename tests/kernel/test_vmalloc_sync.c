/*
 * vmalloc faults (arch/x86/mm/fault.c, arch/x86/mm/pgtable.c,
 * kernel/fork.c): an address space made before the master kernel PMD
 * gained an entry meets it through exactly one vmalloc fault, whether the
 * task runs in it or borrows it as active_mm; with shared_kernel_pmd=1 it
 * never faults.  The cases check whichever mode shared_kernel_pmd says.
 *
 * The vmalloc space's page tables: the master PMD gains an entry for a
 * 2 MiB region the first time something is mapped there and keeps it, so
 * a region that has been used once never faults again.  The cases need
 * regions that are still empty; vmalloc_in_empty_region() steers an
 * allocation into one.  The vmalloc family of suites maps little for that
 * reason, so later suites still find untouched regions even at -m 2G.
 */
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "test_util.h"
#include "vmalloc_util.h"

#define SYNC_TAG	0x51c

/*
 * A new address space: its own PDPT whose kernel entry points at a
 * private copy of the master's kernel PMD page (identical at creation),
 * or, with shared_kernel_pmd=1, at the master's page itself.  The three
 * user entries point at empty PMD pages of its own (PAE's preallocated
 * PMDs: the CPU reads the PDPT only at CR3 load).
 */
static void test_mm_page_tables(struct ktest *test)
{
	static const u8 zero[PAGE_SIZE];
	struct mm_struct *mm = mm_alloc();
	unsigned int i;
	pgd_t *pgd;

	ASSERT_NOT_NULL(test, mm);
	pgd = (pgd_t *)mm->pgd;
	EXPECT_EQ(test, (unsigned long)pgd & 31, 0);
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 1);
	EXPECT_EQ(test, mm->vmalloc_faults, 0);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(test, pgd_val(pgd[i]) & ~PTE_PFN_MASK, _PAGE_PRESENT);
		EXPECT_EQ(test, memcmp(pgd_page_vaddr(pgd[i]), zero, PAGE_SIZE), 0);
	}
	EXPECT_TRUE(test, pgd_present(pgd[3]));
	if (shared_kernel_pmd) {
		EXPECT_EQ(test, pgd_val(pgd[3]), pgd_val(swapper_pg_dir[3]));
	} else {
		EXPECT_NE(test, pgd_val(pgd[3]) & PTE_PFN_MASK,
			  pgd_val(swapper_pg_dir[3]) & PTE_PFN_MASK);
		EXPECT_EQ(test, pgd_val(pgd[3]) & ~PTE_PFN_MASK, _PAGE_PRESENT);
		EXPECT_EQ(test, memcmp(pgd_page_vaddr(pgd[3]),
				       pgd_page_vaddr(swapper_pg_dir[3]), PAGE_SIZE), 0);
	}
	/* The direct map, pkmap and fixmap are there from the start. */
	EXPECT_EQ(test, pmd_entry(pgd, PAGE_OFFSET), master_pmd_entry(PAGE_OFFSET));
	EXPECT_NE(test, pmd_entry(pgd, PKMAP_BASE), 0);
	EXPECT_NE(test, pmd_entry(pgd, FIXADDR_START), 0);
	mmget(mm);
	mmput(mm);
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	mmput(mm);
}

enum { S_TOUCH = 1, S_FREED, S_DONE, S_ABORT };

struct sync_ctx {
	struct ktest *test;
	struct mm_struct *mm;
	u32 *area;
	bool borrower_touches;	/* else the thread that owns the mm does */
	volatile int stage;	/* the test's */
	volatile int owner_stage, borrower_stage;
};

/* Waits (sleeping or yielding) until the test reaches stage; false on timeout. */
static bool thread_wait(struct sync_ctx *c, int stage, bool stay_runnable)
{
	unsigned long end = jiffies + ms_to_jiffies(2 * WAIT_MS);

	while (READ_ONCE(c->stage) < stage) {
		if (time_after(jiffies, end))
			return false;
		if (stay_runnable)
			yield();
		else
			msleep(1);
	}
	return true;
}

/*
 * The first touch of an area in a 2 MiB region this address space has no
 * PMD entry for: exactly one vmalloc fault copies the master's entry (none
 * when the kernel PMD is shared); the second touch finds it there.
 * Called in mm (current's page tables), with preemption off.
 */
static void touch_new_area(struct ktest *test, struct mm_struct *mm, u32 *area)
{
	unsigned long addr = (unsigned long)area, want = shared_kernel_pmd ? 0 : 1;
	unsigned long faults = vmalloc_fault_count, mm_faults = mm->vmalloc_faults;
	unsigned long fixups = extable_fixups, last = SYNC_SIZE / 4 - 1;
	pgd_t *pgd = (pgd_t *)mm->pgd;

	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(mm->pgd));
	EXPECT_NE(test, master_pmd_entry(addr), 0);
	EXPECT_EQ(test, pmd_entry(pgd, addr), shared_kernel_pmd ? master_pmd_entry(addr) : 0);
	EXPECT_EQ(test, READ_ONCE(area[0]), area_pattern(SYNC_TAG, 0));
	EXPECT_EQ(test, vmalloc_fault_count, faults + want);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults + want);
	EXPECT_EQ(test, pmd_entry(pgd, addr), master_pmd_entry(addr));
	EXPECT_EQ(test, READ_ONCE(area[last]), area_pattern(SYNC_TAG, last));
	area[1] = 0x600d;
	EXPECT_EQ(test, vmalloc_fault_count, faults + want);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults + want);
	EXPECT_EQ(test, extable_fixups, fixups);
}

/* After vfree: the copied entry stays, and an access is caught. */
static void probe_freed_area(struct ktest *test, struct mm_struct *mm, u32 *area)
{
	unsigned long addr = (unsigned long)area, faults = vmalloc_fault_count;
	unsigned long mm_faults = mm->vmalloc_faults;

	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(mm->pgd));
	EXPECT_NE(test, pmd_entry((pgd_t *)mm->pgd, addr), 0);
	EXPECT_EQ(test, pmd_entry((pgd_t *)mm->pgd, addr), master_pmd_entry(addr));
	EXPECT_TRUE(test, probe_faults(area));
	EXPECT_TRUE(test, probe_faults(area + SYNC_SIZE / 4 - 1));
	EXPECT_EQ(test, vmalloc_fault_count, faults);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults);
}

/* A kernel thread that adopts the address space and stays in it. */
static int sync_owner_fn(void *data)
{
	struct sync_ctx *c = data;
	struct ktest *test = c->test;

	kthread_use_mm(c->mm);
	EXPECT_PTR_EQ(test, current->mm, c->mm);
	EXPECT_PTR_EQ(test, current->active_mm, c->mm);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(c->mm->pgd));
	c->owner_stage = 1;
	if (!c->borrower_touches) {
		if (thread_wait(c, S_TOUCH, false) && c->stage < S_DONE) {
			preempt_disable();
			touch_new_area(test, c->mm, c->area);
			preempt_enable();
		}
		c->owner_stage = 2;
		if (thread_wait(c, S_FREED, false) && c->stage < S_DONE) {
			preempt_disable();
			probe_freed_area(test, c->mm, c->area);
			preempt_enable();
		}
		c->owner_stage = 3;
	}
	/* Runnable in the mm until told: a thread without one borrows it. */
	thread_wait(c, S_DONE, true);
	kthread_unuse_mm(c->mm);
	EXPECT_PTR_EQ(test, current->mm, NULL);
	EXPECT_PTR_EQ(test, current->active_mm, &init_mm);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(swapper_pg_dir));
	c->owner_stage = 4;
	return 0;
}

/*
 * Comes back with preemption off, running on c->mm's page tables as a
 * borrowed active_mm: yields until it follows the owner (or a task that
 * borrowed from it).
 */
static bool borrow(struct sync_ctx *c)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	for (;;) {
		preempt_disable();
		if (current->active_mm == c->mm)
			return true;
		preempt_enable();
		if (time_after(jiffies, end) || c->stage >= S_ABORT)
			return false;
		yield();
	}
}

/* A kernel thread with no mm of its own. */
static int sync_borrower_fn(void *data)
{
	struct sync_ctx *c = data;
	struct ktest *test = c->test;

	if (thread_wait(c, S_TOUCH, true) && c->stage < S_DONE && borrow(c)) {
		EXPECT_PTR_EQ(test, current->mm, NULL);
		EXPECT_PTR_EQ(test, current->active_mm, c->mm);
		touch_new_area(test, c->mm, c->area);
		preempt_enable();
	} else {
		ktest_fail_msg(test, __FILE__, __LINE__, "never ran with the mm borrowed");
	}
	c->borrower_stage = 1;
	if (thread_wait(c, S_FREED, true) && c->stage < S_DONE && borrow(c)) {
		EXPECT_PTR_EQ(test, current->mm, NULL);
		probe_freed_area(test, c->mm, c->area);
		preempt_enable();
	}
	c->borrower_stage = 2;
	return 0;
}

/* Sleeps until current no longer runs on mm's page tables, then a bit more. */
static void leave_mm(struct ktest *test, struct mm_struct *mm)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (READ_ONCE(current->active_mm) == mm && time_before(jiffies, end))
		msleep(1);
	EXPECT_TRUE(test, current->active_mm != mm);
	msleep(20);	/* the threads that exited are reaped */
}

/*
 * Writes what fill_area() would through each page's own mapping (the direct
 * map, or kmap for highmem), never through the area's address: a task
 * that may be running on a private kernel PMD copy must not be the one to
 * take the area's first vmalloc fault.
 */
static void fill_through_pages(void *area, unsigned long size, unsigned long tag)
{
	unsigned long off, i;

	for (off = 0; off < size; off += PAGE_SIZE) {
		struct page *page = vmalloc_to_page((char *)area + off);
		u32 *k = kmap(page);

		for (i = 0; i < PAGE_SIZE / 4; i++)
			k[i] = area_pattern(tag, off / 4 + i);
		kunmap(page);
	}
}

/*
 * An address space made first; then an area in a 2 MiB region its copy
 * of the kernel PMD has no entry for; then a touch from that space.
 *
 * Without a borrower: the test, running in init_mm, makes and fills the
 * area before the owner thread adopts the space (a task that has been
 * sleeping while another task ran in a private mm comes back on that mm:
 * lazy TLB); the owner touches it.
 *
 * With a borrower: the owner adopts the space first and stays runnable in
 * it; the test makes the area wherever the lazy TLB left it (possibly on
 * that very mm: vmalloc must not touch its tables), fills it through the
 * pages, and a second thread, without an mm of its own, touches the area
 * while borrowing the owner's mm as active_mm.
 */
static void run_sync(struct ktest *test, bool borrower)
{
	static struct sync_ctx c;
	unsigned long want = shared_kernel_pmd ? 0 : 1, faults, addr = 0;
	struct task_struct *owner = NULL, *b = NULL;
	size_t mark = printk_log_pos();
	struct mm_struct *mm;
	u32 *area = NULL;
	enum pg_level level;
	bool ok = true;
	pte_t *pte;

	memset(&c, 0, sizeof(c));
	c.test = test;
	c.borrower_touches = borrower;
	c.mm = mm = mm_alloc();
	ASSERT_NOT_NULL(test, mm);
	if (!borrower) {
		if (run_in_active_mm(&init_mm)) {
			faults = vmalloc_fault_count;
			area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)mm->pgd);
			if (area)
				fill_area(area, SYNC_SIZE, SYNC_TAG);
			preempt_enable();
			/* The master has the entry: no fault for init_mm. */
			EXPECT_EQ(test, vmalloc_fault_count, faults);
			ok = area != NULL;
		} else {
			ktest_fail_msg(test, __FILE__, __LINE__, "never ran in init_mm");
			ok = false;
		}
	}
	if (ok) {
		owner = kthread_run(sync_owner_fn, &c, borrower ? "vm_lender" : "vm_owner");
		ok = owner != NULL;
	}
	ok = ok && wait_stage(&c.owner_stage, 1);
	if (ok && borrower) {
		faults = vmalloc_fault_count;
		area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)mm->pgd);
		if (area)
			fill_through_pages(area, SYNC_SIZE, SYNC_TAG);
		EXPECT_EQ(test, vmalloc_fault_count, faults);
		ok = area != NULL;
	}
	if (ok) {
		addr = (unsigned long)area;
		/* vmalloc filled in the master only. */
		EXPECT_NE(test, master_pmd_entry(addr), 0);
		EXPECT_EQ(test, pmd_entry((pgd_t *)mm->pgd, addr),
			  shared_kernel_pmd ? master_pmd_entry(addr) : 0);
		EXPECT_EQ(test, mm->vmalloc_faults, 0);
		c.area = area;
		if (borrower)
			ok = (b = kthread_run(sync_borrower_fn, &c, "vm_borrower")) != NULL;
		c.stage = S_TOUCH;
		ok = ok && (borrower ? wait_stage(&c.borrower_stage, 1)
				     : wait_stage(&c.owner_stage, 2));
	}
	if (ok) {
		vfree(area);
		area = NULL;
		/* The master keeps the PMD entry; the PTEs are gone. */
		EXPECT_NE(test, master_pmd_entry(addr), 0);
		pte = lookup_address(addr, &level);
		EXPECT_TRUE(test, pte && level == PG_LEVEL_4K && pte_none(*pte));
		c.stage = S_FREED;
		ok = borrower ? wait_stage(&c.borrower_stage, 2)
			      : wait_stage(&c.owner_stage, 3);
	}
	EXPECT_TRUE(test, ok);
	c.stage = ok ? S_DONE : S_ABORT;
	if (owner)
		EXPECT_TRUE(test, wait_stage(&c.owner_stage, 4));
	if (b)
		EXPECT_TRUE(test, wait_stage(&c.borrower_stage, 2));
	if (ok)
		EXPECT_EQ(test, mm->vmalloc_faults, want);
	EXPECT_FALSE(test, printk_log_find(mark, "Oops"));
	vfree(area);
	mmput(mm);
	leave_mm(test, mm);
}

static void test_sync_thread_in_mm(struct ktest *test)
{
	run_sync(test, false);
}

static void test_sync_borrowed_active_mm(struct ktest *test)
{
	run_sync(test, true);
}

/* Another address space's copy is not touched by anything here. */
static void test_sync_two_mms(struct ktest *test)
{
	struct mm_struct *a = mm_alloc(), *b = mm_alloc();
	unsigned long addr, want = shared_kernel_pmd ? 0 : 1, faults;
	u32 *area;

	if (!a || !b) {
		if (a)
			mmput(a);
		if (b)
			mmput(b);
		ASSERT_TRUE(test, false);
	}
	kthread_use_mm(a);
	area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)b->pgd);
	if (area) {
		addr = (unsigned long)area;
		preempt_disable();
		faults = vmalloc_fault_count;
		fill_area(area, SYNC_SIZE, SYNC_TAG);
		EXPECT_EQ(test, vmalloc_fault_count, faults + want);
		preempt_enable();
		EXPECT_EQ(test, a->vmalloc_faults, want);
		EXPECT_EQ(test, pmd_entry((pgd_t *)a->pgd, addr), master_pmd_entry(addr));
		/* b was made earlier and has not run: still without the entry. */
		EXPECT_EQ(test, pmd_entry((pgd_t *)b->pgd, addr),
			  shared_kernel_pmd ? master_pmd_entry(addr) : 0);
		EXPECT_EQ(test, b->vmalloc_faults, 0);
		vfree(area);
	}
	kthread_unuse_mm(a);
	EXPECT_PTR_EQ(test, current->active_mm, &init_mm);
	mmput(a);
	mmput(b);
}


static volatile bool exit_in_mm_started;

static int exit_in_mm(void *data)
{
	kthread_use_mm(data);
	exit_in_mm_started = true;
	return 0;		/* no kthread_unuse_mm: do_exit must let go */
}

/* A thread that exits inside its own mm gives the mm back (exit_mm). */
static void test_exit_releases_mm(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct task_struct *t;
	int i;

	ASSERT_NOT_NULL(test, mm);
	exit_in_mm_started = false;
	t = kthread_run(exit_in_mm, mm, "exit_in_mm");
	ASSERT_NOT_NULL(test, t);
	for (i = 0; i < 50 && (!exit_in_mm_started || atomic_read(&mm->mm_count) != 1); i++)
		msleep(10);
	EXPECT_TRUE(test, exit_in_mm_started);
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 1);	/* only our reference is left */
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	mmput(mm);
}

KTEST_SUITE(vmalloc_sync,
	    KTEST_CASE(test_mm_page_tables),
	    KTEST_CASE(test_sync_thread_in_mm),
	    KTEST_CASE(test_sync_borrowed_active_mm),
	    KTEST_CASE(test_sync_two_mms),
	    KTEST_CASE(test_exit_releases_mm));
