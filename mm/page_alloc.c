/*
 * The buddy allocator (Linux: mm/page_alloc.c).
 *
 * Each zone keeps free blocks of 2^order pages, aligned to their size, on
 * free_area[order].  Freeing a block looks at its buddy -- the block of the
 * same size it was split from, at pfn ^ (1 << order) -- and if that is
 * free too, the two merge into one block of the next order, repeatedly.
 * Allocating takes the smallest block that fits and splits off halves
 * until it has the size asked for (expand).  Order-0 pages go through a
 * per-CPU list first (pcp), which saves the zone lock on most calls.
 *
 * Allocation walks the zonelist the GFP flags select, highest zone first,
 * and takes from a zone only while its free pages stay above a watermark
 * plus the lowmem_reserve that protects it from callers of higher zones.
 *
 * Misuse (double free, freeing a reserved page, the wrong order, a page
 * whose refcount or flags are wrong) is reported as Linux's "Bad page
 * state" and the page is left alone, so the free lists stay consistent.
 */
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/sched/debug.h>
#include <linux/sprintf.h>
#include <linux/string.h>

pg_data_t contig_page_data;
struct page *mem_map;
unsigned long max_mapnr;
unsigned long totalram_pages, totalhigh_pages;
unsigned long bad_page_count;	/* reports so far; tests read it */

const char *const pageflag_names[__NR_PAGEFLAGS] = {
	[PG_locked] = "locked", [PG_referenced] = "referenced",
	[PG_dirty] = "dirty", [PG_lru] = "lru", [PG_active] = "active",
	[PG_slab] = "slab", [PG_reserved] = "reserved",
	[PG_private] = "private", [PG_head] = "head", [PG_buddy] = "buddy",
};

/* alloc_flags: which watermark, and how far below it we may go. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_MASK	0x3
#define ALLOC_HARDER		0x10	/* GFP_ATOMIC: a quarter deeper */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: half deeper */

/* ---- free lists ---- */

static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static void add_to_free_list(struct page *page, struct zone *zone,
			     unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
	list_add(&page->lru, &zone->free_area[order].free_list);
	zone->free_area[order].nr_free++;
	zone->free_pages += 1UL << order;
}

static void del_page_from_free_list(struct page *page, struct zone *zone,
				    unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone->free_pages -= 1UL << order;
}

/* Is the page at buddy_pfn the free head of a block of this order? */
static bool page_is_buddy(struct zone *zone, unsigned long buddy_pfn,
			  unsigned int order)
{
	struct page *buddy;

	if (!pfn_valid(buddy_pfn) || !zone_spans_pfn(zone, buddy_pfn))
		return false;
	buddy = pfn_to_page(buddy_pfn);
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zone(buddy) == zone;
}

/*
 * Puts a block on the free lists, merging it with its buddy as long as
 * the buddy is free and of the same order.  Zone lock held.
 */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (!page_is_buddy(zone, buddy_pfn, order))
			break;
		del_page_from_free_list(pfn_to_page(buddy_pfn), zone, order);
		/* the merged block starts at the lower of the two */
		page -= pfn - (pfn & buddy_pfn);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list(page, zone, order);
}

/*
 * The boot hand-over of one block (Linux's memblock_free_pages): memmap_init
 * wrote its pages in the free state already, so only the head is linked;
 * checking them again page by page would cost as much as writing them.
 */
void __init memblock_free_pages(struct page *page, unsigned long pfn,
				unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;

	zone->managed_pages += 1UL << order;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, pfn, zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * Splits a block of order high down to order low, giving the upper half
 * back at each step (Linux's expand).
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high);
	}
}

/* The smallest free block of at least this order, split to fit. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &zone->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_page_from_free_list(page, zone, o);
		expand(zone, page, order, o);
		return page;
	}
	return NULL;
}

/* ---- per-CPU page lists ---- */

/* Moves up to count order-0 pages from the buddy lists to list. */
static int rmqueue_bulk(struct zone *zone, int count, struct list_head *list)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue_smallest(zone, 0);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return i;
}

