/*
 * Bringing the page allocator up (Linux: mm/mm_init.c and the setup half
 * of mm/page_alloc.c): size the zones, allocate and initialize mem_map,
 * build the zonelists, hand memblock's free memory to the buddy lists
 * (memblock_free_all), then set the watermarks, lowmem_reserve and the
 * per-CPU list sizes from what each zone ended up managing.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/string.h>

/* mem_map costs eight words per page: 32 bytes on i386, 0.8% of RAM. */
BUILD_BUG_ON(sizeof(struct page) > 8 * sizeof(long));

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA", [ZONE_NORMAL] = "Normal", [ZONE_HIGHMEM] = "HighMem",
};

/* Linux's defaults (vm.min_free_kbytes is computed, the others fixed). */
int min_free_kbytes = 1024;
static const int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_NORMAL] = 32, [ZONE_HIGHMEM] = 0,
};
#define WATERMARK_SCALE_FACTOR	10	/* in 1/10000 of the zone */
#define SWAP_CLUSTER_MAX	32

/* RAM pages (memblock.memory) in [start_pfn, end_pfn). */
static unsigned long present_pages_in(unsigned long start_pfn,
				      unsigned long end_pfn)
{
	phys_addr_t start, end;
	unsigned long n = 0;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		unsigned long s = max(PFN_UP(start), start_pfn);
		unsigned long e = min(PFN_DOWN(end), end_pfn);

		if (e > s)
			n += e - s;
	}
	return n;
}

static void print_zone_range(const struct zone *zone)
{
	if (!zone->spanned_pages) {
		pr_info("  %-8s empty\n", zone->name);
		return;
	}
	pr_info("  %-8s [mem 0x%016llx-0x%016llx]\n", zone->name,
		(unsigned long long)PFN_PHYS(zone->zone_start_pfn),
		(unsigned long long)PFN_PHYS(zone->zone_start_pfn +
					     zone->spanned_pages) - 1);
}

static void zone_init(struct zone *zone, enum zone_type idx,
		      unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned int o;

	memset(zone, 0, sizeof(*zone));
	zone->name = zone_names[idx];
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = present_pages_in(start_pfn, end_pfn);
	spin_lock_init(&zone->lock);
	for (o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
	/* Until the real sizes are known every free goes straight through. */
	INIT_LIST_HEAD(&zone->pcp.list);
	zone->pcp.batch = 1;
	zone->pcp.high = 1;
}

/*
 * Writes struct pages [start, end) of zone z whole, 32 bytes each, with no
 * read first: mem_map comes unzeroed (memblock_alloc_raw), and this one
 * pass is all the per-page work the boot does.  A RAM page is written in
 * the state a free buddy page has (no flags, count 0, mapcount -1), so
 * the hand-over only links each block's head; a hole is PageReserved
 * with one reference, for good (Linux's init_unavailable_range).
 * Linux's __init_single_page gives every page one reference and
 * __free_pages_core drops it again page by page at the hand-over.
 */
static void __init init_zone_pages(unsigned long start, unsigned long end,
				   enum zone_type z, bool hole)
{
	unsigned long flags = ((unsigned long)z << ZONES_PGSHIFT) |
			      (hole ? 1UL << PG_reserved : 0);
	struct page *page = pfn_to_page(start), *last = pfn_to_page(end);

	/* Field by field: gcc copies a template struct word by word in a loop. */
	for (; page < last; page++) {
		page->flags = flags;
		INIT_LIST_HEAD(&page->lru);
		page->private = 0;
		page->freelist = NULL;
		page->counters = 0;
		atomic_set(&page->_refcount, hole);
		atomic_set(&page->_mapcount, -1);
	}
}

/*
 * [start, end) split at the zone boundaries.  Zones are contiguous and in
 * pfn order; a pfn below the first zone counts as DMA, one past the last
 * (none today) as the highest zone.
 */
static void __init memmap_init_range(unsigned long start, unsigned long end,
				     bool hole)
{
	enum zone_type z;

	for (z = 0; z < MAX_NR_ZONES && start < end; z++) {
		const struct zone *zone = &NODE_DATA(0)->node_zones[z];
		unsigned long zend = z == MAX_NR_ZONES - 1 ? end :
				     min(zone_end_pfn(zone), end);

		if (zend <= start)
			continue;
		init_zone_pages(start, zend, z, hole);
		start = zend;
	}
}

/*
 * Every pfn of mem_map: the whole pages of each memblock.memory range as
 * free-to-be, the rest (below the first range, between ranges, partial
 * pages at their edges) as holes.  memblock_free_all later marks what
 * memblock.reserved holds (Linux: memmap_init, memmap_init_zone_range).
 */
static void __init memmap_init(void)
{
	unsigned long hole = 0, s, e;
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		s = PFN_UP(start);
		e = min(PFN_DOWN(end), max_mapnr);
		if (s >= e)
			continue;
		memmap_init_range(hole, s, true);
		memmap_init_range(s, e, false);
		hole = e;
	}
	memmap_init_range(hole, max_mapnr, true);
}

