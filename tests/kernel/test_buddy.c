/*
 * The buddy allocator (mm/page_alloc.c) from the outside: which free
 * block every allocation splits and how each free list changes, merges
 * of buddies, the per-CPU list, __GFP_ZERO in lowmem and highmem, a page
 * above 4 GiB through two mappings, split_page and reference counts, and
 * failures.  Misuse ("Bad page state") is test_bad_page.c, the
 * randomized stress test_stress.c.  Each case gives back exactly what it
 * took.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include <asm/traps.h>
#include "test_util.h"

extern unsigned long bad_page_count;	/* mm/page_alloc.c */

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

/* ---- split and merge ---- */

/*
 * For every order: the allocation takes the first block of the smallest
 * free list that fits, in the zone the rule picks (Normal, unless it has
 * no block that large), hands back one upper half per order in between,
 * and freeing it restores every list exactly.  Order 0 refills the
 * per-CPU list with a batch of pages, so the model takes `batch` pages.
 * An order no zone can give (a small machine's largest blocks are gone)
 * must fail.
 */
static void test_split_merge_every_order(struct ktest *test)
{
	unsigned int order, o, k;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long before[MAX_ORDER], want[MAX_ORDER], pfn, want_pfn, free0;
		unsigned int n, wrong = 0, i;
		struct zone *zone;
		struct page *page;

		drain_local_pages();
		zone = rule_zone(GFP_KERNEL, order);
		if (!zone) {
			pr_info("    # no zone has an order-%u block to give\n", order);
			EXPECT_NULL(test, alloc_pages(GFP_KERNEL | __GFP_NOWARN, order));
			continue;
		}
		n = order ? 1 : zone->pcp.batch;
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
		EXPECT_PTR_EQ(test, page_zone(page), zone);
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

/*
 * Blocks of every order from every zone, many live at once: all aligned.
 * Three of each up to order 7 and one above, 40 MiB for each GFP class;
 * where the rule says no zone can give one (a small machine runs out),
 * the allocation must fail instead.
 */
static void test_alignment(struct ktest *test)
{
	static const gfp_t gfps[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER, GFP_ATOMIC };
	unsigned int g, order, i, misaligned = 0, wrong = 0, n = 0, none = 0;
	struct free_state before;
	LIST_HEAD(pages);

	free_state_take(&before);
	for (g = 0; g < ARRAY_SIZE(gfps); g++)
		for (order = 0; order < MAX_ORDER; order++)
			for (i = 0; i < (order < 8 ? 3 : 1); i++) {
				struct page *page;
				bool can;

				drain_local_pages();	/* rule_zone counts exactly */
				can = rule_zone(gfps[g], order) != NULL;
				page = alloc_pages(gfps[g] | __GFP_NOWARN, order);
				wrong += can != (page != NULL);
				none += !can;
				if (!page)
					continue;
				list_add(&page->lru, &pages);
				misaligned += (page_to_pfn(page) & ((1UL << order) - 1)) != 0;
				n++;
			}
	if (none)
		pr_info("    # %u of the blocks were more than the machine could give\n", none);
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, misaligned, 0);
	EXPECT_EQ(test, n + none, 4 * (8 * 3 + 3));
	EXPECT_EQ(test, check_free_lists(), 0);
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * Freeing two order-k buddies gives one order-k+1 block (and on up), for
 * every k that a larger free block can still be split for.
 */
static void test_buddies_merge(struct ktest *test)
{
	struct zone *zone = kernel_zone();
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

		drain_local_pages();
		if (smallest_free_order(zone, k + 1) == MAX_ORDER) {
			pr_info("    # %s has no free block above order %u\n", zone->name, k);
			break;
		}
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
		free_page_list(&hoard);
	}
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- the per-CPU list ---- */

static void test_pcp_lists(struct ktest *test)
{
	struct zone *zone = kernel_zone(), *z;
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
	EXPECT_EQ(test, zone->free_pages, before.free[zone_idx(zone)] - pcp->batch);
	/* An order-0 free goes to the list, hot end first, not to the buddy. */
	__free_page(page);
	EXPECT_EQ(test, pcp->count, pcp->batch);
	EXPECT_EQ(test, page_to_pfn(list_first_entry(&pcp->list, struct page, lru)),
		  page_to_pfn(page));
	EXPECT_FALSE(test, PageBuddy(page));
	EXPECT_EQ(test, page_count(page), 0);
	EXPECT_EQ(test, zone->free_pages, before.free[zone_idx(zone)] - pcp->batch);
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
	struct zone *zone = kernel_zone();
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
	EXPECT_TRUE(test, highmem_address_ok(page));
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
	if (expect_trap(X86_TRAP_PF, read_word, (void *)a, &regs, NULL)) {
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
	free_page_list(&hoard);
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
	struct zone *zone = kernel_zone();
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
	free_page_list(&hoard);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

KTEST_SUITE(buddy,
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
	    KTEST_CASE(test_allocation_failure));
