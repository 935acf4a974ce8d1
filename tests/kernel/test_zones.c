/*
 * The node and its zones as mm_init.c set them up: spans, present and
 * managed pages against memblock and the lowmem boundary, the zone of the
 * pages at every boundary, the zonelists, min_free_kbytes, the watermarks
 * and lowmem_reserve by Linux's formulas; then the allocator's zone
 * choice, and exhaustion: each GFP class is allocated from until it fails,
 * every page checked against where Linux's rules say it must come from,
 * and everything is given back with the free counts exactly as before.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include "test_util.h"

extern int min_free_kbytes;	/* mm/mm_init.c */

/* ---- memblock's view, page by page ---- */

/* RAM pages in [s, e): what present_pages must be. */
static unsigned long ram_pages_in(unsigned long s, unsigned long e)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		unsigned long a = max(PFN_UP(start), s), b = min(PFN_DOWN(end), e);

		if (b > a)
			n += b - a;
	}
	return n;
}

/* The first pfn in [s, e) that is not RAM, or e if there is none. */
static unsigned long first_hole_in(unsigned long s, unsigned long e)
{
	phys_addr_t start, end;
	unsigned long pfn = s;
	u64 i;

	for_each_mem_range(i, &start, &end) {	/* sorted, merged */
		if (PFN_UP(start) > pfn)
			break;
		pfn = max(pfn, PFN_DOWN(end));
	}
	return min(pfn, e);
}

/* Pages memblock had free in [s, e): what managed_pages must be. */
static unsigned long memblock_free_pages_in(unsigned long s, unsigned long e)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		unsigned long a = max(PFN_UP(start), s), b = min(PFN_DOWN(end), e);

		if (b > a)
			n += b - a;
	}
	return n;
}

static void test_zone_spans(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	struct zone *high = zone_of(ZONE_HIGHMEM), *zone;
	unsigned long present = 0, managed = 0;

	EXPECT_STREQ(test, dma->name, "DMA");
	EXPECT_STREQ(test, normal->name, "Normal");
	EXPECT_STREQ(test, high->name, "HighMem");
	/* DMA is [0, 16 MiB): ISA DMA's 24 address bits. */
	EXPECT_EQ(test, dma->zone_start_pfn, 0);
	EXPECT_EQ(test, PFN_PHYS(dma->zone_start_pfn + dma->spanned_pages), SZ_16M);
	EXPECT_EQ(test, normal->zone_start_pfn, MAX_DMA_PFN);
	EXPECT_EQ(test, normal->zone_start_pfn + normal->spanned_pages, max_low_pfn);
	EXPECT_EQ(test, high->zone_start_pfn, max_low_pfn);
	EXPECT_EQ(test, high->zone_start_pfn + high->spanned_pages, max_pfn);
	EXPECT_EQ(test, max_pfn, PFN_DOWN(memblock_end_of_DRAM()));
	EXPECT_EQ(test, max_mapnr, max_pfn);
	for_each_zone(zone) {
		unsigned long s = zone->zone_start_pfn, e = s + zone->spanned_pages;

		EXPECT_EQ(test, zone->present_pages, ram_pages_in(s, e));
		EXPECT_EQ(test, zone->managed_pages, memblock_free_pages_in(s, e));
		EXPECT_LE(test, zone->managed_pages, zone->present_pages);
		EXPECT_LE(test, zone->present_pages, zone->spanned_pages);
		present += zone->present_pages;
		managed += zone->managed_pages;
	}
	EXPECT_EQ(test, present, memblock_phys_mem_size() >> PAGE_SHIFT);
	EXPECT_EQ(test, present, NODE_DATA(0)->node_present_pages);
	EXPECT_EQ(test, managed, totalram_pages);
	EXPECT_EQ(test, high->managed_pages, totalhigh_pages);
	/* Highmem exactly when RAM goes past the direct map. */
	EXPECT_EQ(test, populated_zone(high), max_pfn > max_low_pfn);
}