/* node_zonelists[h] lists the populated zones h, h - 1, ..., DMA. */
void build_all_zonelists(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	int h, z, n;

	for (h = 0; h < MAX_NR_ZONES; h++) {
		n = 0;
		for (z = h; z >= 0; z--)
			if (populated_zone(&pgdat->node_zones[z]))
				pgdat->node_zonelists[h].zones[n++] =
					&pgdat->node_zones[z];
		pgdat->node_zonelists[h].zones[n] = NULL;
	}
}

/*
 * Zones from max_zone_pfn[] (each zone's end pfn), clipped to the RAM
 * memblock knows; mem_map for every pfn up to the end of RAM.  Prints
 * Linux's "Zone ranges:" and "Early memory node ranges" blocks.
 */
void free_area_init(unsigned long *max_zone_pfn)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long start = PFN_DOWN(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	phys_addr_t rs, re;
	enum zone_type z;
	u64 i;

	memset(pgdat, 0, sizeof(*pgdat));
	pr_info("Zone ranges:\n");
	for (z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long zend = min(max_zone_pfn[z], end);
		unsigned long zstart = min(start, zend);

		zone_init(&pgdat->node_zones[z], z, zstart, zend);
		print_zone_range(&pgdat->node_zones[z]);
		start = max(start, zend);
	}
	pr_info("Early memory node ranges\n");
	for_each_mem_range(i, &rs, &re)
		pr_info("  node   0: [mem 0x%016llx-0x%016llx]\n",
			(unsigned long long)rs, (unsigned long long)re - 1);
	pgdat->node_start_pfn = PFN_DOWN(memblock_start_of_DRAM());
	pgdat->node_spanned_pages = end - pgdat->node_start_pfn;
	pgdat->node_present_pages = present_pages_in(0, end);
	pr_info("Initmem setup node 0 [mem 0x%016llx-0x%016llx]\n",
		(unsigned long long)PFN_PHYS(pgdat->node_start_pfn),
		(unsigned long long)PFN_PHYS(end) - 1);

	max_mapnr = end;
	mem_map = memblock_alloc_raw(max_mapnr * sizeof(struct page), PAGE_SIZE);
	if (!mem_map)
		panic("free_area_init: no memory for mem_map (%lu pages)",
		      max_mapnr);
	memmap_init();
	build_all_zonelists();
}

/* ---- handing memory to the buddy allocator ---- */

/*
 * initrd pages and the like, reserved at boot, to the buddy allocator
 * (Linux's free_reserved_page path): they were PageReserved with one
 * reference.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long i, n = 1UL << order;

	for (i = 0; i < n; i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
	page_zone(page)->managed_pages += n;
	__free_pages(page, order);
}

/*
 * memblock.reserved pages become PageReserved with one reference; they
 * never reach the buddy allocator (Linux: memmap_init_reserved_pages and
 * reserve_bootmem_region).  Partial pages count as reserved.
 */
static void __init memmap_init_reserved_pages(void)
{
	phys_addr_t start, end;
	unsigned long pfn;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		for (pfn = PFN_DOWN(start);
		     pfn < PFN_UP(end) && pfn < max_mapnr; pfn++) {
			struct page *page = pfn_to_page(pfn);

			SetPageReserved(page);
			set_page_count(page, 1);
		}
}

/*
 * Frees [start, end) in the largest naturally aligned blocks that fit and
 * stay inside one zone.
 */
