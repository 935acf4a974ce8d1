/*
 * Host tests of how the buddy allocator (mm/page_alloc.c) meets misuse,
 * on a simulated machine (mm_sim.h): double frees, frees of reserved
 * pages, holes, tail pages and the wrong order, bad flags and counts,
 * get_page/put_page/split_page, impossible orders, and the free-list
 * checker itself.  Each misuse must give exactly one report and leave
 * the free lists as they were and consistent.
 *
 * host-test-sources: mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/buddy_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "buddy_util.h"

/* What a misuse is measured against: the log, the counts, the lists. */
struct misuse {
	size_t log;
	unsigned long bad, dumps;
	struct buddy_snap snap;
};

static void misuse_begin(struct misuse *m)
{
	take_snap(&m->snap);
	m->log = printk_log_pos();
	m->bad = bad_page_count;
	m->dumps = stack_dumps;
}

/*
 * call is a misuse: it gives one "Bad page state" report (one stack
 * dump), and leaves the free lists exactly as before and consistent.
 * m then holds where the report starts in the log.
 */
#define EXPECT_BAD_PAGE(test, m, call) do {				\
	misuse_begin(m);						\
	call;								\
	EXPECT_EQ(test, bad_page_count - (m)->bad, 1);			\
	EXPECT_EQ(test, stack_dumps - (m)->dumps, 1);			\
	EXPECT_LOGGED(test, (m)->log,					\
		      "BUG: Bad page state in process swapper  pfn:");	\
	EXPECT_EQ(test, snap_diff(&(m)->snap), 0);			\
	EXPECT_EQ(test, check_free_lists(), 0);				\
} while (0)

/* ------------------------------------------------------------ bad frees */

static void test_double_free(struct ktest *test)
{
	struct misuse m;
	struct page *page, *x, *a, *b;

	boot(&known);
	/* Order 0: the first free parks it on the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, __free_page(page));
	EXPECT_LOGGED(test, m.log, "pfn:02803\n");
	EXPECT_LOGGED(test, m.log, "page dumped because: freeing a page with refcount 0");
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->pcp.count, 1);

	/* Order 2 (@13004): the first free puts it on a free list. */
	page = alloc_pages(GFP_HIGHUSER, 2);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 13004);
	__free_pages(page, 2);
	EXPECT_BAD_PAGE(test, &m, __free_pages(page, 2));
	EXPECT_LOGGED(test, m.log, "pfn:032cc\n");
	EXPECT_LOGGED(test, m.log, "page dumped because: freeing a page that is already free\n");
	EXPECT_LOGGED(test, m.log, "flags: 0x80000200(buddy|zone=2)\n");

	/* Freed into a merged block: the upper half is a tail now. */
	x = alloc_pages(GFP_HIGHUSER, 9);	/* HighMem's o9 @12288 */
	a = alloc_pages(GFP_HIGHUSER, 9);	/* 15360, splitting an o10 */
	b = alloc_pages(GFP_HIGHUSER, 9);	/* 15872 */
	ASSERT_TRUE(test, x && a && b);
	EXPECT_EQ(test, page_to_pfn(x), 12288);
	EXPECT_EQ(test, page_to_pfn(a), 15360);
	EXPECT_EQ(test, page_to_pfn(b), 15872);
	__free_pages(a, 9);
	__free_pages(b, 9);
	EXPECT_TRUE(test, free_head(15360, 10));
	EXPECT_BAD_PAGE(test, &m, __free_pages(b, 9));
	EXPECT_BAD_PAGE(test, &m, __free_pages(a, 9));
	EXPECT_LOGGED(test, m.log, "freeing a page that is already free");
	__free_pages(x, 9);
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

static void test_free_reserved_and_hole(struct ktest *test)
{
	static const unsigned long pfns[] = { 0, 300, 10241, KNOWN_MEMMAP, 13000 };
	struct misuse m;
	size_t i;

	boot(&known);
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		struct page *page = pfn_to_page(pfns[i]);

		EXPECT_BAD_PAGE(test, &m, __free_page(page));
		EXPECT_LOGGED(test, m.log, "page dumped because: freeing a reserved page\n");
		EXPECT_TRUE(test, PageReserved(page));
		EXPECT_EQ(test, page_count(page), 1);
	}
	EXPECT_BAD_PAGE(test, &m, put_page(pfn_to_page(300)));
	EXPECT_LOGGED(test, m.log, "pfn:0012c\n");
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

static void test_free_wrong_order(struct ktest *test)
{
	static const unsigned int wrong[] = { 1, 3, 0 };
	struct misuse m;
	struct page *page;
	size_t i;

	boot(&known);
	page = alloc_pages(GFP_HIGHUSER, 2);
	ASSERT_NOT_NULL(test, page);
	for (i = 0; i < ARRAY_SIZE(wrong); i++) {
		EXPECT_BAD_PAGE(test, &m, __free_pages(page, wrong[i]));
		EXPECT_LOGGED(test, m.log, "freeing with a different order than allocated\n");
	}
	EXPECT_EQ(test, page_count(page), 1);
	__free_pages(page, 2);			/* the right order still works */
	EXPECT_EQ(test, bad_page_count - boot_bad, ARRAY_SIZE(wrong));
	EXPECT_AS_AT_BOOT(test);
}

