/*
 * The monitor's `page` (mm/debug.c) on frames only a kernel-side test can
 * set up: a page mapped in a process's user space, that process's PTE
 * page, and a page in a kmap_atomic slot.  The typed session of
 * tests/scripts/monitor_session.py covers the rest, from the prompt,
 * where no process runs beside the monitor.  Suite "monitor_mm".
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>

#define USER_ADDR	0x08048000UL

static char out[4096];

/* `page PFN` into out. */
static void page_command(unsigned long pfn)
{
	char line[32];

	snprintf(line, sizeof(line), "page 0x%lx", pfn);
	monitor_capture_quiet(out, sizeof(out));
	monitor_exec(line);
	monitor_capture(NULL, 0);
}

/* Does out have this line, whole? */
static bool has_line(const char *want)
{
	size_t n = strlen(want);
	const char *p;

	for (p = strstr(out, want); p; p = strstr(p + 1, want))
		if ((p == out || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

#define EXPECT_LINE(test, fmt, ...) do {				\
	char want_[128];						\
									\
	snprintf(want_, sizeof(want_), fmt, ##__VA_ARGS__);		\
	if (!has_line(want_))						\
		ktest_fail_str(test, __FILE__, __LINE__, "line", want_,	\
			       "out", out);				\
} while (0)

/*
 * A user page of the running task, read-only, with no VMA
 * (install_user_page's), and the PTE page that maps it.
 */
static void test_page_user_mapping(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct page *page = alloc_page(GFP_HIGHUSER);
	unsigned long pte_pfn;
	pmd_t pmd;

	ASSERT_NOT_NULL(test, mm);
	ASSERT_NOT_NULL(test, page);
	ASSERT_EQ(test, install_user_page(mm, USER_ADDR, page, PAGE_READONLY), 0);
	pmd = pgd_page_vaddr(((pgd_t *)mm->pgd)[pgd_index(USER_ADDR)])[pmd_index(USER_ADDR)];
	pte_pfn = (unsigned long)((pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT);
	kthread_use_mm(mm);
	page_command(page_to_pfn(page));
	EXPECT_LINE(test, "user: pid %d %s at 0x%08lx ro", current->pid,
		    current->comm, USER_ADDR);
	EXPECT_TRUE(test, strstr(out, "page:") && strstr(out, " mapcount:1 "));
	page_command(pte_pfn);
	EXPECT_LINE(test, "page table: PTE page of pid %d %s for 0x%08lx-0x%08lx",
		    current->pid, current->comm, USER_ADDR & PMD_MASK,
		    (USER_ADDR & PMD_MASK) + PMD_SIZE - 1);
	kthread_unuse_mm(mm);
	page_command(page_to_pfn(page));	/* the task has let go of it */
	EXPECT_TRUE(test, !strstr(out, "user: "));
	__free_page(page);
	mmput(mm);
}

static void test_page_kmap_atomic_slot(struct ktest *test)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *addr;

	ASSERT_NOT_NULL(test, page);
	if (!PageHighMem(page)) {
		__free_page(page);
		ktest_skip(test, "no HighMem at this memory size (max_pfn == max_low_pfn)");
		return;
	}
	addr = kmap_atomic(page);
	page_command(page_to_pfn(page));
	kunmap_atomic(addr);
	EXPECT_LINE(test, "kmap_atomic: slot %d at 0x%08lx", kmap_atomic_depth(),
		    (unsigned long)addr);
	page_command(page_to_pfn(page));
	EXPECT_TRUE(test, !strstr(out, "kmap_atomic: "));
	__free_page(page);
}

KTEST_SUITE(monitor_mm,
	    KTEST_CASE(test_page_user_mapping),
	    KTEST_CASE(test_page_kmap_atomic_slot));
