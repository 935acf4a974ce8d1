/* Helpers shared by the in-kernel suites (see test_util.h). */
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "test_util.h"

void free_state_take(struct free_state *s)
{
	enum zone_type z;
	unsigned int o;

	drain_local_pages();
	for (z = 0; z < MAX_NR_ZONES; z++) {
		s->free[z] = zone_of(z)->free_pages;
		for (o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = zone_of(z)->free_area[o].nr_free;
	}
}

/* Number of counters that differ from *was (each one printed). */
int free_state_diff(const struct free_state *was)
{
	struct free_state now;
	enum zone_type z;
	unsigned int o;
	int diff = 0;

	free_state_take(&now);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		if (now.free[z] != was->free[z]) {
			pr_info("    # %s free pages: was %lu, now %lu\n",
				zone_of(z)->name, was->free[z], now.free[z]);
			diff++;
		}
		for (o = 0; o < MAX_ORDER; o++)
			if (now.nr_free[z][o] != was->nr_free[z][o]) {
				pr_info("    # %s order %u blocks: was %lu, now %lu\n",
					zone_of(z)->name, o, was->nr_free[z][o],
					now.nr_free[z][o]);
				diff++;
			}
	}
	return diff;
}

unsigned long free_page_list(struct list_head *list)
{
	struct page *page, *next;
	unsigned long n = 0;

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned int order = page_alloc_order(page);

		list_del(&page->lru);
		n += 1UL << order;
		__free_pages(page, order);
	}
	INIT_LIST_HEAD(list);
	return n;
}

enum zone_type gfp_highest_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	return (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
}

unsigned long retry_mark(const struct zone *zone, gfp_t gfp)
{
	unsigned long mark = min_wmark_pages(zone);

	if (gfp & __GFP_HIGH)
		mark -= mark / 2;
	if (gfp & __GFP_ATOMIC)
		mark -= mark / 4;
	return mark;
}

/* Does zone keep more than mark after giving the block, and have one? */
static bool zone_can_give(const struct zone *zone, unsigned int order,
			  unsigned long mark, enum zone_type highest, bool drained)
{
	long free = zone->free_pages + (drained ? zone->pcp.count : 0);

	if (free - (1L << order) + 1 <= (long)(mark + zone->lowmem_reserve[highest]))
		return false;
	return order == 0 || smallest_free_order(zone, order) < MAX_ORDER;
}

struct zone *rule_zone(gfp_t gfp, unsigned int order)
{
	enum zone_type highest = gfp_highest_zone(gfp);
	struct zone **z, **list = NODE_DATA(0)->node_zonelists[highest].zones;

	for (z = list; *z; z++)
		if (zone_can_give(*z, order, low_wmark_pages(*z), highest, false))
			return *z;
	for (z = list; *z; z++)
		if (zone_can_give(*z, order, retry_mark(*z, gfp), highest, true))
			return *z;
	return NULL;
}

struct zone *kernel_zone(void)
{
	struct zone *zone = rule_zone(GFP_KERNEL, 0);

	return zone ? zone : NODE_DATA(0)->node_zonelists[ZONE_NORMAL].zones[0];
}

unsigned long pages_above_low(gfp_t gfp)
{
	enum zone_type highest = gfp_highest_zone(gfp);
	struct zone **z = NODE_DATA(0)->node_zonelists[highest].zones;
	unsigned long n = 0;

	for (; *z; z++) {
		unsigned long keep = low_wmark_pages(*z) + (*z)->lowmem_reserve[highest];

		if ((*z)->free_pages > keep)
			n += (*z)->free_pages - keep;
	}
	return n;
}

unsigned int smallest_free_order(const struct zone *zone, unsigned int order)
{
	while (order < MAX_ORDER && !zone->free_area[order].nr_free)
		order++;
	return order;
}

bool is_free_block(const struct page *page, unsigned int order)
{
	return PageBuddy(page) && page->private == order;
}

unsigned int alloc_buddies(unsigned int k, struct page **lo, struct page **hi,
			   struct list_head *hoard)
{
	struct zone *zone = kernel_zone();
	unsigned int o;

	*lo = *hi = NULL;
	while (zone->free_area[k].nr_free) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);

		if (!page)
			return 0;
		list_add(&page->lru, hoard);
	}
	o = smallest_free_order(zone, k);
	if (o == MAX_ORDER)
		return 0;
	*lo = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);
	*hi = alloc_pages(GFP_KERNEL | __GFP_NOWARN, k);
	if (!*lo || !*hi || page_zone(*lo) != zone ||
	    page_to_pfn(*hi) != (page_to_pfn(*lo) ^ (1UL << k))) {
		if (*lo)
			list_add(&(*lo)->lru, hoard);
		if (*hi)
			list_add(&(*hi)->lru, hoard);
		*lo = *hi = NULL;
		return 0;
	}
	return o;
}

struct kmem_cache *find_cache(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (strcmp(kmem_cache_name(s), name) == 0)
			return s;
	return NULL;
}

unsigned long drained_free_pages(void)
{
	drain_local_pages();
	return nr_free_pages();
}

unsigned long settled_free_pages(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	return drained_free_pages();
}

bool all_bytes(const void *p, u8 val, size_t len)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != val)
			return false;
	return true;
}

phys_addr_t mapped_phys(const void *addr)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	if (!pte || !pte_present(*pte) || level != PG_LEVEL_4K)
		return (phys_addr_t)-1;
	return pte_val(*pte) & PTE_PFN_MASK;
}

bool highmem_address_ok(const struct page *page)
{
	unsigned long a = (unsigned long)page_address(page);

	if (!a)
		return true;
	return a >= PKMAP_BASE && a < PKMAP_BASE + LAST_PKMAP * PAGE_SIZE &&
	       pkmap_count[(a - PKMAP_BASE) >> PAGE_SHIFT] >= 1 &&
	       mapped_phys((void *)a) == PFN_PHYS(page_to_pfn(page));
}

void read_word(void *addr)
{
	(void)*(volatile u32 *)addr;
}

extern void (*timer_test_hook)(void);	/* arch/x86/kernel/time.c */

static void (*volatile irq_fn)(void);
static volatile int irq_fn_done;

static void tick_hook(void)
{
	irq_fn();
	WRITE_ONCE(timer_test_hook, NULL);
	irq_fn_done = 1;
}

bool run_in_timer_irq(void (*fn)(void), unsigned int timeout_ms)
{
	unsigned long end = jiffies + DIV_ROUND_UP(timeout_ms * HZ, 1000) + 1;

	irq_fn = fn;
	irq_fn_done = 0;
	WRITE_ONCE(timer_test_hook, tick_hook);
	while (!irq_fn_done && time_before(jiffies, end))
		cpu_relax();
	WRITE_ONCE(timer_test_hook, NULL);
	return irq_fn_done;
}
