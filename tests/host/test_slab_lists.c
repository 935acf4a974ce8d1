/*
 * Host tests of the slab allocator's slabs and lists (mm/slub.c): where
 * an object comes from and goes back to, when a slab moves between the
 * cpu slot, the partial and the full list, when empty slabs are kept
 * (min_partial) or given back, shrinking and destroying caches,
 * constructors, and SLAB_CACHE_DMA.
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

/* ------------------------------------------------- slabs and their lists */

/*
 * t512: 512-byte objects, 8 to an order-0 slab, fp @256, min_partial 5.
 * Who holds a slab, step by step (A and B its slabs, "cpu" the active
 * one, whose free objects sit on the CPU's freelist, not on the page):
 *
 *   alloc x0..x7     cpu: A (frozen, page->inuse 8 while frozen)
 *   alloc x8         A full -> full list; cpu: B
 *   free x3          A full -> partial (inuse 7)
 *   free the rest    A empty, kept on partial (0 partial < min_partial)
 *   free x8, alloc   B's CPU freelist: the same object comes back
 *   flush            B (inuse 1) -> partial, at the head
 *   alloc            the head of partial (B) becomes the cpu slab again
 *   shrink           B flushed (inuse 2), empty A freed
 */
static void test_alloc_free_lists(struct ktest *test)
{
	struct kmem_cache *s;
	struct page *a, *b;
	void *x[9], *y, *z;
	unsigned long free0;
	int i;

	slab_boot(0);
	s = kmem_cache_create("t512", 512, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->objects, 8);
	EXPECT_EQ(test, s->min_partial, 5);
	free0 = free_now();

	x[0] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, x[0]);
	a = slab_of(x[0]);
	EXPECT_PTR_EQ(test, x[0], slab_address(a));
	EXPECT_TRUE(test, PageSlab(a));
	EXPECT_PTR_EQ(test, a->slab_cache, s);
	EXPECT_EQ(test, a->frozen, 1);
	EXPECT_EQ(test, a->inuse, 8);
	EXPECT_NULL(test, a->freelist);
	EXPECT_PTR_EQ(test, s->cpu_slab.page, a);
	EXPECT_PTR_EQ(test, s->cpu_slab.freelist, obj_at(s, a, 1));
	EXPECT_EQ(test, freelist_len(s, a, s->cpu_slab.freelist), 7);
	EXPECT_NODE(test, s, 0, 0, 1);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 1);
	EXPECT_EQ(test, free0 - free_now(), 1);

	/* The freelist runs upwards through the slab. */
	for (i = 1; i < 8; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		EXPECT_PTR_EQ(test, x[i], obj_at(s, a, i));
	}
	EXPECT_NULL(test, s->cpu_slab.freelist);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 8);
	EXPECT_NODE(test, s, 0, 0, 1);

	x[8] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, x[8]);
	b = slab_of(x[8]);
	EXPECT_PTR_NE(test, a, b);
	EXPECT_PTR_EQ(test, s->cpu_slab.page, b);
	EXPECT_EQ(test, a->frozen, 0);
	EXPECT_EQ(test, a->inuse, 8);
	EXPECT_NULL(test, a->freelist);
	EXPECT_PTR_EQ(test, list_first_entry(&s->node.full, struct page, slab_list), a);
	EXPECT_NODE(test, s, 0, 1, 2);
	EXPECT_EQ(test, free0 - free_now(), 2);

	kmem_cache_free(s, x[3]);
	EXPECT_EQ(test, a->inuse, 7);
	EXPECT_PTR_EQ(test, a->freelist, x[3]);
	EXPECT_NODE(test, s, 1, 0, 2);
	for (i = 0; i < 8; i++)
		if (i != 3 && i != 7)
			kmem_cache_free(s, x[i]);
	EXPECT_EQ(test, a->inuse, 1);
	EXPECT_PTR_EQ(test, a->freelist, x[6]);	/* the last one freed */
	EXPECT_EQ(test, freelist_len(s, a, a->freelist), 7);
	EXPECT_NODE(test, s, 1, 0, 2);
	kmem_cache_free(s, x[7]);
	EXPECT_EQ(test, a->inuse, 0);
	EXPECT_NODE(test, s, 1, 0, 2);		/* kept: 0 < min_partial */
	EXPECT_EQ(test, free0 - free_now(), 2);

	/* Freed to the active slab: onto the CPU's freelist, LIFO. */
	kmem_cache_free(s, x[8]);
	EXPECT_EQ(test, b->inuse, 8);
	EXPECT_PTR_EQ(test, s->cpu_slab.freelist, x[8]);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, y, x[8]);

	flush_cpu_slab(s);
	EXPECT_NULL(test, s->cpu_slab.page);
	EXPECT_NULL(test, s->cpu_slab.freelist);
	EXPECT_EQ(test, b->frozen, 0);
	EXPECT_EQ(test, b->inuse, 1);
	EXPECT_PTR_EQ(test, b->freelist, obj_at(s, b, 1));
	EXPECT_NODE(test, s, 2, 0, 2);
	EXPECT_PTR_EQ(test, list_first_entry(&s->node.partial, struct page, slab_list), b);

	z = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, z, obj_at(s, b, 1));
	EXPECT_PTR_EQ(test, s->cpu_slab.page, b);
	EXPECT_NODE(test, s, 1, 0, 2);

	EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	EXPECT_NODE(test, s, 1, 0, 1);
	EXPECT_EQ(test, b->inuse, 2);
	EXPECT_FALSE(test, PageSlab(a));
	EXPECT_EQ(test, free0 - free_now(), 1);

	kmem_cache_free(s, y);
	kmem_cache_free(s, z);
	EXPECT_EQ(test, b->inuse, 0);
	EXPECT_NODE(test, s, 1, 0, 1);
	kmem_cache_shrink(s);
	EXPECT_NODE(test, s, 0, 0, 0);
	EXPECT_EQ(test, free_now(), free0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * Empty slabs are kept while fewer than min_partial (5) slabs are on
 * the partial list, then given back.  Eight full slabs S0..S7 (S7 the
 * cpu slab), emptied in order:
 *
 *   S0..S4 emptied       partial: S4 S3 S2 S1 S0 (all empty)   full: S5 S6
 *   S5 first free        partial: 6; last free: 5 left -> S5 freed
 *   S6 likewise          freed
 *   S7 emptied           its objects on the CPU freelist
 *   flush                S7 empty, 5 on partial: freed at deactivation
 *   shrink               S0..S4 freed
 */
static void test_empty_slabs_beyond_min_partial(struct ktest *test)
{
	static void *x[64];
	struct kmem_cache *s;
	unsigned long free0;
	int i, k;

	slab_boot(0);
	free0 = free_now();
	s = fill_t512(test, x, 8);
	ASSERT_NOT_NULL(test, s);
	EXPECT_NODE(test, s, 0, 7, 8);
	EXPECT_EQ(test, free0 - free_now(), 8);
	for (k = 0; k < 5; k++) {
		for (i = 0; i < 8; i++)
			kmem_cache_free(s, x[8 * k + i]);
		EXPECT_EQ(test, slab_of(x[8 * k])->inuse, 0);
		EXPECT_NODE(test, s, k + 1, 6 - k, 8);
	}
	EXPECT_EQ(test, free0 - free_now(), 8);
	for (k = 5; k < 7; k++) {
		for (i = 0; i < 7; i++)
			kmem_cache_free(s, x[8 * k + i]);
		EXPECT_EQ(test, s->node.nr_partial, 6);	/* 5 empty + this one */
		kmem_cache_free(s, x[8 * k + 7]);
		EXPECT_NODE(test, s, 5, 6 - k, 12 - k);
		EXPECT_EQ(test, free0 - free_now(), 12 - k);
	}
	for (i = 56; i < 64; i++)
		kmem_cache_free(s, x[i]);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_NODE(test, s, 5, 0, 6);
	flush_cpu_slab(s);
	EXPECT_NODE(test, s, 5, 0, 5);
	EXPECT_EQ(test, free0 - free_now(), 5);
	kmem_cache_shrink(s);
	EXPECT_NODE(test, s, 0, 0, 0);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, free_now(), free0);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * min_partial counts every slab on the partial list, empty or not (as
 * Linux's n->nr_partial): with five slabs each holding one object, a
 * sixth that empties is freed at once, though no empty slab is kept.
 * Shrinking frees no slab that still holds an object.
 *
 *   partial: S4 S3 S2 S1 S0 (1 object each)   full: S5   cpu: S6
 *   S5 emptied        freed (5 on partial)
 *   shrink            S6 (1 object) to partial; nothing freed
 *   S0 emptied        freed (5 others on partial)
 *   S1..S4, S6        kept (4 others each time): 5 empty slabs
 */
static void test_min_partial_counts_partial_slabs(struct ktest *test)
{
	static void *x[49];
	struct kmem_cache *s;
	struct page *s5;
	unsigned long free0;
	int i, k;

	slab_boot(0);
	free0 = free_now();
	s = fill_t512(test, x, 6);
	ASSERT_NOT_NULL(test, s);
	x[48] = kmem_cache_alloc(s, GFP_KERNEL);	/* S5 -> full, S6 cpu */
	ASSERT_NOT_NULL(test, x[48]);
	EXPECT_NODE(test, s, 0, 6, 7);
	for (k = 0; k < 5; k++)
		for (i = 1; i < 8; i++)
			kmem_cache_free(s, x[8 * k + i]);
	EXPECT_NODE(test, s, 5, 1, 7);
	s5 = slab_of(x[40]);
	for (i = 40; i < 48; i++)
		kmem_cache_free(s, x[i]);
	EXPECT_FALSE(test, PageSlab(s5));
	EXPECT_NODE(test, s, 5, 0, 6);
	EXPECT_EQ(test, free0 - free_now(), 6);
	kmem_cache_shrink(s);
	EXPECT_NODE(test, s, 6, 0, 6);
	EXPECT_EQ(test, free0 - free_now(), 6);
	for (k = 0; k < 5; k++) {
		EXPECT_EQ(test, slab_of(x[8 * k])->inuse, 1);
		kmem_cache_free(s, x[8 * k]);
		EXPECT_NODE(test, s, 5, 0, 5);
	}
	EXPECT_FALSE(test, PageSlab(slab_of(x[0])));
	kmem_cache_free(s, x[48]);
	EXPECT_NODE(test, s, 5, 0, 5);
	EXPECT_EQ(test, free0 - free_now(), 5);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("t512"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * Order-1 slabs (t700: 704-byte slots, 11 to a slab, see g700): 100
 * objects take 10 slabs, 20 pages, each a compound page whose tail knows
 * its head.  Freed in order: 5 slabs stay (min_partial), 4 go back, the
 * cpu slab keeps its one; shrink gives back all six, and the buddy
 * allocator's free lists are block for block what they were.
 *
 *   a slab:  page 0                 page 1
 *            | 0 | 1 | 2 | 3 | 4 | 5|  6 | 7 | 8 | 9 | 10 |left 448|
 *            ^ head (PG_head)         ^ tail: compound_head = head + 1
 */
static void test_shrink_returns_every_page(struct ktest *test)
{
	static void *x[100];
	struct kmem_cache *s;
	struct buddy_snap before;
	struct page *head, *tail;
	unsigned long free0;
	int i;

	slab_boot(0);
	s = kmem_cache_create("t700", 700, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->order, 1);
	EXPECT_EQ(test, s->objects, 11);
	drain_local_pages();
	take_snap(&before);
	free0 = free_now();
	for (i = 0; i < 100; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, x[i]);
	}
	EXPECT_NODE(test, s, 0, 9, 10);
	EXPECT_EQ(test, free0 - free_now(), 20);
	/* x[50] is slot 6 of slab 4 (x[44]..x[54]): in the tail page. */
	head = slab_of(x[44]);
	tail = virt_to_page(x[50]);
	EXPECT_PTR_EQ(test, tail, head + 1);
	EXPECT_TRUE(test, PageHead(head));
	EXPECT_TRUE(test, PageTail(tail));
	EXPECT_PTR_EQ(test, compound_head(tail), head);
	EXPECT_PTR_EQ(test, slab_of(x[50]), head);
	EXPECT_EQ(test, page_alloc_order(head), 1);
	EXPECT_PTR_EQ(test, x[50], obj_at(s, head, 6));

	for (i = 0; i < 100; i++)
		kmem_cache_free(s, x[i]);
	EXPECT_NODE(test, s, 5, 0, 6);
	EXPECT_EQ(test, free0 - free_now(), 12);
	EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	EXPECT_NODE(test, s, 0, 0, 0);
	EXPECT_NULL(test, s->cpu_slab.page);
	EXPECT_FALSE(test, PageHead(head));
	EXPECT_FALSE(test, PageTail(tail));
	drain_local_pages();
	EXPECT_EQ(test, snap_diff(&before), 0);
	EXPECT_EQ(test, check_free_lists(), 0);
	EXPECT_EQ(test, bad_page_count, boot_bad);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * kmem_cache_destroy of an empty cache gives back its slabs and its
 * descriptor.  Ten more caches overflow kmem_cache's slab (14 + 7 = 21
 * descriptors fill it): the second slab it took is kept, empty, on its
 * partial list after the destroys, until kmem_cache itself is shrunk.
 */
static void test_destroy_returns_everything(struct ktest *test)
{
	static const char *const names[] = {
		"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9",
	};
	struct kmem_cache *c[10];
	void *p[10][3];
	unsigned long free0;
	int i, j;

	slab_boot(0);
	free0 = free_now();
	for (i = 0; i < 10; i++) {
		static const slab_flags_t flags[] = { 0, SLAB_RED_ZONE,
			SLAB_POISON | SLAB_RED_ZONE | SLAB_HWCACHE_ALIGN };

		c[i] = kmem_cache_create(names[i], 40 + 300 * i, 0,
					 flags[i % 3], NULL);
		ASSERT_NOT_NULL(test, c[i]);
		for (j = 0; j < 3; j++)
			p[i][j] = kmem_cache_alloc(c[i], GFP_KERNEL);
	}
	EXPECT_EQ(test, list_count(&slab_caches), 24);
	EXPECT_EQ(test, kmem_cache_objects_in_use(kmem_cache), 24);
	EXPECT_NODE(test, kmem_cache, 0, 1, 2);
	for (i = 0; i < 10; i++) {
		for (j = 0; j < 3; j++)
			kmem_cache_free(c[i], p[i][j]);
		kmem_cache_destroy(c[i]);
		EXPECT_NULL(test, find_cache(names[i]));
	}
	EXPECT_EQ(test, list_count(&slab_caches), 14);
	EXPECT_EQ(test, kmem_cache_objects_in_use(kmem_cache), 14);
	EXPECT_EQ(test, kmem_cache->node.nr_slabs, 2);
	EXPECT_EQ(test, free0 - free_now(), 1);
	kmem_cache_shrink(kmem_cache);
	EXPECT_EQ(test, kmem_cache->node.nr_slabs, 1);
	EXPECT_EQ(test, free_now(), free0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
	kmem_cache_destroy(NULL);		/* a no-op, as in Linux */
}

/* A cache with objects is kept, whole and usable, and says why. */
static void test_destroy_busy_cache(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	void *a, *b, *c, *d;
	size_t mark;

	slab_boot(0);
	s = kmem_cache_create("busy", 64, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, c);
	mark_reports(&m);
	kmem_cache_destroy(s);
	EXPECT_LOGGED(test, m.log, "kmem_cache_destroy busy: Slab cache still has objects when called from ");
	EXPECT_LOGGED(test, m.log, " (2 in use)\n");
	EXPECT_EQ(test, stack_dumps - m.dumps, 1);
	EXPECT_PTR_EQ(test, find_cache("busy"), s);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 2);
	EXPECT_EQ(test, s->node.nr_slabs, 1);
	d = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, d, c);
	kmem_cache_free(s, d);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	mark = printk_log_pos();
	kmem_cache_destroy(s);
	EXPECT_FALSE(test, printk_log_find(mark, "still has objects"));
	EXPECT_NULL(test, find_cache("busy"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* ------------------------------------------------ constructors, DMA */

/*
 * ctor40: 40 bytes + the fp after them (a ctor's state must survive a
 * free): 48-byte slots, 85 to a slab.  The ctor runs for every object
 * when its slab is made, never again on reuse.
 */
static void test_ctor_once_per_object(struct ktest *test)
{
	static void *x[86];
	struct kmem_cache *s;
	unsigned long bad = 0;
	u8 *a;
	int i;

	slab_boot(0);
	ctor_calls = 0;
	s = kmem_cache_create("ctor40", 40, 0, SLAB_POISON, count_ctor);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->flags, 0);		/* poison would undo the ctor */
	EXPECT_EQ(test, s->offset, 40);
	EXPECT_EQ(test, s->objects, 85);
	EXPECT_EQ(test, ctor_calls, 0);
	for (i = 0; i < 86; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, x[i]);
		bad += memcmp(x[i], "\x3c\x3c\x3c\x3c\x3c\x3c\x3c\x3c", 8) != 0;
		EXPECT_EQ(test, ctor_calls, i < 85 ? 85 : 170);
	}
	EXPECT_EQ(test, bad, 0);
	a = x[85];			/* on the cpu slab: comes straight back */
	kmem_cache_free(s, a);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), a);
	EXPECT_EQ(test, ctor_calls, 170);
	EXPECT_EQ(test, memcmp(a, "\x3c\x3c\x3c\x3c\x3c\x3c\x3c\x3c", 8), 0);
	/* kmem_cache_zalloc zeroes after the ctor ran, as Linux does. */
	kmem_cache_free(s, a);
	a = kmem_cache_zalloc(s, GFP_KERNEL);
	EXPECT_EQ(test, a[0], 0);
	EXPECT_EQ(test, a[39], 0);
	for (i = 0; i < 86; i++)
		kmem_cache_free(s, x[i]);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* SLAB_CACHE_DMA: the slabs come from ZONE_DMA; the others from Normal. */
static void test_cache_dma(struct ktest *test)
{
	struct kmem_cache *d, *n;
	void *x, *y;

	slab_boot(0);
	d = kmem_cache_create("dma100", 100, 0, SLAB_CACHE_DMA, NULL);
	n = kmem_cache_create("normal100", 100, 0, 0, NULL);
	ASSERT_TRUE(test, d && n);
	x = kmem_cache_alloc(d, GFP_KERNEL);
	y = kmem_cache_alloc(n, GFP_KERNEL);
	ASSERT_TRUE(test, x && y);
	EXPECT_EQ(test, page_zonenum(slab_of(x)), ZONE_DMA);
	EXPECT_EQ(test, page_zonenum(slab_of(y)), ZONE_NORMAL);
	/* __GFP_HIGHMEM is dropped: a slab must have an address. */
	kmem_cache_free(n, y);
	kmem_cache_shrink(n);
	y = kmem_cache_alloc(n, GFP_HIGHUSER);
	ASSERT_NOT_NULL(test, y);
	EXPECT_EQ(test, page_zonenum(slab_of(y)), ZONE_NORMAL);
	kmem_cache_free(d, x);
	kmem_cache_free(n, y);
	kmem_cache_destroy(d);
	kmem_cache_destroy(n);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_lists,
	KTEST_CASE(test_alloc_free_lists),
	KTEST_CASE(test_empty_slabs_beyond_min_partial),
	KTEST_CASE(test_min_partial_counts_partial_slabs),
	KTEST_CASE(test_shrink_returns_every_page),
	KTEST_CASE(test_destroy_returns_everything),
	KTEST_CASE(test_destroy_busy_cache),
	KTEST_CASE(test_ctor_once_per_object),
	KTEST_CASE(test_cache_dma));
