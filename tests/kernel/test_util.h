/*
 * Helpers shared by the in-kernel suites: zones by index, a snapshot of
 * every zone's free pages and free blocks per order to compare against,
 * the slab suites' cache lookup and settled page counts, and running a
 * function inside the timer interrupt.
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
