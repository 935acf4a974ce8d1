/*
 * Host tests of the slab freelist's hardening (mm/slub.c, mm/slub_debug.c):
 * free pointers stored encoded, and what happens when one is damaged --
 * on the cpu freelist, at a flush, on a partial slab -- with red zones
 * (the list is rebuilt from them) and without (the rest is abandoned).
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

/*
 * Since the mark: one "Freepointer corrupt" report in cache, and the
 * repair it names: with red zones every slot says whether it is free, so
 * the list is REBUILT and nothing is lost; without them the objects on
 * the rest of the list cannot be told from objects in use: ABANDONED.
 */
#define EXPECT_FP_CORRUPT(t, m, cache, fix) do {			\
	EXPECT_ONE_BUG(t, m, cache, "Freepointer corrupt\n");		\
	EXPECT_LOGGED(t, (m)->log, "FIX " cache ": " fix "\n");	\
} while (0)

#define REBUILT		"freelist rebuilt from the red zones"
#define ABANDONED	"rest of the freelist abandoned"

/* ----------------------------------------------------- hardened freelist */

/*
 * What a free object of t512 holds at offset 256 is not the next free
 * object's address but next ^ s->random ^ (the address it is stored
 * at); the last one stores NULL the same way.  The CPU's own freelist
 * head is a plain pointer.
 *
 *   slot:     0 (in use)    1              2                7
 *   @+256:    (user data)   o2^r^(o1+256)  o3^r^(o2+256) .. 0^r^(o7+256)
 */
static void test_freelist_hardened(struct ktest *test)
{
	struct kmem_cache *s, *s2;
	struct page *a;
	void *x;
	int i;

	slab_boot(0);
	s = kmem_cache_create("t512", 512, 0, 0, NULL);
	s2 = kmem_cache_create("t512b", 512, 0, 0, NULL);
	ASSERT_TRUE(test, s && s2);
	EXPECT_NE(test, s->random, 0);
	EXPECT_NE(test, s->random, s2->random);
	EXPECT_EQ(test, s->offset, 256);
	x = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, x);
	a = slab_of(x);
	EXPECT_PTR_EQ(test, s->cpu_slab.freelist, obj_at(s, a, 1));
	for (i = 1; i < 7; i++) {
		void *o = obj_at(s, a, i), *next = obj_at(s, a, i + 1);

		EXPECT_EQ(test, stored_fp(s, o), encoded_fp(s, o, next));
		EXPECT_NE(test, stored_fp(s, o), (unsigned long)next);
		EXPECT_PTR_EQ(test, get_freepointer(s, o), next);
	}
	EXPECT_EQ(test, stored_fp(s, obj_at(s, a, 7)),
		  s->random ^ ((unsigned long)obj_at(s, a, 7) + 256));
	EXPECT_NULL(test, get_freepointer(s, obj_at(s, a, 7)));
	kmem_cache_free(s, x);
	EXPECT_EQ(test, stored_fp(s, x), encoded_fp(s, x, obj_at(s, a, 1)));
	kmem_cache_destroy(s);
	kmem_cache_destroy(s2);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * A plausible address written over a free pointer (here the raw address
 * of another free object) decodes to garbage, and is caught when the
 * object is handed out.  Without red zones nothing says which objects
 * are free, so the rest of the CPU freelist is abandoned: those objects
 * count as in use, and destroy refuses the cache until they are freed
 * by hand.
 *
 *   cpu freelist:  o1 -> o2 -> ... -> o7      o1's fp overwritten by &o3
 *   alloc:         o1 handed out, "Freepointer corrupt", freelist NULL
 *   alloc:         a new slab; o2..o7 are lost to the allocator
 */
