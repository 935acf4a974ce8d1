/*
 * A random stress test of the slab allocator (mm/slub.c, mm/slab_common.c)
 * over caches of every shape and kmalloc of every size, with every
 * object's contents and every counter checked as it goes, and every page
 * back with the buddy allocator at the end.
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c
 */
#include <stdint.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

#define STRESS_OPS	300000
#define STRESS_HELD	3000
#define STRESS_CHECK	25000
#define NR_STRESS_CACHES 4

struct stress_obj {
	u8 *p;
	u32 size;
	u32 tag;
	int cache;		/* index into the stress caches, -1: kmalloc */
};

static struct stress_obj sheld[STRESS_HELD];

static void stress_fill(u8 *p, u32 size, u32 tag)
{
	u32 i;

	for (i = 0; i < size; i++)
		p[i] = (u8)(tag + i * 0x9d);
}

static unsigned long stress_wrong(const u8 *p, u32 size, u32 tag)
{
	u32 i;

	for (i = 0; i < size; i++)
		if (p[i] != (u8)(tag + i * 0x9d))
			return 1;
	return 0;
}

/* Mostly small, some up to 8k, a few large (compound pages). */
static u32 stress_kmalloc_size(u32 r)
{
	u32 pick = r % 100, v = r >> 8;

	if (pick < 50)
		return 1 + v % 256;
	if (pick < 80)
		return 257 + v % 1792;
	if (pick < 97)
		return 2049 + v % 6144;
	return 8193 + v % 24576;
}

/*
 * 300,000 random allocations and frees over four caches of different
 * shapes (plain, red zone + poison + HWCACHE, order-1 slabs, order-3
 * with red zones) and kmalloc of every size class and beyond; every
 * object filled with its own pattern and checked before it is freed;
 * the counters checked every 25,000 steps.  At the end everything is
 * freed, every cache shrunk, the four destroyed, and the buddy
 * allocator must have exactly its pages back.
 */
static void test_random_stress(struct ktest *test)
{
	static const struct {
		const char *name;
		unsigned int size;
		slab_flags_t flags;
	} spec[NR_STRESS_CACHES] = {
		{ "st24", 24, 0 },
		{ "st100", 100, SLAB_HWCACHE_ALIGN | SLAB_RED_ZONE | SLAB_POISON },
		{ "st700", 700, 0 },
		{ "st5000", 5000, SLAB_RED_ZONE },
	};
	struct kmem_cache *c[NR_STRESS_CACHES], *s;
	unsigned long per_cache[NR_STRESS_CACHES] = { 0 }, kmalloced = 0;
	unsigned long op, wrong = 0, fails = 0, allocs = 0, large = 0;
	unsigned long count_bad = 0, validate_bad = 0, misaligned = 0;
	unsigned long nr = 0, i;
	u32 rng = 0x2545f491;
	int k;

	slab_boot(0);
	for (k = 0; k < NR_STRESS_CACHES; k++) {
		c[k] = kmem_cache_create(spec[k].name, spec[k].size, 0,
					 spec[k].flags, NULL);
		ASSERT_NOT_NULL(test, c[k]);
	}
	for (op = 0; op < STRESS_OPS; op++) {
		u32 r = xorshift32(&rng);

		if (nr == 0 || (nr < STRESS_HELD && r % 100 < 52)) {
			struct stress_obj *o = &sheld[nr];
			u32 r2 = xorshift32(&rng);

			o->cache = (r >> 8) % 8 < NR_STRESS_CACHES ?
				   (int)((r >> 8) % 8) : -1;
			o->tag = r2;
			if (o->cache >= 0) {
				o->size = spec[o->cache].size;
				o->p = kmem_cache_alloc(c[o->cache],
							GFP_KERNEL | __GFP_NOWARN);
			} else {
				o->size = stress_kmalloc_size(r2);
				o->p = kmalloc(o->size, GFP_KERNEL | __GFP_NOWARN);
			}
			if (!o->p) {
				fails++;
				continue;
			}
			misaligned += (uintptr_t)o->p % 8;
			if (o->cache < 0 && !(o->size & (o->size - 1)))
				misaligned += (uintptr_t)o->p % o->size;
			if (o->cache < 0)
				wrong += ksize(o->p) < o->size;
			stress_fill(o->p, o->size, o->tag);
			if (o->cache >= 0)
				per_cache[o->cache]++;
			else if (o->size > KMALLOC_MAX_CACHE_SIZE)
				large++;
			else
				kmalloced++;
			allocs++;
			nr++;
		} else {
			struct stress_obj *o = &sheld[(r >> 8) % nr];

			wrong += stress_wrong(o->p, o->size, o->tag);
			if (o->cache >= 0) {
				kmem_cache_free(c[o->cache], o->p);
				per_cache[o->cache]--;
			} else {
				if (o->size > KMALLOC_MAX_CACHE_SIZE)
					large--;
				else
					kmalloced--;
				kfree(o->p);
			}
			*o = sheld[--nr];
		}
		if (op % STRESS_CHECK == STRESS_CHECK - 1) {
			unsigned long in_kmalloc = 0;

			validate_bad += kmem_cache_validate_all();
			for (k = 0; k < NR_STRESS_CACHES; k++)
				count_bad += kmem_cache_objects_in_use(c[k]) !=
					     per_cache[k];
			list_for_each_entry(s, &slab_caches, list) {
				count_bad += s->node.total_objects !=
					     s->node.nr_slabs * s->objects;
				count_bad += s->node.nr_partial !=
					     list_count(&s->node.partial);
				if (strncmp(s->name, "kmalloc-", 8) == 0)
					in_kmalloc += kmem_cache_objects_in_use(s);
			}
			count_bad += in_kmalloc != kmalloced;
		}
	}
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, misaligned, 0);
	EXPECT_EQ(test, validate_bad, 0);
	EXPECT_EQ(test, count_bad, 0);
	EXPECT_EQ(test, slab_error_count, 0);
	EXPECT_GT(test, allocs, STRESS_OPS / 3);
	printk("# stress: %lu allocations, %lu failed, %lu held at the end (%lu large)\n",
	       allocs, fails, nr, large);

	for (i = 0; i < nr; i++) {
		wrong += stress_wrong(sheld[i].p, sheld[i].size, sheld[i].tag);
		if (sheld[i].cache >= 0)
			kmem_cache_free(c[sheld[i].cache], sheld[i].p);
		else
			kfree(sheld[i].p);
	}
	EXPECT_EQ(test, wrong, 0);
	list_for_each_entry(s, &slab_caches, list) {
		kmem_cache_shrink(s);
		if (s != kmem_cache) {
			EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
			EXPECT_EQ(test, s->node.nr_slabs, 0);
		}
	}
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (k = 0; k < NR_STRESS_CACHES; k++)
		kmem_cache_destroy(c[k]);
	kmem_cache_shrink(kmem_cache);
	EXPECT_EQ(test, list_count(&slab_caches), 14);
	EXPECT_EQ(test, slab_error_count, 0);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_stress,
	KTEST_CASE(test_random_stress));
