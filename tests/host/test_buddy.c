/*
 * Host tests for the buddy allocator (mm/page_alloc.c) and its bring-up
 * (mm/mm_init.c), run on a simulated machine (mm_sim.h) the way Linux's
 * tools/testing/memblock runs memblock: each case fills memblock as the
 * boot code would, free_area_init() sizes the zones and takes mem_map from
 * memblock (so it lives inside the simulated RAM), memblock_free_all()
 * hands the free ranges over, and then the case allocates and frees
 * through the real code and checks exact counts: blocks per order, free
 * pages per zone, watermarks, pcp counts, and the reports misuse provokes.
 *
 * The machines are drawn above their definitions; mem_map's size depends
 * on the host's struct page, so each machine reserves a window that
 * mem_map then fills exactly, keeping every other number host-independent.
 *
 * host-test-sources: mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "mm_sim.h"

/* -------------------------------------------------- simulated machines */

/*
 * "known": 64 MiB with a hole and reservations, every block counted.
 * M = MEMMAP_PAGES(16384): mem_map lands top-down just below the limit,
 * filling the window left after "fw" exactly.
 *
 *  pfn 0 1       256     512                                  4096
 *      |r| free  | image |              free                   |  DMA
 *        o0..o7                o9 @512, o10 @1024 2048 3072
 *
 *  4096                  10240 10243        11776  12288-M  12288
 *      |       free        |hole|   free      | fw  | mem_map |     Normal
 *        o10 @4096..9216 (6)     o0 o2..o8, o9 @10752 11264
 *
 *  12288             13000 13001                             16384
 *      |     free       |r|             free                   |  HighMem
 *        o9 o7 o6 o3       o0 o1 o2 o4 o5 o8, o10 @13312 14336 15360
 *
 * Managed: DMA 3839, Normal 7677, HighMem 4095; 15611 in all.
 */
static const struct machine known = {
	.ram = { { 0, 10240 }, { 10243, 16384 } },
	.rsv = { { 0, 1 }, { 256, 512 }, { 11776, 12288 - MEMMAP_PAGES(16384) },
		 { 13000, 13001 } },
	.limit = 12288,
	.zone_end = { 4096, 12288, 16384 },
};

#define KNOWN_MEMMAP	(12288 - MEMMAP_PAGES(16384))
BUILD_BUG_ON(MEMMAP_PAGES(16384) > 512);

/*
 * "plain": 64 MiB, only page 0 and the mem_map window reserved, so
 * Normal is 8 and HighMem 4 whole order-10 blocks.
 *
 *  0 1                    3584   4096-M 4096       12288       16384
 *  |r|     free            | rsv | mem_map | 8 x o10  | 4 x o10   |
 */
static const struct machine plain = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 3584, 4096 - MEMMAP_PAGES(16384) } },
	.limit = 4096,
	.zone_end = { 4096, 12288, 16384 },
};

/*
 * "boundary": as plain, but Normal ends at pfn 12000, inside an
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

/* "nohigh": 64 MiB all lowmem, an empty HighMem zone (as -m 128M). */
static const struct machine nohigh = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 3584, 4096 - MEMMAP_PAGES(16384) } },
	.limit = 4096,
	.zone_end = { 4096, 16384, 16384 },
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

/* "late_ram": RAM starts at 1 MiB; pfns 0..255 are a hole below it. */
static const struct machine late_ram = {
	.ram = { { 256, 16384 } },
	.rsv = { { 256, 257 } },
	.limit = 4096,
	.zone_end = { 4096, 12288, 16384 },
};

/* ------------------------------------------------------- boot and state */

/* Is the page at pfn the head of a free block of this order? */
static bool free_head(unsigned long pfn, unsigned int order)
{
	const struct page *page = pfn_to_page(pfn);

	return PageBuddy(page) && page->private == order &&
	       page_count(page) == 0;
}

