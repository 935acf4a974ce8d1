/*
 * Slab caches (mm/slab_common.c, mm/slub.c): the alignment of
 * SLAB_HWCACHE_ALIGN and of an explicit align, bad arguments to
 * kmem_cache_create, constructors run once per object, many caches alive
 * at once, empty slabs given back, and the slab size Linux's rule
 * chooses.  kmalloc is test_kmalloc.c; misuse and slub_debug are
 * test_slab_debug.c.  Every case gives back what it took:
 * settled_free_pages() before and after must agree exactly.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "test_util.h"

#define ALIGN_OBJS	48
static void *align_objs[ALIGN_OBJS];

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

KTEST_SUITE(slab,
	    KTEST_CASE(test_hwcache_align),
	    KTEST_CASE(test_explicit_align),
	    KTEST_CASE(test_create_bad_arguments),
	    KTEST_CASE(test_ctor_once_per_object),
	    KTEST_CASE(test_many_caches),
	    KTEST_CASE(test_shrink_returns_pages),
	    KTEST_CASE(test_slab_geometry),
	    KTEST_CASE(test_slab_order_known));
