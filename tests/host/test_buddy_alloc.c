/*
 * Host tests of the buddy allocator's allocation paths (mm/page_alloc.c)
 * on a simulated machine (mm_sim.h): which zone and which block a
 * request gets, splitting and merging, zone boundaries, watermarks and
 * lowmem_reserve, the per-CPU lists and __GFP_ZERO.  Each case checks
 * exact counts (blocks per order, free pages per zone, pcp counts) and
 * gives every page back.
 *
 * host-test-sources: mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/buddy_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "buddy_util.h"

/*
 * "boundary": as plain (mm_sim.h), but Normal ends at pfn 12000, inside an
 * order-10-aligned stretch, and mem_map sits in DMA so that one free
 * range runs across the Normal/HighMem boundary.
 *
 *  pfn 0 1     1536  2048-M  2048   4096          12000          16384
 *      |r| free|rsv  |mem_map|free  |    free     |    free      |
 *      |<----------- DMA ---------->|<-- Normal ->|<- HighMem -->|
 *
 *  Normal ends with o10 @10240, o9 @11264, o7 @11776, o6 @11904, o5 @11968;
 *  HighMem starts with o5 @12000, o8 @12032, o10 @12288 13312 14336 15360.
 *  11968 and 12000 are buddies of order 5 (11968 ^ 32), in different zones.
 */
static const struct machine boundary = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 1536, 2048 - MEMMAP_PAGES(16384) } },
	.limit = 2048,
	.zone_end = { 4096, 12000, 16384 },
};

/*
 * "big": 128 MiB with a 104 MiB Normal zone, big enough that its pcp
 * batch is 7 (managed >> 10 = 25 -> 6 -> 9 -> 8 -> 7), high 42.
 */
static const struct machine big = {
	.ram = { { 0, 32768 } },
	.rsv = { { 0, 1 } },
	.limit = 30720,
	.zone_end = { 4096, 30720, 32768 },
};

/* ------------------------------------------------------ zone selection */

static void test_zone_selection_by_gfp(struct ktest *test)
{
	static const struct {
		gfp_t gfp;
		unsigned int order;
		unsigned long pfn;	/* the smallest fitting block's head */
	} cases[] = {
		{ GFP_DMA, 0, 1 },		{ GFP_KERNEL, 0, 10243 },
		{ GFP_HIGHUSER, 0, 13001 },	{ GFP_ATOMIC, 2, 10244 },
		{ GFP_NOWAIT, 3, 10248 },	{ GFP_USER, 4, 10256 },
		{ GFP_DMA, 10, 3072 },		{ GFP_KERNEL, 10, 9216 },
		{ GFP_HIGHUSER, 10, 15360 },	{ GFP_KERNEL | __GFP_HIGHMEM, 9, 12288 },
	};
	unsigned long addr;
	size_t i;

	boot(&known);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct page *page = alloc_pages(cases[i].gfp, cases[i].order);

		ASSERT_NOT_NULL(test, page);
		EXPECT_EQ(test, page_to_pfn(page), cases[i].pfn);
		EXPECT_EQ(test, page_count(page), 1);
		EXPECT_EQ(test, page_alloc_order(page), cases[i].order);
		hold(page, cases[i].order);
	}
	/* Lowmem pages have an address; highmem ones none until kmap. */
	EXPECT_TRUE(test, page_address(held[0].page) == sim_page(1));
	EXPECT_NULL(test, page_address(held[2].page));
	EXPECT_TRUE(test, PageHighMem(held[2].page));
	EXPECT_FALSE(test, PageHighMem(held[1].page));
	/* Normal's o0..o4 are taken now: an order 1 splits o5 @10272. */
	addr = __get_free_pages(GFP_KERNEL, 1);
	EXPECT_TRUE(test, (u8 *)addr == sim_page(10272));
	EXPECT_EQ(test, page_to_pfn(virt_to_page((void *)addr)), 10272);
	EXPECT_TRUE(test, free_head(10274, 1) && free_head(10276, 2) &&
		    free_head(10280, 3) && free_head(10288, 4));
	free_pages(addr, 1);
	free_held();
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

/* --------------------------------------------------- split and merge */