/* Blocks a case holds, so it can give them all back. */
struct held_block {
	struct page *page;
	unsigned int order;
};

static struct held_block held[SIM_PFNS];
static unsigned long nr_held;

static void hold(struct page *page, unsigned int order)
{
	held[nr_held].page = page;
	held[nr_held].order = order;
	nr_held++;
}

static void free_held(void)
{
	while (nr_held) {
		nr_held--;
		__free_pages(held[nr_held].page, held[nr_held].order);
	}
}

static struct buddy_snap boot_snap;
static unsigned long boot_bad;		/* bad_page_count after boot */

static void boot(const struct machine *m)
{
	sim_boot(m);
	take_snap(&boot_snap);
	boot_bad = bad_page_count;
	nr_held = 0;
}

/* Lets a case use every page: no watermark, no lowmem_reserve. */
static void zero_watermarks(void)
{
	enum zone_type z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		memset(zone_of(z)->_watermark, 0, sizeof(zone_of(z)->_watermark));
		memset(zone_of(z)->lowmem_reserve, 0,
		       sizeof(zone_of(z)->lowmem_reserve));
	}
}

/*
 * Allocates 2^order blocks with gfp until one fails, holding them all,
 * and describes where they came from as runs: "HighMem*4044 Normal*7373".
 */
static char runs_buf[256];

static const char *alloc_until_fail(gfp_t gfp, unsigned int order)
{
	enum zone_type last = MAX_NR_ZONES;
	unsigned long n = 0;
	size_t len = 0;
	struct page *page;

	runs_buf[0] = '\0';
	for (;;) {
		page = alloc_pages(gfp, order);
		if (!page || page_zonenum(page) != last) {
			if (n)
				len += scnprintf(runs_buf + len, sizeof(runs_buf) - len,
						 "%s%s*%lu", len ? " " : "",
						 zone_of(last)->name, n);
			if (!page)
				return runs_buf;
			last = page_zonenum(page);
			n = 0;
		}
		hold(page, order);
		n++;
	}
}

/* ---------------------------------------------------- boot and layout */

static void test_boot_zone_sizes(struct ktest *test)
{
	static const unsigned long start[] = { 0, 4096, 12288 };
	static const unsigned long spanned[] = { 4096, 8192, 4096 };
	static const unsigned long present[] = { 4096, 8189, 4096 };
	static const unsigned long managed[] = { 3839, 7677, 4095 };
	enum zone_type z;

	boot(&known);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(test, zone_of(z)->zone_start_pfn, start[z]);
		EXPECT_EQ(test, zone_of(z)->spanned_pages, spanned[z]);
		EXPECT_EQ(test, zone_of(z)->present_pages, present[z]);
		EXPECT_EQ(test, zone_of(z)->managed_pages, managed[z]);
		EXPECT_EQ(test, zone_of(z)->free_pages, managed[z]);
		EXPECT_EQ(test, zone_of(z)->pcp.count, 0);
	}
	EXPECT_STREQ(test, zone_of(ZONE_DMA)->name, "DMA");
	EXPECT_STREQ(test, zone_of(ZONE_NORMAL)->name, "Normal");
	EXPECT_STREQ(test, zone_of(ZONE_HIGHMEM)->name, "HighMem");
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
	boot(&known);
	EXPECT_EQ(test, free_area_diff(ZONE_DMA,
				       NR_FREE(1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 3)), 0);
	EXPECT_EQ(test, free_area_diff(ZONE_NORMAL,
				       NR_FREE(1, 0, 1, 1, 1, 1, 1, 1, 1, 2, 6)), 0);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3)), 0);
	/* A few of the blocks, by address. */
	EXPECT_TRUE(test, free_head(1, 0));
	EXPECT_TRUE(test, free_head(128, 7));
	EXPECT_TRUE(test, free_head(512, 9));
	EXPECT_TRUE(test, free_head(3072, 10));
	EXPECT_TRUE(test, free_head(10243, 0));	/* just above the hole */
	EXPECT_TRUE(test, free_head(10244, 2));
	EXPECT_TRUE(test, free_head(11264, 9));
	EXPECT_TRUE(test, free_head(12992, 3));	/* just below pfn 13000 */
	EXPECT_TRUE(test, free_head(13001, 0));
	EXPECT_TRUE(test, free_head(13056, 8));
	EXPECT_TRUE(test, free_head(15360, 10));
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
		if (page->_mapcount != -1 || page_zonenum(page) != z)
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
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = zone_of(z);

		EXPECT_EQ(test, min_wmark_pages(zone), wmark[z][WMARK_MIN]);
		EXPECT_EQ(test, low_wmark_pages(zone), wmark[z][WMARK_LOW]);
		EXPECT_EQ(test, high_wmark_pages(zone), wmark[z][WMARK_HIGH]);
		for (j = 0; j < MAX_NR_ZONES; j++)
			EXPECT_EQ(test, zone->lowmem_reserve[j], reserve[z][j]);
		EXPECT_EQ(test, zone->pcp.batch, 1);
		EXPECT_EQ(test, zone->pcp.high, 6);
	}
}

