/*
 * Host tests of how the slab allocator lays out its caches (mm/slub.c,
 * mm/slab_common.c): kmem_cache_init's bootstrap, the slot layout and
 * slab order of caches of every shape, the kmalloc caches with and
 * without slub_debug, and the arguments kmem_cache_create refuses.
 *
 * How calculate_sizes() lays out a slot (mm/slab.h has the picture):
 *
 *   size   = ALIGN(object_size, 8), + 8 more if SLAB_RED_ZONE and that
 *            left no room for a right red zone
 *   inuse  = size                       (object + right red zone)
 *   offset = size, size += 8            with SLAB_POISON or a ctor, or
 *                                       SLAB_RED_ZONE and object_size < 8
 *            ALIGN_DOWN(object_size / 2, 8)  otherwise (mid-object)
 *   red_left_pad = ALIGN(8, align), size += it   with SLAB_RED_ZONE
 *   s->size = ALIGN(size, align)
 *
 * and calculate_order(): the lowest order holding min(8, 32 KiB / size)
 * objects with at most 1/16 of the slab left over, else 1/8, else 1/4,
 * else with fewer objects; order 3 at most, unless one object needs more.
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

/* ---------------------------------------------------------- bootstrap */

/*
 * kmem_cache_init: the kmem_cache cache starts in a static descriptor,
 * allocates its own copy from itself, moves its slab over; then the 13
 * kmalloc caches take 13 more descriptors.  14 descriptors of 192 bytes
 * (152 rounded up to the cache line) fit one order-0 slab of 21.
 */
