/*
 * What the host tests of the buddy allocator (test_buddy_*.c) share: the
 * "known" machine most of them boot, the blocks a case holds, and the
 * state right after boot that a case must leave behind.
 */
#ifndef _TESTS_HOST_BUDDY_UTIL_H
#define _TESTS_HOST_BUDDY_UTIL_H

#include <linux/ktest.h>
#include <linux/mm.h>
#include "mm_sim.h"

/*
 * "known": 64 MiB with a hole and reservations, every block counted.
 * M = MEMMAP_PAGES(16384): mem_map lands top-down just below the limit,
 * filling the window left after "fw" exactly (mem_map's size depends on
 * the host's struct page; the window keeps every other number
 * host-independent).
 *
 *  pfn 0 1       256     512                                  4096
 *      |r| free  | image |              free                   |  DMA
 *        o0..o7                o9 @512, o10 @1024 2048 3072
 *
 *  4096                  10240 10243        11776  12288-M  12288
 *      |       free        |hole|   free      | fw  | mem_map |     Normal
 *        o10 @4096..9216 (6)     o0 o2..o8, o9 @10752 11264
 *
 *  12288             13000 13001                             16384
 *      |     free       |r|             free                   |  HighMem
 *        o9 o7 o6 o3       o0 o1 o2 o4 o5 o8, o10 @13312 14336 15360
 *
 * Managed: DMA 3839, Normal 7677, HighMem 4095; 15611 in all.
 */
extern const struct machine known;

#define KNOWN_MEMMAP	(12288 - MEMMAP_PAGES(16384))

/* Is the page at pfn the head of a free block of this order?  Says if not. */
bool free_head(unsigned long pfn, unsigned int order);

/* Blocks a case holds, so it can give them all back. */
struct held_block {
	struct page *page;
	unsigned int order;
};

extern struct held_block held[SIM_PFNS];
extern unsigned long nr_held;

void hold(struct page *page, unsigned int order);
void free_held(void);			/* frees them, last first */

/* sim_boot(m), remembering the state after boot; nothing held. */
void boot(const struct machine *m);

extern struct buddy_snap boot_snap;
extern unsigned long boot_bad;		/* bad_page_count after boot */

/* The free lists exactly as after boot, and consistent. */
#define EXPECT_AS_AT_BOOT(test) do {					\
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);			\
	EXPECT_EQ(test, check_free_lists(), 0);				\
} while (0)

/* Lets a case use every page: no watermark, no lowmem_reserve. */
void zero_watermarks(void);

/*
 * Allocates 2^order blocks with gfp until one fails, holding them all,
 * and describes where they came from as runs: "HighMem*4044 Normal*7373".
 */
const char *alloc_until_fail(gfp_t gfp, unsigned int order);

#endif /* _TESTS_HOST_BUDDY_UTIL_H */
