/*
 * The slab allocator as callers see it (mm/slub.c, mm/slab_common.c):
 * which kmalloc cache serves each size, the alignment promises,
 * constructors, the zeroing and resizing helpers, many caches at once,
 * the slab size choice, and a long randomized kmalloc/kfree stress.
 * Misuse and its reports, and slub_debug, are in test_slab_debug.c.
 *
 * Every case gives back what it took: settled_free_pages() (all caches
 * shrunk, per-CPU page lists drained) before and after must agree
 * exactly, and ktest checks the whole suite the same way.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "test_util.h"

/* ---- size classes ---- */

static const struct {
	size_t size;
	const char *cache;
	unsigned int object_size;
} kmalloc_classes[] = {
	{ 1, "kmalloc-8", 8 },		{ 8, "kmalloc-8", 8 },
	{ 9, "kmalloc-16", 16 },	{ 16, "kmalloc-16", 16 },
	{ 17, "kmalloc-32", 32 },	{ 32, "kmalloc-32", 32 },
	{ 33, "kmalloc-64", 64 },	{ 64, "kmalloc-64", 64 },
	{ 65, "kmalloc-96", 96 },	{ 96, "kmalloc-96", 96 },
	{ 97, "kmalloc-128", 128 },	{ 128, "kmalloc-128", 128 },
	{ 129, "kmalloc-192", 192 },	{ 192, "kmalloc-192", 192 },
	{ 193, "kmalloc-256", 256 },	{ 256, "kmalloc-256", 256 },
	{ 257, "kmalloc-512", 512 },	{ 512, "kmalloc-512", 512 },
	{ 513, "kmalloc-1k", 1024 },	{ 1024, "kmalloc-1k", 1024 },
	{ 1025, "kmalloc-2k", 2048 },	{ 2048, "kmalloc-2k", 2048 },
	{ 2049, "kmalloc-4k", 4096 },	{ 4096, "kmalloc-4k", 4096 },
	{ 4097, "kmalloc-8k", 8192 },	{ 8192, "kmalloc-8k", 8192 },
};

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

/*
 * Allocates objects from s across more than two slabs and counts those
 * not aligned to align; frees them again.
 */
static unsigned int count_misaligned(struct kmem_cache *s, unsigned int align)
{
	unsigned int n, count = min(2 * s->objects + 1, (unsigned int)ALIGN_OBJS);
	unsigned int bad = 0;

	for (n = 0; n < count; n++) {
		align_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		bad += !align_objs[n] ||
		       !IS_ALIGNED((unsigned long)align_objs[n], align);
	}
	for (n = 0; n < count; n++)
		kmem_cache_free(s, align_objs[n]);
	return bad;
}

/*
 * SLAB_HWCACHE_ALIGN: a cache line for objects over half of one, else
 * the smallest power of two (at least a pointer) the object fits in, so
 * small objects still never straddle a line.
 */
static const struct {
	const char *name;
	unsigned int size;
	unsigned int align;
} hwcache_caches[] = {
	{ "test-hwc-4", 4, 4 },		{ "test-hwc-8", 8, 8 },
	{ "test-hwc-12", 12, 16 },	{ "test-hwc-16", 16, 16 },
	{ "test-hwc-17", 17, 32 },	{ "test-hwc-32", 32, 32 },
	{ "test-hwc-33", 33, 64 },	{ "test-hwc-40", 40, 64 },
	{ "test-hwc-64", 64, 64 },	{ "test-hwc-100", 100, 64 },
	{ "test-hwc-200", 200, 64 },	{ "test-hwc-1000", 1000, 64 },
};

static void test_hwcache_align(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hwcache_caches); i++) {
		struct kmem_cache *s;

		s = kmem_cache_create(hwcache_caches[i].name,
				      hwcache_caches[i].size, 0,
				      SLAB_HWCACHE_ALIGN, NULL);
		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->align, hwcache_caches[i].align);
		EXPECT_EQ(test, kmem_cache_size(s), hwcache_caches[i].size);
		EXPECT_EQ(test, count_misaligned(s, hwcache_caches[i].align), 0);
		kmem_cache_destroy(s);
	}
	EXPECT_EQ(test, settled_free_pages(), before);
}