/* From 4 order-10 blocks, every order: the halves split off, then back. */
static void split_merge_zone(struct ktest *test, gfp_t gfp, enum zone_type z,
			     unsigned long nr_o10, unsigned long head)
{
	unsigned int order, o;

	for (order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(gfp, order);
		unsigned long want[MAX_ORDER] = { 0 };

		ASSERT_NOT_NULL(test, page);
		EXPECT_EQ(test, page_to_pfn(page), head);
		/* expand() leaves the upper half of each split at head + 2^o. */
		for (o = order; o < MAX_ORDER - 1; o++) {
			want[o] = 1;
			EXPECT_TRUE(test, free_head(head + (1UL << o), o));
		}
		want[MAX_ORDER - 1] = nr_o10 - 1;
		EXPECT_EQ(test, free_area_diff(z, want), 0);
		EXPECT_EQ(test, zone_of(z)->free_pages,
			  nr_o10 * 1024 - (1UL << order));
		EXPECT_EQ(test, check_free_lists(), 0);

		__free_pages(page, order);
		if (order == 0) {	/* a hot page waits on the pcp list */
			EXPECT_EQ(test, zone_of(z)->pcp.count, 1);
			EXPECT_EQ(test, free_area_diff(z, want), 0);
			drain_local_pages();
		}
		memset(want, 0, sizeof(want));
		want[MAX_ORDER - 1] = nr_o10;
		EXPECT_EQ(test, free_area_diff(z, want), 0);
		EXPECT_TRUE(test, free_head(head, MAX_ORDER - 1));
	}
}

static void test_split_and_merge_every_order(struct ktest *test)
{
	boot(&plain);
	split_merge_zone(test, GFP_HIGHUSER, ZONE_HIGHMEM, 4, 15360);
	split_merge_zone(test, GFP_KERNEL, ZONE_NORMAL, 8, 11264);
	EXPECT_AS_AT_BOOT(test);
}

/*
 * Four order-8 blocks of one order-10 block, freed C, A, D, B:
 *
 *	15360   15616   15872   16128   16384
 *	|   A   |   B   |   C   |   D   |
 *
 * C and A wait for their buddies; D merges with C into an order 9; B
 * merges with A, and that order 9 with C+D into the order 10 again.
 */
static void test_merge_in_any_order(struct ktest *test)
{
	static const struct {
		int blk;			/* freed: 0..3 for A..D */
		unsigned long head;		/* the free block it ends in */
		unsigned int order;
		unsigned long o8, o9, o10;	/* HighMem's nr_free after */
	} frees[] = {
		{ 2, 15872, 8,	1, 0, 3 },
		{ 0, 15360, 8,	2, 0, 3 },
		{ 3, 15872, 9,	1, 1, 3 },
		{ 1, 15360, 10,	0, 0, 4 },
	};
	struct page *blk[4];
	int i;

	boot(&plain);
	for (i = 0; i < 4; i++)
		blk[i] = alloc_pages(GFP_HIGHUSER, 8);
	ASSERT_TRUE(test, blk[0] && blk[1] && blk[2] && blk[3]);
	for (i = 0; i < 4; i++)
		EXPECT_EQ(test, page_to_pfn(blk[i]), 15360 + 256 * i);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3)), 0);
	for (i = 0; i < 4; i++) {
		__free_pages(blk[frees[i].blk], 8);
		EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
					       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, frees[i].o8,
						       frees[i].o9, frees[i].o10)), 0);
		EXPECT_TRUE(test, free_head(frees[i].head, frees[i].order));
	}
	EXPECT_FALSE(test, PageBuddy(blk[3]));	/* merged away: a tail now */
	EXPECT_AS_AT_BOOT(test);
}

/* An order missing from the lists is split off the next one up. */
static void test_split_smallest_fitting_block(struct ktest *test)
{
	struct page *page, *small;

	boot(&known);
	page = alloc_pages(GFP_DMA, 8);		/* DMA has no o8: o9 @512 */
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 512);
	EXPECT_TRUE(test, free_head(768, 8));
	EXPECT_EQ(test, free_area_diff(ZONE_DMA,
				       NR_FREE(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 3)), 0);
	small = alloc_pages(GFP_DMA, 1);	/* o1 exists: no split */
	ASSERT_NOT_NULL(test, small);
	EXPECT_EQ(test, page_to_pfn(small), 2);
	EXPECT_EQ(test, free_area_diff(ZONE_DMA,
				       NR_FREE(1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 3)), 0);
	__free_pages(page, 8);
	__free_pages(small, 1);
	EXPECT_AS_AT_BOOT(test);
}