/* The zone recorded in every struct page is the zone that spans its pfn. */
static void test_every_page_in_its_zone(struct ktest *test)
{
	unsigned long pfn, wrong = 0;

	for (pfn = 0; pfn < max_mapnr; pfn++) {
		enum zone_type want = pfn < MAX_DMA_PFN ? ZONE_DMA :
				      pfn < max_low_pfn ? ZONE_NORMAL : ZONE_HIGHMEM;

		wrong += page_zonenum(pfn_to_page(pfn)) != want;
	}
	EXPECT_EQ(test, wrong, 0);
	EXPECT_FALSE(test, pfn_valid(max_pfn));
	EXPECT_TRUE(test, pfn_valid(max_pfn - 1));
}

/* With mem=16M all lowmem is DMA: there is no Normal zone to check. */
static void test_lowmem_boundaries(struct ktest *test)
{
	struct page *last_low = pfn_to_page(max_low_pfn - 1);
	bool normal = max_low_pfn > MAX_DMA_PFN;

	EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(0))), ZONE_DMA);
	EXPECT_FALSE(test, PageHighMem(pfn_to_page(0)));
	EXPECT_EQ(test, populated_zone(zone_of(ZONE_NORMAL)), normal);
	if (normal) {
		EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(MAX_DMA_PFN - 1))), ZONE_DMA);
		EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(MAX_DMA_PFN))), ZONE_NORMAL);
		EXPECT_FALSE(test, PageHighMem(pfn_to_page(MAX_DMA_PFN)));
	}
	EXPECT_EQ(test, zone_idx(page_zone(last_low)), normal ? ZONE_NORMAL : ZONE_DMA);
	EXPECT_FALSE(test, PageHighMem(last_low));
	/* The last lowmem page is the last page of the direct map. */
	EXPECT_EQ(test, (unsigned long)page_address(last_low),
		  (unsigned long)high_memory - PAGE_SIZE);
	EXPECT_EQ(test, page_to_pfn(virt_to_page((char *)high_memory - 1)), max_low_pfn - 1);
	EXPECT_EQ(test, page_to_pfn(virt_to_page(_text)), __pa(_text) >> PAGE_SHIFT);
}

static void test_highmem_boundaries(struct ktest *test)
{
	struct page *first_high = pfn_to_page(max_low_pfn);
	unsigned long pfn;

	if (!have_highmem())
		KTEST_SKIP(test, NO_HIGHMEM);
	EXPECT_EQ(test, zone_idx(page_zone(first_high)), ZONE_HIGHMEM);
	EXPECT_TRUE(test, PageHighMem(first_high));
	EXPECT_TRUE(test, highmem_address_ok(first_high));
	EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(max_pfn - 1))), ZONE_HIGHMEM);
	EXPECT_TRUE(test, PageHighMem(pfn_to_page(max_pfn - 1)));
	/* Holes inside the span (the PCI hole at -m 4G) stay reserved. */
	pfn = first_hole_in(max_low_pfn, max_pfn);
	if (pfn < max_pfn) {
		EXPECT_EQ(test, ram_pages_in(pfn, pfn + 1), 0);
		EXPECT_TRUE(test, PageReserved(pfn_to_page(pfn)));
		EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(pfn))), ZONE_HIGHMEM);
	}
	if (max_pfn > 0x100000)
		EXPECT_TRUE(test, PageHighMem(pfn_to_page(0x100000)));
}

/* A zonelist entry as its zone index; -1 for the terminating NULL. */
static int zl_idx(const struct zone *zone)
{
	return zone ? (int)zone_idx(zone) : -1;
}

/*
 * node_zonelists[h]: the populated zones h, h - 1, ..., DMA.  An empty
 * zone (HighMem below 896 MiB, Normal at mem=16M) is left out, not
 * listed first.
 */
static void test_zonelists(struct ktest *test)
{
	enum zone_type h;
	int z;

	EXPECT_TRUE(test, populated_zone(zone_of(ZONE_DMA)));
	for (h = 0; h < MAX_NR_ZONES; h++) {
		struct zone **list = NODE_DATA(0)->node_zonelists[h].zones;
		unsigned int i = 0;

		for (z = h; z >= 0; z--)
			if (populated_zone(zone_of(z)))
				EXPECT_EQ(test, zl_idx(list[i++]), z);
		EXPECT_EQ(test, zl_idx(list[i]), -1);
	}
}

