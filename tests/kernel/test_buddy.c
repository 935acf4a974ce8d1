/*
 * The buddy allocator (mm/page_alloc.c) from the outside: which free
 * block every allocation splits and how each free list changes, merges
 * of buddies, the per-CPU list, __GFP_ZERO in lowmem and highmem, a page
 * above 4 GiB through two mappings, split_page and reference counts,
 * failures, every misuse Linux reports as "Bad page state", and a
 * randomized stress of a million operations with the free lists checked
 * as it goes.  Each case gives back exactly what it took.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/sprintf.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "test_util.h"

extern unsigned long bad_page_count;	/* mm/page_alloc.c */

/* The log must hold str (built at run time) since mark. */
static void expect_logged_str(struct ktest *test, size_t mark, const char *str,
			      int line)
{
	static char msg[160];

	if (printk_log_find(mark, str))
		return;
	snprintf(msg, sizeof(msg), "Expected the log to contain \"%s\"", str);
	ktest_fail_msg(test, __FILE__, line, msg);
}


/* Frees every block on list (threaded through page->lru). */
static void free_list_of_pages(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, page_alloc_order(page));
	}
	INIT_LIST_HEAD(list);
}

/*
 * The smallest order >= order with a free block in zone: the block the
 * next allocation of that order will split (MAX_ORDER if none).
 */
static unsigned int smallest_free_order(const struct zone *zone, unsigned int order)
{
	while (order < MAX_ORDER && !zone->free_area[order].nr_free)
		order++;
	return order;
}

static unsigned long first_free_pfn(struct zone *zone, unsigned int order)
{
	return page_to_pfn(list_first_entry(&zone->free_area[order].free_list,
					    struct page, lru));
}

/* What __rmqueue_smallest(order) does to the counts: take one, split it. */
static void model_rmqueue(unsigned long *nr_free, unsigned int order)
{
	unsigned int o = order;

	while (o < MAX_ORDER && !nr_free[o])
		o++;
	if (o == MAX_ORDER)
		return;
	nr_free[o]--;
	while (o-- > order)
		nr_free[o]++;	/* expand gives back one upper half per order */
}

static bool is_free_block(const struct page *page, unsigned int order)
{
	return PageBuddy(page) && page->private == order;
}

/* ---- split and merge ---- */

/*
 * For every order: the allocation takes the first block of the smallest
 * free list that fits, hands back one upper half per order in between,
 * and freeing it restores every list exactly.  Order 0 refills the
 * per-CPU list with a batch of pages, so the model takes `batch` pages.
 */
static void test_split_merge_every_order(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	unsigned int order, o, k;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long before[MAX_ORDER], want[MAX_ORDER], pfn, want_pfn, free0;
		unsigned int n = order ? 1 : zone->pcp.batch, wrong = 0, i;
		struct page *page;

		drain_local_pages();
		free0 = zone->free_pages;
		for (o = 0; o < MAX_ORDER; o++)
			before[o] = want[o] = zone->free_area[o].nr_free;
		o = smallest_free_order(zone, order);
		ASSERT_LT(test, o, MAX_ORDER);
		want_pfn = first_free_pfn(zone, o);
		for (i = 0; i < n; i++)
			model_rmqueue(want, order);

		page = alloc_pages(GFP_KERNEL, order);
		ASSERT_NOT_NULL(test, page);
		pfn = page_to_pfn(page);
		EXPECT_EQ(test, zone_idx(page_zone(page)), ZONE_NORMAL);
		EXPECT_EQ(test, pfn, want_pfn);
		EXPECT_EQ(test, pfn & ((1UL << order) - 1), 0);
		EXPECT_EQ(test, page_count(page), 1);
		EXPECT_EQ(test, page_alloc_order(page), order);
		EXPECT_FALSE(test, PageBuddy(page));
		for (i = 0; i < MAX_ORDER; i++)
			wrong += zone->free_area[i].nr_free != want[i];
		EXPECT_EQ(test, wrong, 0);
		if (!order) {
			EXPECT_EQ(test, zone->free_pages, free0 - n);
		} else {
			EXPECT_EQ(test, zone->free_pages, free0 - (1UL << order));
			/* The upper halves, one per order, are free blocks now. */
			for (k = order; k < o; k++)
				EXPECT_TRUE(test, is_free_block(pfn_to_page(pfn + (1UL << k)), k));
		}

		__free_pages(page, order);
		drain_local_pages();
		wrong = 0;
		for (i = 0; i < MAX_ORDER; i++)
			wrong += zone->free_area[i].nr_free != before[i];
		EXPECT_EQ(test, wrong, 0);
		EXPECT_EQ(test, zone->free_pages, free0);
		/* Merged all the way back into the block it came from. */
		EXPECT_TRUE(test, is_free_block(page, o));
	}
	EXPECT_EQ(test, check_free_lists(), 0);
}

