/*
 * Host tests of kmalloc and its family (mm/slab_common.c, mm/slub.c):
 * which size class each size lands in, alignment, the large sizes that
 * go straight to the buddy allocator as compound pages, frees of what
 * kmalloc never gave, and kzalloc, kcalloc, krealloc and kstrdup.
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
#include "../kmalloc_classes.h"

/* Every boundary: the last size a class takes and the first it refuses. */
static void test_kmalloc_size_classes(struct ktest *test)
{
	/* Beyond kmalloc-8k: compound pages, no cache, ksize the block. */
	static const struct kmalloc_class large[] = {
		{ 8193, NULL, 16384 }, { 16384, NULL, 16384 },
		{ 16385, NULL, 32768 },
	};
	struct kmalloc_class classes[ARRAY_SIZE(kmalloc_classes) + ARRAY_SIZE(large)];
	void *p[ARRAY_SIZE(classes)];
	struct kmem_cache *s;
	size_t i, mark;

	memcpy(classes, kmalloc_classes, sizeof(kmalloc_classes));
	memcpy(classes + ARRAY_SIZE(kmalloc_classes), large, sizeof(large));
	slab_boot(0);
	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		struct page *page;

		p[i] = kmalloc(classes[i].size, GFP_KERNEL);
		ASSERT_NOT_NULL(test, p[i]);
		page = slab_of(p[i]);
		EXPECT_EQ(test, ksize(p[i]), classes[i].object_size);
		if (classes[i].cache) {
			EXPECT_TRUE(test, PageSlab(page));
			EXPECT_STREQ(test, page->slab_cache->name, classes[i].cache);
		} else {
			EXPECT_FALSE(test, PageSlab(page));
			EXPECT_TRUE(test, PageHead(page));
		}
	}
	/* Every class took exactly two of the sizes above. */
	list_for_each_entry(s, &slab_caches, list)
		if (s != kmem_cache)
			EXPECT_EQ(test, kmem_cache_objects_in_use(s), 2);
	for (i = 0; i < ARRAY_SIZE(classes); i++)
		kfree(p[i]);
	list_for_each_entry(s, &slab_caches, list)
		if (s != kmem_cache)
			EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);

	/* kmalloc(0) is the non-NULL ZERO_SIZE_PTR, which kfree ignores. */
	mark = printk_log_pos();
	EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), (void *)16);
	kfree((void *)16);
	kfree(NULL);
	EXPECT_EQ(test, ksize((void *)16), 0);
	EXPECT_EQ(test, ksize(NULL), 0);
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * kmalloc(N) is aligned to N for a power of two N, to 8 otherwise; a
 * cache's own alignment holds for every object, red zone or not.  (The
 * simulated RAM is aligned to a MAX_ORDER block, so the virtual address
 * is as aligned as the physical one, as in the direct map.)
 */
