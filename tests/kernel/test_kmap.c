/*
 * Reaching high memory (mm/highmem.c): kmap_atomic's per-CPU slot stack,
 * kmap's pkmap window with its counts, flushes and sleeping when full,
 * and the copy helpers built on kmap_atomic.  Three suites:
 *
 *   kmap_atomic  slots, nesting, misuse reports, from the timer interrupt,
 *                a page above 4 GiB (at -m 4G)
 *   kmap         pkmap_count, page_address, sharing, wrap-around flushes,
 *                exhaustion with a second thread waiting
 *   highmem      clear_highpage/copy_highpage/memcpy_{to,from}_page over
 *                64 MiB of highmem, and __GFP_ZERO on highmem pages
 *
 * Without highmem (-m 128M) the cases that need it are skipped.  The
 * timer interrupt calls timer_test_hook (arch/x86/kernel/time.c) when it
 * is set; run_in_timer_irq() (test_util.c) uses it to run a function there once.
 */
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "test_util.h"


#define WAIT_MS		2000	/* the longest a case waits for anything */
#define WORDS		(PAGE_SIZE / sizeof(u32))
#define PFN_4G		0x100000UL

/* ---- pages and patterns ---- */

/* Word i of the pattern for seed: distinct seeds differ in every word. */
static u32 pattern(unsigned long seed, unsigned int i)
{
	u32 x = (u32)seed * 0x9e3779b1u + i * 0x85ebca6bu;

	return x ^ (x >> 15);
}

static void fill_words(u32 *v, unsigned long seed)
{
	unsigned int i;

	for (i = 0; i < WORDS; i++)
		v[i] = pattern(seed, i);
}

static unsigned int bad_words(const volatile u32 *v, unsigned long seed)
{
	unsigned int i, bad = 0;

	for (i = 0; i < WORDS; i++)
		bad += v[i] != pattern(seed, i);
	return bad;
}

static void fill_page(struct page *page, unsigned long seed)
{
	u32 *v = kmap_atomic(page);

	fill_words(v, seed);
	kunmap_atomic(v);
}

static unsigned int page_bad_words(struct page *page, unsigned long seed)
{
	u32 *v = kmap_atomic(page);
	unsigned int bad = bad_words(v, seed);

	kunmap_atomic(v);
	return bad;
}

static unsigned long highmem_free(void)
{
	return zone_free_pages(&NODE_DATA(0)->node_zones[ZONE_HIGHMEM]);
}

static void do_read(void *addr)
{
	(void)*(volatile u32 *)addr;
}

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

/* Why the highmem cases cannot run here, or NULL. */
static const char *highmem_unusable(void)
{
	return totalhigh_pages ? NULL : "no highmem";
}

static const char *no_highpage_reason(void)
{
	const char *why = highmem_unusable();

	return why ? why : "cannot allocate a highmem page";
}

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

static struct page *alloc_highpage(void)
{
	struct page *page;

	if (highmem_unusable())
		return NULL;
	page = alloc_page(GFP_HIGHUSER);
	if (page && !PageHighMem(page)) {
		__free_page(page);
		return NULL;
	}
	return page;
}

static unsigned long kmap_atomic_slot(int depth)
{
	return __fix_to_virt(FIX_KMAP_BEGIN + depth);
}

/* The frame a kernel virtual address is mapped to, or -1. */
static phys_addr_t mapped_phys(const void *addr)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	if (!pte || !pte_present(*pte) || level != PG_LEVEL_4K)
		return (phys_addr_t)-1;
	return pte_val(*pte) & PTE_PFN_MASK;
}

/* ==== kmap_atomic ==== */

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
	for (i = 0; i < KM_TYPE_NR; i++) {
		pages[i] = alloc_highpage();
		if (!pages[i]) {
			while (i--)
				__free_page(pages[i]);
			KTEST_SKIP(test, no_highpage_reason());
		}
		fill_page(pages[i], 100 + i);
	}
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
	for (i = 0; i < KM_TYPE_NR; i++)
		__free_page(pages[i]);
}

static void test_out_of_order_unmap_warns(struct ktest *test)
{
	struct page *a = alloc_highpage(), *b = alloc_highpage();
	int depth, pc;
	size_t mark;
	u32 *va, *vb;

	if (!a || !b) {
		if (a)
			__free_page(a);
		if (b)
			__free_page(b);
		KTEST_SKIP(test, no_highpage_reason());
	}
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
	do_read(v);
	kunmap_atomic(v);
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, v, NULL, &cr2));
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
	struct page *a = alloc_highpage(), *b = alloc_highpage();
	int depth = kmap_atomic_depth(), pc;
	unsigned int bad_a;
	bool ran;
	u32 *va, *vb;

	if (!a || !b) {
		if (a)
			__free_page(a);
		if (b)
			__free_page(b);
		KTEST_SKIP(test, no_highpage_reason());
	}
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
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, (void *)irq_km.vaddr,
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
	faults = ok && expect_trap(X86_TRAP_PF, do_read, v, NULL, NULL);
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

/* ==== kmap ==== */

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
		bad_data += v[7] != pattern(1000 + m % POOL, 7);
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

/* ==== highmem: the copy helpers ==== */

#define RANGE_PAGES	16384		/* 64 MiB */
#define RANGE_ORDER	4		/* 16384 pointers in 16 pages */

/*
 * Each phase goes over the whole range and returns how many pages came
 * out wrong.  buf and exp are one lowmem page each.
 */