static void test_freelist_corrupt_abandoned(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	struct page *a;
	void *x, *y, *z;
	int i;

	slab_boot(0);
	s = kmem_cache_create("t512", 512, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	x = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, x);
	a = slab_of(x);
	store_fp(s, obj_at(s, a, 1), (unsigned long)obj_at(s, a, 3));
	mark_reports(&m);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, y, obj_at(s, a, 1));
	EXPECT_FP_CORRUPT(test, &m, "t512", ABANDONED);
	EXPECT_NULL(test, s->cpu_slab.freelist);
	z = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, z);
	EXPECT_PTR_NE(test, slab_of(z), a);
	EXPECT_NODE(test, s, 0, 1, 2);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 2 + 6 + 1);
	kmem_cache_free(s, x);
	kmem_cache_free(s, y);
	kmem_cache_free(s, z);
	EXPECT_EQ(test, a->inuse, 6);
	mark_reports(&m);
	kmem_cache_destroy(s);
	EXPECT_LOGGED(test, m.log, "kmem_cache_destroy t512: Slab cache still has objects");
	EXPECT_LOGGED(test, m.log, " (6 in use)\n");
	/* The abandoned objects are on no freelist: freeing them is fine. */
	mark_reports(&m);
	for (i = 2; i < 8; i++)
		kmem_cache_free(s, obj_at(s, a, i));
	EXPECT_REPORTS(test, &m, 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("t512"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * The same damage in rz200 (slab_util.h), whose red zones tell the free
 * slots from the used ones: rebuilt, nothing lost.
 *
 *   in use: o1.  cpu freelist: o0 -> o2 -> ... -> o17; o0's fp := &o5
 *   alloc:  o0 handed out; rebuilt from the red zones: o2 -> ... -> o17
 */
static void test_freelist_corrupt_rebuilt(struct ktest *test)
{
	static void *x[19];
	struct report_mark m;
	struct kmem_cache *s;
	struct page *a;
	int i;

	slab_boot(0);
	s = create_rz200(test);
	ASSERT_NOT_NULL(test, s);
	x[0] = kmem_cache_alloc(s, GFP_KERNEL);
	x[1] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_TRUE(test, x[0] && x[1]);
	a = slab_of(x[0]);
	kmem_cache_free(s, x[0]);
	EXPECT_PTR_EQ(test, s->cpu_slab.freelist, x[0]);
	store_fp(s, x[0], (unsigned long)obj_at(s, a, 5));
	mark_reports(&m);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), x[0]);
	EXPECT_FP_CORRUPT(test, &m, "rz200", REBUILT);
	EXPECT_PTR_EQ(test, s->cpu_slab.freelist, obj_at(s, a, 2));
	EXPECT_EQ(test, freelist_len(s, a, s->cpu_slab.freelist), 16);
	/* Every other slot, once each, in order; then a new slab. */
	for (i = 2; i < 18; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		EXPECT_PTR_EQ(test, x[i], obj_at(s, a, i));
	}
	EXPECT_NULL(test, s->cpu_slab.freelist);
	EXPECT_NODE(test, s, 0, 0, 1);
	x[18] = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_NE(test, slab_of(x[18]), a);
	EXPECT_NODE(test, s, 0, 1, 2);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 0; i < 19; i++)
		kmem_cache_free(s, x[i]);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_EQ(test, slab_error_count, 1);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("rz200"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * The same damage found when the CPU slab is given back (flush,
 * shrink, destroy, slabinfo all count its freelist), mid-list:
 *
 *   in use: o0 o2.  cpu freelist: o1 -> o3 -> o4 ... o17; o3's fp := &o9
 *   rz200: rebuilt, o3 first: o3 -> o1 -> o4 -> ... -> o17 (16 free)
 *   t512:  cut after o3: o1 -> o2 -> o3, and o4..o7 abandoned
 */
static void test_freelist_corrupt_at_flush(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	struct page *a;
	void *x[3];
	int i;

	slab_boot(0);
	s = create_rz200(test);
	ASSERT_NOT_NULL(test, s);
	for (i = 0; i < 3; i++)
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
	a = slab_of(x[0]);
	kmem_cache_free(s, x[1]);
	store_fp(s, obj_at(s, a, 3), (unsigned long)obj_at(s, a, 9));
	mark_reports(&m);
	flush_cpu_slab(s);
	EXPECT_FP_CORRUPT(test, &m, "rz200", REBUILT);
	EXPECT_EQ(test, a->inuse, 2);
	EXPECT_NODE(test, s, 1, 0, 1);
	EXPECT_PTR_EQ(test, a->freelist, obj_at(s, a, 3));
	EXPECT_PTR_EQ(test, get_freepointer(s, obj_at(s, a, 3)), x[1]);
	EXPECT_EQ(test, freelist_len(s, a, a->freelist), 16);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_free(s, x[0]);
	kmem_cache_free(s, x[2]);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("rz200"));

	/* No red zones: the list is cut where it broke. */
	s = kmem_cache_create("t512", 512, 0, 0, NULL);
	ASSERT_NOT_NULL(test, s);
	x[0] = kmem_cache_alloc(s, GFP_KERNEL);
	a = slab_of(x[0]);
	store_fp(s, obj_at(s, a, 3), (unsigned long)obj_at(s, a, 5));
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 5);	/* slabinfo's count */
	EXPECT_FP_CORRUPT(test, &m, "t512", ABANDONED);
	EXPECT_EQ(test, freelist_len(s, a, s->cpu_slab.freelist), 3);
	flush_cpu_slab(s);
	EXPECT_EQ(test, a->inuse, 5);
	EXPECT_EQ(test, slab_error_count, 2);	/* the walk repaired it: once */
	kmem_cache_free(s, x[0]);
	for (i = 4; i < 8; i++)
		kmem_cache_free(s, obj_at(s, a, i));
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("t512"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * A partial slab's freelist, damaged while the slab is not the CPU's:
 * validation reports it (and leaves it); the allocator notices when the
 * slab becomes the cpu slab again, and rebuilds it.
 *
 *   A full, B cpu; free A's o5, o9: A partial, freelist o9 -> o5
 *   o9's fp := &o12      validate: "Freelist corrupt at ..."
 *   B used up; A frozen: o9 handed out, rebuilt: o5; o5 handed out
 */
static void test_freelist_corrupt_partial_slab(struct ktest *test)
{
	static void *x[36];
	struct report_mark m;
	struct kmem_cache *s;
	struct page *a;
	int i;

	slab_boot(0);
	s = create_rz200(test);
	ASSERT_NOT_NULL(test, s);
	for (i = 0; i < 19; i++)
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
	a = slab_of(x[0]);
	kmem_cache_free(s, x[5]);
	kmem_cache_free(s, x[9]);
	EXPECT_NODE(test, s, 1, 0, 2);
	EXPECT_PTR_EQ(test, a->freelist, x[9]);
	store_fp(s, x[9], (unsigned long)x[12]);
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_ONE_BUG(test, &m, "rz200", "Freelist corrupt at 0x");
	for (i = 19; i < 36; i++)
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);	/* B's other 17 */
	EXPECT_NULL(test, s->cpu_slab.freelist);
	mark_reports(&m);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), x[9]);
	EXPECT_PTR_EQ(test, s->cpu_slab.page, a);
	EXPECT_FP_CORRUPT(test, &m, "rz200", REBUILT);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), x[5]);
	EXPECT_NULL(test, s->cpu_slab.freelist);
	EXPECT_NODE(test, s, 0, 1, 2);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 0; i < 36; i++)
		kmem_cache_free(s, x[i]);
	kmem_cache_destroy(s);
	EXPECT_NULL(test, find_cache("rz200"));
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_freelist,
	KTEST_CASE(test_freelist_hardened),
	KTEST_CASE(test_freelist_corrupt_abandoned),
	KTEST_CASE(test_freelist_corrupt_rebuilt),
	KTEST_CASE(test_freelist_corrupt_at_flush),
	KTEST_CASE(test_freelist_corrupt_partial_slab));