static void test_zonelists(struct ktest *test)
{
	struct zonelist *zl = NODE_DATA(0)->node_zonelists;

	boot(&known);
	EXPECT_TRUE(test, zl[ZONE_DMA].zones[0] == zone_of(ZONE_DMA));
	EXPECT_NULL(test, zl[ZONE_DMA].zones[1]);
	EXPECT_TRUE(test, zl[ZONE_NORMAL].zones[0] == zone_of(ZONE_NORMAL));
	EXPECT_TRUE(test, zl[ZONE_NORMAL].zones[1] == zone_of(ZONE_DMA));
	EXPECT_NULL(test, zl[ZONE_NORMAL].zones[2]);
	EXPECT_TRUE(test, zl[ZONE_HIGHMEM].zones[0] == zone_of(ZONE_HIGHMEM));
	EXPECT_TRUE(test, zl[ZONE_HIGHMEM].zones[1] == zone_of(ZONE_NORMAL));
	EXPECT_TRUE(test, zl[ZONE_HIGHMEM].zones[2] == zone_of(ZONE_DMA));
	EXPECT_NULL(test, zl[ZONE_HIGHMEM].zones[3]);
}

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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	struct page *a, *b, *c, *d;

	boot(&plain);
	a = alloc_pages(GFP_HIGHUSER, 8);
	b = alloc_pages(GFP_HIGHUSER, 8);
	c = alloc_pages(GFP_HIGHUSER, 8);
	d = alloc_pages(GFP_HIGHUSER, 8);
	ASSERT_TRUE(test, a && b && c && d);
	EXPECT_EQ(test, page_to_pfn(a), 15360);
	EXPECT_EQ(test, page_to_pfn(b), 15616);
	EXPECT_EQ(test, page_to_pfn(c), 15872);
	EXPECT_EQ(test, page_to_pfn(d), 16128);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3)), 0);
	__free_pages(c, 8);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3)), 0);
	__free_pages(a, 8);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 3)), 0);
	__free_pages(d, 8);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3)), 0);
	EXPECT_TRUE(test, free_head(15872, 9));
	EXPECT_FALSE(test, PageBuddy(d));	/* merged away: a tail now */
	__free_pages(b, 8);
	EXPECT_EQ(test, free_area_diff(ZONE_HIGHMEM,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4)), 0);
	EXPECT_TRUE(test, free_head(15360, 10));
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

/* ---------------------------------------------------------- __GFP_ZERO */

static bool all_bytes(const u8 *p, size_t n, u8 v)
{
	while (n--)
		if (*p++ != v)
			return false;
	return true;
}

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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

/* ---------------------------------------------------------------- misuse */