/* Blocks of every order from every zone, many live at once: all aligned. */
static void test_alignment(struct ktest *test)
{
	static const gfp_t gfps[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER, GFP_ATOMIC };
	unsigned int g, order, i, misaligned = 0, failed = 0, n = 0;
	struct free_state before;
	LIST_HEAD(pages);

	free_state_take(&before);
	for (g = 0; g < ARRAY_SIZE(gfps); g++)
		for (order = 0; order < MAX_ORDER; order++)
			/* Three of each up to order 7, one above: fits DMA. */
			for (i = 0; i < (order < 8 ? 3 : 1); i++) {
				struct page *page = alloc_pages(gfps[g] | __GFP_NOWARN, order);

				if (!page) {
					failed++;
					continue;
				}
				list_add(&page->lru, &pages);
				misaligned += (page_to_pfn(page) & ((1UL << order) - 1)) != 0;
				n++;
			}
	EXPECT_EQ(test, failed, 0);
	EXPECT_EQ(test, misaligned, 0);
	EXPECT_EQ(test, n, 4 * (8 * 3 + 3));
	EXPECT_EQ(test, check_free_lists(), 0);
	free_list_of_pages(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * Two allocated buddies of order k >= 1 from Normal: with every free
 * order-k block taken first (onto hoard), the next allocation splits a
 * larger block and the one after gets the upper half it left.  Returns
 * the order of the block that was split, or 0 on failure.
 */
static unsigned int alloc_buddies(unsigned int k, struct page **lo,
				  struct page **hi, struct list_head *hoard)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	unsigned int o;

	*lo = *hi = NULL;
	while (zone->free_area[k].nr_free) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);

		if (!page)
			return 0;
		list_add(&page->lru, hoard);
	}
	o = smallest_free_order(zone, k);
	if (o == MAX_ORDER)
		return 0;
	*lo = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);
	*hi = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);
	if (!*lo || !*hi || page_zone(*lo) != zone ||
	    page_to_pfn(*hi) != (page_to_pfn(*lo) ^ (1UL << k))) {
		if (*lo)
			list_add(&(*lo)->lru, hoard);
		if (*hi)
			list_add(&(*hi)->lru, hoard);
		*lo = *hi = NULL;
		return 0;
	}
	return o;
}