/* Gives count pages, coldest first, from the pcp list back to the buddy. */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	while (count-- > 0 && !list_empty(&pcp->list)) {
		struct page *page = list_last_entry(&pcp->list, struct page, lru);

		list_del(&page->lru);
		pcp->count--;
		__free_one_page(page, page_to_pfn(page), zone, 0);
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

static struct page *rmqueue_pcplist(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->pcp;
	struct page *page = NULL;
	unsigned long flags;

	local_irq_save(flags);
	if (list_empty(&pcp->list))
		pcp->count += rmqueue_bulk(zone, pcp->batch, &pcp->list);
	if (!list_empty(&pcp->list)) {
		page = list_first_entry(&pcp->list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	}
	local_irq_restore(flags);
	return page;
}

static void free_unref_page(struct page *page)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp = &zone->pcp;
	unsigned long flags;

	local_irq_save(flags);
	list_add(&page->lru, &pcp->list);	/* hot: reused first */
	if (++pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	local_irq_restore(flags);
}

void drain_local_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			free_pcppages_bulk(zone, zone->pcp.count, &zone->pcp);
}

/* ---- page state checks and reports ---- */

#ifdef __KERNEL__
#include <linux/sched.h>
static const char *current_comm(void)
{
	return current->comm;
}
#else	/* host tests */
static const char *current_comm(void)
{
	return "swapper";
}
#endif

void format_page_flags(char *buf, size_t size, unsigned long flags)
{
	size_t len = 0;
	int bit;

	buf[0] = '\0';
	for (bit = 0; bit < __NR_PAGEFLAGS; bit++)
		if (flags & (1UL << bit))
			len += scnprintf(buf + len, size - len, "%s%s",
					 len ? "|" : "", pageflag_names[bit]);
	scnprintf(buf + len, size - len, "%szone=%lu", len ? "|" : "",
		  flags >> ZONES_PGSHIFT);
}

void dump_page(struct page *page, const char *reason)
{
	char names[128];

	format_page_flags(names, sizeof(names), page->flags);
	pr_alert("page:%p refcount:%d mapcount:%d mapping:00000000 index:0x0 pfn:%#lx\n",
		 page, page_count(page), page_mapcount(page), page_to_pfn(page));
	pr_alert("flags: 0x%lx(%s)\n", page->flags, names);
	pr_alert("page dumped because: %s\n", reason);
}

/*
 * Linux's bad_page(): say what is wrong and leave the page alone.  It goes
 * on no list, so nothing can hand it out again; that leaks the page, which
 * is the price of not trusting it.
 */
static void bad_page(struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n",
		 current_comm(), page_to_pfn(page));
	dump_page(page, reason);
	dump_stack();
	bad_page_count++;
}

/* What is wrong with a page that should be free and unused, or NULL. */
static const char *page_bad_reason(const struct page *page,
				   unsigned long flags)
{
	if (page_mapcount(page))
		return "nonzero mapcount";
	if (page_count(page) != 0)
		return "nonzero _refcount";
	if (page->flags & flags)
		return flags == PAGE_FLAGS_CHECK_AT_FREE ?
			"PAGE_FLAGS_CHECK_AT_FREE flag(s) set" :
			"PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
	return NULL;
}

/*
 * Misuse visible on the head page before anything changes: then the
 * report leaves the page exactly as it was.
 */
static const char *free_misuse(const struct page *page, unsigned int order)
{
	if (PageBuddy(page))
		return "freeing a page that is already free";
	if (page_count(page) <= 0)
		return "freeing a page with refcount 0 (not allocated, or a tail page)";
	if (PageReserved(page))
		return "freeing a reserved page";
	if (PageSlab(page))
		return "freeing a slab page with free_pages";
	if (page_alloc_order(page) != order)
		return "freeing with a different order than allocated";
	return NULL;
}