static void test_kmalloc_alignment(struct ktest *test)
{
	static const size_t odd[] = { 1, 7, 12, 24, 65, 96, 100, 150, 192,
				      700, 1000, 3000, 5000, 8000 };
	static void *p[200];
	struct kmem_cache *a256, *a64z;
	unsigned long misaligned = 0, n = 0, i, shift, k;

	slab_boot(0);
	for (shift = 3; shift <= 13; shift++) {
		size_t size = 1UL << shift;

		for (k = 0; k < 9; k++) {
			p[n] = kmalloc(k % 3 ? size : size - 1, GFP_KERNEL);
			misaligned += (uintptr_t)p[n++] % (k % 3 ? size : 8);
		}
	}
	for (i = 0; i < ARRAY_SIZE(odd); i++)
		for (k = 0; k < 3; k++) {
			p[n] = kmalloc(odd[i], GFP_KERNEL);
			misaligned += (uintptr_t)p[n++] % 8;
		}
	EXPECT_EQ(test, misaligned, 0);
	EXPECT_LE(test, n, ARRAY_SIZE(p));

	a256 = kmem_cache_create("a256", 50, 256, 0, NULL);
	a64z = kmem_cache_create("a64z", 100, 0,
				 SLAB_HWCACHE_ALIGN | SLAB_RED_ZONE, NULL);
	ASSERT_TRUE(test, a256 && a64z);
	EXPECT_EQ(test, a64z->red_left_pad, 64);
	for (k = 0; k < 40; k++) {
		void *x = kmem_cache_alloc(a256, GFP_KERNEL);
		void *y = kmem_cache_alloc(a64z, GFP_KERNEL);

		misaligned += (uintptr_t)x % 256 + (uintptr_t)y % 64;
		kmem_cache_free(a256, x);
		p[n++] = y;
	}
	EXPECT_EQ(test, misaligned, 0);
	while (n > 0) {
		n--;
		if (slab_of(p[n])->slab_cache == a64z)
			kmem_cache_free(a64z, p[n]);
		else
			kfree(p[n]);
	}
	kmem_cache_destroy(a256);
	kmem_cache_destroy(a64z);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * Beyond kmalloc-8k: a compound page from the buddy allocator.  8193
 * bytes take order 2:
 *
 *   pfn   n          n+1          n+2          n+3
 *         | head     | tail       | tail       | tail       |
 *           PG_head    compound_head = head + 1 (bit 0: "a tail")
 */
static void test_kmalloc_large(struct ktest *test)
{
	struct page *page;
	unsigned long free0, i;
	size_t mark;
	u8 *p;

	slab_boot(0);
	free0 = free_now();
	p = kmalloc(8193, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	page = virt_to_page(p);
	EXPECT_PTR_EQ(test, p, page_address(page));
	EXPECT_TRUE(test, PageHead(page));
	EXPECT_FALSE(test, PageSlab(page));
	EXPECT_FALSE(test, PageTail(page));
	EXPECT_EQ(test, page_alloc_order(page), 2);
	EXPECT_EQ(test, page_count(page), 1);
	EXPECT_EQ(test, page_zonenum(page), ZONE_NORMAL);
	for (i = 1; i < 4; i++) {
		EXPECT_TRUE(test, PageTail(page + i));
		EXPECT_EQ(test, page[i].compound_head, (unsigned long)page + 1);
	}
	EXPECT_FALSE(test, PageTail(page + 4));
	EXPECT_PTR_EQ(test, virt_to_head_page(p + 3 * PAGE_SIZE + 5), page);
	EXPECT_EQ(test, ksize(p), 16384);
	EXPECT_EQ(test, free0 - free_now(), 4);
	memset(p, 0xab, 16384);
	kfree(p);
	EXPECT_EQ(test, free_now(), free0);
	EXPECT_FALSE(test, PageHead(page));
	for (i = 1; i < 4; i++)
		EXPECT_FALSE(test, PageTail(page + i));

	/* kzalloc: zeroed by the buddy allocator, all 8 pages of order 3. */
	p = kzalloc(20000, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, ksize(p), 32768);
	EXPECT_TRUE(test, all_bytes(p, 32768, 0));
	EXPECT_EQ(test, free0 - free_now(), 8);
	kfree(p);

	/* The largest: 3 MiB is an order-10 block; 5 MiB cannot be had. */
	p = kmalloc(3 * SZ_1M, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, ksize(p), 4 * SZ_1M);
	EXPECT_EQ(test, page_alloc_order(virt_to_page(p)), 10);
	kfree(p);
	mark = printk_log_pos();
	EXPECT_NULL(test, kmalloc(5 * SZ_1M, GFP_KERNEL));
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	mark = printk_log_pos();
	EXPECT_NULL(test, kmalloc(5 * SZ_1M, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_NULL(test, kmalloc((size_t)3 << 30, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_NULL(test, kmalloc(SIZE_MAX, GFP_KERNEL | __GFP_NOWARN));
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
	EXPECT_EQ(test, free_now(), free0);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* kfree and kmem_cache_free of what kmalloc never gave: reported, ignored. */
static void test_kfree_not_kmalloced(struct ktest *test)
{
	struct kmem_cache *s;
	struct page *page;
	unsigned long free0;
	size_t mark;
	int local = 0;
	u8 *p;

	slab_boot(0);
	free0 = free_now();
	p = kmalloc(8193, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	mark = printk_log_pos();
	kfree(p + PAGE_SIZE);		/* a tail page */
	EXPECT_LOGGED(test, mark, "is not the start of a kmalloc'ed block\n");
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	mark = printk_log_pos();
	kfree(p + 8);			/* inside the head page */
	EXPECT_LOGGED(test, mark, "is not the start of a kmalloc'ed block\n");
	EXPECT_EQ(test, free0 - free_now(), 4);
	kfree(p);
	EXPECT_EQ(test, free_now(), free0);

	/* A page from alloc_pages, not a compound kmalloc block. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	mark = printk_log_pos();
	kfree(page_address(page));
	EXPECT_LOGGED(test, mark, "is not the start of a kmalloc'ed block\n");
	EXPECT_EQ(test, page_count(page), 1);
	s = kmem_cache_create("t64", 64, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	mark = printk_log_pos();
	kmem_cache_free(s, page_address(page));
	EXPECT_LOGGED(test, mark, "kmem_cache_free: ");
	EXPECT_LOGGED(test, mark, " is not a slab object\n");
	EXPECT_EQ(test, page_count(page), 1);
	__free_page(page);

	/* Not lowmem at all: the host's stack, a highmem page. */
	mark = printk_log_pos();
	kfree(&local);
	EXPECT_LOGGED(test, mark, " is not a kernel lowmem address\n");
	mark = printk_log_pos();
	kfree(sim_page(13000));
	EXPECT_LOGGED(test, mark, "kfree: ");
	EXPECT_LOGGED(test, mark, " is not a kernel lowmem address\n");
	mark = printk_log_pos();
	kmem_cache_free(s, sim_page(13000) + 64);
	EXPECT_LOGGED(test, mark, "kmem_cache_free: ");
	EXPECT_LOGGED(test, mark, " is not a kernel lowmem address\n");
	kmem_cache_destroy(s);
	EXPECT_EQ(test, slab_error_count, 0);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* kzalloc, kcalloc, krealloc, kstrdup. */
static void test_kmalloc_helpers(struct ktest *test)
{
	char *p, *q, *r;
	u8 *z;

	slab_boot(0);
	/* Dirty an object, free it: kzalloc gets it back, zeroed. */
	z = kmalloc(100, GFP_KERNEL);
	ASSERT_NOT_NULL(test, z);
	memset(z, 0xff, 128);
	kfree(z);
	EXPECT_PTR_EQ(test, kzalloc(120, GFP_KERNEL), z);
	EXPECT_TRUE(test, all_bytes(z, 128, 0));
	kfree(z);

	/* kcalloc: n * size, checked for overflow. */
	EXPECT_NULL(test, kcalloc(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	EXPECT_NULL(test, kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	z = kmalloc(128, GFP_KERNEL);
	ASSERT_NOT_NULL(test, z);
	memset(z, 0xff, 128);
	kfree(z);
	EXPECT_PTR_EQ(test, kcalloc(10, 12, GFP_KERNEL), z);
	EXPECT_EQ(test, ksize(z), 128);
	EXPECT_TRUE(test, all_bytes(z, 120, 0));
	kfree(z);

	/* krealloc: grows by moving (contents kept), shrinks in place. */
	p = kmalloc(20, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	memcpy(p, "0123456789abcdefghijklmnopqrstu", 32);
	q = krealloc(p, 32, GFP_KERNEL);
	EXPECT_PTR_EQ(test, q, p);			/* still fits kmalloc-32 */
	q = krealloc(p, 100, GFP_KERNEL);
	ASSERT_NOT_NULL(test, q);
	EXPECT_PTR_NE(test, q, p);
	EXPECT_STREQ(test, slab_of(q)->slab_cache->name, "kmalloc-128");
	EXPECT_EQ(test, memcmp(q, "0123456789abcdefghijklmnopqrstu", 32), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(find_cache("kmalloc-32")), 0);
	r = krealloc(q, 10000, GFP_KERNEL);		/* into a large block */
	ASSERT_NOT_NULL(test, r);
	EXPECT_EQ(test, ksize(r), 16384);
	EXPECT_EQ(test, memcmp(r, "0123456789abcdefghijklmnopqrstu", 32), 0);
	EXPECT_PTR_EQ(test, krealloc(r, 50, GFP_KERNEL), r);
	EXPECT_PTR_EQ(test, krealloc(r, 0, GFP_KERNEL), (void *)16);
	p = krealloc(NULL, 10, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, ksize(p), 16);
	kfree(p);

	p = kstrdup("kmem_cache", GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_STREQ(test, p, "kmem_cache");
	EXPECT_STREQ(test, slab_of(p)->slab_cache->name, "kmalloc-16");
	kfree(p);
	EXPECT_NULL(test, kstrdup(NULL, GFP_KERNEL));
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_kmalloc,
	KTEST_CASE(test_kmalloc_size_classes),
	KTEST_CASE(test_kmalloc_alignment),
	KTEST_CASE(test_kmalloc_large),
	KTEST_CASE(test_kfree_not_kmalloced),
	KTEST_CASE(test_kmalloc_helpers));
