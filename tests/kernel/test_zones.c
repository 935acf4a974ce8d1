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

static void test_lowmem_boundaries(struct ktest *test)
{
	struct page *last_low = pfn_to_page(max_low_pfn - 1);

	EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(0))), ZONE_DMA);
	EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(MAX_DMA_PFN - 1))), ZONE_DMA);
	EXPECT_EQ(test, zone_idx(page_zone(pfn_to_page(MAX_DMA_PFN))), ZONE_NORMAL);
	EXPECT_EQ(test, zone_idx(page_zone(last_low)), ZONE_NORMAL);
	EXPECT_FALSE(test, PageHighMem(pfn_to_page(0)));
	EXPECT_FALSE(test, PageHighMem(pfn_to_page(MAX_DMA_PFN)));
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
	EXPECT_NULL(test, page_address(first_high));
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

/* node_zonelists[h]: the populated zones h, h - 1, ..., DMA. */
static void test_zonelists(struct ktest *test)
{
	struct zone **dma = NODE_DATA(0)->node_zonelists[ZONE_DMA].zones;
	struct zone **normal = NODE_DATA(0)->node_zonelists[ZONE_NORMAL].zones;
	struct zone **high = NODE_DATA(0)->node_zonelists[ZONE_HIGHMEM].zones;

	EXPECT_EQ(test, zl_idx(dma[0]), ZONE_DMA);
	EXPECT_EQ(test, zl_idx(dma[1]), -1);
	EXPECT_EQ(test, zl_idx(normal[0]), ZONE_NORMAL);
	EXPECT_EQ(test, zl_idx(normal[1]), ZONE_DMA);
	EXPECT_EQ(test, zl_idx(normal[2]), -1);
	if (have_highmem()) {
		EXPECT_EQ(test, zl_idx(high[0]), ZONE_HIGHMEM);
		EXPECT_EQ(test, zl_idx(high[1]), ZONE_NORMAL);
		EXPECT_EQ(test, zl_idx(high[2]), ZONE_DMA);
		EXPECT_EQ(test, zl_idx(high[3]), -1);
	} else {
		/* The empty HighMem zone is left out, not listed first. */
		EXPECT_EQ(test, zl_idx(high[0]), ZONE_NORMAL);
		EXPECT_EQ(test, zl_idx(high[1]), ZONE_DMA);
		EXPECT_EQ(test, zl_idx(high[2]), -1);
	}
}

/* The largest r with r * r <= x, by bisection: independent of int_sqrt. */
static unsigned long isqrt(unsigned long x)
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