/* The last reference is gone: check every page, then free the block. */
static void free_the_page(struct page *page, unsigned int order)
{
	unsigned long flags, i;
	struct zone *zone = page_zone(page);

	if (PageHead(page))
		clear_compound_page(page, order);
	set_page_alloc_order(page, 0);
	for (i = 0; i < (1UL << order); i++) {
		const char *reason = page_bad_reason(page + i,
						     PAGE_FLAGS_CHECK_AT_FREE);

		if (reason) {
			bad_page(page + i, reason);
			return;
		}
	}
	if (order == 0) {
		free_unref_page(page);
		return;
	}
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, page_to_pfn(page), zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

void __free_pages(struct page *page, unsigned int order)
{
	const char *reason = free_misuse(page, order);

	int left;

	if (reason) {
		bad_page(page, reason);
		return;
	}
	/*
	 * One atomic step decides who frees: of two racing last puts only
	 * one sees zero.  Below zero means both passed free_misuse() on a
	 * count of 1 -- a double free the first one has already done; the
	 * count goes back to what the free left.
	 */
	left = page_ref_dec_return(page);
	if (likely(left == 0))
		free_the_page(page, order);
	else if (unlikely(left < 0)) {
		page_ref_inc(page);
		bad_page(page, "freeing a page whose last reference was already dropped");
	}
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	/* virt_to_page of a vmalloc or user address is some other page. */
	if (WARN(!virt_addr_valid((void *)addr),
		 "free_pages: %#lx is not a direct-map address\n", addr))
		return;
	__free_pages(virt_to_page((void *)addr), order);
}

void get_page(struct page *page)
{
	if (WARN_ON(page_count(page) <= 0 || PageBuddy(page))) {
		dump_page(page, "get_page on a free page");
		return;
	}
	page_ref_inc(page);
}

void put_page(struct page *page)
{
	__free_pages(page, page_alloc_order(page));
}

/* Turns an allocated order-n block into 2^n independent pages. */
void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (WARN_ON(page_count(page) != 1 || page_alloc_order(page) != order))
		return;
	for (i = 0; i < (1UL << order); i++) {
		set_page_count(page + i, 1);
		set_page_alloc_order(page + i, 0);
	}
}

/* ---- allocation ---- */

static enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	return (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
}

/*
 * Can zone z give 2^order pages to an allocation whose highest usable
 * zone is highest_zoneidx, keeping mark pages (less for ALLOC_HIGH and
 * ALLOC_HARDER) plus the lowmem_reserve against that zone?
 */
static bool zone_watermark_ok(const struct zone *z, unsigned int order,
			      unsigned long mark, enum zone_type highest_zoneidx,
			      unsigned int alloc_flags)
{
	long min = mark, free_pages = (long)z->free_pages - (1L << order) + 1;
	unsigned int o;

	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	for (o = order; o < MAX_ORDER; o++)
		if (z->free_area[o].nr_free)
			return true;
	return order == 0;	/* order 0 may come from the pcp list */
}

/* Checks a page fresh off a free list; a bad one is reported and left. */
static bool prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		const char *reason = page_bad_reason(page + i,
						     PAGE_FLAGS_CHECK_AT_PREP);

		if (reason) {
			bad_page(page + i, reason);
			return false;
		}
	}
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
	if (gfp & __GFP_COMP)
		prep_compound_page(page, order);
	if (gfp & __GFP_ZERO)
		for (i = 0; i < (1UL << order); i++)
			clear_highpage(page + i);
	return true;
}

static struct page *rmqueue(struct zone *zone, unsigned int order)
{
	struct page *page;
	unsigned long flags;

	if (order == 0)
		return rmqueue_pcplist(zone);
	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue_smallest(zone, order);
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags)
{
	enum zone_type highest = gfp_zone(gfp);
	struct zone **z;

	for (z = NODE_DATA(0)->node_zonelists[highest].zones; *z; z++) {
		unsigned long mark = (*z)->_watermark[alloc_flags & ALLOC_WMARK_MASK];
		struct page *page;

		if (!zone_watermark_ok(*z, order, mark, highest, alloc_flags))
			continue;
		while ((page = rmqueue(*z, order)) != NULL)
			if (prep_new_page(page, order, gfp))
				return page;
	}
	return NULL;
}