/* The largest r with r * r <= x, by bisection: independent of int_sqrt. */
static unsigned long isqrt(u64 x)
{
	unsigned long lo = 0, hi = 65536;	/* x < 2^32 */

	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;

		if ((u64)mid * mid <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static unsigned long lowmem_managed(void)
{
	return zone_of(ZONE_DMA)->managed_pages + zone_of(ZONE_NORMAL)->managed_pages;
}

/*
 * Linux's init_per_zone_wmark_min: sqrt(lowmem KiB * 16), 128..262144,
 * from the lowmem this machine has managed (so 3.7 MiB at -m 2G, where
 * mem_map takes 16 MiB of lowmem, and 3.8 MiB at -m 1G).
 */
static void test_min_free_kbytes(struct ktest *test)
{
	u64 x = (u64)lowmem_managed() * (PAGE_SIZE >> 10) * 16;
	u64 m = min_free_kbytes;
	unsigned long want = min(max(isqrt(x), 128UL), 262144UL);

	EXPECT_EQ(test, min_free_kbytes, want);
	/* The root itself, checked by squaring rather than by bisection. */
	if (m > 128 && m < 262144) {
		EXPECT_LE(test, m * m, x);
		EXPECT_GT(test, (m + 1) * (m + 1), x);
	}
}

/*
 * Linux's __setup_per_zone_wmarks: lowmem zones share min_free_kbytes in
 * proportion to their size; highmem gets managed/1024 clamped to 32..128;
 * low and high are one and two steps of max(share/4, 0.1% of the zone)
 * above min.
 */
static void test_watermarks(struct ktest *test)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = lowmem_managed(), min_sum = 0;
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long managed = zone->managed_pages, share, step, want_min;

		share = (unsigned long)div_u64((u64)pages_min * managed, lowmem);
		if (zone_idx(zone) == ZONE_HIGHMEM)
			want_min = min(max(managed / 1024, 32UL), 128UL);
		else
			want_min = share;
		step = max(share / 4, managed * 10 / 10000);
		EXPECT_EQ(test, min_wmark_pages(zone), want_min);
		EXPECT_EQ(test, low_wmark_pages(zone), want_min + step);
		EXPECT_EQ(test, high_wmark_pages(zone), want_min + 2 * step);
		/*
		 * A zone too small for a step (the 224-page HighMem zone of
		 * -m 897M) has all three marks equal, in Linux too.
		 */
		if (step) {
			EXPECT_LT(test, min_wmark_pages(zone), low_wmark_pages(zone));
			EXPECT_LT(test, low_wmark_pages(zone), high_wmark_pages(zone));
		}
		if (zone_idx(zone) != ZONE_HIGHMEM)
			min_sum += min_wmark_pages(zone);
	}
	/* The shares add up to min_free_kbytes, less rounding. */
	EXPECT_LE(test, min_sum, pages_min);
	EXPECT_GE(test, min_sum + 1, pages_min);
}

/* lowmem_reserve[j] of zone i < j: managed pages of zones i+1..j / ratio. */
static void test_lowmem_reserve(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	struct zone *high = zone_of(ZONE_HIGHMEM);

	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_NORMAL], normal->managed_pages / 256);
	EXPECT_EQ(test, dma->lowmem_reserve[ZONE_HIGHMEM],
		  (normal->managed_pages + high->managed_pages) / 256);
	EXPECT_EQ(test, normal->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(test, normal->lowmem_reserve[ZONE_NORMAL], 0);
	EXPECT_EQ(test, normal->lowmem_reserve[ZONE_HIGHMEM], high->managed_pages / 32);
	EXPECT_EQ(test, high->lowmem_reserve[ZONE_DMA], 0);
	EXPECT_EQ(test, high->lowmem_reserve[ZONE_NORMAL], 0);
	EXPECT_EQ(test, high->lowmem_reserve[ZONE_HIGHMEM], 0);
	/* A Normal zone of 256 pages or more makes a real reserve. */
	if (normal->managed_pages >= 256)
		EXPECT_GT(test, dma->lowmem_reserve[ZONE_NORMAL], 0);
}

