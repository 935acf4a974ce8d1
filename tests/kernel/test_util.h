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

/* The highest zone an allocation may use (Linux's gfp_zone). */
enum zone_type gfp_highest_zone(gfp_t gfp);

/*
 * The mark an allocation's retry uses: min, lowered for __GFP_HIGH by a
 * half and then for __GFP_ATOMIC by a quarter (Linux's ALLOC_HIGH and
 * ALLOC_HARDER in __zone_watermark_ok).
 */
unsigned long retry_mark(const struct zone *zone, gfp_t gfp);

/*
 * The zone Linux's rule gives an allocation of 2^order pages: the first
 * zone of the zonelist that keeps more than its low watermark plus its
 * lowmem_reserve against the highest zone gfp may use, and has a free
 * block of that order or larger; failing that, after the per-CPU lists
 * are drained, the first that keeps more than its retry mark plus the
 * reserve likewise; NULL if none.  A zone's free pages do not count its
 * per-CPU list until that drain.  For order > 0 call it with the lists
 * drained: their pages may merge into larger blocks when drained.
 */
struct zone *rule_zone(gfp_t gfp, unsigned int order);

/*
 * The zone GFP_KERNEL allocations come from now: Normal, or DMA when
 * there is no Normal zone (mem=16M) or nothing to spare in it (mem=17M,
 * where memblock's own allocations fill the 1 MiB Normal zone).
 */
struct zone *kernel_zone(void);

/*
 * Pages an allocation with gfp can take from the zones of its zonelist
 * before each is down to its low watermark plus lowmem_reserve: what it
 * is sure to get without dipping into a reserve.
 */
unsigned long pages_above_low(gfp_t gfp);

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
 * Two allocated buddies of order k >= 1 from kernel_zone(): with every free
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

/* The frame a kernel virtual address is mapped to, or -1. */
phys_addr_t mapped_phys(const void *addr);

/*
 * Is page_address() of a highmem page NULL, or the pkmap slot kmap gave
 * the page?  A slot lingers, still mapped, after the last kunmap until
 * the next wrap-around flush, so any highmem page may have one.
 */
bool highmem_address_ok(const struct page *page);

/* Reads the word at addr: a function expect_trap() can run. */
void read_word(void *addr);

/* A fault in mm as a user access raises it (tests/kernel/test_mmap.c). */
int user_fault(struct mm_struct *mm, unsigned long addr, bool write);

/* Are all len bytes at p equal to val? */
bool all_bytes(const void *p, u8 val, size_t len);

/*
 * Runs fn once at the next tick, inside the timer interrupt, and
 * busy-waits up to timeout_ms for it (so the caller may hold preemption
 * off or a kmap_atomic mapping).  False if no tick came.
 */
bool run_in_timer_irq(void (*fn)(void), unsigned int timeout_ms);

#endif /* _TESTS_KERNEL_TEST_UTIL_H */
