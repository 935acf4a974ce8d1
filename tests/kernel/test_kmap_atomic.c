/*
 * kmap_atomic (mm/highmem.c): the per-CPU stack of fixmap slots, nesting
 * to KM_TYPE_NR, misuse reports, a mapping made inside the timer
 * interrupt above the one it interrupted, and a page above 4 GiB (at
 * -m 4G with 36 address bits).  The timer interrupt calls
 * timer_test_hook (arch/x86/kernel/time.c) when it is set;
 * run_in_timer_irq() (test_util.c) uses it to run a function there once.
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "kmap_util.h"
#include "test_util.h"

#define WAIT_MS		2000	/* the longest a case waits for the timer */

/*
 * Allocates highmem pages until one lies above 4 GiB; the others go back.
 * NULL if there is none (or highmem runs out first).
 */
static struct page *alloc_page_above_4g(void)
{
	struct page *page = NULL, *p, *n;
	LIST_HEAD(below);

	if (max_pfn <= PFN_4G)
		return NULL;
	while ((p = alloc_page(GFP_HIGHUSER)) != NULL) {
		if (!PageHighMem(p)) {		/* highmem ran out */
			__free_page(p);
			break;
		}
		if (page_to_pfn(p) >= PFN_4G) {
			page = p;
			break;
		}
		list_add(&p->lru, &below);
	}
	list_for_each_entry_safe(p, n, &below, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	return page;
}

static unsigned long kmap_atomic_slot(int depth)
{
	return __fix_to_virt(FIX_KMAP_BEGIN + depth);
}

static void test_lowmem_page_no_slot(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int depth = kmap_atomic_depth(), pc = preempt_count();
	void *v;

	ASSERT_NOT_NULL(test, page);
	v = kmap_atomic(page);
	EXPECT_PTR_EQ(test, v, page_address(page));
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	/* Still atomic: the caller may not know which kind it got. */
	EXPECT_EQ(test, preempt_count(), pc + 1);
	EXPECT_TRUE(test, pagefault_disabled());
	kunmap_atomic(v);
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	EXPECT_EQ(test, preempt_count(), pc);
	EXPECT_FALSE(test, pagefault_disabled());
	__free_page(page);
}

static void test_highmem_page_fixmap_slot(struct ktest *test)
{
	struct page *page = alloc_highpage();
	int depth = kmap_atomic_depth(), pc = preempt_count(), held_pc;
	bool held_pf;
	u32 *v;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	v = kmap_atomic(page);
	held_pc = preempt_count();
	held_pf = pagefault_disabled();
	EXPECT_GE(test, (unsigned long)v, __fix_to_virt(FIX_KMAP_END));
	EXPECT_LE(test, (unsigned long)v, __fix_to_virt(FIX_KMAP_BEGIN));
	EXPECT_EQ(test, (unsigned long)v, kmap_atomic_slot(depth));
	EXPECT_EQ(test, kmap_atomic_depth(), depth + 1);
	EXPECT_EQ(test, mapped_phys(v), PFN_PHYS(page_to_pfn(page)));
	fill_words(v, 11);
	EXPECT_EQ(test, bad_words(v, 11), 0);
	kunmap_atomic(v);
	EXPECT_EQ(test, held_pc, pc + 1);
	EXPECT_TRUE(test, held_pf);
	EXPECT_EQ(test, preempt_count(), pc);
	EXPECT_FALSE(test, pagefault_disabled());
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	EXPECT_EQ(test, mapped_phys(v), (phys_addr_t)-1);
	/* Another mapping of the page sees what was written. */
	EXPECT_EQ(test, page_bad_words(page, 11), 0);
	__free_page(page);
}

/* KM_TYPE_NR nested mappings, all readable at once, popped in LIFO. */
static void test_nesting_to_km_type_nr(struct ktest *test)
{
	struct page *pages[KM_TYPE_NR];
	u32 *v[KM_TYPE_NR];
	int pc = preempt_count(), depth_ok = 0, pc_ok = 0, i, j;
	unsigned int bad = 0, same = 0, wrong_slot = 0;

	ASSERT_EQ(test, kmap_atomic_depth(), 0);
	if (!alloc_highpages(pages, KM_TYPE_NR))
		KTEST_SKIP(test, no_highpage_reason());
	for (i = 0; i < KM_TYPE_NR; i++)
		fill_page(pages[i], 100 + i);
	for (i = 0; i < KM_TYPE_NR; i++) {
		v[i] = kmap_atomic(pages[i]);
		wrong_slot += (unsigned long)v[i] != kmap_atomic_slot(i);
		depth_ok += kmap_atomic_depth() == i + 1;
	}
	pc_ok = preempt_count() == pc + KM_TYPE_NR;
	for (i = 0; i < KM_TYPE_NR; i++) {
		bad += bad_words(v[i], 100 + i);
		for (j = 0; j < i; j++)
			same += v[i] == v[j];
	}
	for (i = KM_TYPE_NR - 1; i >= 0; i--) {
		kunmap_atomic(v[i]);
		depth_ok += kmap_atomic_depth() == i;
		pc_ok += preempt_count() == pc + i;
	}
	EXPECT_EQ(test, wrong_slot, 0);
	EXPECT_EQ(test, same, 0);
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, depth_ok, 2 * KM_TYPE_NR);
	EXPECT_EQ(test, pc_ok, 1 + KM_TYPE_NR);
	EXPECT_EQ(test, preempt_count(), pc);
	free_page_array(pages, KM_TYPE_NR);
}