static void test_boot_kmem_cache(struct ktest *test)
{
	static const char *const order[] = {
		"kmem_cache", "kmalloc-96", "kmalloc-192", "kmalloc-8",
		"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
		"kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
		"kmalloc-4k", "kmalloc-8k",
	};
	struct kmem_cache *s;
	struct page *page;
	size_t mark, i = 0;
	unsigned long free0;

	slab_boot_no_caches(0);
	drain_local_pages();
	free0 = free_now();
	mark = printk_log_pos();
	kmem_cache_init();
	EXPECT_LOGGED(test, mark, "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=1, Nodes=1\n");
	list_for_each_entry(s, &slab_caches, list) {
		ASSERT_LT(test, i, ARRAY_SIZE(order));
		EXPECT_STREQ(test, s->name, order[i]);
		i++;
	}
	EXPECT_EQ(test, i, 14);
	ASSERT_NOT_NULL(test, kmem_cache);
	/* The descriptor now lives in its own slab, not in static memory. */
	EXPECT_TRUE(test, virt_addr_valid(kmem_cache));
	page = slab_of(kmem_cache);
	EXPECT_TRUE(test, PageSlab(page));
	EXPECT_PTR_EQ(test, page->slab_cache, kmem_cache);
	if (sizeof(void *) == 8)
		EXPECT_EQ(test, sizeof(struct kmem_cache), 152);
	EXPECT_EQ(test, kmem_cache->object_size, sizeof(struct kmem_cache));
	EXPECT_EQ(test, kmem_cache->size, ALIGN(sizeof(struct kmem_cache), 64));
	EXPECT_EQ(test, kmem_cache->order, 0);
	EXPECT_EQ(test, kmem_cache->objects, PAGE_SIZE / kmem_cache->size);
	/* Its first object is its own descriptor; 13 kmalloc ones follow. */
	EXPECT_PTR_EQ(test, kmem_cache, obj_at(kmem_cache, page, 0));
	EXPECT_EQ(test, kmem_cache_objects_in_use(kmem_cache), 14);
	EXPECT_NODE(test, kmem_cache, 0, 0, 1);
	EXPECT_PTR_EQ(test, kmem_cache->cpu_slab.page, page);
	/* No kmalloc cache has a slab yet; one page went to the slab. */
	list_for_each_entry(s, &slab_caches, list)
		if (s != kmem_cache)
			EXPECT_EQ(test, s->node.nr_slabs, 0);
	EXPECT_EQ(test, free0 - free_now(), 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	/* Flushed, the slab goes to the partial list, still 14 in use. */
	flush_cpu_slab(kmem_cache);
	EXPECT_NODE(test, kmem_cache, 1, 0, 1);
	EXPECT_EQ(test, page->inuse, 14);
	EXPECT_EQ(test, page->frozen, 0);
	EXPECT_EQ(test, freelist_len(kmem_cache, page, page->freelist),
		  kmem_cache->objects - 14);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
}

/* ------------------------------------------------------------ geometry */

struct geometry {
	const char *name;
	unsigned int object_size, align;
	slab_flags_t flags;
	bool ctor;
	/* what calculate_sizes / calculate_order make of it (LP64) */
	unsigned int size, offset, inuse, red_left_pad, s_align;
	unsigned int order, objects, min_partial;
};

#define Z	SLAB_RED_ZONE
#define P	SLAB_POISON
#define HW	SLAB_HWCACHE_ALIGN

/*
 * Worked by hand from the rules at the top of the file.  "left" is what
 * an order-N slab leaves over; min_partial = clamp(ilog2(size) / 2, 5, 10).
 *
 * g24:       24 -> size 24, fp at ALIGN_DOWN(12, 8) = 8.  4096 / 24 = 170,
 *            left 16 <= 4096/16: order 0.
 * g24-z:     24 is aligned, so 8 more for the right red zone: inuse 32;
 *            + left pad 8: 40.  102 objects, left 16.
 *
 *              0       8                   32      40
 *              | lrz 8 | object 24 (fp @+8) | rrz 8 |
 *
 * g24-zp:    as g24-z, the fp after the red zone (poison fills the
 *            object): inuse 32, offset 32, 40 + 8 = 48: 85 objects.
 *
 *              0       8           32      40     48
 *              | lrz 8 | object 24 | rrz 8 | fp 8 |
 *
 * g20-p:     ALIGN(20) = 24, fp at 24: 32 bytes, 128 objects.
 * g20-z:     24 leaves 4 bytes of right red zone; fp mid-object at 8;
 *            + 8 left: 32, 128 objects.
 * g100-hw:   HWCACHE: 100 > 32, align 64.  104 rounded to 128; fp @48.
 * g20-hw:    20 <= 32 but > 16: align 32; 24 -> 32.
 * g100-hwzp: align 64.  104 (4 bytes of right red zone), fp at 104,
 *            112; left pad ALIGN(8, 64) = 64: 176 -> 192.  21 objects,
 *            left 64 <= 256.
 *
 *              0        64            164   168    176      192
 *              | lrz 64 | object 100  |rrz 4| fp 8 | pad 16 |
 *
 * g700:      704 bytes, fp @344.  8 objects need 5632 bytes: order 1;
 *            8192 % 704 = 448 <= 512: 11 objects.
 * g760:      order 1 would leave 592, over 1/16 (512): order 2 leaves
 *            16384 - 21 * 760 = 424: 21 objects.
 * g3000:     8 objects: order 3, left 2768: over 1/16 (2048), under
 *            1/8: order 3, 10 objects, min_partial 11 / 2 = 5.
 * g4000:     order 3, left 768: 8 objects.
 * g5000:     at most 6 fit in 32 KiB: order 3, left 2768 (1/8): 6,
 *            min_partial 12 / 2 = 6.
 * g9000:     3 fit: left 5768 is over 1/8, under 1/4: order 3, 3.
 * g12000:    2 would need order 3 leaving 8768 > 1/4: no order <= 3
 *            works with 2, so 1 object: get_order(12000) = 2.
 * g20000:    only 1 fits in 32 KiB: order 3, min_partial 14 / 2 = 7.
 * g24-ctor-p: a ctor drops SLAB_POISON; the fp moves after the object:
 *            24 + 8 = 32, 128 objects.
 * g8-z:      8 + 8 right red zone, fp at 0; + 8 left: 24, 170 objects.
 * g50-a256:  56 rounded to the alignment 256: 16 objects, fp @24.
 * g64-a64-z: 64 + 8 red zone, fp @32; left pad ALIGN(8, 64) = 64: 136,
 *            rounded to 192: 21 objects.
 *
 *              0        64         128     136       192
 *              | lrz 64 | object 64 | rrz 8 | pad 56 |
 */
static const struct geometry geometries[] = {
	{ "g24", 24, 0, 0, false,		24, 8, 24, 0, 8,	0, 170, 5 },
	{ "g24-z", 24, 0, Z, false,		40, 8, 32, 8, 8,	0, 102, 5 },
	{ "g24-zp", 24, 0, Z | P, false,	48, 32, 32, 8, 8,	0, 85, 5 },
	{ "g20-p", 20, 0, P, false,		32, 24, 24, 0, 8,	0, 128, 5 },
	{ "g20-z", 20, 0, Z, false,		32, 8, 24, 8, 8,	0, 128, 5 },
	{ "g100-hw", 100, 0, HW, false,		128, 48, 104, 0, 64,	0, 32, 5 },
	{ "g20-hw", 20, 0, HW, false,		32, 8, 24, 0, 32,	0, 128, 5 },
	{ "g100-hwzp", 100, 0, HW | Z | P, false, 192, 104, 104, 64, 64, 0, 21, 5 },
	{ "g700", 700, 0, 0, false,		704, 344, 704, 0, 8,	1, 11, 5 },
	{ "g760", 760, 0, 0, false,		760, 376, 760, 0, 8,	2, 21, 5 },
	{ "g3000", 3000, 0, 0, false,		3000, 1496, 3000, 0, 8,	3, 10, 5 },
	{ "g4000", 4000, 0, 0, false,		4000, 2000, 4000, 0, 8,	3, 8, 5 },
	{ "g5000", 5000, 0, 0, false,		5000, 2496, 5000, 0, 8,	3, 6, 6 },
	{ "g9000", 9000, 0, 0, false,		9000, 4496, 9000, 0, 8,	3, 3, 6 },
	{ "g12000", 12000, 0, 0, false,		12000, 6000, 12000, 0, 8, 2, 1, 6 },
	{ "g20000", 20000, 0, 0, false,		20000, 10000, 20000, 0, 8, 3, 1, 7 },
	{ "g24-ctor-p", 24, 0, P, true,		32, 24, 24, 0, 8,	0, 128, 5 },
	{ "g8-z", 8, 0, Z, false,		24, 0, 16, 8, 8,	0, 170, 5 },
	{ "g50-a256", 50, 256, 0, false,	256, 24, 56, 0, 256,	0, 16, 5 },
	{ "g64-a64-z", 64, 64, Z, false,	192, 32, 72, 64, 64,	0, 21, 5 },
};

static void test_geometry(struct ktest *test)
{
	size_t i;

	if (sizeof(void *) != 8)
		KTEST_SKIP(test, "layouts worked out for 8-byte pointers");
	slab_boot(0);
	for (i = 0; i < ARRAY_SIZE(geometries); i++) {
		const struct geometry *g = &geometries[i];
		struct kmem_cache *s;

		s = kmem_cache_create(g->name, g->object_size, g->align,
				      g->flags, g->ctor ? count_ctor : NULL);
		ASSERT_NOT_NULL(test, s);
		printk("# %s: size %u offset %u inuse %u red_left_pad %u align %u order %u objects %u min_partial %u\n",
		       s->name, s->size, s->offset, s->inuse, s->red_left_pad,
		       s->align, s->order, s->objects, s->min_partial);
		EXPECT_EQ(test, s->object_size, g->object_size);
		EXPECT_EQ(test, s->size, g->size);
		EXPECT_EQ(test, s->offset, g->offset);
		EXPECT_EQ(test, s->inuse, g->inuse);
		EXPECT_EQ(test, s->red_left_pad, g->red_left_pad);
		EXPECT_EQ(test, s->align, g->s_align);
		EXPECT_EQ(test, s->order, g->order);
		EXPECT_EQ(test, s->objects, g->objects);
		EXPECT_EQ(test, s->min_partial, g->min_partial);
		EXPECT_EQ(test, s->flags, g->ctor ? g->flags & ~P : g->flags);
		EXPECT_EQ(test, kmem_cache_size(s), g->object_size);
		EXPECT_STREQ(test, kmem_cache_name(s), g->name);
		kmem_cache_destroy(s);
	}
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * The kmalloc caches: power-of-two sizes aligned to their size, 96 and
 * 192 to 8.  No metadata, so size == object_size and the fp is mid-object
 * (kmalloc-8's at 0: ALIGN_DOWN(4, 8)).  Created with SLAB_PANIC: boot
 * cannot go on without them.
 * 1k needs order 1 for 8 objects, 2k order 2, 4k order 3; 8k fits only
 * 4 in the largest order-3 slab.
 */
static void test_kmalloc_geometry(struct ktest *test)
{
	static const struct {
		const char *name;
		unsigned int size, align, order, objects;
	} want[] = {
		{ "kmalloc-8", 8, 8, 0, 512 },	{ "kmalloc-16", 16, 16, 0, 256 },
		{ "kmalloc-32", 32, 32, 0, 128 }, { "kmalloc-64", 64, 64, 0, 64 },
		{ "kmalloc-96", 96, 8, 0, 42 },	{ "kmalloc-128", 128, 128, 0, 32 },
		{ "kmalloc-192", 192, 8, 0, 21 }, { "kmalloc-256", 256, 256, 0, 16 },
		{ "kmalloc-512", 512, 512, 0, 8 }, { "kmalloc-1k", 1024, 1024, 1, 8 },
		{ "kmalloc-2k", 2048, 2048, 2, 8 }, { "kmalloc-4k", 4096, 4096, 3, 8 },
		{ "kmalloc-8k", 8192, 8192, 3, 4 },
	};
	size_t i;

	slab_boot(0);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		struct kmem_cache *s = find_cache(want[i].name);

		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->object_size, want[i].size);
		EXPECT_EQ(test, s->size, want[i].size);
		EXPECT_EQ(test, s->align, want[i].align);
		EXPECT_EQ(test, s->offset, ALIGN_DOWN(want[i].size / 2, 8));
		EXPECT_EQ(test, s->order, want[i].order);
		EXPECT_EQ(test, s->objects, want[i].objects);
		EXPECT_EQ(test, s->flags, SLAB_PANIC);
	}
}

/*
 * slub_debug=ZP at boot: every cache, kmem_cache included, gets red
 * zones and poison.  The power-of-two alignment makes the left pad as
 * big as the object:
 *
 *   kmalloc-8:   8 + 8 rz, fp @16, 24; + 8: 32          128 objects
 *   kmalloc-96:  96 + 8 rz, fp @104, 112; + 8: 120       34, left 16
 *   kmalloc-64:  64 + 8, fp @72, 80; + 64: 144 -> 192    21
 *   kmalloc-4k:  4096 + 8, fp @4104, 4112; + 4096 -> 12288: 2 fit in
 *                order 3 leaving 8192, exactly 1/4       order 3, 2
 *   kmalloc-8k:  8192 + 8 + 8 + 8192 -> 24576: one       order 3, 1
 *
 *   kmalloc-8k's slot:  0          8192         16384 16392 16400   24576
 *                       |  lrz     | object 8192 |rrz 8 |fp 8 | pad  |
 */
static void test_slub_debug_geometry(struct ktest *test)
{
	static const struct {
		const char *name;
		unsigned int size, offset, inuse, red_left_pad, order, objects;
	} want[] = {
		{ "kmalloc-8", 32, 16, 16, 8, 0, 128 },
		{ "kmalloc-96", 120, 104, 104, 8, 0, 34 },
		{ "kmalloc-64", 192, 72, 72, 64, 0, 21 },
		{ "kmalloc-4k", 12288, 4104, 4104, 4096, 3, 2 },
		{ "kmalloc-8k", 24576, 8200, 8200, 8192, 3, 1 },
	};
	struct kmem_cache *s;
	size_t i, mark;
	u8 *p;

	if (sizeof(void *) != 8)
		KTEST_SKIP(test, "layouts worked out for 8-byte pointers");
	mark = printk_log_pos();
	slab_boot(SLAB_RED_ZONE | SLAB_POISON);
	EXPECT_LOGGED(test, mark, "Nodes=1 (slub_debug on)\n");
	list_for_each_entry(s, &slab_caches, list)
		EXPECT_EQ(test, s->flags & SLAB_DEBUG_FLAGS, SLAB_DEBUG_FLAGS);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		s = find_cache(want[i].name);
		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->size, want[i].size);
		EXPECT_EQ(test, s->offset, want[i].offset);
		EXPECT_EQ(test, s->inuse, want[i].inuse);
		EXPECT_EQ(test, s->red_left_pad, want[i].red_left_pad);
		EXPECT_EQ(test, s->order, want[i].order);
		EXPECT_EQ(test, s->objects, want[i].objects);
	}
	/* A cache made later gets the flags too; kmalloc-8k still aligns. */
	s = kmem_cache_create("later", 24, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->flags, SLAB_DEBUG_FLAGS);
	EXPECT_EQ(test, s->size, 48);
	p = kmalloc(8000, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, (uintptr_t)p % 8192, 0);
	EXPECT_EQ(test, p[7999], POISON_FREE);	/* allocated objects are poisoned */
	EXPECT_EQ(test, p[8191], POISON_END);
	EXPECT_EQ(test, p[8192], SLUB_RED_ACTIVE);
	EXPECT_EQ(test, p[-1], SLUB_RED_ACTIVE);
	kfree(p);
	EXPECT_EQ(test, p[0], POISON_FREE);
	EXPECT_EQ(test, p[8192], SLUB_RED_INACTIVE);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, slab_error_count, 0);
	kmem_cache_shrink(find_cache("kmalloc-8k"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* ------------------------------------------------- creation arguments */

/*
 * Runs kmem_cache_create(name, size, align, flags) in a child process
 * and tells how it ended: 0 if it returned NULL, 1 if it returned a
 * cache, -1 if it crashed (a crash must not take the suite with it;
 * UBSan's reports end the child with exit status 1, hence 42 and 43).
 */
static int create_in_child(const char *name, unsigned int size,
			   unsigned int align, slab_flags_t flags)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct kmem_cache *s = kmem_cache_create(name, size, align,
							 flags, NULL);

		fflush(stdout);
		_exit(s ? 43 : 42);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 42 ? 0 : WEXITSTATUS(status) == 43 ? 1 : -1;
}

/*
 * Refused with -EINVAL: no name, size 0, more than the largest block
 * (4 MiB), an alignment that is not a power of two; and caches whose
 * slot outgrows the largest block once the alignment or the red zones
 * are added (created, every allocation from them would fail with an
 * order-11 warning).  An alignment of 2^31 with red zones once made the
 * slot size wrap to 0 and calculate_order() divide by it: that one runs
 * in a child process, so that a crash fails the case, not the suite.
 */
static void test_create_bad_arguments(struct ktest *test)
{
	struct kmem_cache *s;
	size_t mark;
	void *p;

	slab_boot(0);
	mark = printk_log_pos();
	EXPECT_NULL(test, kmem_cache_create(NULL, 64, 0, 0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create((null)) failed with error -22\n");
	EXPECT_NULL(test, kmem_cache_create("zero", 0, 0, 0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create(zero) failed with error -22\n");
	EXPECT_NULL(test, kmem_cache_create("huge", 4 * SZ_1M + 1, 0, 0, NULL));
	EXPECT_NULL(test, kmem_cache_create("align3", 64, 3, 0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create(align3) failed with error -22\n");
	EXPECT_EQ(test, list_count(&slab_caches), 14);
	EXPECT_EQ(test, kmem_cache_objects_in_use(kmem_cache), 14);

	/* The largest: 4 MiB, one object in an order-10 slab. */
	s = kmem_cache_create("4m", 4 * SZ_1M, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->order, 10);
	EXPECT_EQ(test, s->objects, 1);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_NOT_NULL(test, p);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);

	/* 4 MiB + red zones, or aligned to 8 MiB: no block is big enough. */
	s = kmem_cache_create("4m-z", 4 * SZ_1M, 0, SLAB_RED_ZONE, NULL);
	EXPECT_NULL(test, s);
	if (s) {
		EXPECT_NULL(test, kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
		kmem_cache_destroy(s);
	}
	s = kmem_cache_create("a8m", 64, 8 * SZ_1M, 0, NULL);
	EXPECT_NULL(test, s);
	if (s) {
		EXPECT_NULL(test, kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
		kmem_cache_destroy(s);
	}
	EXPECT_EQ(test, create_in_child("a2g-z", 100, 1U << 31, SLAB_RED_ZONE), 0);
	EXPECT_EQ(test, list_count(&slab_caches), 14);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_geometry,
	KTEST_CASE(test_boot_kmem_cache),
	KTEST_CASE(test_geometry),
	KTEST_CASE(test_kmalloc_geometry),
	KTEST_CASE(test_slub_debug_geometry),
	KTEST_CASE(test_create_bad_arguments));