/* ------------------------------------------------------ zone boundaries */

static void test_no_merge_across_zones(struct ktest *test)
{
	struct page *low, *high;

	boot(&boundary);
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->spanned_pages, 7904);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->zone_start_pfn, 12000);
	EXPECT_EQ(test, free_area_diff(ZONE_DMA,
				       NR_FREE(1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2)), 0);
	EXPECT_EQ(test, free_area_diff(ZONE_NORMAL,
				       NR_FREE(0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 7)), 0);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 4)), 0);
	EXPECT_TRUE(test, free_head(11968, 5));
	EXPECT_TRUE(test, free_head(12000, 5));
	EXPECT_TRUE(test, free_head(12032, 8));
	/* Buddies by pfn (11968 ^ 32 == 12000), but not by zone. */
	low = alloc_pages(GFP_KERNEL, 5);
	high = alloc_pages(GFP_HIGHUSER, 5);
	ASSERT_TRUE(test, low && high);
	EXPECT_EQ(test, page_to_pfn(low), 11968);
	EXPECT_EQ(test, page_to_pfn(high), 12000);
	__free_pages(high, 5);
	__free_pages(low, 5);
	EXPECT_TRUE(test, free_head(11968, 5));
	EXPECT_TRUE(test, free_head(12000, 5));
	EXPECT_AS_AT_BOOT(test);
}

/*
 * With the watermarks out of the way, taking order 10, then 9, ... 0
 * until each fails takes exactly the blocks memblock_free_all made, one
 * by one, and every block lies inside its zone.
 */
static void test_blocks_inside_zones(struct ktest *test)
{
	unsigned long count[MAX_NR_ZONES][MAX_ORDER] = { { 0 } };
	unsigned long outside = 0, i;
	enum zone_type z;
	int order;

	boot(&boundary);
	zero_watermarks();
	for (order = MAX_ORDER - 1; order >= 0; order--) {
		unsigned long first = nr_held;

		alloc_until_fail(GFP_HIGHUSER | __GFP_NOWARN, order);
		for (i = first; i < nr_held; i++) {
			struct page *page = held[i].page;
			unsigned long pfn = page_to_pfn(page);
			struct zone *zone = page_zone(page);

			count[page_zonenum(page)][order]++;
			if (!zone_spans_pfn(zone, pfn) ||
			    !zone_spans_pfn(zone, pfn + (1UL << order) - 1) ||
			    page_zone(page + (1UL << order) - 1) != zone)
				outside++;
		}
	}
	EXPECT_EQ(test, outside, 0);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(test, zone_of(z)->free_pages, 0);
		for (order = 0; order < MAX_ORDER; order++)
			EXPECT_EQ(test, count[z][order], boot_snap.nr_free[z][order]);
	}
	free_held();
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

/* ------------------------------------------ watermarks and reserves */

/*
 * GFP_HIGHUSER on the known machine, until it fails:
 *   at the low mark: HighMem to 51, Normal to 177 + 127, DMA to 88 + 45,
 *   then at min:     HighMem to 32, Normal to 142 + 127, DMA to 71 + 45.
 */
static void test_fallback_highmem_normal_dma(struct ktest *test)
{
	size_t mark;
	int i;

	boot(&known);
	mark = printk_log_pos();
	EXPECT_STREQ(test, alloc_until_fail(GFP_HIGHUSER, 0),
		     "HighMem*4044 Normal*7373 DMA*3706 HighMem*19 Normal*35 DMA*17");
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 32);
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->free_pages, 269);
	EXPECT_EQ(test, zone_of(ZONE_DMA)->free_pages, 116);
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0x100cc2\n");
	EXPECT_LOGGED(test, mark, "Node 0 HighMem: ");
	EXPECT_EQ(test, check_free_lists(), 0);

	/*
	 * Five HighMem pages back wait on the pcp list (high is 6), unseen
	 * by the watermark check: only the slow path's drain finds them.
	 */
	for (i = 0; i < 5; i++)
		__free_page(held[i].page);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->pcp.count, 5);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 32);
	for (i = 0; i < 5; i++) {
		held[i].page = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		ASSERT_NOT_NULL(test, held[i].page);
		EXPECT_TRUE(test, PageHighMem(held[i].page));
	}
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->pcp.count, 0);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 32);
	EXPECT_NULL(test, alloc_page(GFP_HIGHUSER | __GFP_NOWARN));
	free_held();
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