static void test_free_tail_page(struct ktest *test)
{
	struct misuse m;
	struct page *page;

	boot(&known);
	page = alloc_pages(GFP_HIGHUSER, 2);	/* @13004 */
	ASSERT_NOT_NULL(test, page);
	EXPECT_BAD_PAGE(test, &m, __free_page(page + 1));
	EXPECT_LOGGED(test, m.log, "pfn:032cd\n");
	EXPECT_LOGGED(test, m.log, "(not allocated, or a tail page)\n");
	EXPECT_BAD_PAGE(test, &m, put_page(page + 3));
	__free_pages(page, 2);
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

/*
 * Bad flags and counts.  A slab page is refused before anything
 * changes; the others are found only once the count reaches zero, so
 * the page is leaked (on no list) -- the test repairs it and frees it.
 */
static void repair_and_free(struct page *page, unsigned int order)
{
	page->flags &= ~((1UL << PG_lru) | (1UL << PG_private));
	page_mapcount_reset(page);
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
	__free_pages(page, order);
}

static void test_free_bad_flags(struct ktest *test)
{
	struct misuse m;
	unsigned long normal0;
	struct page *page;

	boot(&known);
	normal0 = zone_free_pages(zone_of(ZONE_NORMAL));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	SetPageSlab(page);
	EXPECT_BAD_PAGE(test, &m, __free_page(page));
	EXPECT_LOGGED(test, m.log, "freeing a slab page with free_pages\n");
	EXPECT_LOGGED(test, m.log, "(slab|zone=1)\n");
	EXPECT_EQ(test, page_count(page), 1);
	ClearPageSlab(page);

	page->flags |= 1UL << PG_lru;
	EXPECT_BAD_PAGE(test, &m, __free_page(page));
	EXPECT_LOGGED(test, m.log, "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	EXPECT_EQ(test, zone_free_pages(zone_of(ZONE_NORMAL)), normal0 - 1);
	repair_and_free(page, 0);

	page = alloc_page(GFP_KERNEL);
	atomic_set(&page->_mapcount, 0);
	EXPECT_BAD_PAGE(test, &m, __free_page(page));
	EXPECT_LOGGED(test, m.log, "page dumped because: nonzero mapcount\n");
	repair_and_free(page, 0);

	/* A tail page someone took a reference on (@10245 of o2 @10244). */
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	set_page_count(page + 1, 1);
	EXPECT_BAD_PAGE(test, &m, __free_pages(page, 2));
	EXPECT_LOGGED(test, m.log, "pfn:02805\n");
	EXPECT_LOGGED(test, m.log, "page dumped because: nonzero _refcount\n");
	set_page_count(page + 1, 0);
	repair_and_free(page, 2);

	EXPECT_EQ(test, bad_page_count - boot_bad, 4);
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

/* A corrupted free page is reported at allocation and skipped. */
static void test_bad_page_at_alloc(struct ktest *test)
{
	unsigned long bad0;
	struct page *page;
	size_t mark;

	boot(&known);
	bad0 = bad_page_count;
	pfn_to_page(13001)->flags |= 1UL << PG_dirty;	/* HighMem's o0 */
	mark = printk_log_pos();
	page = alloc_page(GFP_HIGHUSER);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 13002);	/* o1 split instead */
	EXPECT_EQ(test, bad_page_count - bad0, 1);
	EXPECT_LOGGED(test, mark, "BUG: Bad page state in process swapper  pfn:032c9\n");
	EXPECT_LOGGED(test, mark, "PAGE_FLAGS_CHECK_AT_PREP flag(s) set\n");
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 3)), 0);
	EXPECT_TRUE(test, free_head(13003, 0));
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 4095 - 2);
	EXPECT_EQ(test, check_free_lists(), 0);
	__free_page(page);
	drain_local_pages();
	/* 13002 and 13003 merge again; 13001 stays out (leaked). */
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3)), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

static void test_get_put_split(struct ktest *test)
{
	struct page *page, *free_one = pfn_to_page(10243);
	size_t mark;
	int i;

	boot(&known);
	/* Two references: the first free only drops one. */
	page = alloc_pages(GFP_KERNEL, 1);	/* Normal has no o1: @10244 */
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 10244);
	get_page(page);
	EXPECT_EQ(test, page_count(page), 2);
	__free_pages(page, 1);
	EXPECT_EQ(test, page_count(page), 1);
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->free_pages, 7677 - 2);
	put_page(page);			/* the order comes from the page */
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);

	mark = printk_log_pos();
	get_page(free_one);
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	EXPECT_LOGGED(test, mark, "page dumped because: get_page on a free page\n");
	EXPECT_EQ(test, page_count(free_one), 0);

	/* split_page: four independent pages, freed out of order. */
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	mark = printk_log_pos();
	split_page(page, 1);			/* wrong order: refused */
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	EXPECT_EQ(test, page_count(page + 1), 0);
	split_page(page, 2);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(test, page_count(page + i), 1);
		EXPECT_EQ(test, page_alloc_order(page + i), 0);
	}
	__free_page(page + 3);
	__free_page(page + 1);
	put_page(page);
	__free_page(page + 2);
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->pcp.count, 4);
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
	EXPECT_EQ(test, bad_page_count, boot_bad);
}