/*
 * Each misuse: one "Bad page state" report (one stack dump), the free
 * lists exactly as before and consistent.
 */
#define EXPECT_ONE_REPORT(test, mark, bad0, dumps0, snap) do {		\
	EXPECT_EQ(test, bad_page_count - (bad0), 1);			\
	EXPECT_EQ(test, stack_dumps - (dumps0), 1);			\
	EXPECT_LOGGED(test, mark, "BUG: Bad page state in process swapper  pfn:"); \
	EXPECT_EQ(test, snap_diff(snap), 0);				\
	EXPECT_EQ(test, check_free_lists(), 0);				\
} while (0)

#define MISUSE_BEGIN(mark, bad0, dumps0, snap) do {			\
	take_snap(snap);						\
	mark = printk_log_pos();					\
	bad0 = bad_page_count;						\
	dumps0 = stack_dumps;						\
} while (0)

static void test_double_free(struct ktest *test)
{
	unsigned long bad0, dumps0;
	struct buddy_snap s;
	struct page *page, *x, *a, *b;
	size_t mark;

	boot(&known);
	/* Order 0: the first free parks it on the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	__free_page(page);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_page(page);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "pfn:02803\n");
	EXPECT_LOGGED(test, mark, "page dumped because: freeing a page with refcount 0");
	EXPECT_EQ(test, zone_of(ZONE_NORMAL)->pcp.count, 1);

	/* Order 2 (@13004): the first free puts it on a free list. */
	page = alloc_pages(GFP_HIGHUSER, 2);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 13004);
	__free_pages(page, 2);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(page, 2);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "pfn:032cc\n");
	EXPECT_LOGGED(test, mark, "page dumped because: freeing a page that is already free\n");
	EXPECT_LOGGED(test, mark, "flags: 0x80000200(buddy|zone=2)\n");

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
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(b, 9);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(a, 9);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "freeing a page that is already free");
	__free_pages(x, 9);
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

static void test_free_reserved_and_hole(struct ktest *test)
{
	static const unsigned long pfns[] = { 0, 300, 10241, KNOWN_MEMMAP, 13000 };
	unsigned long bad0, dumps0;
	struct buddy_snap s;
	size_t mark, i;

	boot(&known);
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		struct page *page = pfn_to_page(pfns[i]);

		MISUSE_BEGIN(mark, bad0, dumps0, &s);
		__free_page(page);
		EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
		EXPECT_LOGGED(test, mark, "page dumped because: freeing a reserved page\n");
		EXPECT_TRUE(test, PageReserved(page));
		EXPECT_EQ(test, page_count(page), 1);
	}
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	put_page(pfn_to_page(300));
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "pfn:0012c\n");
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

static void test_free_wrong_order(struct ktest *test)
{
	unsigned long bad0, dumps0;
	struct buddy_snap s;
	struct page *page;
	size_t mark;

	boot(&known);
	page = alloc_pages(GFP_HIGHUSER, 2);
	ASSERT_NOT_NULL(test, page);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(page, 1);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "freeing with a different order than allocated\n");
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(page, 3);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(page, 0);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_EQ(test, page_count(page), 1);
	__free_pages(page, 2);			/* the right order still works */
	EXPECT_EQ(test, bad_page_count - boot_bad, 3);
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

static void test_free_tail_page(struct ktest *test)
{
	unsigned long bad0, dumps0;
	struct buddy_snap s;
	struct page *page;
	size_t mark;

	boot(&known);
	page = alloc_pages(GFP_HIGHUSER, 2);	/* @13004 */
	ASSERT_NOT_NULL(test, page);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_page(page + 1);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "pfn:032cd\n");
	EXPECT_LOGGED(test, mark, "(not allocated, or a tail page)\n");
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	put_page(page + 3);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
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
	page->_mapcount = -1;
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
	__free_pages(page, order);
}