static const struct {
	const char *name;
	unsigned int size;
	unsigned int align;
	slab_flags_t flags;
} aligned_caches[] = {
	{ "test-align-8-16", 8, 16, 0 },
	{ "test-align-24-128", 24, 128, 0 },
	{ "test-align-100-256", 100, 256, 0 },
	{ "test-align-1000-512", 1000, 512, 0 },
	{ "test-align-40-4096", 40, 4096, 0 },
	{ "test-align-24-128-dbg", 24, 128, SLAB_RED_ZONE | SLAB_POISON },
	{ "test-align-64-64-hwc", 64, 64, SLAB_HWCACHE_ALIGN | SLAB_RED_ZONE },
};

/* The align argument, with and without red zones in front. */
static void test_explicit_align(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(aligned_caches); i++) {
		unsigned int align = aligned_caches[i].align;
		struct kmem_cache *s;

		s = kmem_cache_create(aligned_caches[i].name,
				      aligned_caches[i].size, align,
				      aligned_caches[i].flags, NULL);
		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->align, align);
		EXPECT_EQ(test, s->size % align, 0);
		EXPECT_EQ(test, s->red_left_pad % align, 0);
		EXPECT_EQ(test, count_misaligned(s, align), 0);
		kmem_cache_destroy(s);
	}
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* Bad arguments: no cache, a warning naming it, nothing taken. */
static void test_create_bad_arguments(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	size_t mark = printk_log_pos();

	EXPECT_NULL(test, kmem_cache_create("test-bad-align", 32, 24, 0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create(test-bad-align) failed with error -22");
	EXPECT_NULL(test, kmem_cache_create("test-bad-size", 0, 0, 0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create(test-bad-size) failed with error -22");
	EXPECT_NULL(test, kmem_cache_create("test-too-big", 4 * SZ_1M + 1, 0,
					    0, NULL));
	EXPECT_LOGGED(test, mark, "kmem_cache_create(test-too-big) failed with error -22");
	EXPECT_NULL(test, find_cache("test-bad-align"));
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* ---- constructors, zeroing, resizing ---- */

#define CTOR_MAGIC	0xc0c0c0c0U

struct ctor_obj {
	u32 magic;
	u32 serial;	/* which constructor call made it */
	u8 data[40];
};

static unsigned int ctor_calls;

static void ctor_obj_init(void *object)
{
	struct ctor_obj *o = object;

	o->magic = CTOR_MAGIC;
	o->serial = ++ctor_calls;
	memset(o->data, 0x3c, sizeof(o->data));
}

#define CTOR_SLABS	4
static struct ctor_obj *ctor_objs[CTOR_SLABS * 512];

/*
 * Allocates count objects and returns how many carry the constructor's
 * mark with a serial number from 1 to ctor_calls, each serial once (the
 * sum of 1..ctor_calls when all objects are in use).
 */
static unsigned int ctor_alloc_all(struct kmem_cache *s, unsigned int count,
				   u64 *serial_sum)
{
	unsigned int n, good = 0;

	*serial_sum = 0;
	for (n = 0; n < count; n++) {
		ctor_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!ctor_objs[n])
			break;
		good += ctor_objs[n]->magic == CTOR_MAGIC &&
			ctor_objs[n]->serial >= 1 &&
			ctor_objs[n]->serial <= ctor_calls &&
			all_bytes(ctor_objs[n]->data, 0x3c,
				  sizeof(ctor_objs[n]->data));
		*serial_sum += ctor_objs[n]->serial;
	}
	return good;
}

static void ctor_free_all(struct kmem_cache *s, unsigned int count)
{
	unsigned int n;

	for (n = 0; n < count; n++)
		kmem_cache_free(s, ctor_objs[n]);
}

/*
 * Each object is constructed once, when its slab is made: filling
 * CTOR_SLABS slabs costs objects * CTOR_SLABS calls, and freeing and
 * allocating them all again costs none.  Red zones are kept, poisoning
 * is dropped (it would destroy the constructed state).
 */
static void test_ctor_once_per_object(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	struct kmem_cache *s;
	unsigned int count, total;
	u64 sum;

	s = kmem_cache_create("test-ctor", sizeof(struct ctor_obj), 0,
			      SLAB_RED_ZONE | SLAB_POISON, ctor_obj_init);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->flags & SLAB_DEBUG_FLAGS, SLAB_RED_ZONE);
	ASSERT_LE(test, s->objects, 512);
	count = CTOR_SLABS * s->objects;
	total = count;
	ctor_calls = 0;
	EXPECT_EQ(test, ctor_alloc_all(s, count, &sum), count);
	EXPECT_EQ(test, ctor_calls, total);
	EXPECT_EQ(test, s->node.nr_slabs, CTOR_SLABS);
	/* Every serial 1..total exactly once: no object made twice. */
	EXPECT_EQ(test, sum, (u64)total * (total + 1) / 2);

	ctor_free_all(s, count);
	EXPECT_EQ(test, ctor_alloc_all(s, count, &sum), count);
	EXPECT_EQ(test, ctor_calls, total);
	EXPECT_EQ(test, sum, (u64)total * (total + 1) / 2);
	EXPECT_EQ(test, s->node.nr_slabs, CTOR_SLABS);

	/* One more object needs one more slab: objects more calls. */
	ctor_objs[count] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, ctor_objs[count]);
	EXPECT_EQ(test, ctor_calls, total + s->objects);
	EXPECT_EQ(test, ctor_calls, s->objects * s->node.nr_slabs);
	ctor_free_all(s, count + 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s);
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

/* ---- many caches, shrink and destroy ---- */

#define MANY_CACHES	20
#define MANY_MAX_OBJS	700

static const struct {
	const char *name;
	unsigned int size;
	slab_flags_t flags;
} many_caches[MANY_CACHES] = {
	{ "test-many-8", 8, 0 },
	{ "test-many-12", 12, SLAB_HWCACHE_ALIGN },
	{ "test-many-24", 24, SLAB_RED_ZONE | SLAB_POISON },
	{ "test-many-40", 40, 0 },
	{ "test-many-56", 56, SLAB_HWCACHE_ALIGN },
	{ "test-many-64", 64, 0 },
	{ "test-many-72", 72, SLAB_RED_ZONE | SLAB_POISON },
	{ "test-many-100", 100, 0 },
	{ "test-many-128", 128, SLAB_HWCACHE_ALIGN },
	{ "test-many-160", 160, 0 },
	{ "test-many-200", 200, SLAB_POISON },
	{ "test-many-256", 256, 0 },
	{ "test-many-300", 300, SLAB_RED_ZONE },
	{ "test-many-500", 500, SLAB_HWCACHE_ALIGN },
	{ "test-many-700", 700, 0 },
	{ "test-many-1024", 1024, SLAB_RED_ZONE | SLAB_POISON },
	{ "test-many-1500", 1500, 0 },
	{ "test-many-2500", 2500, SLAB_HWCACHE_ALIGN },
	{ "test-many-4000", 4000, 0 },
	{ "test-many-9000", 9000, SLAB_RED_ZONE | SLAB_POISON },
};

static struct kmem_cache *many[MANY_CACHES];
static u8 *many_objs[MANY_CACHES][MANY_MAX_OBJS];
static unsigned int many_count[MANY_CACHES];

static u8 many_byte(unsigned int c, unsigned int n, unsigned int i)
{
	return (u8)(c * 31 + n * 7 + i);
}

static void many_fill(unsigned int c, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < many_caches[c].size; i++)
		many_objs[c][n][i] = many_byte(c, n, i);
}

static bool many_check(unsigned int c, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < many_caches[c].size; i++)
		if (many_objs[c][n][i] != many_byte(c, n, i))
			return false;
	return true;
}

/*
 * Twenty caches alive together, objects allocated round-robin so their
 * slabs interleave in memory, each filled with its own pattern; all
 * checked, freed in another order, shrunk and destroyed.
 */
static void test_many_caches(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned int c, n, round, bad = 0, max_count = 0;

	for (c = 0; c < MANY_CACHES; c++) {
		many[c] = kmem_cache_create(many_caches[c].name,
					    many_caches[c].size, 0,
					    many_caches[c].flags, NULL);
		ASSERT_NOT_NULL(test, many[c]);
		many_count[c] = min(2 * many[c]->objects + 3,
				    (unsigned int)MANY_MAX_OBJS);
		max_count = max(max_count, many_count[c]);
	}
	for (round = 0; round < max_count; round++)
		for (c = 0; c < MANY_CACHES; c++) {
			if (round >= many_count[c])
				continue;
			many_objs[c][round] = kmem_cache_alloc(many[c], GFP_KERNEL);
			ASSERT_NOT_NULL(test, many_objs[c][round]);
			many_fill(c, round);
		}
	for (c = 0; c < MANY_CACHES; c++) {
		EXPECT_EQ(test, kmem_cache_objects_in_use(many[c]), many_count[c]);
		EXPECT_EQ(test, many[c]->node.nr_slabs,
			  DIV_ROUND_UP(many_count[c], many[c]->objects));
		for (n = 0; n < many_count[c]; n++)
			bad += !many_check(c, n);
	}
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	/* Odd objects first, caches backwards; then the even ones. */
	for (round = 0; round < 2; round++)
		for (c = MANY_CACHES; c-- > 0;)
			for (n = 1 - round; n < many_count[c]; n += 2) {
				bad += !many_check(c, n);
				kmem_cache_free(many[c], many_objs[c][n]);
			}
	EXPECT_EQ(test, bad, 0);
	for (c = 0; c < MANY_CACHES; c++) {
		EXPECT_EQ(test, kmem_cache_objects_in_use(many[c]), 0);
		kmem_cache_shrink(many[c]);
		EXPECT_EQ(test, many[c]->node.nr_slabs, 0);
		EXPECT_EQ(test, many[c]->node.total_objects, 0);
		EXPECT_NULL(test, many[c]->cpu_slab.page);
	}
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (c = 0; c < MANY_CACHES; c++) {
		kmem_cache_destroy(many[c]);
		EXPECT_NULL(test, find_cache(many_caches[c].name));
	}
	EXPECT_EQ(test, settled_free_pages(), before);
}

#define SHRINK_SLABS	10
static void *shrink_objs[SHRINK_SLABS * 32];

/*
 * Slabs come from the buddy allocator one 2^order block at a time; when
 * they empty, all but min_partial go straight back, and shrink returns
 * the rest.  The counts are exact.
 */
static void test_shrink_returns_pages(struct ktest *test)
{
	unsigned long before = settled_free_pages(), created, full;
	unsigned int n, count, slab_pages;
	struct kmem_cache *s;

	s = kmem_cache_create("test-shrink", 1000, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	created = drained_free_pages();
	slab_pages = 1U << s->order;
	count = SHRINK_SLABS * s->objects;
	ASSERT_LE(test, count, ARRAY_SIZE(shrink_objs));
	for (n = 0; n < count; n++) {
		shrink_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, shrink_objs[n]);
	}
	full = drained_free_pages();
	EXPECT_EQ(test, s->node.nr_slabs, SHRINK_SLABS);
	EXPECT_EQ(test, created - full, SHRINK_SLABS * slab_pages);

	for (n = 0; n < count; n++)
		kmem_cache_free(s, shrink_objs[n]);
	/*
	 * Freed in order, the slabs empty one by one: the first min_partial
	 * stay on the partial list, the rest go back at once, and the CPU's
	 * (the last) stays where it is.
	 */
	EXPECT_EQ(test, s->node.nr_slabs, s->min_partial + 1);
	EXPECT_EQ(test, s->node.nr_partial, s->min_partial);
	EXPECT_EQ(test, drained_free_pages(),
		  created - s->node.nr_slabs * slab_pages);
	EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	EXPECT_EQ(test, s->node.nr_slabs, 0);
	EXPECT_EQ(test, s->node.nr_partial, 0);
	EXPECT_EQ(test, drained_free_pages(), created);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("test-shrink"));
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* ---- the slab size choice ---- */

/*
 * The order and object count of one cache: objects fill the slab as
 * computed, at most 1/4 of it is left over (for objects up to 8k), small
 * objects come at least 8 a slab, larger ones at least 4 up to 8k, and
 * the slot layout is consistent.  Returns the number of problems.
 */
static unsigned int check_slab_geometry(struct kmem_cache *s)
{
	unsigned long slab_bytes = PAGE_SIZE << s->order;
	unsigned long waste = slab_bytes - (unsigned long)s->objects * s->size;
	unsigned int bad = 0;

	bad += s->objects != slab_bytes / s->size;
	bad += s->objects < 1 || s->objects > MAX_OBJS_PER_SLAB;
	bad += s->size % s->align != 0;
	bad += s->inuse < s->object_size;
	bad += s->offset + sizeof(void *) > s->size - s->red_left_pad;
	if ((s->flags & SLAB_POISON) || s->ctor)
		bad += s->offset < s->inuse;	/* outside the object */
	if (s->flags & SLAB_RED_ZONE)
		bad += s->inuse == s->object_size || s->red_left_pad == 0;
	if (s->size <= KMALLOC_MAX_CACHE_SIZE) {
		bad += s->order > 3;
		bad += waste > slab_bytes / 4;
		bad += s->size * 4 <= PAGE_SIZE << 3 && s->objects < 4;
	}
	if (s->size <= 512)
		bad += s->objects < 8;
	if (bad)
		printk(KERN_INFO "    # %s: size %u order %u objects %u waste %lu\n",
		       kmem_cache_name(s), s->size, s->order, s->objects, waste);
	return bad;
}

static const unsigned int geometry_sizes[] = {
	4, 8, 24, 56, 100, 200, 300, 400, 500, 512, 600, 700, 900, 1100,
	1300, 1700, 2100, 2500, 3000, 3500, 4000, 4500, 5000, 6000, 6600,
	7000, 8000, 8192,
};

static void test_slab_geometry(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	struct kmem_cache *s;
	unsigned int i, f, bad = 0;
	struct page *page;
	void *p;

	/* The kmalloc caches, kmem_cache and whatever else exists. */
	list_for_each_entry(s, &slab_caches, list)
		bad += check_slab_geometry(s);
	for (i = 0; i < ARRAY_SIZE(geometry_sizes); i++)
		for (f = 0; f < 2; f++) {
			s = kmem_cache_create("test-geometry", geometry_sizes[i],
					      0, f ? SLAB_DEBUG_FLAGS : 0, NULL);
			ASSERT_NOT_NULL(test, s);
			bad += check_slab_geometry(s);
			p = kmem_cache_alloc(s, GFP_KERNEL);
			ASSERT_NOT_NULL(test, p);
			/* The slab as made: a head page that knows its cache. */
			page = virt_to_head_page(p);
			bad += !PageSlab(page) || page->slab_cache != s ||
			       page->objects != s->objects || !page->frozen ||
			       (s->order > 0) != PageHead(page);
			kmem_cache_free(s, p);
			kmem_cache_destroy(s);
		}
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

/*
 * Known answers of Linux's rule, worked by hand: the lowest order that
 * holds 8 objects with at most 1/16 left over, else 1/8, else 1/4.
 * 1500 bytes: order 2 would leave 1384 of 16384 (over 1/16), order 3
 * leaves 1268 of 32768.  3000: order 3 leaves 2768 (under 1/8 only).
 * 7000: at most 4 fit in order 3, leaving 4768 (under 1/4 only).
 */
static const struct {
	unsigned int size, order, objects;
} slab_order_answers[] = {
	{ 8, 0, 512 }, { 100, 0, 40 }, { 700, 1, 11 }, { 1500, 3, 21 },
	{ 1700, 3, 19 }, { 3000, 3, 10 }, { 7000, 3, 4 }, { 8192, 3, 4 },
};

static void test_slab_order_known(struct ktest *test)
{
	unsigned long before;
	struct kmem_cache *s;
	unsigned int i;

	if (slub_debug)
		KTEST_SKIP(test, "slub_debug changes the slot sizes");
	before = settled_free_pages();
	for (i = 0; i < ARRAY_SIZE(slab_order_answers); i++) {
		s = kmem_cache_create("test-order", slab_order_answers[i].size,
				      0, 0, NULL);
		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->size, slab_order_answers[i].size);
		EXPECT_EQ(test, s->order, slab_order_answers[i].order);
		EXPECT_EQ(test, s->objects, slab_order_answers[i].objects);
		kmem_cache_destroy(s);
	}
	s = find_cache("kmalloc-8");
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->order, 0);
	EXPECT_EQ(test, s->objects, 512);
	s = find_cache("kmalloc-8k");
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->order, 3);
	EXPECT_EQ(test, s->objects, 4);
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* ---- randomized stress ---- */

