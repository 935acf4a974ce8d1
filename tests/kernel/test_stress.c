/*
 * A million randomized operations against each allocator, with seeded
 * PRNGs so that a failure repeats exactly: mixed orders and GFP classes
 * from the buddy allocator (mm/page_alloc.c) with its free lists walked
 * as it goes, and kmalloc/kfree of mixed sizes (mm/slub.c) with every
 * object's contents checked before it is freed.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "test_util.h"

extern unsigned long bad_page_count;	/* mm/page_alloc.c */

#define STRESS_OPS	1000000UL

static u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* ---- the buddy allocator ---- */

#define STRESS_LIVE	4096
#define STRESS_CHECK	100000UL

struct live_block {
	struct page *page;
	unsigned int order;
};

static struct live_block live[STRESS_LIVE];

static const gfp_t stress_gfp[] = {
	GFP_KERNEL, GFP_KERNEL, GFP_KERNEL, GFP_HIGHUSER,
	GFP_HIGHUSER, GFP_HIGHUSER, GFP_DMA, GFP_ATOMIC,
};

/*
 * Mostly small: half are order 0, a fifth order 1, and so on down to one
 * in 512 each for orders 9 and 10 (about 11 pages a block on average).
 */
static unsigned int stress_order(u32 r)
{
	static const u16 upto[MAX_ORDER] = {
		512, 704, 832, 912, 960, 976, 992, 1016, 1020, 1022, 1024,
	};
	unsigned int b = r & 1023, o = 0;

	while (b >= upto[o])
		o++;
	return o;
}

static u32 stress_tag(unsigned long pfn, unsigned int order)
{
	return (u32)(pfn * 2654435761u) ^ order;
}

/* Pages free in the buddy lists and the pcp lists of every zone. */
static unsigned long all_free_pages(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_zone(zone)
		n += zone_free_pages(zone);
	return n;
}

struct stress_stats {
	unsigned long ops, allocs, frees, failed, bad, live_pages, max_live;
};

/* Counts a wrong block; the first one is described. */
static void stress_bad(struct stress_stats *st, struct page *page,
		       unsigned int order, const char *why)
{
	if (st->bad++ == 0)
		pr_info("    # stress: op %lu, pfn %#lx order %u: %s\n", st->ops,
			page_to_pfn(page), order, why);
}

/* One allocation into live[n]; false if it failed. */
static bool stress_alloc(struct stress_stats *st, unsigned int n, u32 r)
{
	unsigned int order = stress_order(r), g = (r >> 16) & 7;
	struct page *page = alloc_pages(stress_gfp[g] | __GFP_NOWARN, order);
	unsigned long pfn;
	u32 *p;

	if (!page) {
		st->failed++;
		return false;
	}
	pfn = page_to_pfn(page);
	if (pfn & ((1UL << order) - 1))
		stress_bad(st, page, order, "not aligned");
	if (page_count(page) != 1 || page_alloc_order(page) != order || PageBuddy(page))
		stress_bad(st, page, order, "not a fresh block of this order");
	if ((stress_gfp[g] & __GFP_DMA) ? page_zonenum(page) != ZONE_DMA :
	    !(stress_gfp[g] & __GFP_HIGHMEM) && PageHighMem(page))
		stress_bad(st, page, order, "from a zone its GFP flags exclude");
	/* Highmem blocks are not mapped (a lingering kmap slot maps one page). */
	p = PageHighMem(page) ? NULL : page_address(page);
	if (p) {
		p[0] = stress_tag(pfn, order);
		p[(PAGE_SIZE << order) / 4 - 1] = ~stress_tag(pfn, order);
	}
	live[n].page = page;
	live[n].order = order;
	st->live_pages += 1UL << order;
	st->allocs++;
	return true;
}

static void stress_free(struct stress_stats *st, unsigned int i)
{
	struct page *page = live[i].page;
	unsigned int order = live[i].order;
	unsigned long pfn = page_to_pfn(page);
	u32 *p = PageHighMem(page) ? NULL : page_address(page);

	if (p && (p[0] != stress_tag(pfn, order) ||
		  p[(PAGE_SIZE << order) / 4 - 1] != ~stress_tag(pfn, order)))
		stress_bad(st, page, order, "pattern overwritten while allocated");
	if (page_count(page) != 1)
		stress_bad(st, page, order, "refcount changed while allocated");
	__free_pages(page, order);
	st->live_pages -= 1UL << order;
	st->frees++;
}

/*
 * A million allocations and frees of mixed orders and GFP classes, up
 * to STRESS_LIVE blocks live (about half on average): every block
 * aligned, from an allowed zone, its pattern intact when freed; every
 * STRESS_CHECK operations the free lists walked and the pages counted
 * (free + live must stay what was free at the start).
 */