static void test_bad_orders_and_gfp(struct ktest *test)
{
	unsigned long addr;
	size_t mark;

	boot(&known);
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_KERNEL, MAX_ORDER));
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER + 5));
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
	/* __get_free_pages cannot return highmem: it drops the flag. */
	mark = printk_log_pos();
	addr = __get_free_pages(GFP_HIGHUSER, 0);
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	ASSERT_NE(test, addr, 0);
	EXPECT_EQ(test, page_zonenum(virt_to_page((void *)addr)), ZONE_NORMAL);
	free_pages(addr, 0);
	free_pages(0, 3);			/* a no-op, as in Linux */
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, bad_page_count, boot_bad);
}


/* ---------------------------------------------- the checker itself */

/* check_free_lists must find (and say) what is wrong, then 0 again. */
static void test_checker_catches_corruption(struct ktest *test)
{
	struct zone *high;
	struct page *head, *a, *b, *p;
	size_t mark;

	boot(&plain);
	high = zone_of(ZONE_HIGHMEM);
	head = pfn_to_page(15360);

	mark = printk_log_pos();
	high->free_area[10].nr_free++;
	EXPECT_EQ(test, check_free_lists(), 1);
	EXPECT_LOGGED(test, mark, "check_free_lists: HighMem order 10: 4 blocks listed, nr_free 5\n");
	high->free_area[10].nr_free--;

	mark = printk_log_pos();
	ClearPageBuddy(head);
	EXPECT_EQ(test, check_free_lists(), 1);
	EXPECT_LOGGED(test, mark, "check_free_lists: HighMem order 10 pfn 0x3c00: not marked");
	SetPageBuddy(head);

	head->private = 9;
	EXPECT_EQ(test, check_free_lists(), 1);
	head->private = 10;
	set_page_count(head, 1);
	mark = printk_log_pos();
	EXPECT_EQ(test, check_free_lists(), 1);
	EXPECT_LOGGED(test, mark, "has a nonzero refcount\n");
	set_page_count(head, 0);
	EXPECT_EQ(test, check_free_lists(), 0);

	/* Two free buddies of order 9 that did not merge. */
	a = alloc_pages(GFP_HIGHUSER, 9);
	b = alloc_pages(GFP_HIGHUSER, 9);
	ASSERT_TRUE(test, a && b);
	__free_pages(a, 9);
	b->private = 9;
	SetPageBuddy(b);
	set_page_count(b, 0);
	list_add(&b->lru, &high->free_area[9].free_list);
	high->free_area[9].nr_free++;
	high->free_pages += 512;
	mark = printk_log_pos();
	EXPECT_EQ(test, check_free_lists(), 2);
	EXPECT_LOGGED(test, mark, "its buddy is free too but they did not merge\n");
	list_del(&b->lru);
	high->free_area[9].nr_free--;
	high->free_pages -= 512;
	ClearPageBuddy(b);
	b->private = 0;
	set_page_count(b, 1);
	__free_pages(b, 9);
	EXPECT_EQ(test, check_free_lists(), 0);

	/* The pcp list: a wrong count, and a page that looks free. */
	p = alloc_page(GFP_HIGHUSER);
	ASSERT_NOT_NULL(test, p);
	__free_page(p);
	high->pcp.count++;
	mark = printk_log_pos();
	EXPECT_EQ(test, check_free_lists(), 1);
	EXPECT_LOGGED(test, mark, "check_free_lists: HighMem: 1 pcp pages listed, count 2\n");
	high->pcp.count--;
	set_page_count(p, 1);
	mark = printk_log_pos();
	EXPECT_EQ(test, check_free_lists(), 1);
	EXPECT_LOGGED(test, mark, "check_free_lists: HighMem pcp pfn 0x3c00");
	set_page_count(p, 0);
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

KTEST_SUITE(buddy_misuse,
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_free_reserved_and_hole),
	KTEST_CASE(test_free_wrong_order),
	KTEST_CASE(test_free_tail_page),
	KTEST_CASE(test_free_bad_flags),
	KTEST_CASE(test_bad_page_at_alloc),
	KTEST_CASE(test_get_put_split),
	KTEST_CASE(test_bad_orders_and_gfp),
	KTEST_CASE(test_checker_catches_corruption));
