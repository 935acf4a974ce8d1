/*
 * kmalloc and its helpers as callers see them (mm/slab_common.c,
 * mm/slub.c): which kmalloc cache serves each size, blocks beyond
 * kmalloc-8k straight from the page allocator, sizes no block can hold,
 * zero sizes, the alignment promise, and the zeroing, array, resizing and
 * string helpers.  Every case gives back what it took:
 * settled_free_pages() (all caches shrunk, per-CPU page lists drained)
 * before and after must agree exactly.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "test_util.h"
#include "../kmalloc_classes.h"

/* ---- size classes ---- */


static void test_kmalloc_size_classes(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_classes); i++) {
		size_t size = kmalloc_classes[i].size;
		u8 *p = kmalloc(size, GFP_KERNEL);
		struct page *page;

		ASSERT_NOT_NULL(test, p);
		page = virt_to_head_page(p);
		EXPECT_TRUE(test, PageSlab(page));
		EXPECT_STREQ(test, kmem_cache_name(page->slab_cache),
			     kmalloc_classes[i].cache);
		EXPECT_EQ(test, ksize(p), kmalloc_classes[i].object_size);
		EXPECT_EQ(test, kmem_cache_size(page->slab_cache),
			  kmalloc_classes[i].object_size);
		/* All of ksize() is the caller's to use. */
		memset(p, 0x5c, ksize(p));
		kfree(p);
	}
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* Beyond kmalloc-8k: a compound block of 2^order pages, no slab. */
static const struct {
	size_t size;
	unsigned int order;
} kmalloc_large_sizes[] = {
	{ 8193, 2 }, { 12288, 2 }, { 16384, 2 }, { 16385, 3 }, { 32768, 3 },
	{ 32769, 4 }, { 65536, 4 }, { SZ_1M, 8 }, { SZ_1M + 1, 9 },
	{ 4 * SZ_1M, 10 },
};

static void test_kmalloc_large(struct ktest *test)
{
	unsigned long before = drained_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_large_sizes); i++) {
		unsigned int order = kmalloc_large_sizes[i].order;
		size_t size = kmalloc_large_sizes[i].size;
		u8 *p = kmalloc(size, GFP_KERNEL);
		struct page *page;

		ASSERT_NOT_NULL(test, p);
		page = virt_to_head_page(p);
		EXPECT_PTR_EQ(test, page, virt_to_page(p));
		EXPECT_FALSE(test, PageSlab(page));
		EXPECT_TRUE(test, PageHead(page));
		EXPECT_EQ(test, page_alloc_order(page), order);
		EXPECT_EQ(test, ksize(p), PAGE_SIZE << order);
		EXPECT_TRUE(test, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
		/* Its last byte's page is a tail of the same block. */
		EXPECT_PTR_EQ(test, virt_to_head_page(p + ksize(p) - 1), page);
		EXPECT_EQ(test, drained_free_pages(), before - (1UL << order));
		p[0] = 1;
		p[size - 1] = 2;
		kfree(p);
		EXPECT_EQ(test, drained_free_pages(), before);
	}
}

/* Too large for any buddy block: NULL, and quickly. */
static void test_kmalloc_too_large(struct ktest *test)
{
	unsigned long before = drained_free_pages();
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;

	EXPECT_NULL(test, kmalloc(4 * SZ_1M + 1, gfp));
	EXPECT_NULL(test, kmalloc(8 * SZ_1M, gfp));
	EXPECT_NULL(test, kmalloc(3UL * SZ_1G, gfp));
	EXPECT_NULL(test, kmalloc(~(size_t)0, gfp));
	EXPECT_NULL(test, kzalloc(~(size_t)0 - PAGE_SIZE, gfp));
	EXPECT_EQ(test, drained_free_pages(), before);
}