/* Linux's init_per_zone_wmark_min: sqrt(lowmem KiB * 16), 128..262144. */
static void test_min_free_kbytes(struct ktest *test)
{
	unsigned long kbytes = lowmem_managed() * (PAGE_SIZE >> 10);
	unsigned long want = min(max(isqrt(kbytes * 16), 128UL), 262144UL);

	EXPECT_EQ(test, min_free_kbytes, want);
	/* At -m 2G: lowmem ~880 MiB gives ~3.7 MiB, as Linux on i386. */
	if (max_low_pfn == (MAXMEM_DEFAULT >> PAGE_SHIFT)) {
		EXPECT_GT(test, min_free_kbytes, 3600);
		EXPECT_LT(test, min_free_kbytes, 3800);
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
		if (populated_zone(zone)) {
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
	/* Normal is large enough at every size we boot for a real reserve. */
	EXPECT_GT(test, dma->lowmem_reserve[ZONE_NORMAL], 0);
}

/* Where a fresh allocation lands, with every zone far above its marks. */
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
		struct page *page = alloc_pages(cases[i].gfp, cases[i].order);
		enum zone_type want = cases[i].zone;

		/* Without highmem, GFP_HIGHUSER gets the next zone down. */
		if (want == ZONE_HIGHMEM && !have_highmem())
			want = ZONE_NORMAL;
		EXPECT_NOT_NULL(test, page);
		if (!page)
			continue;
		list_add(&page->lru, &pages);
		if (page_zonenum(page) != want)
			pr_info("    # case %u: gfp %#x order %u came from %s\n", i,
				cases[i].gfp, cases[i].order, page_zone(page)->name);
		EXPECT_EQ(test, page_zonenum(page), want);
		EXPECT_EQ(test, PageHighMem(page), want == ZONE_HIGHMEM);
	}
	/* __get_free_page: a direct-mapped Normal page, by address. */
	addr = __get_free_page(GFP_KERNEL);
	EXPECT_NE(test, addr, 0);
	if (addr) {
		EXPECT_EQ(test, page_zonenum(virt_to_page((void *)addr)), ZONE_NORMAL);
		EXPECT_EQ(test, addr & ~PAGE_MASK, 0);
		free_page(addr);
	}
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- exhaustion ---- */

/*
 * The mark an allocation's retry uses: min, lowered for __GFP_HIGH by a
 * half and then for __GFP_ATOMIC by a quarter (Linux's ALLOC_HIGH and
 * ALLOC_HARDER in __zone_watermark_ok).
 */
static unsigned long retry_mark(const struct zone *zone, gfp_t gfp)
{
	unsigned long mark = min_wmark_pages(zone);

	if (gfp & __GFP_HIGH)
		mark -= mark / 2;
	if (gfp & __GFP_ATOMIC)
		mark -= mark / 4;
	return mark;
}

/*
 * The rule for one order-0 allocation, as Linux states it: the first zone
 * of the zonelist whose free pages are above its low watermark plus its
 * lowmem_reserve against the highest zone the caller may use; failing
 * that, after the per-CPU lists are drained, the first above its retry
 * mark plus the reserve; failing that, none.  (A zone's free pages do
 * not count its per-CPU list until it is drained.)
 */
static struct zone *rule_zone(gfp_t gfp, enum zone_type highest)
{
	struct zone **z, **list = NODE_DATA(0)->node_zonelists[highest].zones;

	for (z = list; *z; z++)
		if ((*z)->free_pages > low_wmark_pages(*z) + (*z)->lowmem_reserve[highest])
			return *z;
	for (z = list; *z; z++)
		if ((*z)->free_pages + (*z)->pcp.count >
		    retry_mark(*z, gfp) + (*z)->lowmem_reserve[highest])
			return *z;
	return NULL;
}

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
		want = rule_zone(gfp, highest);
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

	free_state_take(&before);
	exhaust(test, GFP_KERNEL, ZONE_NORMAL, &pages, taken);
	EXPECT_EQ(test, taken[ZONE_HIGHMEM], 0);
	EXPECT_EQ(test, normal->free_pages, min_wmark_pages(normal));
	EXPECT_EQ(test, dma->free_pages, min_wmark_pages(dma) + reserve);
	/* It did fall back, and stopped at the reserve. */
	EXPECT_EQ(test, taken[ZONE_DMA], before.free[ZONE_DMA] - dma->free_pages);
	EXPECT_GT(test, taken[ZONE_DMA], 0);
	EXPECT_EQ(test, taken[ZONE_NORMAL], before.free[ZONE_NORMAL] - normal->free_pages);
	/* GFP_DMA may still use the reserve GFP_KERNEL cannot. */
	{
		struct page *page = alloc_page(GFP_DMA | __GFP_NOWARN);

		EXPECT_NOT_NULL(test, page);
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

/* Where GFP_KERNEL fails, GFP_ATOMIC still gets pages below min. */
static void test_atomic_below_min(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	long reserve = dma->lowmem_reserve[ZONE_NORMAL];
	unsigned long taken[MAX_NR_ZONES];
	struct free_state before;
	LIST_HEAD(pages);

	free_state_take(&before);
	exhaust(test, GFP_KERNEL, ZONE_NORMAL, &pages, taken);
	EXPECT_NULL(test, alloc_page(GFP_KERNEL | __GFP_NOWARN));
	exhaust(test, GFP_ATOMIC, ZONE_NORMAL, &pages, taken);
	EXPECT_GT(test, taken[ZONE_NORMAL], 0);
	EXPECT_GT(test, taken[ZONE_DMA], 0);
	EXPECT_LT(test, normal->free_pages, min_wmark_pages(normal));
	EXPECT_EQ(test, normal->free_pages, retry_mark(normal, GFP_ATOMIC));
	EXPECT_EQ(test, dma->free_pages, retry_mark(dma, GFP_ATOMIC) + reserve);
	/* About 3/8 of min: a half off for __GFP_HIGH, a quarter of that off. */
	EXPECT_EQ(test, retry_mark(normal, GFP_ATOMIC),
		  (min_wmark_pages(normal) - min_wmark_pages(normal) / 2) -
		  (min_wmark_pages(normal) - min_wmark_pages(normal) / 2) / 4);
	EXPECT_NULL(test, alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	free_page_list(&pages);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/*
 * GFP_HIGHUSER: HighMem first, then Normal and DMA only down to their
 * reserves against HighMem, so user pages cannot drain lowmem.
 */
static void test_highuser_exhaustion(struct ktest *test)
{
	struct zone *dma = zone_of(ZONE_DMA), *normal = zone_of(ZONE_NORMAL);
	struct zone *high = zone_of(ZONE_HIGHMEM);
	unsigned long taken[MAX_NR_ZONES], dma_floor;
	struct free_state before;
	LIST_HEAD(pages);
	struct page *page;

	if (!have_highmem())
		KTEST_SKIP(test, NO_HIGHMEM);
	free_state_take(&before);
	exhaust(test, GFP_HIGHUSER, ZONE_HIGHMEM, &pages, taken);
	EXPECT_EQ(test, high->free_pages, min_wmark_pages(high));
	EXPECT_EQ(test, taken[ZONE_HIGHMEM], before.free[ZONE_HIGHMEM] - min_wmark_pages(high));
	EXPECT_GT(test, taken[ZONE_NORMAL], 0);
	EXPECT_EQ(test, normal->free_pages, min_wmark_pages(normal) +
		  normal->lowmem_reserve[ZONE_HIGHMEM]);
	/* At -m 4G the DMA reserve against HighMem is larger than DMA. */
	dma_floor = min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_HIGHMEM];
	EXPECT_EQ(test, dma->free_pages, min(before.free[ZONE_DMA], dma_floor));
	/* What HIGHUSER had to leave, GFP_KERNEL can still have. */
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	EXPECT_NOT_NULL(test, page);
	if (page) {
		EXPECT_EQ(test, page_zonenum(page), ZONE_NORMAL);
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