static void test_out_of_order_unmap_warns(struct ktest *test)
{
	struct page *ab[2], *a, *b;
	int depth, pc;
	size_t mark;
	u32 *va, *vb;

	if (!alloc_highpages(ab, 2))
		KTEST_SKIP(test, no_highpage_reason());
	a = ab[0];
	b = ab[1];
	fill_page(a, 21);
	fill_page(b, 22);
	va = kmap_atomic(a);
	vb = kmap_atomic(b);
	depth = kmap_atomic_depth();
	pc = preempt_count();
	mark = printk_log_pos();
	kunmap_atomic(va);			/* b is the most recent */
	EXPECT_LOGGED(test, mark, "not the most recent kmap_atomic");
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	EXPECT_EQ(test, preempt_count(), pc);
	/* Both mappings still work. */
	EXPECT_EQ(test, bad_words(va, 21), 0);
	EXPECT_EQ(test, bad_words(vb, 22), 0);
	mark = printk_log_pos();
	kunmap_atomic(vb);
	kunmap_atomic(va);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	EXPECT_EQ(test, kmap_atomic_depth(), depth - 2);
	EXPECT_EQ(test, preempt_count(), pc - 2);
	__free_page(a);
	__free_page(b);
}

static void test_unbalanced_unmap_warns(struct ktest *test)
{
	struct page *page = alloc_highpage();
	int depth = kmap_atomic_depth(), pc = preempt_count();
	size_t mark;
	void *v;

	if (!page)
		page = alloc_page(GFP_KERNEL);	/* lowmem tells the same */
	ASSERT_NOT_NULL(test, page);
	v = kmap_atomic(page);
	kunmap_atomic(v);
	mark = printk_log_pos();
	kunmap_atomic(v);			/* a second time */
	EXPECT_LOGGED(test, mark, "no kmap_atomic mapping is held");
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	EXPECT_EQ(test, preempt_count(), pc);
	EXPECT_FALSE(test, pagefault_disabled());
	/* The stack still works. */
	mark = printk_log_pos();
	v = kmap_atomic(page);
	if (PageHighMem(page))
		EXPECT_EQ(test, (unsigned long)v, kmap_atomic_slot(depth));
	kunmap_atomic(v);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	EXPECT_EQ(test, kmap_atomic_depth(), depth);
	EXPECT_EQ(test, preempt_count(), pc);
	__free_page(page);
}

static void test_slot_faults_after_unmap(struct ktest *test)
{
	struct page *page = alloc_highpage();
	unsigned long cr2 = 0;
	u32 *v;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	v = kmap_atomic(page);
	v[0] = 0x600d;
	read_word(v);
	kunmap_atomic(v);
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, read_word, v, NULL, &cr2));
	EXPECT_EQ(test, cr2, (unsigned long)v);
	__free_page(page);
}

/* What the timer interrupt saw when it used kmap_atomic. */
static struct {
	struct page *page;
	int depth_before, depth_in, depth_after;
	unsigned long vaddr;
	unsigned int bad;
	bool in_irq;
} irq_km;

static void irq_kmap_atomic(void)
{
	u32 *v;

	irq_km.depth_before = kmap_atomic_depth();
	v = kmap_atomic(irq_km.page);
	irq_km.vaddr = (unsigned long)v;
	irq_km.depth_in = kmap_atomic_depth();
	irq_km.in_irq = in_irq() != 0;
	irq_km.bad = bad_words(v, 32);
	v[0] = 0xfeedface;
	kunmap_atomic(v);
	irq_km.depth_after = kmap_atomic_depth();
}

/*
 * The thread holds page a in its slot; the interrupt pushes the slot
 * above it for page b, then pops it.  Each sees its own page.
 */