/* Freeing two order-k buddies gives one order-k+1 block (and on up). */
static void test_buddies_merge(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct free_state before;
	struct page *lo, *hi;
	unsigned int k, o;

	free_state_take(&before);
	/* Order 0: an order-1 block split in two, freed through the pcp list. */
	o = smallest_free_order(zone, 1);
	lo = alloc_pages(GFP_KERNEL, 1);
	ASSERT_NOT_NULL(test, lo);
	split_page(lo, 1);
	__free_page(lo);
	EXPECT_FALSE(test, PageBuddy(lo));	/* on the pcp list, unmerged */
	__free_page(lo + 1);
	drain_local_pages();
	EXPECT_TRUE(test, is_free_block(lo, o));
	EXPECT_FALSE(test, PageBuddy(lo + 1));

	for (k = 1; k < MAX_ORDER - 1; k++) {
		LIST_HEAD(hoard);

		o = alloc_buddies(k, &lo, &hi, &hoard);
		EXPECT_GT(test, o, k);
		if (o) {
			EXPECT_EQ(test, page_to_pfn(lo) & ((2UL << k) - 1), 0);
			EXPECT_EQ(test, zone->free_area[k].nr_free, 0);
			__free_pages(lo, k);
			/* Its buddy is still allocated: lo waits on list k. */
			EXPECT_TRUE(test, is_free_block(lo, k));
			EXPECT_EQ(test, zone->free_area[k].nr_free, 1);
			__free_pages(hi, k);
			EXPECT_EQ(test, zone->free_area[k].nr_free, 0);
			EXPECT_FALSE(test, PageBuddy(hi));
			EXPECT_TRUE(test, is_free_block(lo, o));
		}
		free_list_of_pages(&hoard);
	}
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- the per-CPU list ---- */

static void test_pcp_lists(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL), *z;
	struct per_cpu_pages *pcp = &zone->pcp;
	struct page *page, *again;
	struct free_state before;
	unsigned int i, n, wrong = 0;
	int count;
	LIST_HEAD(pages);

	free_state_take(&before);
	for_each_zone(z)
		EXPECT_EQ(test, z->pcp.count, 0);
	EXPECT_TRUE(test, list_empty(&pcp->list));
	EXPECT_GE(test, pcp->batch, 1);
	EXPECT_EQ(test, pcp->high, 6 * pcp->batch);

	/* An empty list is refilled with a batch; one page is handed out. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, pcp->count, pcp->batch - 1);
	EXPECT_EQ(test, zone->free_pages, before.free[ZONE_NORMAL] - pcp->batch);
	/* An order-0 free goes to the list, hot end first, not to the buddy. */
	__free_page(page);
	EXPECT_EQ(test, pcp->count, pcp->batch);
	EXPECT_EQ(test, page_to_pfn(list_first_entry(&pcp->list, struct page, lru)),
		  page_to_pfn(page));
	EXPECT_FALSE(test, PageBuddy(page));
	EXPECT_EQ(test, page_count(page), 0);
	EXPECT_EQ(test, zone->free_pages, before.free[ZONE_NORMAL] - pcp->batch);
	again = alloc_page(GFP_KERNEL);
	EXPECT_EQ(test, page_to_pfn(again), page_to_pfn(page));
	if (again)
		__free_page(again);

	/* Frees past `high` send a batch back; model the count. */
	n = pcp->high + 2 * pcp->batch;
	for (i = 0; i < n; i++) {
		page = alloc_page(GFP_KERNEL);
		if (page)
			list_add(&page->lru, &pages);
	}
	count = pcp->count;
	while (!list_empty(&pages)) {
		page = list_first_entry(&pages, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
		if (++count >= pcp->high)
			count -= pcp->batch;
		wrong += pcp->count != count;
	}
	EXPECT_EQ(test, wrong, 0);
	EXPECT_GT(test, pcp->count, 0);
	EXPECT_LT(test, pcp->count, pcp->high);

	/* HighMem has its own list. */
	if (have_highmem()) {
		struct per_cpu_pages *hpcp = &zone_of(ZONE_HIGHMEM)->pcp;

		page = alloc_page(GFP_HIGHUSER);
		EXPECT_NOT_NULL(test, page);
		if (page) {
			count = hpcp->count;
			__free_page(page);
			EXPECT_EQ(test, hpcp->count, count + 1);
		}
	}
	drain_local_pages();
	for_each_zone(z) {
		EXPECT_EQ(test, z->pcp.count, 0);
		EXPECT_TRUE(test, list_empty(&z->pcp.list));
	}
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- __GFP_ZERO ---- */

static unsigned int nonzero_words(const volatile u32 *p, unsigned long bytes)
{
	unsigned long i;
	unsigned int n = 0;

	for (i = 0; i < bytes / 4; i++)
		n += p[i] != 0;
	return n;
}

static void test_zero_lowmem(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct page *page, *zeroed;
	unsigned long addr, zaddr, pfn;
	unsigned int o;

	/* Order 0: dirty a page, free it; the hot page comes back zeroed. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	memset(page_address(page), 0xa5, PAGE_SIZE);
	__free_page(page);
	zeroed = alloc_page(GFP_KERNEL | __GFP_ZERO);
	ASSERT_NOT_NULL(test, zeroed);
	EXPECT_EQ(test, page_to_pfn(zeroed), page_to_pfn(page));
	EXPECT_EQ(test, nonzero_words(page_address(zeroed), PAGE_SIZE), 0);
	__free_page(zeroed);

	/* get_zeroed_page, the same way, by address. */
	addr = __get_free_page(GFP_KERNEL);
	ASSERT_NE(test, addr, 0);
	memset((void *)addr, 0x3c, PAGE_SIZE);
	free_page(addr);
	zaddr = get_zeroed_page(GFP_KERNEL);
	ASSERT_NE(test, zaddr, 0);
	EXPECT_EQ(test, zaddr, addr);
	EXPECT_EQ(test, nonzero_words((u32 *)zaddr, PAGE_SIZE), 0);
	free_page(zaddr);

	/*
	 * Order 3: dirty the free block the allocation is going to split
	 * (its contents are nobody's while it is free).
	 */
	o = smallest_free_order(zone, 3);
	ASSERT_LT(test, o, MAX_ORDER);
	pfn = first_free_pfn(zone, o);
	memset(__va(PFN_PHYS(pfn)), 0x5a, PAGE_SIZE << 3);
	zeroed = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	ASSERT_NOT_NULL(test, zeroed);
	EXPECT_EQ(test, page_to_pfn(zeroed), pfn);
	EXPECT_EQ(test, nonzero_words(page_address(zeroed), PAGE_SIZE << 3), 0);
	__free_pages(zeroed, 3);
}

/*
 * Spare fixmap slots: the deepest kmap_atomic levels, which kmap_atomic
 * only reaches 18 mappings deep.  The test maps pages there itself with
 * set_fixmap, with preemption off while they are in use, as kmap_atomic
 * would have it.
 */
#define SLOT_A	(FIX_KMAP_END)
#define SLOT_B	(FIX_KMAP_END - 1)
#define SLOT_C	(FIX_KMAP_END - 2)

static volatile u32 *map_slot(enum fixed_addresses slot, struct page *page)
{
	set_fixmap(slot, PFN_PHYS(page_to_pfn(page)));
	return (volatile u32 *)__fix_to_virt(slot);
}

static void test_zero_highmem(struct ktest *test)
{
	struct page *page, *zeroed;
	volatile u32 *p;

	if (!have_highmem())
		KTEST_SKIP(test, NO_HIGHMEM);
	page = alloc_page(GFP_HIGHUSER);
	ASSERT_NOT_NULL(test, page);
	EXPECT_TRUE(test, PageHighMem(page));
	EXPECT_NULL(test, page_address(page));
	preempt_disable();
	p = map_slot(SLOT_A, page);
	memset((void *)p, 0xc3, PAGE_SIZE);
	EXPECT_EQ(test, p[PAGE_SIZE / 4 - 1], 0xc3c3c3c3);
	clear_fixmap(SLOT_A);
	preempt_enable();
	__free_page(page);

	zeroed = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	ASSERT_NOT_NULL(test, zeroed);
	EXPECT_EQ(test, page_to_pfn(zeroed), page_to_pfn(page));
	preempt_disable();
	p = map_slot(SLOT_A, zeroed);
	EXPECT_EQ(test, nonzero_words(p, PAGE_SIZE), 0);
	clear_fixmap(SLOT_A);
	preempt_enable();
	__free_page(zeroed);
}

static void do_read_word(void *arg)
{
	(void)*(volatile u32 *)arg;
}

/*
 * A highmem page above 4 GiB (only -m 4G has one): written through one
 * fixmap slot, read through another.  The PTE holds the full 36-bit
 * address: had it been cut to 32 bits, the writes would have gone to
 * the page 4 GiB lower, which is checked to be untouched.
 *
 * The first access is made under expect_trap: a CPU whose physical
 * addresses are narrower than the RAM it was given (QEMU's default qemu32
 * model has 32 bits: no PSE36 and no CPUID 0x80000008, though the SDM
 * says such a PAE CPU has 36) faults on the PTE with a reserved bit set.
 * That is a kernel bug -- it hands out RAM the CPU cannot reach -- and is
 * reported as a failure here rather than as an oops.
 */
static void test_page_above_4g(struct ktest *test)
{
	struct page *page = NULL, *alias;
	unsigned long pfn = 0, i, tries, wrong = 0;
	volatile u32 *a, *b, *c;
	enum pg_level level;
	u32 alias_first, alias_last;
	struct free_state before;
	struct pt_regs regs;
	LIST_HEAD(hoard);
	pte_t *pte;

	if (max_pfn <= 0x100000)
		KTEST_SKIP(test, "no RAM above 4 GiB at this memory size");
	free_state_take(&before);
	/* Take highmem pages until one lies above 4 GiB. */
	for (tries = 0; tries < zone_of(ZONE_HIGHMEM)->managed_pages; tries++) {
		struct page *p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);

		if (!p)
			break;
		if (page_to_pfn(p) >= 0x100000) {
			page = p;
			break;
		}
		list_add(&p->lru, &hoard);
	}
	EXPECT_NOT_NULL(test, page);
	if (!page)
		goto out;
	pfn = page_to_pfn(page);
	EXPECT_TRUE(test, PageHighMem(page));
	preempt_disable();
	a = map_slot(SLOT_A, page);
	b = map_slot(SLOT_B, page);
	pte = lookup_address(__fix_to_virt(SLOT_A), &level);
	EXPECT_EQ(test, level, PG_LEVEL_4K);
	if (pte) {
		EXPECT_EQ(test, pte_pfn(*pte), pfn);
		EXPECT_GE(test, pte_val(*pte) & PTE_PFN_MASK, 1ULL << 32);
	}
	if (expect_trap(X86_TRAP_PF, do_read_word, (void *)a, &regs, NULL)) {
		ktest_fail_msg(test, __FILE__, __LINE__, (regs.error_code & X86_PF_RSVD) ?
			       "RAM above 4 GiB is not addressable by this CPU (reserved-bit fault): the kernel must not hand it out" :
			       "reading a page above 4 GiB through the fixmap faulted");
		clear_fixmap(SLOT_A);
		clear_fixmap(SLOT_B);
		preempt_enable();
		__free_page(page);
		goto out;
	}
	alias = pfn_to_page(pfn - 0x100000);
	c = map_slot(SLOT_C, alias);
	alias_first = c[0];
	alias_last = c[PAGE_SIZE / 4 - 1];

	for (i = 0; i < PAGE_SIZE / 4; i++)
		a[i] = (u32)(pfn << 12 | i) ^ 0x9e3779b9;
	for (i = 0; i < PAGE_SIZE / 4; i++)
		wrong += b[i] != ((u32)(pfn << 12 | i) ^ 0x9e3779b9);
	EXPECT_EQ(test, wrong, 0);
	b[7] = 0x13572468;
	EXPECT_EQ(test, a[7], 0x13572468);
	EXPECT_EQ(test, c[0], alias_first);
	EXPECT_EQ(test, c[PAGE_SIZE / 4 - 1], alias_last);
	clear_fixmap(SLOT_A);
	clear_fixmap(SLOT_B);
	clear_fixmap(SLOT_C);
	preempt_enable();
	__free_page(page);
out:
	free_list_of_pages(&hoard);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- split_page, reference counts ---- */

static void test_split_page(struct ktest *test)
{
	unsigned long bad = bad_page_count, i, wrong = 0;
	struct free_state before;
	struct page *page;
	size_t mark;

	free_state_take(&before);
	page = alloc_pages(GFP_KERNEL, 3);
	ASSERT_NOT_NULL(test, page);
	/* split_page with the wrong order is refused, the block unchanged. */
	mark = printk_log_pos();
	split_page(page, 2);
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_EQ(test, page_alloc_order(page), 3);
	EXPECT_EQ(test, page_count(page + 1), 0);

	split_page(page, 3);
	for (i = 0; i < 8; i++)
		wrong += page_count(page + i) != 1 || page_alloc_order(page + i) != 0;
	EXPECT_EQ(test, wrong, 0);
	/* Eight independent pages now, each freed on its own, any order. */
	for (i = 8; i-- > 0;)
		__free_page(page + i);
	EXPECT_EQ(test, bad_page_count, bad);
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static void test_refcounts(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct free_state before;
	unsigned long free;
	struct page *page;
	size_t mark;
	int pcp;

	free_state_take(&before);
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_count(page), 1);
	free = zone->free_pages;
	get_page(page);
	get_page(page);
	EXPECT_EQ(test, page_count(page), 3);
	put_page(page);
	__free_pages(page, 2);	/* also just a reference dropped */
	EXPECT_EQ(test, page_count(page), 1);
	EXPECT_FALSE(test, PageBuddy(page));
	EXPECT_EQ(test, zone->free_pages, free);
	put_page(page);		/* the last one frees the block */
	EXPECT_EQ(test, page_count(page), 0);
	EXPECT_EQ(test, zone->free_pages, free + 4);

	/* Order 0: the last put_page sends it to the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	get_page(page);
	pcp = zone->pcp.count;
	put_page(page);
	EXPECT_EQ(test, zone->pcp.count, pcp);
	EXPECT_EQ(test, page_count(page), 1);
	put_page(page);
	EXPECT_EQ(test, zone->pcp.count, pcp + 1);

	/* get_page on a free page is refused with a warning. */
	mark = printk_log_pos();
	get_page(page);
	EXPECT_EQ(test, page_count(page), 0);
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_LOGGED(test, mark, "page dumped because: get_page on a free page");
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- failures ---- */

static void test_order_too_large(struct ktest *test)
{
	struct free_state before;
	size_t mark;

	free_state_take(&before);
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	EXPECT_NULL(test, alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, MAX_ORDER + 5));
	EXPECT_EQ(test, __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 31), 0);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
	EXPECT_FALSE(test, printk_log_find(mark, "page allocation failure"));
	/* Without __GFP_NOWARN: NULL too (and a one-time warning). */
	EXPECT_NULL(test, alloc_pages(GFP_KERNEL, MAX_ORDER));
	/* The largest order is fine. */
	{
		struct page *page = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);

		EXPECT_NOT_NULL(test, page);
		if (page)
			__free_pages(page, MAX_ORDER - 1);
	}
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * DMA's 16 MiB hold at most four 4 MiB blocks: take them all, then one
 * more fails -- silently with __GFP_NOWARN, with a report without.
 */
static void test_allocation_failure(struct ktest *test)
{
	struct free_state before;
	struct page *page;
	LIST_HEAD(hoard);
	unsigned int n = 0;
	size_t mark;

	free_state_take(&before);
	while (n <= 4 && (page = alloc_pages(GFP_DMA | __GFP_NOWARN, MAX_ORDER - 1))) {
		EXPECT_EQ(test, zone_idx(page_zone(page)), ZONE_DMA);
		list_add(&page->lru, &hoard);
		n++;
	}
	EXPECT_GE(test, n, 1);
	EXPECT_LT(test, n, 4);	/* page 0 and the kernel are in the first */
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_DMA | __GFP_NOWARN, MAX_ORDER - 1));
	EXPECT_EQ(test, printk_log_count(mark, "page allocation failure"), 0);
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_DMA, MAX_ORDER - 1));
	EXPECT_EQ(test, printk_log_count(mark, "page allocation failure"), 1);
	EXPECT_LOGGED(test, mark, ": page allocation failure: order:10, mode:0x1\n");
	EXPECT_LOGGED(test, mark, "Call Trace:");
	EXPECT_LOGGED(test, mark, " test_allocation_failure+");
	EXPECT_LOGGED(test, mark, "Node 0 DMA: ");
	free_list_of_pages(&hoard);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- misuse: "BUG: Bad page state" ---- */