static void test_free_bad_flags(struct ktest *test)
{
	unsigned long bad0, dumps0, normal0;
	struct buddy_snap s;
	struct page *page;
	size_t mark;

	boot(&known);
	normal0 = zone_free_pages(zone_of(ZONE_NORMAL));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	SetPageSlab(page);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_page(page);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "freeing a slab page with free_pages\n");
	EXPECT_LOGGED(test, mark, "(slab|zone=1)\n");
	EXPECT_EQ(test, page_count(page), 1);
	ClearPageSlab(page);

	page->flags |= 1UL << PG_lru;
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_page(page);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	EXPECT_EQ(test, zone_free_pages(zone_of(ZONE_NORMAL)), normal0 - 1);
	repair_and_free(page, 0);

	page = alloc_page(GFP_KERNEL);
	page->_mapcount = 0;
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_page(page);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "page dumped because: nonzero mapcount\n");
	repair_and_free(page, 0);

	/* A tail page someone took a reference on (@10245 of o2 @10244). */
	page = alloc_pages(GFP_KERNEL, 2);
	ASSERT_NOT_NULL(test, page);
	set_page_count(page + 1, 1);
	MISUSE_BEGIN(mark, bad0, dumps0, &s);
	__free_pages(page, 2);
	EXPECT_ONE_REPORT(test, mark, bad0, dumps0, &s);
	EXPECT_LOGGED(test, mark, "pfn:02805\n");
	EXPECT_LOGGED(test, mark, "page dumped because: nonzero _refcount\n");
	set_page_count(page + 1, 0);
	repair_and_free(page, 2);

	EXPECT_EQ(test, bad_page_count - boot_bad, 4);
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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

/* --------------------------------------------------- exhaustion, stress */

static u8 owned[SIM_PFNS];