static void __init __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while (start & ((1UL << order) - 1))
			order--;
		while (start + (1UL << order) > end ||
		       page_zone(pfn_to_page(start)) !=
		       page_zone(pfn_to_page(start + (1UL << order) - 1)))
			order--;
		memblock_free_pages(pfn_to_page(start), start, order);
		start += 1UL << order;
	}
}

/* Every free memblock range to the buddy lists (Linux's name). */
static void __init free_low_memory_core_early(void)
{
	phys_addr_t start, end;
	struct zone *zone;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		unsigned long s = PFN_UP(start), e = min(PFN_DOWN(end), max_mapnr);

		if (e > s)
			__free_pages_memory(s, e);
	}
	totalram_pages = totalhigh_pages = 0;
	for_each_zone(zone) {
		totalram_pages += zone->managed_pages;
		if (zone_idx(zone) == ZONE_HIGHMEM)
			totalhigh_pages += zone->managed_pages;
	}
}

/*
 * memblock retires: its free ranges go to the buddy lists, everything
 * else stays PageReserved; then the zones' limits follow their sizes.
 */
void __init memblock_free_all(void)
{
	memmap_init_reserved_pages();
	free_low_memory_core_early();
	/*
	 * memblock's free ranges now belong to the buddy allocator: a late
	 * memblock allocation would hand out pages the buddy thinks free.
	 * A zero limit makes every one fail, with memblock's message.
	 */
	memblock_set_current_limit(0);
	setup_per_zone_wmarks();
}

/* ---- watermarks, reserves, per-CPU list sizes ---- */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (sizeof(long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* Linux's init_per_zone_wmark_min: sqrt(lowmem in KiB * 16). */
static void init_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_HIGHMEM)
			lowmem_kbytes += zone->managed_pages * (PAGE_SIZE >> 10);
	min_free_kbytes = int_sqrt(lowmem_kbytes * 16);
	min_free_kbytes = max(min_free_kbytes, 128);
	min_free_kbytes = min(min_free_kbytes, 262144);
}

/*
 * min: lowmem zones share min_free_kbytes in proportion to their size;
 * highmem keeps a token amount (nobody needs it in an emergency).
 * low and high sit a quarter of min (or 0.1% of the zone) above it.
 */
static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (zone_idx(zone) != ZONE_HIGHMEM)
			lowmem_pages += zone->managed_pages;
	for_each_zone(zone) {
		unsigned long managed = zone->managed_pages, tmp;

		tmp = lowmem_pages ? (unsigned long)div_u64((u64)pages_min * managed,
							    lowmem_pages) : 0;
		if (zone_idx(zone) == ZONE_HIGHMEM)
			zone->_watermark[WMARK_MIN] =
				min(max(managed / 1024, (unsigned long)SWAP_CLUSTER_MAX),
				    128UL);
		else
			zone->_watermark[WMARK_MIN] = tmp;
		tmp = max(tmp >> 2, managed * WATERMARK_SCALE_FACTOR / 10000);
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = min_wmark_pages(zone) + tmp * 2;
	}
}

/*
 * lowmem_reserve[j] of a lower zone: pages it keeps back from callers
 * whose highest zone is j, the managed pages above it over the ratio.
 */
static void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		unsigned long above = 0;

		zone->lowmem_reserve[i] = 0;
		for (j = i + 1; j < MAX_NR_ZONES; j++) {
			above += pgdat->node_zones[j].managed_pages;
			zone->lowmem_reserve[j] =
				(ratio && zone->managed_pages) ? above / ratio : 0;
		}
	}
}

/* Linux's zone_batchsize: about a quarter of 0.1% of the zone, <= 64. */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages / 1024;
	unsigned long p = 1;

	batch = min(batch, (1UL << 20) / PAGE_SIZE) / 4;
	batch = max(batch, 1UL);
	batch += batch / 2;
	while (p * 2 <= batch)
		p *= 2;
	return max((int)p - 1, 1);
}

static void zone_pcp_update(struct zone *zone)
{
	drain_local_pages();
	zone->pcp.batch = zone_batchsize(zone);
	zone->pcp.high = 6 * zone->pcp.batch;	/* Linux <= 5.13's rule */
}

void setup_per_zone_wmarks(void)
{
	struct zone *zone;

	init_min_free_kbytes();
	__setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	for_each_zone(zone)
		zone_pcp_update(zone);
}