/*
 * GFP_KERNEL leaves HighMem alone and stops 29 pages (lowmem_reserve
 * of DMA against Normal) short of what GFP_DMA itself may take.
 */
static void test_lowmem_reserve_protects_dma(struct ktest *test)
{
	size_t mark;

	boot(&known);
	mark = printk_log_pos();
	EXPECT_STREQ(test, alloc_until_fail(GFP_KERNEL, 0),
		     "Normal*7500 DMA*3722 Normal*35 DMA*17");
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0xcc0\n");
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->free_pages, 142);
	EXPECT_EQ(test, zone_of(ZONE_DMA)->free_pages, 100);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 4095);
	EXPECT_STREQ(test, alloc_until_fail(GFP_DMA | __GFP_NOWARN, 0), "DMA*29");
	EXPECT_EQ(test, zone_of(ZONE_DMA)->free_pages, 71);
	/* Order 3 needs 8 pages above the mark: Normal sits at its min. */
	EXPECT_NULL(test, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	free_held();
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

/*
 * Below GFP_KERNEL's floor (Normal 142, DMA 100): __GFP_HIGH halves min
 * (Normal 71, DMA 36 + 29), GFP_ATOMIC takes a quarter more (Normal 54,
 * DMA 27 + 29); GFP_NOWAIT gets nothing.
 */
static void test_atomic_goes_deeper(struct ktest *test)
{
	size_t mark;

	boot(&known);
	alloc_until_fail(GFP_KERNEL | __GFP_NOWARN, 0);
	EXPECT_STREQ(test, alloc_until_fail(GFP_NOWAIT | __GFP_NOWARN, 0), "");
	EXPECT_STREQ(test, alloc_until_fail(GFP_NOWAIT | __GFP_HIGH | __GFP_NOWARN, 0),
		     "Normal*71 DMA*35");
	mark = printk_log_pos();
	EXPECT_STREQ(test, alloc_until_fail(GFP_ATOMIC, 0), "Normal*17 DMA*9");
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0xa20\n");
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->free_pages, 54);
	EXPECT_EQ(test, zone_of(ZONE_DMA)->free_pages, 56);
	EXPECT_EQ(test, zone_of(ZONE_HIGHMEM)->free_pages, 4095);
	/* __GFP_NOWARN: the failure is silent. */
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	EXPECT_FALSE(test, printk_log_find(mark, "page allocation failure"));
	free_held();
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

/* ------------------------------------------------------------ pcp lists */

/*
 * Normal on the big machine: batch 7, high 42.  Fifty allocations refill
 * the list 8 times (56 pages); fifty frees fill it to 42 three times,
 * each time giving the 7 coldest back: 35 stay.
 */
static void test_pcp_batch_refill_drain(struct ktest *test)
{
	struct zone *normal, *dma;
	unsigned long n0;
	struct page *page;
	int i;

	boot(&big);
	normal = zone_of(ZONE_NORMAL);
	dma = zone_of(ZONE_DMA);
	EXPECT_EQ(test, normal->pcp.batch, 7);
	EXPECT_EQ(test, normal->pcp.high, 42);
	EXPECT_EQ(test, dma->pcp.batch, 1);
	EXPECT_EQ(test, dma->pcp.high, 6);
	n0 = normal->free_pages;

	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	hold(page, 0);
	EXPECT_EQ(test, normal->pcp.count, 6);
	EXPECT_EQ(test, normal->free_pages, n0 - 7);
	EXPECT_EQ(test, zone_free_pages(normal), n0 - 1);
	for (i = 1; i < 7; i++)
		hold(alloc_page(GFP_KERNEL), 0);
	EXPECT_EQ(test, normal->pcp.count, 0);
	EXPECT_EQ(test, normal->free_pages, n0 - 7);
	for (i = 7; i < 50; i++)
		hold(alloc_page(GFP_KERNEL), 0);
	EXPECT_EQ(test, normal->pcp.count, 6);
	EXPECT_EQ(test, normal->free_pages, n0 - 56);
	for (i = 0; i < 50; i++)
		EXPECT_EQ(test, page_zonenum(held[i].page), ZONE_NORMAL);

	free_held();
	EXPECT_EQ(test, normal->pcp.count, 35);
	EXPECT_EQ(test, normal->free_pages, n0 - 35);
	EXPECT_EQ(test, zone_free_pages(normal), n0);
	EXPECT_EQ(test, check_free_lists(), 0);

	/* Hot first: the page freed last is the next one handed out. */
	page = alloc_page(GFP_KERNEL);
	EXPECT_TRUE(test, page == held[0].page);
	EXPECT_EQ(test, normal->pcp.count, 34);
	__free_page(page);

	/* DMA, batch 1 and high 6: the sixth free gives one page back. */
	for (i = 0; i < 6; i++)
		hold(alloc_page(GFP_DMA), 0);
	EXPECT_EQ(test, dma->pcp.count, 0);
	free_held();
	EXPECT_EQ(test, dma->pcp.count, 5);
	EXPECT_EQ(test, dma->free_pages, boot_snap.free_pages[ZONE_DMA] - 5);

	drain_local_pages();
	EXPECT_EQ(test, normal->pcp.count, 0);
	EXPECT_EQ(test, dma->pcp.count, 0);
	EXPECT_AS_AT_BOOT(test);
}

/* ---------------------------------------------------------- __GFP_ZERO */

static void test_gfp_zero(struct ktest *test)
{
	struct page *page;
	unsigned long before, addr;

	boot(&known);
	/* A lowmem page, dirtied and freed, comes back hot and zeroed. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	memset(page_address(page), 0xa5, PAGE_SIZE);
	__free_page(page);
	before = cleared_pages;
	EXPECT_TRUE(test, alloc_page(GFP_KERNEL | __GFP_ZERO) == page);
	EXPECT_EQ(test, cleared_pages - before, 1);
	EXPECT_TRUE(test, all_bytes(page_address(page), PAGE_SIZE, 0));
	/* Without __GFP_ZERO nothing is cleared. */
	memset(page_address(page), 0x5a, PAGE_SIZE);
	__free_page(page);
	EXPECT_TRUE(test, alloc_page(GFP_KERNEL) == page);
	EXPECT_EQ(test, cleared_pages - before, 1);
	EXPECT_TRUE(test, all_bytes(page_address(page), PAGE_SIZE, 0x5a));
	__free_page(page);

	/* A highmem order-3 block (@12992): exactly its 8 pages cleared. */
	memset(sim_page(12984), 0xa5, 24 * PAGE_SIZE);
	before = cleared_pages;
	page = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 3);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 12992);
	EXPECT_EQ(test, cleared_pages - before, 8);
	EXPECT_TRUE(test, all_bytes(sim_page(12992), 8 * PAGE_SIZE, 0));
	EXPECT_TRUE(test, all_bytes(sim_page(12984), 8 * PAGE_SIZE, 0xa5));
	EXPECT_TRUE(test, all_bytes(sim_page(13000), PAGE_SIZE, 0xa5));
	__free_pages(page, 3);

	/* get_zeroed_page: a lowmem address, zeroed. */
	page = alloc_page(GFP_KERNEL);
	memset(page_address(page), 0xff, PAGE_SIZE);
	__free_page(page);
	addr = get_zeroed_page(GFP_KERNEL);
	EXPECT_TRUE(test, (void *)addr == page_address(page));
	EXPECT_TRUE(test, all_bytes((u8 *)addr, PAGE_SIZE, 0));
	free_page(addr);
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

KTEST_SUITE(buddy_alloc,
	KTEST_CASE(test_zone_selection_by_gfp),
	KTEST_CASE(test_split_and_merge_every_order),
	KTEST_CASE(test_merge_in_any_order),
	KTEST_CASE(test_split_smallest_fitting_block),
	KTEST_CASE(test_no_merge_across_zones),
	KTEST_CASE(test_blocks_inside_zones),
	KTEST_CASE(test_fallback_highmem_normal_dma),
	KTEST_CASE(test_lowmem_reserve_protects_dma),
	KTEST_CASE(test_atomic_goes_deeper),
	KTEST_CASE(test_pcp_batch_refill_drain),
	KTEST_CASE(test_gfp_zero));
