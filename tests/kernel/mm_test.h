/*
 * Helpers shared by the page-allocator suites (test_zones.c,
 * test_buddy.c): zones by index, and a snapshot of every zone's free
 * pages and free blocks per order to compare against.
 */
#ifndef _TESTS_KERNEL_MM_TEST_H
#define _TESTS_KERNEL_MM_TEST_H

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

#endif /* _TESTS_KERNEL_MM_TEST_H */