struct bad_mark {
	size_t log;
	unsigned long count;
};

static void bad_begin(struct bad_mark *m)
{
	m->log = printk_log_pos();
	m->count = bad_page_count;
}

/*
 * Exactly one report since m, about page, with this reason; the free
 * lists still consistent.
 */
static void expect_bad_page(struct ktest *test, const struct bad_mark *m,
			    struct page *page, const char *reason, int line)
{
	char buf[128];

	if (bad_page_count != m->count + 1 ||
	    printk_log_count(m->log, "BUG: Bad page state") != 1)
		ktest_fail_msg(test, __FILE__, line,
			       "Expected exactly one Bad page state report");
	/* "in process %s  pfn:%05lx", whichever task it was */
	snprintf(buf, sizeof(buf), "  pfn:%05lx\n", page_to_pfn(page));
	expect_logged_str(test, m->log, "BUG: Bad page state in process ", line);
	expect_logged_str(test, m->log, buf, line);
	snprintf(buf, sizeof(buf), "page dumped because: %s\n", reason);
	expect_logged_str(test, m->log, buf, line);
	expect_logged_str(test, m->log, "Call Trace:", line);
	if (check_free_lists() != 0)
		ktest_fail_msg(test, __FILE__, line, "check_free_lists() found problems");
}
#define EXPECT_BAD_PAGE(t, m, page, reason) expect_bad_page(t, m, page, reason, __LINE__)

