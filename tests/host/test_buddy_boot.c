/*
 * Host tests of the buddy allocator's bring-up (mm/mm_init.c, and
 * memblock_free_all handing over to mm/page_alloc.c), run on a simulated
 * machine (mm_sim.h) the way Linux's tools/testing/memblock runs
 * memblock: each case fills memblock as the boot code would,
 * free_area_init() sizes the zones and takes mem_map from memblock, and
 * memblock_free_all() hands the free ranges over.  The cases check the
 * zones, the free blocks, the reserved pages, the watermarks and the
 * zonelists that result, number by number.
 *
 * host-test-sources: mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/buddy_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "buddy_util.h"

/* "nohigh": 64 MiB all lowmem, an empty HighMem zone (as -m 128M). */
static const struct machine nohigh = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 3584, 4096 - MEMMAP_PAGES(16384) } },
	.limit = 4096,
	.zone_end = { 4096, 16384, 16384 },
};

/* "late_ram": RAM starts at 1 MiB; pfns 0..255 are a hole below it. */
static const struct machine late_ram = {
	.ram = { { 256, 16384 } },
	.rsv = { { 256, 257 } },
	.limit = 4096,
	.zone_end = { 4096, 12288, 16384 },
};

/* min, low and high of the zones up to last, against want[zone]. */
static void expect_wmarks(struct ktest *test,
			  const unsigned long (*want)[NR_WMARK],
			  enum zone_type last)
{
	enum zone_type z;

	for (z = 0; z <= last; z++) {
		EXPECT_EQ(test, min_wmark_pages(zone_of(z)), want[z][WMARK_MIN]);
		EXPECT_EQ(test, low_wmark_pages(zone_of(z)), want[z][WMARK_LOW]);
		EXPECT_EQ(test, high_wmark_pages(zone_of(z)), want[z][WMARK_HIGH]);
	}
}

/* ---------------------------------------------------- the known machine */

static void test_boot_zone_sizes(struct ktest *test)
{
	static const unsigned long start[] = { 0, 4096, 12288 };
	static const unsigned long spanned[] = { 4096, 8192, 4096 };
	static const unsigned long present[] = { 4096, 8189, 4096 };
	static const unsigned long managed[] = { 3839, 7677, 4095 };
	static const char *const name[] = { "DMA", "Normal", "HighMem" };
	enum zone_type z;

	boot(&known);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(test, zone_of(z)->zone_start_pfn, start[z]);
		EXPECT_EQ(test, zone_of(z)->spanned_pages, spanned[z]);
		EXPECT_EQ(test, zone_of(z)->present_pages, present[z]);
		EXPECT_EQ(test, zone_of(z)->managed_pages, managed[z]);
		EXPECT_EQ(test, zone_of(z)->free_pages, managed[z]);
		EXPECT_EQ(test, zone_of(z)->pcp.count, 0);
		EXPECT_STREQ(test, zone_of(z)->name, name[z]);
	}
	EXPECT_EQ(test, NODE_DATA(0)->node_start_pfn, 0);
	EXPECT_EQ(test, NODE_DATA(0)->node_spanned_pages, 16384);
	EXPECT_EQ(test, NODE_DATA(0)->node_present_pages, 16381);
	EXPECT_EQ(test, max_mapnr, 16384);
	EXPECT_EQ(test, totalram_pages, 15611);
	EXPECT_EQ(test, totalhigh_pages, 4095);
	EXPECT_EQ(test, nr_free_pages(), 15611);
	/* memblock put mem_map top-down below the limit, in the window. */
	EXPECT_TRUE(test, (u8 *)mem_map == sim_page(KNOWN_MEMMAP));
	EXPECT_EQ(test, check_free_lists(), 0);
}

static void test_boot_free_areas(struct ktest *test)
{
	static const unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER] = {
		{ 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 3 },
		{ 1, 0, 1, 1, 1, 1, 1, 1, 1, 2, 6 },
		{ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3 },
	};
	/* A few of the blocks, by address. */
	static const struct {
		unsigned long pfn;
		unsigned int order;
	} heads[] = {
		{ 1, 0 }, { 128, 7 }, { 512, 9 }, { 3072, 10 },
		{ 10243, 0 },		/* just above the hole */
		{ 10244, 2 }, { 11264, 9 },
		{ 12992, 3 },		/* just below pfn 13000 */
		{ 13001, 0 }, { 13056, 8 }, { 15360, 10 },
	};
	enum zone_type z;
	size_t i;

	boot(&known);
	for (z = 0; z < MAX_NR_ZONES; z++)
		EXPECT_EQ(test, free_area_diff(z, nr_free[z]), 0);
	for (i = 0; i < ARRAY_SIZE(heads); i++)
		EXPECT_TRUE(test, free_head(heads[i].pfn, heads[i].order));
	/* A tail page of a free block is not a head. */
	EXPECT_FALSE(test, PageBuddy(pfn_to_page(15361)));
	EXPECT_EQ(test, check_free_lists(), 0);
}