/*
 * Where a fresh allocation lands: the zone the table names, as long as
 * that zone can give the block above its low watermark.  Where it cannot
 * (no HighMem below 896 MiB, no Normal zone at mem=16M, no order-10
 * block in a 224-page HighMem zone at -m 897M), the zone the rule picks
 * next.
 */
static void test_gfp_zone_choice(struct ktest *test)
{
	static const struct {
		gfp_t gfp;
		unsigned int order;
		enum zone_type zone;
	} cases[] = {
		{ GFP_KERNEL, 0, ZONE_NORMAL },
		{ GFP_KERNEL, 3, ZONE_NORMAL },
		{ GFP_ATOMIC, 0, ZONE_NORMAL },
		{ GFP_NOWAIT, 1, ZONE_NORMAL },
		{ GFP_DMA, 0, ZONE_DMA },
		{ GFP_DMA, 4, ZONE_DMA },
		{ GFP_KERNEL | __GFP_DMA, 0, ZONE_DMA },
		{ GFP_HIGHUSER | __GFP_DMA, 0, ZONE_DMA },
		{ GFP_HIGHUSER, 0, ZONE_HIGHMEM },
		{ GFP_HIGHUSER, 10, ZONE_HIGHMEM },
	};
	struct free_state before;
	LIST_HEAD(pages);
	unsigned long addr;
	unsigned int i;

	free_state_take(&before);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		enum zone_type want = cases[i].zone;
		struct page *page;
		struct zone *rule;

		drain_local_pages();	/* rule_zone counts exactly */
		rule = rule_zone(cases[i].gfp, cases[i].order);
		if (!rule || zone_idx(rule) != want)
			pr_info("    # case %u: %s cannot give an order-%u block; the rule picks %s\n",
				i, zone_of(want)->name, cases[i].order,
				rule ? rule->name : "none");
		if (rule)
			want = zone_idx(rule);
		page = alloc_pages(cases[i].gfp | __GFP_NOWARN, cases[i].order);
		EXPECT_EQ(test, page != NULL, rule != NULL);
		if (!page)
			continue;
		list_add(&page->lru, &pages);
		if (page_zonenum(page) != want)
			pr_info("    # case %u: gfp %#x order %u came from %s\n", i,
				cases[i].gfp, cases[i].order, page_zone(page)->name);
		EXPECT_EQ(test, page_zonenum(page), want);
		EXPECT_EQ(test, PageHighMem(page), want == ZONE_HIGHMEM);
	}
	/* __get_free_page: a direct-mapped page of GFP_KERNEL's zone, by address. */
	addr = __get_free_page(GFP_KERNEL);
	EXPECT_NE(test, addr, 0);
	if (addr) {
		EXPECT_EQ(test, page_zonenum(virt_to_page((void *)addr)),
			  zone_idx(kernel_zone()));
		EXPECT_EQ(test, addr & ~PAGE_MASK, 0);
		free_page(addr);
	}
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- exhaustion ---- */

/*
 * Allocates order-0 pages with gfp until it fails, onto list (through
 * page->lru), checking each against rule_zone.  taken[] counts pages per
 * zone.  Then: each zone of the zonelist is left at exactly its retry
 * mark plus reserve, or where it started if it was already below that,
 * with its per-CPU list drained; and nothing was reported (__GFP_NOWARN).
 */
static void exhaust(struct ktest *test, gfp_t gfp, enum zone_type highest,
		    struct list_head *list, unsigned long *taken)
{
	struct zone **z, **zl = NODE_DATA(0)->node_zonelists[highest].zones;
	unsigned long start[MAX_NR_ZONES], wrong = 0;
	size_t mark = printk_log_pos();
	struct zone *want;
	struct page *page;