#define STRESS_OPS	1000000
#define STRESS_SLOTS	2000

struct stress_slot {
	u8 *p;
	u32 size;
	u32 serial;	/* the allocation's number: seeds its pattern */
};

static struct stress_slot stress_slots[STRESS_SLOTS];

static u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

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
static void test_stress(struct ktest *test)
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
	printk(KERN_INFO "    # test_stress: %u kmalloc + %u kfree, up to %u live, in %u ms\n",
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

KTEST_SUITE(slab,
	    KTEST_CASE(test_kmalloc_size_classes),
	    KTEST_CASE(test_kmalloc_large),
	    KTEST_CASE(test_kmalloc_too_large),
	    KTEST_CASE(test_kmalloc_zero_and_null),
	    KTEST_CASE(test_kmalloc_alignment),
	    KTEST_CASE(test_hwcache_align),
	    KTEST_CASE(test_explicit_align),
	    KTEST_CASE(test_create_bad_arguments),
	    KTEST_CASE(test_ctor_once_per_object),
	    KTEST_CASE(test_zalloc_zeroes),
	    KTEST_CASE(test_kcalloc),
	    KTEST_CASE(test_krealloc),
	    KTEST_CASE(test_kstrdup),
	    KTEST_CASE(test_many_caches),
	    KTEST_CASE(test_shrink_returns_pages),
	    KTEST_CASE(test_slab_geometry),
	    KTEST_CASE(test_slab_order_known),
	    KTEST_CASE(test_stress));