/* memcpy_to_page in two halves, then memcpy_from_page of the whole. */
static unsigned long range_write_read(struct page **pages, unsigned long n,
				      u32 *buf)
{
	unsigned long i, bad = 0;

	for (i = 0; i < n; i++) {
		fill_words(buf, i);
		memcpy_to_page(pages[i], 0, buf, PAGE_SIZE / 2);
		memcpy_to_page(pages[i], PAGE_SIZE / 2, (u8 *)buf + PAGE_SIZE / 2,
			       PAGE_SIZE / 2);
	}
	for (i = 0; i < n; i++) {
		memcpy_from_page(buf, pages[i], 0, PAGE_SIZE);
		bad += bad_words(buf, i) != 0;
	}
	return bad;
}

#define PIECE_LEN	29

/*
 * A 29-byte piece at an odd offset (a different one per page) written
 * and read back; the bytes around it keep the pattern; then the pattern
 * is put back.
 */
static unsigned long range_pieces(struct page **pages, unsigned long n,
				  u32 *buf, u32 *exp)
{
	u8 piece[PIECE_LEN], got[PIECE_LEN];
	unsigned long i, bad = 0;
	unsigned int j;

	for (i = 0; i < n; i++) {
		size_t off = 4 * (i % 997) + 1, rest = off + PIECE_LEN;

		for (j = 0; j < PIECE_LEN; j++)
			piece[j] = (u8)(i * 7 + j);
		fill_words(exp, i);
		memcpy_to_page(pages[i], off, piece, PIECE_LEN);
		memcpy_from_page(got, pages[i], off, PIECE_LEN);
		memcpy_from_page(buf, pages[i], 0, PAGE_SIZE);
		bad += memcmp(got, piece, PIECE_LEN) != 0 ||
		       memcmp(buf, exp, off) != 0 ||
		       memcmp((u8 *)buf + rest, (u8 *)exp + rest,
			      PAGE_SIZE - rest) != 0;
		memcpy_to_page(pages[i], off, (u8 *)exp + off, PIECE_LEN);
	}
	return bad;
}

/* copy_highpage: every even page gets its odd neighbour's pattern. */
static unsigned long range_copy(struct page **pages, unsigned long n)
{
	unsigned long i, bad = 0;

	for (i = 0; i + 1 < n; i += 2)
		copy_highpage(pages[i], pages[i + 1]);
	for (i = 0; i < n; i++)
		bad += page_bad_words(pages[i], i | 1) != 0;
	return bad;
}

/* clear_highpage: every word zero afterwards. */
static unsigned long range_clear(struct page **pages, unsigned long n)
{
	unsigned long i, bad = 0;
	unsigned int j;
	u32 *v;

	for (i = 0; i < n; i++)
		clear_highpage(pages[i]);
	for (i = 0; i < n; i++) {
		v = kmap_atomic(pages[i]);
		for (j = 0; j < WORDS && !v[j]; j++)
			;
		bad += j < WORDS;
		kunmap_atomic(v);
	}
	return bad;
}

/*
 * The copy helpers over every page of 64 MiB of highmem, each page with
 * its own pattern, so a mapping of the wrong frame shows.
 */
static void test_copy_helpers_64m(struct ktest *test)
{
	unsigned long n, lowmem = 0;
	struct page **pages;
	u32 *buf;

	if (highmem_unusable())
		KTEST_SKIP(test, highmem_unusable());
	if (highmem_free() < RANGE_PAGES + 1024)
		KTEST_SKIP(test, "less than 64 MiB of free highmem");
	pages = (struct page **)__get_free_pages(GFP_KERNEL, RANGE_ORDER);
	buf = (u32 *)__get_free_pages(GFP_KERNEL, 1);
	if (!pages || !buf) {
		if (pages)
			free_pages((unsigned long)pages, RANGE_ORDER);
		if (buf)
			free_pages((unsigned long)buf, 1);
		ASSERT_NOT_NULL(test, NULL);
	}
	for (n = 0; n < RANGE_PAGES; n++) {
		pages[n] = alloc_page(GFP_HIGHUSER);
		if (!pages[n])
			break;
		lowmem += !PageHighMem(pages[n]);
	}
	EXPECT_EQ(test, n, RANGE_PAGES);
	EXPECT_EQ(test, lowmem, 0);
	EXPECT_EQ(test, range_write_read(pages, n, buf), 0);
	EXPECT_EQ(test, range_pieces(pages, n, buf, buf + WORDS), 0);
	EXPECT_EQ(test, range_copy(pages, n), 0);
	EXPECT_EQ(test, range_clear(pages, n), 0);
	EXPECT_EQ(test, kmap_atomic_depth(), 0);
	while (n--)
		__free_page(pages[n]);
	free_pages((unsigned long)pages, RANGE_ORDER);
	free_pages((unsigned long)buf, 1);
}

/* __GFP_ZERO zeroes highmem pages too (through kmap_atomic). */
static void test_gfp_zero_highmem(struct ktest *test)
{
	struct page *pages[64];
	unsigned int i, j, nonzero = 0, high = 0;

	if (highmem_unusable())
		KTEST_SKIP(test, highmem_unusable());
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_highpage();
		if (!pages[i])
			break;
		fill_page(pages[i], 61);
	}
	while (i--)
		__free_page(pages[i]);	/* the per-CPU list hands them back */
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!pages[i])
			break;
		high += PageHighMem(pages[i]);
	}
	EXPECT_EQ(test, i, ARRAY_SIZE(pages));
	EXPECT_EQ(test, high, ARRAY_SIZE(pages));
	while (i--) {
		u32 *v = kmap_atomic(pages[i]);

		for (j = 0; j < WORDS; j++)
			nonzero += v[j] != 0;
		kunmap_atomic(v);
		__free_page(pages[i]);
	}
	EXPECT_EQ(test, nonzero, 0);
}

KTEST_SUITE(highmem,
	    KTEST_CASE(test_copy_helpers_64m),
	    KTEST_CASE(test_gfp_zero_highmem));