	drain_local_pages();
	for (z = zl; *z; z++)
		start[zone_idx(*z)] = (*z)->free_pages;
	memset(taken, 0, MAX_NR_ZONES * sizeof(*taken));
	do {
		want = rule_zone(gfp, 0);
		page = alloc_page(gfp | __GFP_NOWARN);
		if (page) {
			list_add(&page->lru, list);
			taken[page_zonenum(page)]++;
		}
		if ((page ? page_zone(page) : NULL) != want && wrong++ == 0)
			pr_info("    # gfp %#x: page from %s, expected %s\n", gfp,
				page ? page_zone(page)->name : "nowhere",
				want ? want->name : "nowhere");
	} while (page);
	EXPECT_EQ(test, wrong, 0);
	for (z = zl; *z; z++) {
		unsigned long floor = retry_mark(*z, gfp) +
				      (*z)->lowmem_reserve[highest];

		EXPECT_EQ(test, (*z)->free_pages, min(start[zone_idx(*z)], floor));
		EXPECT_EQ(test, (*z)->pcp.count, 0);
	}
	EXPECT_EQ(test, printk_log_count(mark, "page allocation failure"), 0);
}

/* GFP_DMA: DMA down to its low watermark, then to min, then NULL. */
static void test_dma_exhaustion(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA);
	unsigned long taken[MAX_NR_ZONES];
	struct free_state before;
	LIST_HEAD(pages);
	size_t mark;

	free_state_take(&before);
	exhaust(test, GFP_DMA, ZONE_DMA, &pages, taken);
	EXPECT_EQ(test, taken[ZONE_NORMAL] + taken[ZONE_HIGHMEM], 0);
	EXPECT_EQ(test, taken[ZONE_DMA], before.free[ZONE_DMA] - min_wmark_pages(dma));
	EXPECT_EQ(test, dma->free_pages, min_wmark_pages(dma));
	/* Without __GFP_NOWARN the failure is reported, with the mode. */
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_page(GFP_DMA));
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0x1\n");
	EXPECT_LOGGED(test, mark, "Node 0 DMA: ");
	/* Other zones are untouched: GFP_KERNEL still works. */
	EXPECT_EQ(test, free_page_list(&pages), taken[ZONE_DMA]);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * GFP_KERNEL: Normal down to its low watermark, then DMA while DMA stays
 * above low + lowmem_reserve[Normal], then both again down to min, then
 * NULL; GFP_KERNEL never takes the DMA reserve.
 */