#define REASON_FREE	"freeing a page that is already free"
#define REASON_REFCOUNT	"freeing a page with refcount 0 (not allocated, or a tail page)"
#define REASON_RESERVED	"freeing a reserved page"
#define REASON_ORDER	"freeing with a different order than allocated"
#define REASON_SLAB	"freeing a slab page with free_pages"
#define REASON_FLAGS	"PAGE_FLAGS_CHECK_AT_FREE flag(s) set"

/*
 * A block whose free was refused after its last reference went: make it
 * an allocated block of this order again, so it can be freed properly.
 */
static void repair_block(struct page *page, unsigned int order)
{
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
}

static void test_double_free(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct free_state before;
	struct page *page, *lo, *hi;
	struct bad_mark m;
	LIST_HEAD(hoard);
	int pcp;

	free_state_take(&before);
	/* Order 0: the first free put it on the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	__free_page(page);
	pcp = zone->pcp.count;
	bad_begin(&m);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, page, REASON_REFCOUNT);
	EXPECT_EQ(test, zone->pcp.count, pcp);

	/* Order 2, held apart from its allocated buddy on free list 2. */
	EXPECT_NE(test, alloc_buddies(2, &lo, &hi, &hoard), 0);
	if (lo) {
		__free_pages(lo, 2);
		EXPECT_TRUE(test, is_free_block(lo, 2));
		bad_begin(&m);
		__free_pages(lo, 2);
		EXPECT_BAD_PAGE(test, &m, lo, REASON_FREE);
		EXPECT_TRUE(test, is_free_block(lo, 2));
		EXPECT_EQ(test, zone->free_area[2].nr_free, 1);
		__free_pages(hi, 2);
	}
	free_list_of_pages(&hoard);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static void test_free_reserved(struct ktest *test)
{
	struct page *zero = pfn_to_page(0), *text = virt_to_page(_text);
	struct free_state before;
	struct bad_mark m;

	free_state_take(&before);
	ASSERT_TRUE(test, PageReserved(zero));
	ASSERT_TRUE(test, PageReserved(text));
	bad_begin(&m);
	__free_page(zero);
	EXPECT_BAD_PAGE(test, &m, zero, REASON_RESERVED);
	bad_begin(&m);
	free_page((unsigned long)_text);
	EXPECT_BAD_PAGE(test, &m, text, REASON_RESERVED);
	/* Left exactly as they were. */
	EXPECT_TRUE(test, PageReserved(zero) && PageReserved(text));
	EXPECT_EQ(test, page_count(zero), 1);
	EXPECT_EQ(test, page_count(text), 1);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static void test_free_wrong_order(struct ktest *test)
{
	struct free_state before;
	struct bad_mark m;
	struct page *page;

	free_state_take(&before);
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	bad_begin(&m);
	__free_pages(page, 1);
	EXPECT_BAD_PAGE(test, &m, page, REASON_ORDER);
	bad_begin(&m);
	__free_pages(page, 3);
	EXPECT_BAD_PAGE(test, &m, page, REASON_ORDER);
	/* Untouched, so the right free works. */
	EXPECT_EQ(test, page_count(page), 1);
	EXPECT_EQ(test, page_alloc_order(page), 2);
	__free_pages(page, 2);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static void test_free_tail_page(struct ktest *test)
{
	struct free_state before;
	struct bad_mark m;
	struct page *page;

	free_state_take(&before);
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	bad_begin(&m);
	__free_page(page + 1);
	EXPECT_BAD_PAGE(test, &m, page + 1, REASON_REFCOUNT);
	bad_begin(&m);
	put_page(page + 3);
	EXPECT_BAD_PAGE(test, &m, page + 3, REASON_REFCOUNT);
	EXPECT_EQ(test, page_count(page), 1);
	__free_pages(page, 2);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * Flags that must be clear when the last reference goes, on the head or
 * on a tail page: reported on the page that has them; the block is kept
 * off every list until the test repairs it.
 */
static void test_free_bad_flags(struct ktest *test)
{
	struct zone *zone = zone_of(ZONE_NORMAL);
	struct free_state before;
	struct bad_mark m;
	struct page *page;
	int pcp;

	free_state_take(&before);
	/* PG_lru on an order-0 page: it must not reach the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	page->flags |= 1UL << PG_lru;
	pcp = zone->pcp.count;
	bad_begin(&m);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, page, REASON_FLAGS);
	EXPECT_LOGGED(test, m.log, "(lru|zone=1)\n");
	EXPECT_EQ(test, zone->pcp.count, pcp);
	EXPECT_FALSE(test, PageBuddy(page));
	page->flags &= ~(1UL << PG_lru);
	repair_block(page, 0);
	__free_page(page);

	/* PG_private on the last page of an order-2 block. */
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	page[3].flags |= 1UL << PG_private;
	bad_begin(&m);
	__free_pages(page, 2);
	EXPECT_BAD_PAGE(test, &m, page + 3, REASON_FLAGS);
	EXPECT_FALSE(test, PageBuddy(page));
	page[3].flags &= ~(1UL << PG_private);
	repair_block(page, 2);
	__free_pages(page, 2);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* A count left on a tail page, a mapping left on a page: the same. */
static void test_free_bad_counts(struct ktest *test)
{
	struct free_state before;
	struct bad_mark m;
	struct page *page;

	free_state_take(&before);
	/* A reference left on a tail page. */
	page = alloc_pages(GFP_KERNEL, 1);
	ASSERT_NOT_NULL(test, page);
	set_page_count(page + 1, 1);
	bad_begin(&m);
	__free_pages(page, 1);
	EXPECT_BAD_PAGE(test, &m, page + 1, "nonzero _refcount");
	set_page_count(page + 1, 0);
	repair_block(page, 1);
	__free_pages(page, 1);

	/* A page still mapped somewhere. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	atomic_set(&page->_mapcount, 0);
	bad_begin(&m);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, page, "nonzero mapcount");
	page_mapcount_reset(page);
	repair_block(page, 0);
	__free_page(page);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* A slab page given to free_pages: refused before anything changes. */
static void test_free_slab_page(struct ktest *test)
{
	struct free_state before;
	struct bad_mark m;
	struct page *page;

	free_state_take(&before);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	SetPageSlab(page);
	bad_begin(&m);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, page, REASON_SLAB);
	EXPECT_EQ(test, page_count(page), 1);
	ClearPageSlab(page);
	__free_page(page);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- stress ---- */

#define STRESS_OPS	1000000UL
#define STRESS_LIVE	4096
#define STRESS_CHECK	100000UL

struct live_block {
	struct page *page;
	unsigned int order;
};

static struct live_block live[STRESS_LIVE];

static const gfp_t stress_gfp[] = {
	GFP_KERNEL, GFP_KERNEL, GFP_KERNEL, GFP_HIGHUSER,
	GFP_HIGHUSER, GFP_HIGHUSER, GFP_DMA, GFP_ATOMIC,
};

static u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/*
 * Mostly small: half are order 0, a fifth order 1, and so on down to one
 * in 512 each for orders 9 and 10 (about 11 pages a block on average).
 */
static unsigned int stress_order(u32 r)
{
	static const u16 upto[MAX_ORDER] = {
		512, 704, 832, 912, 960, 976, 992, 1016, 1020, 1022, 1024,
	};
	unsigned int b = r & 1023, o = 0;

	while (b >= upto[o])
		o++;
	return o;
}

static u32 stress_tag(unsigned long pfn, unsigned int order)
{
	return (u32)(pfn * 2654435761u) ^ order;
}

/* Pages free in the buddy lists and the pcp lists of every zone. */
static unsigned long all_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone_free_pages(zone);
	return n;
}

struct stress_stats {
	unsigned long ops, allocs, frees, failed, bad, live_pages, max_live;
};

/* Counts a wrong block; the first one is described. */
static void stress_bad(struct stress_stats *st, struct page *page,
		       unsigned int order, const char *why)
{
	if (st->bad++ == 0)
		pr_info("    # stress: op %lu, pfn %#lx order %u: %s\n", st->ops,
			page_to_pfn(page), order, why);
}

/* One allocation into live[n]; false if it failed. */
static bool stress_alloc(struct stress_stats *st, unsigned int n, u32 r)
{
	unsigned int order = stress_order(r), g = (r >> 16) & 7;
	struct page *page = alloc_pages(stress_gfp[g] | __GFP_NOWARN, order);
	unsigned long pfn;
	u32 *p;

	if (!page) {
		st->failed++;
		return false;
	}
	pfn = page_to_pfn(page);
	if (pfn & ((1UL << order) - 1))
		stress_bad(st, page, order, "not aligned");
	if (page_count(page) != 1 || page_alloc_order(page) != order || PageBuddy(page))
		stress_bad(st, page, order, "not a fresh block of this order");
	if ((stress_gfp[g] & __GFP_DMA) ? page_zonenum(page) != ZONE_DMA :
	    !(stress_gfp[g] & __GFP_HIGHMEM) && PageHighMem(page))
		stress_bad(st, page, order, "from a zone its GFP flags exclude");
	p = page_address(page);
	if (p) {
		p[0] = stress_tag(pfn, order);
		p[(PAGE_SIZE << order) / 4 - 1] = ~stress_tag(pfn, order);
	}
	live[n].page = page;
	live[n].order = order;
	st->live_pages += 1UL << order;
	st->allocs++;
	return true;
}

static void stress_free(struct stress_stats *st, unsigned int i)
{
	struct page *page = live[i].page;
	unsigned int order = live[i].order;
	unsigned long pfn = page_to_pfn(page);
	u32 *p = page_address(page);

	if (p && (p[0] != stress_tag(pfn, order) ||
		  p[(PAGE_SIZE << order) / 4 - 1] != ~stress_tag(pfn, order)))
		stress_bad(st, page, order, "pattern overwritten while allocated");
	if (page_count(page) != 1)
		stress_bad(st, page, order, "refcount changed while allocated");
	__free_pages(page, order);
	st->live_pages -= 1UL << order;
	st->frees++;
}

/*
 * A million allocations and frees of mixed orders and GFP classes, up
 * to STRESS_LIVE blocks live (about half on average): every block
 * aligned, from an allowed zone, its pattern intact when freed; every
 * STRESS_CHECK operations the free lists walked and the pages counted
 * (free + live must stay what was free at the start).
 */
static void test_stress(struct ktest *test)
{
	unsigned long bad0 = bad_page_count, total, checks_failed = 0, lost = 0;
	struct stress_stats st = { 0 };
	struct free_state before;
	unsigned int n = 0;
	u32 seed = 0x2545f491;
	u64 t0, ms;

	free_state_take(&before);
	total = all_free_pages();
	t0 = sched_clock();
	while (st.ops < STRESS_OPS) {
		/* Allocate with probability 1 - n / STRESS_LIVE. */
		bool alloc = n == 0 || (xorshift32(&seed) >> 20) % STRESS_LIVE >= n;

		if (alloc && n < STRESS_LIVE && stress_alloc(&st, n, xorshift32(&seed))) {
			n++;
		} else if (n) {
			/* Chosen, or memory is short: free a random block. */
			unsigned int i = xorshift32(&seed) % n;

			stress_free(&st, i);
			live[i] = live[--n];
		} else {
			continue;
		}
		st.max_live = max(st.max_live, (unsigned long)n);
		if (++st.ops % STRESS_CHECK == 0) {
			checks_failed += check_free_lists() != 0;
			lost += all_free_pages() + st.live_pages != total;
		}
	}
	while (n)
		stress_free(&st, --n);
	ms = div_u64(sched_clock() - t0, 1000000);
	pr_info("buddy: stress: %lu ops (%lu allocs, %lu frees, %lu failed), up to %lu blocks live, %llu ms\n",
		st.ops, st.allocs, st.frees, st.failed, st.max_live,
		(unsigned long long)ms);
	EXPECT_GE(test, st.allocs + st.frees, STRESS_OPS);
	EXPECT_EQ(test, st.bad, 0);
	EXPECT_EQ(test, checks_failed, 0);
	EXPECT_EQ(test, lost, 0);
	EXPECT_GT(test, st.max_live, STRESS_LIVE / 2);
	EXPECT_EQ(test, bad_page_count, bad0);
	EXPECT_EQ(test, all_free_pages(), total);
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* free_pages() of an address outside the direct map frees nothing. */
static void test_free_pages_bad_address(struct ktest *test)
{
	unsigned long before = nr_free_pages();
	size_t mark = printk_log_pos();

	free_pages(0x1000, 0);			/* user space */
	free_pages(0xf8800000UL, 0);		/* vmalloc space */
	EXPECT_EQ(test, printk_log_count(mark, "is not a direct-map address"), 2);
	EXPECT_EQ(test, nr_free_pages(), before);
	EXPECT_EQ(test, check_free_lists(), 0);
}

KTEST_SUITE(buddy,
	    KTEST_CASE(test_free_pages_bad_address),
	    KTEST_CASE(test_split_merge_every_order),
	    KTEST_CASE(test_alignment),
	    KTEST_CASE(test_buddies_merge),
	    KTEST_CASE(test_pcp_lists),
	    KTEST_CASE(test_zero_lowmem),
	    KTEST_CASE(test_zero_highmem),
	    KTEST_CASE(test_page_above_4g),
	    KTEST_CASE(test_split_page),
	    KTEST_CASE(test_refcounts),
	    KTEST_CASE(test_order_too_large),
	    KTEST_CASE(test_allocation_failure),
	    KTEST_CASE(test_double_free),
	    KTEST_CASE(test_free_reserved),
	    KTEST_CASE(test_free_wrong_order),
	    KTEST_CASE(test_free_tail_page),
	    KTEST_CASE(test_free_bad_flags),
	    KTEST_CASE(test_free_bad_counts),
	    KTEST_CASE(test_free_slab_page),
	    KTEST_CASE(test_stress));
