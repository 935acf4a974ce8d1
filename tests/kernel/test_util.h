/*
 * Helpers shared by the in-kernel suites: zones by index, a snapshot of
 * every zone's free pages and free blocks per order to compare against,
 * free blocks and buddies, the slab suites' cache lookup and settled page
 * counts, and running a function inside the timer interrupt.
 */
#ifndef _TESTS_KERNEL_TEST_UTIL_H
#define _TESTS_KERNEL_TEST_UTIL_H

#include <linux/jiffies.h>
#include <linux/mm.h>

static inline struct zone *zone_of(enum zone_type t)
{
	return &NODE_DATA(0)->node_zones[t];
}

static inline bool have_highmem(void)
{
	return populated_zone(zone_of(ZONE_HIGHMEM));
}

#define NO_HIGHMEM	"no HighMem at this memory size (max_pfn == max_low_pfn)"

struct free_state {
	unsigned long free[MAX_NR_ZONES];
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
};

/* With the per-CPU lists drained, as ktest's own leak check does. */
void free_state_take(struct free_state *s);

/* Number of counters that differ from *was (each one printed). */
int free_state_diff(const struct free_state *was);

/* Frees every block on list (threaded through page->lru); returns pages. */
unsigned long free_page_list(struct list_head *list);

/*
 * The smallest order >= order with a free block in zone: the block the
 * next allocation of that order will split (MAX_ORDER if none).
 */
unsigned int smallest_free_order(const struct zone *zone, unsigned int order);

/* Is page the first page of a free block of this order? */
bool is_free_block(const struct page *page, unsigned int order);

/*
 * Two allocated buddies of order k >= 1 from Normal: with every free
 * order-k block taken first (onto hoard), the next allocation splits a
 * larger block and the one after gets the upper half it left.  Returns
 * the order of the block that was split, or 0 on failure.
 */
unsigned int alloc_buddies(unsigned int k, struct page **lo, struct page **hi,
			   struct list_head *hoard);

struct kmem_cache;

/* A cache by name, NULL if slab_caches has none. */
struct kmem_cache *find_cache(const char *name);

/*
 * The buddy allocator's free pages with every cache shrunk (empty slabs
 * back) and the per-CPU lists drained: the same live objects always give
 * the same number.  drained_free_pages() only drains.
 */
unsigned long settled_free_pages(void);
unsigned long drained_free_pages(void);

static inline unsigned long ms_to_jiffies(unsigned int ms)
{
	return DIV_ROUND_UP(ms * HZ, 1000);
}

/* Reads the word at addr: a function expect_trap() can run. */
void read_word(void *addr);

/* Are all len bytes at p equal to val? */
bool all_bytes(const void *p, u8 val, size_t len);

/*
 * Runs fn once at the next tick, inside the timer interrupt, and
 * busy-waits up to timeout_ms for it (so the caller may hold preemption
 * off or a kmap_atomic mapping).  False if no tick came.
 */
bool run_in_timer_irq(void (*fn)(void), unsigned int timeout_ms);

#endif /* _TESTS_KERNEL_TEST_UTIL_H */