static void test_kernel_falls_back_to_dma(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	long reserve = dma->lowmem_reserve[ZONE_NORMAL];
	unsigned long taken[MAX_NR_ZONES];
	struct free_state before;
	LIST_HEAD(pages);
	size_t mark;

	if (!populated_zone(normal))
		KTEST_SKIP(test, "no Normal zone to fall back from (all lowmem is DMA)");
	free_state_take(&before);
	exhaust(test, GFP_KERNEL, ZONE_NORMAL, &pages, taken);
	EXPECT_EQ(test, taken[ZONE_HIGHMEM], 0);
	EXPECT_EQ(test, normal->free_pages, min_wmark_pages(normal));
	EXPECT_EQ(test, dma->free_pages, min_wmark_pages(dma) + reserve);
	/* It did fall back, and stopped at the reserve. */
	EXPECT_EQ(test, taken[ZONE_DMA], before.free[ZONE_DMA] - dma->free_pages);
	EXPECT_GT(test, taken[ZONE_DMA], 0);
	EXPECT_EQ(test, taken[ZONE_NORMAL], before.free[ZONE_NORMAL] - normal->free_pages);
	/*
	 * GFP_DMA may still use the reserve GFP_KERNEL cannot; without one
	 * (a Normal zone under 256 pages) there is nothing left for it.
	 */
	{
		struct page *page = alloc_page(GFP_DMA | __GFP_NOWARN);

		EXPECT_EQ(test, page != NULL, reserve > 0);
		if (page)
			list_add(&page->lru, &pages);
	}
	mark = printk_log_pos();
	EXPECT_NULL(test, alloc_page(GFP_KERNEL));
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0xcc0\n");
	EXPECT_LOGGED(test, mark, "Node 0 Normal: ");
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * Where GFP_KERNEL fails, GFP_ATOMIC still gets pages below min: from
 * every zone of its zonelist that has them (Normal and DMA; at mem=17M
 * the Normal zone has nothing to give), each taken from min down to its
 * retry mark, both plus the zone's reserve against Normal.
 */
static void test_atomic_below_min(struct ktest *test)
{
	struct zone **z = NODE_DATA(0)->node_zonelists[ZONE_NORMAL].zones;
	unsigned long taken[MAX_NR_ZONES], all = 0;
	struct free_state before;
	LIST_HEAD(pages);

	free_state_take(&before);
	exhaust(test, GFP_KERNEL, ZONE_NORMAL, &pages, taken);
	EXPECT_NULL(test, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	exhaust(test, GFP_ATOMIC, ZONE_NORMAL, &pages, taken);
	for (; *z; z++) {
		unsigned long min = min_wmark_pages(*z), reserve = (*z)->lowmem_reserve[ZONE_NORMAL];
		unsigned long start = before.free[zone_idx(*z)];
		unsigned long floor = retry_mark(*z, GFP_ATOMIC) + reserve;

		EXPECT_EQ(test, taken[zone_idx(*z)], min(start, min + reserve) - min(start, floor));
		all += taken[zone_idx(*z)];
		/* About 3/8 of min: a half off for __GFP_HIGH, a quarter of that off. */
		EXPECT_EQ(test, retry_mark(*z, GFP_ATOMIC), (min - min / 2) - (min - min / 2) / 4);
	}
	EXPECT_GT(test, all, 0);
	EXPECT_NULL(test, alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * GFP_HIGHUSER: HighMem first, then Normal and DMA only down to their
 * reserves against HighMem, so user pages cannot drain lowmem.  A
 * reserve can be larger than the zone's free pages (DMA's from -m 4G,
 * Normal's from about -m 16G, where HighMem/32 outgrows lowmem): then
 * HIGHUSER takes nothing there.
 */
static void test_highuser_exhaustion(struct ktest *test)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	unsigned long taken[MAX_NR_ZONES];
	struct free_state before;
	LIST_HEAD(pages);
	struct page *page;
	enum zone_type t;

	if (!have_highmem())
		KTEST_SKIP(test, NO_HIGHMEM);
	free_state_take(&before);
	exhaust(test, GFP_HIGHUSER, ZONE_HIGHMEM, &pages, taken);
	EXPECT_EQ(test, high->free_pages, min_wmark_pages(high));
	EXPECT_EQ(test, taken[ZONE_HIGHMEM], before.free[ZONE_HIGHMEM] - min_wmark_pages(high));
	for (t = ZONE_DMA; t < ZONE_HIGHMEM; t++) {
		struct zone *zone = zone_of(t);
		unsigned long floor = min_wmark_pages(zone) + zone->lowmem_reserve[ZONE_HIGHMEM];

		EXPECT_EQ(test, zone->free_pages, min(before.free[t], floor));
		EXPECT_EQ(test, taken[t], before.free[t] - zone->free_pages);
		EXPECT_EQ(test, taken[t] > 0, before.free[t] > floor);
	}
	/* What HIGHUSER had to leave, GFP_KERNEL can still have. */
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	EXPECT_NOT_NULL(test, page);
	if (page) {
		EXPECT_EQ(test, page_zonenum(page), zone_idx(kernel_zone()));
		list_add(&page->lru, &pages);
	}
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

KTEST_SUITE(zones,
	    KTEST_CASE(test_zone_spans),
	    KTEST_CASE(test_every_page_in_its_zone),
	    KTEST_CASE(test_lowmem_boundaries),
	    KTEST_CASE(test_highmem_boundaries),
	    KTEST_CASE(test_zonelists),
	    KTEST_CASE(test_min_free_kbytes),
	    KTEST_CASE(test_watermarks),
	    KTEST_CASE(test_lowmem_reserve),
	    KTEST_CASE(test_gfp_zone_choice),
	    KTEST_CASE(test_dma_exhaustion),
	    KTEST_CASE(test_kernel_falls_back_to_dma),
	    KTEST_CASE(test_atomic_below_min),
	    KTEST_CASE(test_highuser_exhaustion));
