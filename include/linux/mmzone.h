/*
 * Nodes and zones (Linux: include/linux/mmzone.h).  One node; three zones
 * by physical address:
 *
 *   ZONE_DMA      [0, 16 MiB)              ISA DMA can reach it
 *   ZONE_NORMAL   [16 MiB, max_low_pfn)    direct-mapped lowmem
 *   ZONE_HIGHMEM  [max_low_pfn, max_pfn)   reachable only through kmap
 *
 * Each zone has its own buddy allocator: free_area[order] lists blocks of
 * 2^order pages aligned to their size.  A zone's free pages are guarded
 * by watermarks; lowmem_reserve[] keeps lower zones for callers that
 * cannot use the higher ones.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define MAX_ORDER		11	/* orders 0..10: up to 4 MiB blocks
					 * (Linux 6.0 spelling: exclusive) */
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

#define MAX_DMA_PFN	((16UL << 20) >> 12)

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;		/* blocks, not pages */
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/*
 * Hot order-0 pages kept per CPU so most single-page allocations and
 * frees skip the zone lock: refilled and drained `batch` at a time,
 * drained down when count exceeds `high`.
 */
struct per_cpu_pages {
	int count;
	int high;
	int batch;
	struct list_head list;
};

struct zone {
	unsigned long _watermark[NR_WMARK];
	long lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pages pcp;	/* [NR_CPUS] when SMP comes */
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* RAM pages in the span */
	unsigned long managed_pages;	/* pages the buddy allocator got */
	unsigned long free_pages;	/* in free_area (not counting pcp) */
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER];
};

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

/* The zones an allocation may use, best first (Linux's zonelist). */
struct zonelist {
	struct zone *zones[MAX_NR_ZONES + 1];	/* NULL-terminated */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	/* node_zonelists[h]: zones h, h-1, ..., DMA that have pages */
	struct zonelist node_zonelists[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
} pg_data_t;

extern pg_data_t contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline enum zone_type zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - NODE_DATA(0)->node_zones);
}

#define for_each_zone(zone)						\
	for (zone = NODE_DATA(0)->node_zones;				\
	     zone < NODE_DATA(0)->node_zones + MAX_NR_ZONES; zone++)

#endif /* _LINUX_MMZONE_H */