static void test_from_timer_interrupt(struct ktest *test)
{
	struct page *ab[2], *a, *b;
	int depth = kmap_atomic_depth(), pc;
	unsigned int bad_a;
	bool ran;
	u32 *va, *vb;

	if (!alloc_highpages(ab, 2))
		KTEST_SKIP(test, no_highpage_reason());
	a = ab[0];
	b = ab[1];
	fill_page(a, 31);
	fill_page(b, 32);
	memset(&irq_km, 0, sizeof(irq_km));
	irq_km.page = b;
	va = kmap_atomic(a);
	pc = preempt_count();
	ran = run_in_timer_irq(irq_kmap_atomic, WAIT_MS);
	bad_a = bad_words(va, 31);
	EXPECT_EQ(test, preempt_count(), pc);
	EXPECT_EQ(test, kmap_atomic_depth(), depth + 1);
	kunmap_atomic(va);

	ASSERT_TRUE(test, ran);
	EXPECT_TRUE(test, irq_km.in_irq);
	EXPECT_EQ(test, irq_km.depth_before, depth + 1);
	EXPECT_EQ(test, irq_km.depth_in, depth + 2);
	EXPECT_EQ(test, irq_km.depth_after, depth + 1);
	EXPECT_EQ(test, irq_km.vaddr, kmap_atomic_slot(depth + 1));
	EXPECT_EQ(test, virt_to_fix(irq_km.vaddr), virt_to_fix((unsigned long)va) + 1);
	EXPECT_EQ(test, irq_km.bad, 0);
	EXPECT_EQ(test, bad_a, 0);
	/* The interrupt's slot is gone, and its write reached page b. */
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, read_word, (void *)irq_km.vaddr,
				      NULL, NULL));
	vb = kmap_atomic(b);
	EXPECT_EQ(test, vb[0], 0xfeedface);
	kunmap_atomic(vb);
	__free_page(a);
	__free_page(b);
}

static void test_same_page_atomic_and_kmap(struct ktest *test)
{
	struct page *page = alloc_highpage();
	volatile u32 *a, *k;

	if (!page)
		KTEST_SKIP(test, no_highpage_reason());
	fill_page(page, 41);
	k = kmap(page);
	a = kmap_atomic(page);
	EXPECT_PTR_NE(test, (void *)a, (void *)k);
	EXPECT_EQ(test, mapped_phys((void *)a), mapped_phys((void *)k));
	EXPECT_EQ(test, bad_words(k, 41), 0);
	EXPECT_EQ(test, bad_words(a, 41), 0);
	a[10] = 0x11111111;
	EXPECT_EQ(test, k[10], 0x11111111);
	k[20] = 0x22222222;
	EXPECT_EQ(test, a[20], 0x22222222);
	kunmap_atomic((void *)a);
	kunmap(page);
	__free_page(page);
}

/*
 * PAE's point: a frame above 4 GiB.  The PTE must hold all of its
 * physical address (a truncated one would map some page below 4 GiB, so
 * nothing is written unless the PTE is right), and the CPU must reach it
 * (QEMU's qemu32 without PSE36 has 32 address bits: the kernel must then
 * leave RAM above 4 GiB alone, or this read faults).
 */
static void test_page_above_4g(struct ktest *test)
{
	struct page *page;
	phys_addr_t phys;
	bool ok, faults;
	u32 *v;

	if (max_pfn <= PFN_4G)
		KTEST_SKIP(test, "no RAM above 4 GiB (needs -m 4G and 36 address bits)");
	page = alloc_page_above_4g();
	if (!page)
		KTEST_SKIP(test, "no free page above 4 GiB");
	phys = PFN_PHYS(page_to_pfn(page));
	EXPECT_GE(test, phys, 1ULL << 32);
	v = kmap_atomic(page);
	ok = mapped_phys(v) == phys;
	EXPECT_TRUE(test, ok);
	faults = ok && expect_trap(X86_TRAP_PF, read_word, v, NULL, NULL);
	EXPECT_FALSE(test, faults);
	ok = ok && !faults;
	if (ok)
		fill_words(v, page_to_pfn(page));
	kunmap_atomic(v);
	EXPECT_EQ(test, mapped_phys(v), (phys_addr_t)-1);
	if (ok) {
		EXPECT_EQ(test, page_bad_words(page, page_to_pfn(page)), 0);
		v = kmap(page);
		EXPECT_EQ(test, mapped_phys(v), phys);
		if (mapped_phys(v) == phys)
			EXPECT_EQ(test, bad_words(v, page_to_pfn(page)), 0);
		kunmap(page);
	}
	__free_page(page);
}

KTEST_SUITE(kmap_atomic,
	    KTEST_CASE(test_lowmem_page_no_slot),
	    KTEST_CASE(test_highmem_page_fixmap_slot),
	    KTEST_CASE(test_nesting_to_km_type_nr),
	    KTEST_CASE(test_out_of_order_unmap_warns),
	    KTEST_CASE(test_unbalanced_unmap_warns),
	    KTEST_CASE(test_slot_faults_after_unmap),
	    KTEST_CASE(test_from_timer_interrupt),
	    KTEST_CASE(test_same_page_atomic_and_kmap),
	    KTEST_CASE(test_page_above_4g));