static void warn_alloc(gfp_t gfp, unsigned int order)
{
	pr_warn("%s: page allocation failure: order:%u, mode:%#x\n",
		current_comm(), order, gfp);
	dump_stack();
	show_free_areas();
}

/*
 * Fast path at the low watermark; then, before giving up, the min
 * watermark (lowered for __GFP_HIGH and GFP_ATOMIC callers) with the
 * per-CPU lists drained back into the buddy lists.  There is no reclaim
 * to wait for, so that is all.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	struct page *page;

	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW);
	if (page)
		return page;
	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
	drain_local_pages();
	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (!page && !(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return page;
}

/* A lowmem block by its address (so never __GFP_HIGHMEM). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (WARN_ON(gfp & __GFP_HIGHMEM))
		gfp &= ~__GFP_HIGHMEM;
	page = alloc_pages(gfp, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* ---- counters and checks ---- */

unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone->free_pages;
	return sum;
}

unsigned long zone_free_pages(const struct zone *zone)
{
	return zone->free_pages + zone->pcp.count;
}

/* One line per zone: "Node 0 DMA: 1*4kB 2*8kB ... = 12kB" as Linux. */
void show_free_areas(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		unsigned int o;

		if (!populated_zone(zone))
			continue;
		printk(KERN_INFO "Node 0 %s: ", zone->name);
		for (o = 0; o < MAX_ORDER; o++)
			pr_cont("%lu*%lukB ", zone->free_area[o].nr_free,
				4UL << o);
		pr_cont("= %lukB\n", zone->free_pages * 4);
	}
}

static int check_block(struct zone *zone, struct page *page, unsigned int o)
{
	unsigned long pfn = page_to_pfn(page);
	const char *why = NULL;

	if (!PageBuddy(page) || buddy_order(page) != o)
		why = "not marked as a free block of this order";
	else if (pfn & ((1UL << o) - 1))
		why = "not aligned to its order";
	else if (!zone_spans_pfn(zone, pfn) ||
		 !zone_spans_pfn(zone, pfn + (1UL << o) - 1) ||
		 page_zone(page) != zone)
		why = "outside its zone";
	else if (page_count(page) != 0)
		why = "has a nonzero refcount";
	else if (o < MAX_ORDER - 1 && page_is_buddy(zone, pfn ^ (1UL << o), o))
		why = "its buddy is free too but they did not merge";
	if (why)
		pr_err("check_free_lists: %s order %u pfn %#lx: %s\n",
		       zone->name, o, pfn, why);
	return why != NULL;
}

static int check_zone(struct zone *zone)
{
	unsigned long pages = 0;
	int bad = 0, pcp = 0;
	struct page *page;
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++) {
		unsigned long n = 0;

		list_for_each_entry(page, &zone->free_area[o].free_list, lru) {
			bad += check_block(zone, page, o);
			n++;
		}
		if (n != zone->free_area[o].nr_free) {
			pr_err("check_free_lists: %s order %u: %lu blocks listed, nr_free %lu\n",
			       zone->name, o, n, zone->free_area[o].nr_free);
			bad++;
		}
		pages += n << o;
	}
	if (pages != zone->free_pages) {
		pr_err("check_free_lists: %s: %lu pages listed, free_pages %lu\n",
		       zone->name, pages, zone->free_pages);
		bad++;
	}
	list_for_each_entry(page, &zone->pcp.list, lru) {
		if (PageBuddy(page) || page_count(page) || page_zone(page) != zone) {
			pr_err("check_free_lists: %s pcp pfn %#lx: not a free order-0 page of this zone\n",
			       zone->name, page_to_pfn(page));
			bad++;
		}
		pcp++;
	}
	if (pcp != zone->pcp.count) {
		pr_err("check_free_lists: %s: %d pcp pages listed, count %d\n",
		       zone->name, pcp, zone->pcp.count);
		bad++;
	}
	return bad;
}

int check_free_lists(void)
{
	struct zone *zone;
	unsigned long flags;
	int bad = 0;

	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		bad += check_zone(zone);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return bad;
}