/* Every pfn: free (given to the buddy allocator) exactly where expected. */
static void test_boot_reserved_and_holes(struct ktest *test)
{
	static const struct pfn_range free_ranges[] = {
		{ 1, 256 }, { 512, 10240 }, { 10243, 11776 },
		{ 12288, 13000 }, { 13001, 16384 },
	};
	unsigned long pfn, wrong = 0, wrong_zone = 0, nfree = 0;
	size_t i;

	boot(&known);
	for (pfn = 0; pfn < max_mapnr; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		enum zone_type z = pfn < 4096 ? ZONE_DMA :
				   pfn < 12288 ? ZONE_NORMAL : ZONE_HIGHMEM;
		bool is_free = false;

		for (i = 0; i < ARRAY_SIZE(free_ranges); i++)
			if (pfn >= free_ranges[i].start && pfn < free_ranges[i].end)
				is_free = true;
		nfree += is_free;
		if (is_free ? PageReserved(page) || page_count(page) != 0
			    : !PageReserved(page) || page_count(page) != 1 ||
			      PageBuddy(page))
			wrong++;
		if (page_mapcount(page) || page_zonenum(page) != z)
			wrong_zone++;
	}
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, wrong_zone, 0);
	EXPECT_EQ(test, nfree, totalram_pages);
	/* Holes and reservations, one of each, spelled out. */
	EXPECT_TRUE(test, PageReserved(pfn_to_page(0)));
	EXPECT_TRUE(test, PageReserved(pfn_to_page(300)));
	EXPECT_TRUE(test, PageReserved(pfn_to_page(10241)));
	EXPECT_TRUE(test, PageReserved(pfn_to_page(KNOWN_MEMMAP)));
	EXPECT_TRUE(test, PageReserved(pfn_to_page(13000)));
	EXPECT_FALSE(test, PageReserved(pfn_to_page(13001)));
}

static void test_boot_memblock_retired(struct ktest *test)
{
	phys_addr_t reserved;
	size_t mark;

	boot(&known);
	reserved = memblock_reserved_size();
	EXPECT_EQ(test, memblock_get_current_limit(), 0);
	mark = printk_log_pos();
	/* A late memblock allocation would share pages with the buddy. */
	EXPECT_EQ(test, memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), 0);
	EXPECT_NULL(test, memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	EXPECT_EQ(test, memblock_reserved_size(), reserved);
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_LOGGED(test, mark, "memblock: failed to allocate 4096 bytes align=0x1000");
}

static void test_show_free_areas(struct ktest *test)
{
	size_t mark;

	boot(&known);
	mark = printk_log_pos();
	show_free_areas();
	EXPECT_LOGGED(test, mark, "Node 0 DMA: 1*4kB 1*8kB 1*16kB 1*32kB 1*64kB "
		      "1*128kB 1*256kB 1*512kB 0*1024kB 1*2048kB 3*4096kB = 15356kB\n");
	EXPECT_LOGGED(test, mark, "Node 0 Normal: 1*4kB 0*8kB 1*16kB 1*32kB 1*64kB "
		      "1*128kB 1*256kB 1*512kB 1*1024kB 2*2048kB 6*4096kB = 30708kB\n");
	EXPECT_LOGGED(test, mark, "Node 0 HighMem: 1*4kB 1*8kB 1*16kB 1*32kB 1*64kB "
		      "1*128kB 1*256kB 1*512kB 1*1024kB 1*2048kB 3*4096kB = 16380kB\n");
}

/*
 * The known machine by mm_init.c's formulas:
 *   lowmem = 3839 + 7677 = 11516 pages = 46064 kB
 *   min_free_kbytes = int_sqrt(46064 * 16) = 858; pages_min = 214
 *   DMA     min = 214 * 3839 / 11516 = 71, +max(71 / 4, 3) = 17: 88, 105
 *   Normal  min = 214 * 7677 / 11516 = 142, +max(35, 7) = 35: 177, 212
 *   HighMem min = clamp(4095 / 1024, 32, 128) = 32;
 *           tmp = 214 * 4095 / 11516 = 76, +max(19, 4) = 19: 51, 70
 *   lowmem_reserve: DMA [0, 7677 / 256, 11772 / 256] = [0, 29, 45]
 *                   Normal [0, 0, 4095 / 32] = [0, 0, 127]
 *   pcp: managed >> 10 <= 7 in every zone: batch 1, high 6
 */
