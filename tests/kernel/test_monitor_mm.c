/*
 * The monitor's `page` (mm/debug.c) on frames only a kernel-side test can
 * set up: a page mapped in a process's user space, that process's PTE
 * page, a page in a kmap_atomic slot, and a slab whose CPU freelist is
 * corrupt.  The typed session of
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
#include "../../mm/slab.h"

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

/*
 * `page` counts a CPU slab's objects in use by walking its freelist.  A
 * cycle (what a double free can make) or a pointer out of the slab ends
 * the walk, flagged, instead of hanging the monitor or faulting.  Only
 * this test's own cache is touched, and its pointer is put back.
 */
static void test_page_corrupt_freelist(struct ktest *test)
{
	struct kmem_cache *s = kmem_cache_create("test-page-fp", 52, 0, 0, NULL);
	unsigned long addr, saved, pfn;
	void *obj, *victim;
	int i;

	ASSERT_NOT_NULL(test, s);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, obj);
	pfn = page_to_pfn(virt_to_head_page(obj));
	victim = s->cpu_slab.freelist;
	ASSERT_NOT_NULL(test, victim);
	addr = (unsigned long)victim + s->offset;
	saved = *(unsigned long *)addr;
	for (i = 0; i < 2; i++) {
		/* first to itself, then to an address in user space */
		unsigned long to = i ? 0x41414140UL : (unsigned long)victim;

		*(unsigned long *)addr = to ^ s->random ^ addr;
		page_command(pfn);
		EXPECT_TRUE(test, strstr(out, "(freelist corrupt: counted up to the bad pointer)"));
	}
	*(unsigned long *)addr = saved;
	page_command(pfn);
	EXPECT_FALSE(test, strstr(out, "freelist corrupt"));
	EXPECT_LINE(test, "slab: cache test-page-fp, 1 of %u objects in use, the CPU's active slab",
		    (unsigned int)s->objects);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
}

KTEST_SUITE(monitor_mm,
	    KTEST_CASE(test_page_user_mapping),
	    KTEST_CASE(test_page_kmap_atomic_slot),
	    KTEST_CASE(test_page_corrupt_freelist));