static void test_kmalloc_zero_and_null(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned long errors = slab_error_count;
	size_t mark = printk_log_pos();

	EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	EXPECT_PTR_EQ(test, kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	EXPECT_PTR_EQ(test, kcalloc(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	EXPECT_EQ(test, ksize(ZERO_SIZE_PTR), 0);
	EXPECT_EQ(test, ksize(NULL), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	kmem_cache_free(find_cache("kmalloc-8"), NULL);
	/* No report of any kind, nothing taken. */
	EXPECT_EQ(test, printk_log_pos(), mark);
	EXPECT_EQ(test, slab_error_count, errors);
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* ---- alignment ---- */

#define ALIGN_OBJS	48
static void *align_objs[ALIGN_OBJS];

static const size_t align_sizes[] = {
	1, 3, 5, 7, 8, 9, 12, 16, 24, 32, 40, 50, 64, 72, 96, 100, 128, 150,
	192, 200, 256, 300, 512, 1000, 1024, 1500, 2048, 3000, 4096, 5000,
	8192, 8193, 16384,
};

/* kmalloc(N): 8-aligned, and N-aligned when N is a power of two. */
static void test_kmalloc_alignment(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned int i, n, count, bad8 = 0, badn = 0;

	for (i = 0; i < ARRAY_SIZE(align_sizes); i++) {
		size_t size = align_sizes[i];
		bool pow2 = (size & (size - 1)) == 0;

		count = min((size_t)ALIGN_OBJS, 256 * SZ_1K / size);
		for (n = 0; n < count; n++) {
			unsigned long p;

			align_objs[n] = kmalloc(size, GFP_KERNEL);
			ASSERT_NOT_NULL(test, align_objs[n]);
			p = (unsigned long)align_objs[n];
			bad8 += !IS_ALIGNED(p, ARCH_KMALLOC_MINALIGN);
			badn += pow2 && !IS_ALIGNED(p, size);
		}
		for (n = 0; n < count; n++)
			kfree(align_objs[n]);
	}
	EXPECT_EQ(test, bad8, 0);
	EXPECT_EQ(test, badn, 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void test_zalloc_zeroes(struct ktest *test)
{
	static const size_t sizes[] = { 1, 13, 64, 100, 1000, 4096, 8192,
					8193, 20000 };
	unsigned long before = settled_free_pages();
	struct kmem_cache *s;
	unsigned int i;
	u8 *p, *q;

	s = kmem_cache_create("test-zalloc", 300, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 300);
	kmem_cache_free(s, p);
	/* The same object comes back first (LIFO), now zeroed. */
	q = kmem_cache_zalloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, q, p);
	EXPECT_TRUE(test, all_bytes(q, 0, 300));
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = kmalloc(sizes[i], GFP_KERNEL);
		ASSERT_NOT_NULL(test, p);
		memset(p, 0xff, ksize(p));
		kfree(p);
		q = kzalloc(sizes[i], GFP_KERNEL);
		ASSERT_NOT_NULL(test, q);
		if (sizes[i] <= KMALLOC_MAX_CACHE_SIZE)
			EXPECT_PTR_EQ(test, q, p);
		EXPECT_TRUE(test, all_bytes(q, 0, sizes[i]));
		kfree(q);
	}
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void test_kcalloc(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	struct kmem_cache *s = find_cache("kmalloc-128");
	gfp_t gfp = GFP_KERNEL | __GFP_NOWARN;
	unsigned long in_use;
	size_t mark;
	u32 *p;

	ASSERT_NOT_NULL(test, s);
	p = kmalloc(120, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 120);
	kfree(p);
	p = kcalloc(30, sizeof(u32), GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, ksize(p), 128);
	EXPECT_TRUE(test, all_bytes(p, 0, 30 * sizeof(u32)));
	kfree(p);

	/* Products that overflow size_t: NULL, nothing allocated, no report. */
	in_use = kmem_cache_objects_in_use(s);
	mark = printk_log_pos();
	EXPECT_NULL(test, kcalloc(0x10000, 0x10000, gfp));
	EXPECT_NULL(test, kcalloc(~(size_t)0 / 2 + 1, 2, gfp));
	EXPECT_NULL(test, kcalloc(3, ~(size_t)0 / 3 + 1, gfp));
	EXPECT_NULL(test, kcalloc(0x10000, 0x10000, GFP_KERNEL));
	EXPECT_EQ(test, printk_log_pos(), mark);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), in_use);
	/* No overflow, but more than any block: NULL as well. */
	EXPECT_NULL(test, kcalloc(1, ~(size_t)0, gfp));
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void fill_pattern(u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (u8)(i * 7 + 1);
}

static bool check_pattern(const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (u8)(i * 7 + 1))
			return false;
	return true;
}

/* Growing moves and copies; shrinking stays in place; both keep data. */
static void test_krealloc(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	u8 *p, *q;

	p = krealloc(NULL, 10, GFP_KERNEL);	/* as kmalloc */
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, ksize(p), 16);
	fill_pattern(p, 10);

	q = krealloc(p, 16, GFP_KERNEL);	/* fits: same object */
	EXPECT_PTR_EQ(test, q, p);
	fill_pattern(q, 16);

	p = krealloc(q, 100, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_NE(test, p, q);
	EXPECT_EQ(test, ksize(p), 128);
	EXPECT_TRUE(test, check_pattern(p, 16));
	fill_pattern(p, 100);

	q = krealloc(p, 5000, GFP_KERNEL);
	ASSERT_NOT_NULL(test, q);
	EXPECT_EQ(test, ksize(q), 8192);
	EXPECT_TRUE(test, check_pattern(q, 100));
	fill_pattern(q, 5000);

	p = krealloc(q, 20000, GFP_KERNEL);	/* into the page allocator */
	ASSERT_NOT_NULL(test, p);
	EXPECT_FALSE(test, PageSlab(virt_to_head_page(p)));
	EXPECT_EQ(test, ksize(p), 32768);
	EXPECT_TRUE(test, check_pattern(p, 5000));
	fill_pattern(p, 20000);

	q = krealloc(p, 100, GFP_KERNEL);	/* shrinking keeps the block */
	EXPECT_PTR_EQ(test, q, p);
	EXPECT_TRUE(test, check_pattern(q, 20000));

	p = krealloc(q, 0, GFP_KERNEL);		/* frees */
	EXPECT_PTR_EQ(test, p, ZERO_SIZE_PTR);
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void test_kstrdup(struct ktest *test)
{
	static const char text[] = "slab: kstrdup";
	unsigned long before = settled_free_pages();
	char *p;

	p = kstrdup(text, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_NE(test, p, text);
	EXPECT_STREQ(test, p, text);
	EXPECT_EQ(test, ksize(p), 16);		/* 14 bytes with the NUL */
	kfree(p);
	p = kstrdup("", GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, p[0], '\0');
	EXPECT_EQ(test, ksize(p), 8);
	kfree(p);
	EXPECT_NULL(test, kstrdup(NULL, GFP_KERNEL));
	EXPECT_EQ(test, settled_free_pages(), before);
}

KTEST_SUITE(kmalloc,
	    KTEST_CASE(test_kmalloc_size_classes),
	    KTEST_CASE(test_kmalloc_large),
	    KTEST_CASE(test_kmalloc_too_large),
	    KTEST_CASE(test_kmalloc_zero_and_null),
	    KTEST_CASE(test_kmalloc_alignment),
	    KTEST_CASE(test_zalloc_zeroes),
	    KTEST_CASE(test_kcalloc),
	    KTEST_CASE(test_krealloc),
	    KTEST_CASE(test_kstrdup));