static void test_buddy_stress(struct ktest *test)
{
	unsigned long bad0 = bad_page_count, total, checks_failed = 0, lost = 0;
	struct stress_stats st = { 0 };
	struct free_state before;
	unsigned int n = 0;
	u32 seed = 0x2545f491;
	u64 t0, ms;

	free_state_take(&before);
	total = all_free_pages();
	t0 = sched_clock();
	while (st.ops < STRESS_OPS) {
		/* Allocate with probability 1 - n / STRESS_LIVE. */
		bool alloc = n == 0 || (xorshift32(&seed) >> 20) % STRESS_LIVE >= n;

		if (alloc && n < STRESS_LIVE && stress_alloc(&st, n, xorshift32(&seed))) {
			n++;
		} else if (n) {
			/* Chosen, or memory is short: free a random block. */
			unsigned int i = xorshift32(&seed) % n;

			stress_free(&st, i);
			live[i] = live[--n];
		} else {
			continue;
		}
		st.max_live = max(st.max_live, (unsigned long)n);
		if (++st.ops % STRESS_CHECK == 0) {
			checks_failed += check_free_lists() != 0;
			lost += all_free_pages() + st.live_pages != total;
		}
	}
	while (n)
		stress_free(&st, --n);
	ms = div_u64(sched_clock() - t0, 1000000);
	pr_info("buddy: stress: %lu ops (%lu allocs, %lu frees, %lu failed), up to %lu blocks live, %llu ms\n",
		st.ops, st.allocs, st.frees, st.failed, st.max_live,
		(unsigned long long)ms);
	EXPECT_GE(test, st.allocs + st.frees, STRESS_OPS);
	EXPECT_EQ(test, st.bad, 0);
	EXPECT_EQ(test, checks_failed, 0);
	EXPECT_EQ(test, lost, 0);
	/* Half the table live at once, unless memory ran out first (< 100 MiB). */
	EXPECT_TRUE(test, st.max_live > STRESS_LIVE / 2 || st.failed > 0);
	EXPECT_EQ(test, bad_page_count, bad0);
	EXPECT_EQ(test, all_free_pages(), total);
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- kmalloc ---- */

#define STRESS_SLOTS	2000

struct stress_slot {
	u8 *p;
	u32 size;
	u32 serial;	/* the allocation's number: seeds its pattern */
};

static struct stress_slot stress_slots[STRESS_SLOTS];

/* Mostly small: 75% up to 128 bytes, 18% to 1k, 5% to 8k, 2% to 16k. */
static u32 stress_size(u32 *rng)
{
	u32 pick = xorshift32(rng) % 100, r = xorshift32(rng);

	if (pick < 75)
		return 1 + r % 128;
	if (pick < 93)
		return 129 + r % (1024 - 128);
	if (pick < 98)
		return 1025 + r % (8192 - 1024);
	return 8193 + r % (16384 - 8192);
}

static u32 stress_word(u32 serial, u32 k)
{
	return (serial * 0x9e3779b1U) ^ (k * 0x85ebca6bU) ^ 0x5a5a0000U;
}

static void stress_fill(const struct stress_slot *sl)
{
	u32 *w = (u32 *)sl->p, k;

	for (k = 0; k < sl->size / 4; k++)
		w[k] = stress_word(sl->serial, k);
	for (k = sl->size & ~3U; k < sl->size; k++)
		sl->p[k] = (u8)(sl->serial + k);
}

static bool stress_check(const struct stress_slot *sl)
{
	const u32 *w = (const u32 *)sl->p;
	u32 k;

	for (k = 0; k < sl->size / 4; k++)
		if (w[k] != stress_word(sl->serial, k))
			return false;
	for (k = sl->size & ~3U; k < sl->size; k++)
		if (sl->p[k] != (u8)(sl->serial + k))
			return false;
	return true;
}

/*
 * A million kmalloc/kfree calls of random sizes over a table of 2000
 * slots: a random slot is allocated if empty, else checked and freed
 * (and, in the filling phases, mostly refilled at once), so the number
 * of live objects swings between about 1000 and 1800.  Every object
 * carries a pattern from its serial number and is checked before it is
 * freed; every 16th is a kzalloc, checked to be zero first.  The PRNG
 * is seeded with a constant, so a failure repeats exactly.
 */
static void test_kmalloc_stress(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	u32 rng = 0x2545f491, serial = 0, allocs = 0, frees = 0, live = 0;
	u32 max_live = 0, bad = 0, notzero = 0, misaligned = 0, i;
	u64 start = sched_clock(), ms;

	memset(stress_slots, 0, sizeof(stress_slots));
	while (allocs + frees < STRESS_OPS) {
		u32 r = xorshift32(&rng);
		struct stress_slot *sl = &stress_slots[(r >> 8) % STRESS_SLOTS];
		/* 128k-op phases: free only 1 in 8 (filling), or always. */
		bool filling = ((allocs + frees) >> 17) & 1;

		if (sl->p) {
			bad += !stress_check(sl);
			kfree(sl->p);
			sl->p = NULL;
			frees++;
			live--;
			if (!filling || (r & 7) == 0)
				continue;
		}
		sl->size = stress_size(&rng);
		sl->serial = ++serial;
		if ((r & 0xf0) == 0) {
			sl->p = kzalloc(sl->size, GFP_KERNEL);
			if (sl->p)
				notzero += !all_bytes(sl->p, 0, sl->size);
		} else {
			sl->p = kmalloc(sl->size, GFP_KERNEL);
		}
		ASSERT_NOT_NULL(test, sl->p);
		misaligned += !IS_ALIGNED((unsigned long)sl->p, 8) ||
			      ksize(sl->p) < sl->size;
		stress_fill(sl);
		allocs++;
		live++;
		max_live = max(max_live, live);
	}
	for (i = 0; i < STRESS_SLOTS; i++) {
		if (!stress_slots[i].p)
			continue;
		bad += !stress_check(&stress_slots[i]);
		kfree(stress_slots[i].p);
		stress_slots[i].p = NULL;
		frees++;
	}
	ms = div_u64(sched_clock() - start, 1000000);
	printk(KERN_INFO "    # test_kmalloc_stress: %u kmalloc + %u kfree, up to %u live, in %u ms\n",
	       allocs, frees, max_live, (unsigned int)ms);
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, notzero, 0);
	EXPECT_EQ(test, misaligned, 0);
	EXPECT_EQ(test, allocs, frees);
	EXPECT_GE(test, allocs + frees, STRESS_OPS);
	EXPECT_GE(test, max_live, STRESS_SLOTS * 3 / 4);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

KTEST_SUITE(stress,
	    KTEST_CASE(test_buddy_stress),
	    KTEST_CASE(test_kmalloc_stress));