static void test_exhaustion_full_recovery(struct ktest *test)
{
	unsigned long i, twice = 0, reserved = 0;
	enum zone_type z;
	unsigned int o;
	size_t mark;

	boot(&known);
	zero_watermarks();
	memset(owned, 0, sizeof(owned));
	mark = printk_log_pos();
	EXPECT_STREQ(test, alloc_until_fail(GFP_HIGHUSER, 0),
		     "HighMem*4095 Normal*7677 DMA*3839");
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0x100cc2\n");
	EXPECT_LOGGED(test, mark, "Node 0 Normal: 0*4kB ");
	EXPECT_EQ(test, nr_held, totalram_pages);
	for (i = 0; i < nr_held; i++) {
		unsigned long pfn = page_to_pfn(held[i].page);

		twice += owned[pfn]++;
		reserved += PageReserved(held[i].page);
	}
	EXPECT_EQ(test, twice, 0);
	EXPECT_EQ(test, reserved, 0);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(test, zone_free_pages(zone_of(z)), 0);
		for (o = 0; o < MAX_ORDER; o++)
			EXPECT_EQ(test, zone_of(z)->free_area[o].nr_free, 0);
	}
	EXPECT_NULL(test, alloc_pages(GFP_DMA | __GFP_NOWARN, 0));
	EXPECT_NULL(test, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	EXPECT_EQ(test, check_free_lists(), 0);

	free_held();
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
	/* And the largest blocks are there again. */
	EXPECT_STREQ(test, alloc_until_fail(GFP_HIGHUSER | __GFP_NOWARN, 10),
		     "HighMem*3 Normal*6 DMA*3");
	free_held();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

static u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#define STRESS_OPS	200000
#define STRESS_HELD	3000
#define STRESS_CHECK	10000

static const gfp_t stress_gfp[] = {
	GFP_KERNEL, GFP_HIGHUSER, GFP_DMA, GFP_ATOMIC, GFP_NOWAIT, GFP_USER,
	GFP_HIGHUSER, GFP_KERNEL,
};

/* Problems with a block just handed out; marks its pages as ours. */
static unsigned long stress_take(struct page *page, unsigned int order,
				 gfp_t gfp, u32 tag)
{
	enum zone_type highest = (gfp & __GFP_DMA) ? ZONE_DMA :
				 (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
	unsigned long pfn = page_to_pfn(page), i, bad = 0;

	bad += (pfn & ((1UL << order) - 1)) != 0;
	bad += page_zonenum(page) > highest;
	bad += page_count(page) != 1 || page_alloc_order(page) != order;
	if ((gfp & __GFP_ZERO) && !all_bytes(sim_page(pfn), PAGE_SIZE << order, 0))
		bad++;
	for (i = 0; i < (1UL << order); i++) {
		bad += owned[pfn + i] || PageReserved(page + i) ||
		       page_zone(page + i) != page_zone(page);
		owned[pfn + i] = 1;
	}
	memcpy(sim_page(pfn), &tag, sizeof(tag));
	return bad;
}

/* Gives a held block back, sometimes by split_page or two references. */
static unsigned long stress_give(struct held_block *b, u32 tag, u32 r)
{
	unsigned long pfn = page_to_pfn(b->page), i, bad = 0;
	u32 seen;

	memcpy(&seen, sim_page(pfn), sizeof(seen));
	bad += seen != tag;
	for (i = 0; i < (1UL << b->order); i++)
		owned[pfn + i] = 0;
	if (r % 16 == 0 && b->order) {
		split_page(b->page, b->order);
		for (i = 0; i < (1UL << b->order); i++)
			__free_page(b->page + i);
	} else if (r % 16 == 1) {
		get_page(b->page);
		__free_pages(b->page, b->order);
		put_page(b->page);
	} else {
		__free_pages(b->page, b->order);
	}
	return bad;
}

static void test_random_stress(struct ktest *test)
{
	static u32 tags[STRESS_HELD];
	unsigned long per_zone[MAX_NR_ZONES] = { 0 };
	unsigned long op, bad = 0, fails = 0, allocs = 0;
	unsigned long held_pages = 0, accounting = 0;
	int check_bad = 0;
	u32 rng = 0x2545f491;
	enum zone_type z;

	boot(&known);
	memset(owned, 0, sizeof(owned));
	for (op = 0; op < STRESS_OPS; op++) {
		u32 r = xorshift32(&rng);

		if (nr_held == 0 || (nr_held < STRESS_HELD && r % 100 < 55)) {
			unsigned int order = __builtin_ctz(xorshift32(&rng) | (1u << 10));
			gfp_t gfp = stress_gfp[(r >> 8) % ARRAY_SIZE(stress_gfp)];
			struct page *page;

			if (order <= 2 && (r >> 16) % 8 == 0)
				gfp |= __GFP_ZERO;
			page = alloc_pages(gfp | __GFP_NOWARN, order);
			if (!page) {
				fails++;
				continue;
			}
			tags[nr_held] = r;
			bad += stress_take(page, order, gfp, r);
			per_zone[page_zonenum(page)]++;
			held_pages += 1UL << order;
			allocs++;
			hold(page, order);
		} else {
			unsigned long i = (r >> 8) % nr_held;

			held_pages -= 1UL << held[i].order;
			bad += stress_give(&held[i], tags[i], xorshift32(&rng));
			nr_held--;
			held[i] = held[nr_held];
			tags[i] = tags[nr_held];
		}
		if (op % STRESS_CHECK == STRESS_CHECK - 1) {
			unsigned long free = 0;

			check_bad += check_free_lists();
			for (z = 0; z < MAX_NR_ZONES; z++)
				free += zone_free_pages(zone_of(z));
			accounting += free + held_pages != totalram_pages;
		}
	}
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, check_bad, 0);
	EXPECT_EQ(test, accounting, 0);
	EXPECT_EQ(test, bad_page_count, boot_bad);
	/* It did reach every zone and ran out of memory on the way. */
	for (z = 0; z < MAX_NR_ZONES; z++)
		EXPECT_GT(test, per_zone[z], 0);
	EXPECT_GT(test, fails, 0);
	EXPECT_GT(test, allocs, STRESS_OPS / 3);
	printk("# stress: %lu allocations (DMA %lu, Normal %lu, HighMem %lu), %lu failed\n",
	       allocs, per_zone[ZONE_DMA], per_zone[ZONE_NORMAL],
	       per_zone[ZONE_HIGHMEM], fails);

	while (nr_held) {
		nr_held--;
		bad += stress_give(&held[nr_held], tags[nr_held], 2);
	}
	EXPECT_EQ(test, bad, 0);
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

/* ------------------------------------------------- other machines */

/*
 * No highmem (as -m 128M): an empty HighMem zone, GFP_HIGHUSER served
 * by Normal.  lowmem = 3583 + 12288 = 15871 pages: min_free_kbytes =
 * int_sqrt(63484 * 16) = 1007, pages_min 251; DMA min 251 * 3583 /
 * 15871 = 56 (+14), Normal 251 * 12288 / 15871 = 194 (+48).
 */
static void test_no_highmem_machine(struct ktest *test)
{
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
	EXPECT_TRUE(test, zl[ZONE_HIGHMEM].zones[0] == normal);
	EXPECT_TRUE(test, zl[ZONE_HIGHMEM].zones[1] == dma);
	EXPECT_NULL(test, zl[ZONE_HIGHMEM].zones[2]);
	EXPECT_EQ(test, free_area_diff(ZONE_NORMAL,
				       NR_FREE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12)), 0);
	EXPECT_EQ(test, min_free_kbytes, 1007);
	EXPECT_EQ(test, min_wmark_pages(dma), 56);
	EXPECT_EQ(test, low_wmark_pages(dma), 70);
	EXPECT_EQ(test, high_wmark_pages(dma), 84);
	EXPECT_EQ(test, min_wmark_pages(normal), 194);
	EXPECT_EQ(test, low_wmark_pages(normal), 242);
	EXPECT_EQ(test, high_wmark_pages(normal), 290);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_NORMAL], 48);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_HIGHMEM], 48);
	EXPECT_EQ(test, normal->lowmem_reserve[ZONE_HIGHMEM], 0);
	page = alloc_pages(GFP_HIGHUSER, 10);
	ASSERT_NOT_NULL(test, page);
	EXPECT_EQ(test, page_to_pfn(page), 15360);
	EXPECT_FALSE(test, PageHighMem(page));
	__free_pages(page, 10);
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
				pfn_to_page(pfn)->_mapcount != -1;
	EXPECT_EQ(test, not_reserved, 0);
	EXPECT_EQ(test, check_free_lists(), 0);
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
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
}

KTEST_SUITE(buddy,
	KTEST_CASE(test_boot_zone_sizes),
	KTEST_CASE(test_boot_free_areas),
	KTEST_CASE(test_boot_reserved_and_holes),
	KTEST_CASE(test_boot_memblock_retired),
	KTEST_CASE(test_show_free_areas),
	KTEST_CASE(test_watermark_values),
	KTEST_CASE(test_zonelists),
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
	KTEST_CASE(test_gfp_zero),
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_free_reserved_and_hole),
	KTEST_CASE(test_free_wrong_order),
	KTEST_CASE(test_free_tail_page),
	KTEST_CASE(test_free_bad_flags),
	KTEST_CASE(test_bad_page_at_alloc),
	KTEST_CASE(test_get_put_split),
	KTEST_CASE(test_bad_orders_and_gfp),
	KTEST_CASE(test_exhaustion_full_recovery),
	KTEST_CASE(test_random_stress),
	KTEST_CASE(test_no_highmem_machine),
	KTEST_CASE(test_hole_below_first_ram),
	KTEST_CASE(test_checker_catches_corruption));
