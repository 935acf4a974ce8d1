/*
 * A simulated machine for the host tests of the memory manager, shared by
 * test_buddy_*.c and test_slab_*.c (in the manner of Linux's
 * tools/testing/memblock, which runs the real memblock.c on the host).
 *
 * "RAM" is one malloc'ed buffer: physical address p is sim_ram + p, for
 * lowmem and highmem alike (the host needs no kmap).  sim_boot() does
 * what the kernel's setup does: memblock filled from a struct machine,
 * free_area_init() sizing the zones and taking mem_map from memblock (so
 * mem_map lives inside the simulated RAM), memblock_free_all() handing
 * the free ranges to the buddy allocator.  mm_sim.c also provides the
 * hooks the portable mm code leaves to the architecture (virt_to_page,
 * clear_highpage, dump_stack, get_random_long, mon_printf, ...).
 *
 * The buffer is aligned to a MAX_ORDER block, so a block's virtual
 * address is as aligned as its physical one, as in the direct map.
 */
#ifndef _TESTS_HOST_MM_SIM_H
#define _TESTS_HOST_MM_SIM_H

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/types.h>

#define SIM_RAM_SIZE	(128UL * SZ_1M)
#define SIM_PFNS	(SIM_RAM_SIZE >> PAGE_SHIFT)

/* Pages mem_map takes for pfns 0..pfns-1 (memblock_alloc rounds to pages). */
#define MEMMAP_PAGES(pfns) \
	DIV_ROUND_UP((pfns) * sizeof(struct page), PAGE_SIZE)

/* Not in a header: page_alloc.c counts its reports, mm_init.c its minimum. */
extern unsigned long bad_page_count;
extern bool sim_move_page_tables_fails;	/* the next move_page_tables: 0 */
extern int min_free_kbytes;

extern u8 *sim_ram;
extern unsigned long cleared_pages;	/* clear_highpage() calls */
extern unsigned long stack_dumps;	/* dump_stack() calls */

/* The simulated RAM at pfn (any zone). */
u8 *sim_page(unsigned long pfn);

struct pfn_range {
	unsigned long start, end;	/* [start, end); end == 0 ends a list */
};

/* What the firmware and the boot code would have told memblock. */
struct machine {
	struct pfn_range ram[4];
	struct pfn_range rsv[6];
	unsigned long limit;		/* memblock.current_limit, as a pfn */
	unsigned long zone_end[MAX_NR_ZONES];
};

/*
 * "plain": 64 MiB, only page 0 and the mem_map window reserved, so DMA
 * is one run of free pages and Normal 8, HighMem 4 whole order-10 blocks
 * (the slab tests take their slabs from Normal).  M = MEMMAP_PAGES(16384):
 * mem_map fills the window exactly, whatever the host's struct page.
 *
 *  0 1                    3584   4096-M 4096       12288       16384
 *  |r|     free            | rsv | mem_map | 8 x o10  | 4 x o10   |
 *  |<------------- DMA ------------------>|<-Normal->|<-HighMem->|
 */
extern const struct machine plain;

/*
 * A fresh machine: memblock emptied and refilled from m, the zones and
 * mem_map set up, every free page given to the buddy allocator, and
 * get_random_long() restarted from its fixed seed (so each case sees the
 * same "random" numbers whatever ran before it).
 */
void sim_boot(const struct machine *m);

static inline struct zone *zone_of(enum zone_type z)
{
	return &NODE_DATA(0)->node_zones[z];
}

/* Free blocks per zone and order, and what sits on the pcp lists. */
struct buddy_snap {
	unsigned long nr_free[MAX_NR_ZONES][MAX_ORDER];
	unsigned long free_pages[MAX_NR_ZONES];
	int pcp_count[MAX_NR_ZONES];
};

void take_snap(struct buddy_snap *s);

/* Prints each difference from the snapshot; returns how many. */
int snap_diff(const struct buddy_snap *want);

#define NR_FREE(...)	((const unsigned long[MAX_ORDER]){ __VA_ARGS__ })

/* Compares one zone's nr_free[] with want[]; returns the differences. */
int free_area_diff(enum zone_type z, const unsigned long *want);

/* Are all n bytes at p equal to v? */
static inline bool all_bytes(const void *p, size_t n, u8 v)
{
	const u8 *b = p;

	while (n--)
		if (*b++ != v)
			return false;
	return true;
}

/* The stress cases' own random numbers, from a seed each case picks. */
static inline u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif /* _TESTS_HOST_MM_SIM_H */
