/*
 * Looking at the page allocator (Linux: mm/vmstat.c for /proc/buddyinfo
 * and /proc/zoneinfo, fs/proc/meminfo.c for /proc/meminfo): the monitor
 * commands, in the /proc files' formats, and the free-page snapshot the
 * test runner compares around every suite.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/proc_fs.h>
#include <linux/shmem_fs.h>
#include <linux/sprintf.h>
#include "slab.h"

static const char *const order_names[MAX_ORDER] = {
	"order0", "order1", "order2", "order3", "order4", "order5",
	"order6", "order7", "order8", "order9", "order10",
};

/*
 * Empty slabs given back and the per-CPU lists drained: the buddy system
 * always merges what it can, so the same set of free pages then always
 * gives the same numbers.
 */
static void drain_for_counting(void)
{
	struct kmem_cache *cache;

	mutex_lock(&slab_mutex);
	list_for_each_entry(cache, &slab_caches, list)
		kmem_cache_shrink(cache);
	mutex_unlock(&slab_mutex);
	drain_local_pages();
}

/* Free pages per zone and blocks per order, after drain_for_counting. */
void ktest_take_snapshot(struct ktest_snapshot *s)
{
	struct zone *zone;
	unsigned int o;

	drain_for_counting();
	s->n = 0;
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		s->name[s->n] = zone->name;
		s->v[s->n++] = zone->free_pages;
		for (o = 0; o < MAX_ORDER && s->n < KTEST_SNAPSHOT_MAX; o++) {
			s->name[s->n] = order_names[o];
			s->v[s->n++] = zone->free_area[o].nr_free;
		}
	}
}

/* /proc/buddyinfo: free blocks per order, one line per zone. */
static int cmd_buddyinfo(int argc, char **argv)
{
	struct zone *zone;
	unsigned int o;

	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		mon_printf("Node 0, zone %8s ", zone->name);
		for (o = 0; o < MAX_ORDER; o++)
			mon_printf("%6lu ", zone->free_area[o].nr_free);
		mon_printf("\n");
	}
	return 0;
}
DEFINE_MONITOR_CMD("buddyinfo", "buddyinfo", "free blocks per order, as /proc/buddyinfo", cmd_buddyinfo);

/* What the self-tests do before they count: then buddyinfo is exact. */
static int cmd_drain(int argc, char **argv)
{
	drain_for_counting();
	mon_printf("drain: per-CPU lists emptied, empty slabs given back\n");
	return 0;
}
DEFINE_MONITOR_CMD("drain", "drain", "empty the per-CPU page lists and shrink the slab caches", cmd_drain);

/*
 * Linux groups free blocks by migratetype in pageblocks of 2^(MAX_ORDER
 * - 1) pages when there are no huge pages.  This kernel has no
 * migratetypes: every free block is what Linux calls Unmovable when
 * mobility grouping is off, so that is the one row per zone.
 */
#define PAGEBLOCK_ORDER		(MAX_ORDER - 1)

static unsigned long zone_pageblocks(struct zone *zone)
{
	unsigned long pfn, end = zone->zone_start_pfn + zone->spanned_pages;
	unsigned long n = 0;

	for (pfn = zone->zone_start_pfn; pfn < end; pfn += 1UL << PAGEBLOCK_ORDER)
		if (pfn_valid(pfn) && page_zone(pfn_to_page(pfn)) == zone)
			n++;
	return n;
}

static int cmd_pagetypeinfo(int argc, char **argv)
{
	struct zone *zone;
	unsigned int o;

	mon_printf("Page block order: %d\nPages per block:  %lu\n\n",
		   PAGEBLOCK_ORDER, 1UL << PAGEBLOCK_ORDER);
	mon_printf("%-43s ", "Free pages count per migrate type at order");
	for (o = 0; o < MAX_ORDER; o++)
		mon_printf("%6u ", o);
	mon_printf("\n");
	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		mon_printf("Node %4d, zone %8s, type %12s ", 0, zone->name, "Unmovable");
		for (o = 0; o < MAX_ORDER; o++)
			mon_printf("%6lu ", zone->free_area[o].nr_free);
		mon_printf("\n");
	}
	mon_printf("\n%-23s%12s \n", "Number of blocks type ", "Unmovable");
	for_each_zone(zone)
		if (populated_zone(zone))
			mon_printf("Node %d, zone %8s %12lu \n", 0, zone->name,
				   zone_pageblocks(zone));
	mon_printf("mobility grouping off: one migratetype\n");
	return 0;
}
DEFINE_MONITOR_CMD("pagetypeinfo", "pagetypeinfo", "free blocks per zone, migratetype and order, as /proc/pagetypeinfo", cmd_pagetypeinfo);