static void test_watermark_values(struct ktest *test)
{
	static const unsigned long wmark[MAX_NR_ZONES][NR_WMARK] = {
		{ 71, 88, 105 }, { 142, 177, 212 }, { 32, 51, 70 },
	};
	static const long reserve[MAX_NR_ZONES][MAX_NR_ZONES] = {
		{ 0, 29, 45 }, { 0, 0, 127 }, { 0, 0, 0 },
	};
	enum zone_type z, j;

	boot(&known);
	EXPECT_EQ(test, min_free_kbytes, 858);
	expect_wmarks(test, wmark, ZONE_HIGHMEM);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (j = 0; j < MAX_NR_ZONES; j++)
			EXPECT_EQ(test, zone_of(z)->lowmem_reserve[j], reserve[z][j]);
		EXPECT_EQ(test, zone_of(z)->pcp.batch, 1);
		EXPECT_EQ(test, zone_of(z)->pcp.high, 6);
	}
}

/* Each zone's zonelist: itself, then every zone below it, then NULL. */
static void test_zonelists(struct ktest *test)
{
	struct zonelist *zl = NODE_DATA(0)->node_zonelists;
	enum zone_type z;
	int i;

	boot(&known);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (i = 0; i <= (int)z; i++)
			EXPECT_PTR_EQ(test, zl[z].zones[i], zone_of(z - i));
		EXPECT_NULL(test, zl[z].zones[z + 1]);
	}
}

/* ------------------------------------------------------ other machines */

/*
 * No highmem (as -m 128M): an empty HighMem zone, GFP_HIGHUSER served
 * by Normal.  lowmem = 3583 + 12288 = 15871 pages: min_free_kbytes =
 * int_sqrt(63484 * 16) = 1007, pages_min 251; DMA min 251 * 3583 /
 * 15871 = 56 (+14), Normal 251 * 12288 / 15871 = 194 (+48).
 */
static void test_no_highmem_machine(struct ktest *test)
{
	static const unsigned long wmark[][NR_WMARK] = {
		{ 56, 70, 84 }, { 194, 242, 290 },
	};
	struct zonelist *zl = NODE_DATA(0)->node_zonelists;
	struct zone *high, *normal, *dma;
	struct page *page;

	boot(&nohigh);
	high = zone_of(ZONE_HIGHMEM);
	normal = zone_of(ZONE_NORMAL);
	dma = zone_of(ZONE_DMA);
	EXPECT_EQ(test, high->spanned_pages, 0);
	EXPECT_EQ(test, high->present_pages, 0);
	EXPECT_EQ(test, high->managed_pages, 0);
	EXPECT_EQ(test, totalhigh_pages, 0);
	EXPECT_PTR_EQ(test, zl[ZONE_HIGHMEM].zones[0], normal);
	EXPECT_PTR_EQ(test, zl[ZONE_HIGHMEM].zones[1], dma);
	EXPECT_NULL(test, zl[ZONE_HIGHMEM].zones[2]);
	EXPECT_EQ(test, free_area_diff(ZONE_NORMAL,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12)), 0);
	EXPECT_EQ(test, min_free_kbytes, 1007);
	expect_wmarks(test, wmark, ZONE_NORMAL);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_NORMAL], 48);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_HIGHMEM], 48);
	EXPECT_EQ(test, normal->lowmem_reserve[ZONE_HIGHMEM], 0);
	page = alloc_pages(GFP_HIGHUSER, 10);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 15360);
	EXPECT_FALSE(test, PageHighMem(page));
	__free_pages(page, 10);
	EXPECT_AS_AT_BOOT(test);
}

/*
 * RAM from 1 MiB: pfns 0..255 are in mem_map (it is flat from pfn 0) but
 * are no RAM: a hole, and holes are reserved (mm.h, memmap_init; Linux's
 * init_unavailable_range does the same below the first range).
 */
static void test_hole_below_first_ram(struct ktest *test)
{
	unsigned long pfn, not_reserved = 0;

	boot(&late_ram);
	EXPECT_EQ(test, zone_of(ZONE_DMA)->zone_start_pfn, 256);
	EXPECT_EQ(test, zone_of(ZONE_DMA)->managed_pages,
		  3840 - 1 - MEMMAP_PAGES(16384));
	EXPECT_EQ(test, max_mapnr, 16384);
	for (pfn = 0; pfn < 256; pfn++)
		not_reserved += !PageReserved(pfn_to_page(pfn)) ||
				page_count(pfn_to_page(pfn)) != 1 ||
				page_mapcount(pfn_to_page(pfn)) != 0;
	EXPECT_EQ(test, not_reserved, 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

KTEST_SUITE(buddy_boot,
	KTEST_CASE(test_boot_zone_sizes),
	KTEST_CASE(test_boot_free_areas),
	KTEST_CASE(test_boot_reserved_and_holes),
	KTEST_CASE(test_boot_memblock_retired),
	KTEST_CASE(test_show_free_areas),
	KTEST_CASE(test_watermark_values),
	KTEST_CASE(test_zonelists),
	KTEST_CASE(test_no_highmem_machine),
	KTEST_CASE(test_hole_below_first_ram));
