/*
 * Host tests that run the buddy allocator (mm/page_alloc.c) out of
 * memory and through random work, on a simulated machine (mm_sim.h):
 * every page handed out exactly once and all of them back afterwards,
 * and 200,000 random allocations and frees with every block checked as
 * it comes and goes.
 *
 * host-test-sources: mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/buddy_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "buddy_util.h"

/* Which pages a case holds, by pfn: a page handed out twice shows here. */
static u8 owned[SIM_PFNS];

static void test_exhaustion_full_recovery(struct ktest *test)
{
	unsigned long i, twice = 0, reserved = 0;
	enum zone_type z;
	unsigned int o;
	size_t mark;

	boot(&known);
	zero_watermarks();
	memset(owned, 0, sizeof(owned));
	mark = printk_log_pos();
	EXPECT_STREQ(test, alloc_until_fail(GFP_HIGHUSER, 0),
		     "HighMem*4095 Normal*7677 DMA*3839");
	EXPECT_LOGGED(test, mark, "page allocation failure: order:0, mode:0x100cc2\n");
	EXPECT_LOGGED(test, mark, "Node 0 Normal: 0*4kB ");
	EXPECT_EQ(test, nr_held, totalram_pages);
	for (i = 0; i < nr_held; i++) {
		unsigned long pfn = page_to_pfn(held[i].page);

		twice += owned[pfn]++;
		reserved += PageReserved(held[i].page);
	}
	EXPECT_EQ(test, twice, 0);
	EXPECT_EQ(test, reserved, 0);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		EXPECT_EQ(test, zone_free_pages(zone_of(z)), 0);
		for (o = 0; o < MAX_ORDER; o++)
			EXPECT_EQ(test, zone_of(z)->free_area[o].nr_free, 0);
	}
	EXPECT_NULL(test, alloc_pages(GFP_DMA | __GFP_NOWARN, 0));
	EXPECT_NULL(test, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0));
	EXPECT_EQ(test, check_free_lists(), 0);

	free_held();
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
	/* And the largest blocks are there again. */
	EXPECT_STREQ(test, alloc_until_fail(GFP_HIGHUSER | __GFP_NOWARN, 10),
		     "HighMem*3 Normal*6 DMA*3");
	free_held();
	EXPECT_EQ(test, snap_diff(&boot_snap), 0);
}

#define STRESS_OPS	200000
#define STRESS_HELD	3000
#define STRESS_CHECK	10000

static const gfp_t stress_gfp[] = {
	GFP_KERNEL, GFP_HIGHUSER, GFP_DMA, GFP_ATOMIC, GFP_NOWAIT, GFP_USER,
	GFP_HIGHUSER, GFP_KERNEL,
};

/* Problems with a block just handed out; marks its pages as ours. */
static unsigned long stress_take(struct page *page, unsigned int order,
				 gfp_t gfp, u32 tag)
{
	enum zone_type highest = (gfp & __GFP_DMA) ? ZONE_DMA :
				 (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
	unsigned long pfn = page_to_pfn(page), i, bad = 0;

	bad += (pfn & ((1UL << order) - 1)) != 0;
	bad += page_zonenum(page) > highest;
	bad += page_count(page) != 1 || page_alloc_order(page) != order;
	if ((gfp & __GFP_ZERO) && !all_bytes(sim_page(pfn), PAGE_SIZE << order, 0))
		bad++;
	for (i = 0; i < (1UL << order); i++) {
		bad += owned[pfn + i] || PageReserved(page + i) ||
		       page_zone(page + i) != page_zone(page);
		owned[pfn + i] = 1;
	}
	memcpy(sim_page(pfn), &tag, sizeof(tag));
	return bad;
}

/* Gives a held block back, sometimes by split_page or two references. */
static unsigned long stress_give(struct held_block *b, u32 tag, u32 r)
{
	unsigned long pfn = page_to_pfn(b->page), i, bad = 0;
	u32 seen;

	memcpy(&seen, sim_page(pfn), sizeof(seen));
	bad += seen != tag;
	for (i = 0; i < (1UL << b->order); i++)
		owned[pfn + i] = 0;
	if (r % 16 == 0 && b->order) {
		split_page(b->page, b->order);
		for (i = 0; i < (1UL << b->order); i++)
			__free_page(b->page + i);
	} else if (r % 16 == 1) {
		get_page(b->page);
		__free_pages(b->page, b->order);
		put_page(b->page);
	} else {
		__free_pages(b->page, b->order);
	}
	return bad;
}

static void test_random_stress(struct ktest *test)
{
	static u32 tags[STRESS_HELD];
	unsigned long per_zone[MAX_NR_ZONES] = { 0 };
	unsigned long op, bad = 0, fails = 0, allocs = 0;
	unsigned long held_pages = 0, accounting = 0;
	int check_bad = 0;
	u32 rng = 0x2545f491;
	enum zone_type z;

	boot(&known);
	memset(owned, 0, sizeof(owned));
	for (op = 0; op < STRESS_OPS; op++) {
		u32 r = xorshift32(&rng);

		if (nr_held == 0 || (nr_held < STRESS_HELD && r % 100 < 55)) {
			unsigned int order = __builtin_ctz(xorshift32(&rng) | (1u << 10));
			gfp_t gfp = stress_gfp[(r >> 8) % ARRAY_SIZE(stress_gfp)];
			struct page *page;

			if (order <= 2 && (r >> 16) % 8 == 0)
				gfp |= __GFP_ZERO;
			page = alloc_pages(gfp | __GFP_NOWARN, order);
			if (!page) {
				fails++;
				continue;
			}
			tags[nr_held] = r;
			bad += stress_take(page, order, gfp, r);
			per_zone[page_zonenum(page)]++;
			held_pages += 1UL << order;
			allocs++;
			hold(page, order);
		} else {
			unsigned long i = (r >> 8) % nr_held;

			held_pages -= 1UL << held[i].order;
			bad += stress_give(&held[i], tags[i], xorshift32(&rng));
			nr_held--;
			held[i] = held[nr_held];
			tags[i] = tags[nr_held];
		}
		if (op % STRESS_CHECK == STRESS_CHECK - 1) {
			unsigned long free = 0;

			check_bad += check_free_lists();
			for (z = 0; z < MAX_NR_ZONES; z++)
				free += zone_free_pages(zone_of(z));
			accounting += free + held_pages != totalram_pages;
		}
	}
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, check_bad, 0);
	EXPECT_EQ(test, accounting, 0);
	EXPECT_EQ(test, bad_page_count, boot_bad);
	/* It did reach every zone and ran out of memory on the way. */
	for (z = 0; z < MAX_NR_ZONES; z++)
		EXPECT_GT(test, per_zone[z], 0);
	EXPECT_GT(test, fails, 0);
	EXPECT_GT(test, allocs, STRESS_OPS / 3);
	printk("# stress: %lu allocations (DMA %lu, Normal %lu, HighMem %lu), %lu failed\n",
	       allocs, per_zone[ZONE_DMA], per_zone[ZONE_NORMAL],
	       per_zone[ZONE_HIGHMEM], fails);

	while (nr_held) {
		nr_held--;
		bad += stress_give(&held[nr_held], tags[nr_held], 2);
	}
	EXPECT_EQ(test, bad, 0);
	drain_local_pages();
	EXPECT_AS_AT_BOOT(test);
}

KTEST_SUITE(buddy_stress,
	KTEST_CASE(test_exhaustion_full_recovery),
	KTEST_CASE(test_random_stress));