static void zoneinfo_one(struct zone *zone)
{
	int i;

	mon_printf("Node 0, zone %8s\n", zone->name);
	/* NR_FREE_PAGES: the buddy lists; the per-CPU pages come below. */
	mon_printf("  pages free     %lu\n", zone->free_pages);
	mon_printf("        min      %lu\n", min_wmark_pages(zone));
	mon_printf("        low      %lu\n", low_wmark_pages(zone));
	mon_printf("        high     %lu\n", high_wmark_pages(zone));
	mon_printf("        spanned  %lu\n", zone->spanned_pages);
	mon_printf("        present  %lu\n", zone->present_pages);
	mon_printf("        managed  %lu\n", zone->managed_pages);
	mon_printf("        protection: (");
	for (i = 0; i < MAX_NR_ZONES; i++)
		mon_printf("%s%ld", i ? ", " : "", zone->lowmem_reserve[i]);
	mon_printf(")\n");
	mon_printf("  pagesets\n    cpu: 0\n              count: %d\n"
		   "              high:  %d\n              batch: %d\n",
		   zone->pcp.count, zone->pcp.high, zone->pcp.batch);
	mon_printf("  start_pfn:           %lu\n", zone->zone_start_pfn);
}

/* /proc/zoneinfo, the parts this kernel has. */
static int cmd_zoneinfo(int argc, char **argv)
{
	struct zone *zone;

	for_each_zone(zone)
		zoneinfo_one(zone);
	return 0;
}
DEFINE_MONITOR_CMD("zoneinfo", "zoneinfo", "zones, watermarks, pcp lists, as /proc/zoneinfo", cmd_zoneinfo);

/*
 * memblock's regions as memblock=debug prints them.  Linux on x86 frees
 * memblock's arrays after boot; this kernel keeps them (the static ones
 * are never freed, a grown one stays reserved), and the initrd's pages
 * leave memblock.reserved when they go to the buddy allocator.  So the
 * dump is today's: memory is the RAM, reserved what is PageReserved.
 */
static int cmd_memblock(int argc, char **argv)
{
	memblock_dump_to(mon_printf);
	mon_printf("memblock: retired at boot (memblock_free_all), current_limit 0x%llx\n",
		   (unsigned long long)memblock_get_current_limit());
	return 0;
}
DEFINE_MONITOR_CMD("memblock", "memblock", "memory and reserved regions (kept after boot), as memblock=debug", cmd_memblock);

/*
 * /proc/meminfo's memory lines into buf, for the monitor and the /proc
 * file alike; returns the length.  Free means NR_FREE_PAGES, as in
 * Linux: pages on the per-CPU lists count as allocated (zoneinfo shows
 * them), which is also what the watermark checks see.
 */
int meminfo_proc_show(char *buf, size_t size)
{
	unsigned long free = nr_free_pages(), highfree;

	highfree = NODE_DATA(0)->node_zones[ZONE_HIGHMEM].free_pages;
	return scnprintf(buf, size,
			 "MemTotal:       %8lu kB\n"
			 "MemFree:        %8lu kB\n"
			 "HighTotal:      %8lu kB\n"
			 "HighFree:       %8lu kB\n"
			 "LowTotal:       %8lu kB\n"
			 "LowFree:        %8lu kB\n"
			 "AnonPages:      %8lu kB\n"
			 "Shmem:          %8lu kB\n"
			 "PageTables:     %8lu kB\n",
			 totalram_pages << 2, free << 2, totalhigh_pages << 2,
			 highfree << 2, (totalram_pages - totalhigh_pages) << 2,
			 (free - highfree) << 2,
			 (unsigned long)atomic_read(&nr_anon_mapped) << 2,
			 (unsigned long)atomic_read(&nr_shmem) << 2,
			 (unsigned long)atomic_read(&nr_pagetable_pages) << 2);
}

static int cmd_meminfo(int argc, char **argv)
{
	char buf[512];

	mon_write(buf, meminfo_proc_show(buf, sizeof(buf)));
	return 0;
}
DEFINE_MONITOR_CMD("meminfo", "meminfo", "memory totals, as /proc/meminfo", cmd_meminfo);
