/*
 * Host tests of the slab allocator's debugging (mm/slub_debug.c): red
 * zones left and right, poison, double frees, pointers that are no
 * object, frees to the wrong cache, the validate pass, and the monitor's
 * slabinfo and slabvalidate.  Each misuse must be reported exactly once,
 * repaired, and leave the caches consistent.
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

/* Runs a monitor command (as typed at the mm> prompt, no arguments). */
extern const struct monitor_cmd *const __start_monitor_cmds[];
extern const struct monitor_cmd *const __stop_monitor_cmds[];

static int run_monitor_cmd(const char *name)
{
	const struct monitor_cmd *const *c;
	char *argv[] = { (char *)name, NULL };

	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		if (strcmp((*c)->name, name) == 0)
			return (*c)->fn(1, argv);
	return -ENOENT;
}

/* ------------------------------------------------------------ debugging */

/*
 * rz24 (g24-z in test_slab_geometry.c):   slot 0 of the slab, offsets from the slab start
 *
 *     0        8                    32        40
 *     | 0xcc.. | object 24          | 0xcc..  |     in use
 *     | 0xbb.. | object (fp @+8)    | 0xbb..  |     free
 */
static void test_right_red_zone(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	u8 *p, *q;

	slab_boot(0);
	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_EQ(test, p, (u8 *)slab_address(slab_of(p)) + 8);
	EXPECT_TRUE(test, all_bytes(p - 8, 8, SLUB_RED_ACTIVE) &&
			  all_bytes(p + 24, 8, SLUB_RED_ACTIVE));
	EXPECT_EQ(test, p[40 + 24], SLUB_RED_INACTIVE);	/* slot 1, free */

	p[24] = 0x41;			/* one byte too far */
	mark_reports(&m);
	kmem_cache_free(s, p);
	EXPECT_ONE_BUG(test, &m, "rz24", "Right Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=32. First byte 0x41 instead of 0xcc\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Restoring Right Redzone 0x");
	/* Repaired, and freed all the same. */
	EXPECT_EQ(test, p[24], SLUB_RED_INACTIVE);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	/* Found by a validate pass while the object is still in use. */
	q = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, q, p);
	q[29] = 0;
	q[31] = 0;
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.log, "Right Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=37. First byte 0x0 instead of 0xcc\n");
	EXPECT_REPORTS(test, &m, 1);
	EXPECT_EQ(test, q[31], SLUB_RED_ACTIVE);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	mark_reports(&m);
	kmem_cache_free(s, q);
	EXPECT_REPORTS(test, &m, 0);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * An underrun: the left red zone.  With align 64 (g64-a64-z, test_slab_geometry.c) the left
 * zone is 64 bytes and the object starts 64 bytes into the slot.
 */
static void test_left_red_zone(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s, *s64;
	u8 *p;

	slab_boot(0);
	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	s64 = kmem_cache_create("rz64", 64, 64, SLAB_RED_ZONE, NULL);
	ASSERT_TRUE(test, s && s64);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	p[-1] = 0x42;
	mark_reports(&m);
	kmem_cache_free(s, p);
	EXPECT_ONE_BUG(test, &m, "rz24", "Left Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=7. First byte 0x42 instead of 0xcc\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Restoring Left Redzone 0x");
	EXPECT_EQ(test, p[-1], SLUB_RED_INACTIVE);

	p = kmem_cache_alloc(s64, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	p = kmem_cache_alloc(s64, GFP_KERNEL);		/* slot 1, @192 */
	EXPECT_PTR_EQ(test, p, (u8 *)slab_address(slab_of(p)) + 192 + 64);
	p[-64] = 0;
	p[-60] = 0;
	mark_reports(&m);
	kmem_cache_free(s64, p);
	EXPECT_ONE_BUG(test, &m, "rz64", "Left Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=192. First byte 0x0 instead of 0xcc\n");
	kmem_cache_free(s64, (u8 *)slab_address(slab_of(p)) + 64);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, slab_error_count, 2);
	kmem_cache_destroy(s);
	kmem_cache_destroy(s64);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * poison64 (SLAB_POISON alone): 64 bytes, the fp after them, 72-byte
 * slots.  A free object is 63 x 0x6b and 0xa5; so is a new one (Linux
 * poisons at allocation too).  A write after free shows at the next
 * validate pass, or when the object is handed out again.
 */
static void test_poison_use_after_free(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	u8 *p;

	slab_boot(0);
	s = kmem_cache_create("poison64", 64, 0, SLAB_POISON, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->size, 72);
	EXPECT_EQ(test, s->offset, 64);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_TRUE(test, all_bytes(p, 63, POISON_FREE));
	EXPECT_EQ(test, p[63], POISON_END);
	memset(p, 0x11, 64);
	kmem_cache_free(s, p);
	EXPECT_TRUE(test, all_bytes(p, 63, POISON_FREE));
	EXPECT_EQ(test, p[63], POISON_END);

	p[10] = 0;
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_ONE_BUG(test, &m, "poison64", "Poison overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=10. First byte 0x0 instead of 0x6b\n");
	EXPECT_LOGGED(test, m.log, "FIX poison64: Restoring Poison 0x");
	EXPECT_EQ(test, p[10], POISON_FREE);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	p[63] = 0x11;
	mark_reports(&m);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), p);
	EXPECT_ONE_BUG(test, &m, "poison64", "End Poison overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=63. First byte 0x11 instead of 0xa5\n");
	kmem_cache_free(s, p);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, slab_error_count, 2);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * A double free is refused: always when the object heads a freelist,
 * and anywhere when the red zones say it is free.
 */
static void test_double_free(struct ktest *test)
{
	static void *x[9];
	struct report_mark m;
	struct kmem_cache *s, *t;
	void *a, *b;
	int i;

	slab_boot(0);
	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	mark_reports(&m);
	kmem_cache_free(s, a);			/* the head of the CPU freelist */
	EXPECT_ONE_BUG(test, &m, "rz24", "Object already free\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Object at 0x");
	EXPECT_LOGGED(test, m.log, " not freed\n");
	EXPECT_EQ(test, freelist_len(s, slab_of(a), s->cpu_slab.freelist), 101);
	kmem_cache_free(s, b);
	mark_reports(&m);
	kfree(a);				/* deeper in: the red zone says */
	EXPECT_ONE_BUG(test, &m, "rz24", "Object already free\n");
	EXPECT_EQ(test, freelist_len(s, slab_of(a), s->cpu_slab.freelist), 102);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	/* No debugging: still caught at the head of either freelist. */
	t = fill_t512(test, x, 1);
	ASSERT_NOT_NULL(test, t);
	x[8] = kmem_cache_alloc(t, GFP_KERNEL);		/* x0..x7's slab full */
	kmem_cache_free(t, x[8]);
	mark_reports(&m);
	kmem_cache_free(t, x[8]);
	EXPECT_ONE_BUG(test, &m, "t512", "Object already free\n");
	kmem_cache_free(t, x[2]);
	mark_reports(&m);
	kfree(x[2]);
	EXPECT_ONE_BUG(test, &m, "t512", "Object already free\n");
	EXPECT_EQ(test, slab_of(x[2])->inuse, 7);
	EXPECT_EQ(test, freelist_len(t, slab_of(x[2]), slab_of(x[2])->freelist), 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 0; i < 8; i++)
		if (i != 2)
			kmem_cache_free(t, x[i]);
	kmem_cache_destroy(t);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, slab_error_count, 4);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * slub_debug=P (poison, no red zones) is debugging too: a double free of
 * an object that is not the head of the freelist must be refused there
 * as well, by walking the slab's whole freelist (Linux's on_freelist in
 * free_debug_processing).  Let through, it would make a cycle:
 *
 *   free a, free b:   cpu freelist b -> a -> o2 -> ...
 *   free a again:     a -> b -> a -> b ...   a cycle: a and b are each
 *                     handed out twice, and the next flush (or
 *                     slabinfo) walks the cycle for ever.
 *
 * Should that happen, the case breaks the cycle so that the suite goes on.
 */
static void test_double_free_poison_only(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	struct page *pg;
	void *a, *b;
	int len;

	slab_boot(0);
	s = kmem_cache_create("poison64", 64, 0, SLAB_POISON, NULL);
	ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_TRUE(test, a && b);
	pg = slab_of(a);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	mark_reports(&m);
	kmem_cache_free(s, a);
	EXPECT_ONE_BUG(test, &m, "poison64", "Object already free\n");
	len = freelist_len(s, pg, s->cpu_slab.freelist);
	EXPECT_EQ(test, len, 56);
	if (len < 0) {
		/* Undo the cycle: b -> a -> o2, as before the second free. */
		s->cpu_slab.freelist = b;
		store_fp(s, b, encoded_fp(s, b, a));
		store_fp(s, a, encoded_fp(s, a, obj_at(s, pg, 2)));
	}
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* Pointers inside a slab that are no object's start: refused. */
static void test_invalid_pointer(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s, *rz;
	u8 *p, *q, *r, *base;

	slab_boot(0);
	s = kmem_cache_create("t512", 512, 0, 0, NULL);
	rz = create_rz200(test);
	ASSERT_TRUE(test, s && rz);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	mark_reports(&m);
	kmem_cache_free(s, p + 8);
	EXPECT_ONE_BUG(test, &m, "t512", "Invalid object pointer 0x");
	EXPECT_LOGGED(test, m.log, "FIX t512: Object at 0x");
	EXPECT_LOGGED(test, m.log, " not freed\n");
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 1);

	/* The slot start (red zone), and the leftover after the last slot. */
	q = kmem_cache_alloc(rz, GFP_KERNEL);
	base = slab_address(slab_of(q));
	mark_reports(&m);
	kmem_cache_free(rz, q - 8);
	kmem_cache_free(rz, base + 18 * 216 + 8);
	EXPECT_LOGGED(test, m.log, "BUG rz200 (Not tainted): Invalid object pointer 0x");
	EXPECT_REPORTS(test, &m, 2);
	EXPECT_EQ(test, kmem_cache_objects_in_use(rz), 1);

	r = kmalloc(100, GFP_KERNEL);
	mark_reports(&m);
	kfree(r + 4);
	EXPECT_ONE_BUG(test, &m, "kmalloc-128", "Invalid object pointer 0x");
	EXPECT_EQ(test, kmem_cache_objects_in_use(slab_of(r)->slab_cache), 1);
	kfree(r);
	kmem_cache_free(s, p);
	kmem_cache_free(rz, q);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s);
	kmem_cache_destroy(rz);
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* Freed to the wrong cache: warned about, and freed to the right one. */
static void test_wrong_cache(struct ktest *test)
{
	struct kmem_cache *s1, *s2;
	size_t mark;
	void *p, *q;

	slab_boot(0);
	s1 = kmem_cache_create("t512", 512, 0, 0, NULL);
	s2 = kmem_cache_create("t24", 24, 0, 0, NULL);
	ASSERT_TRUE(test, s1 && s2);
	p = kmem_cache_alloc(s1, GFP_KERNEL);
	mark = printk_log_pos();
	kmem_cache_free(s2, p);
	EXPECT_LOGGED(test, mark, "kmem_cache_free: Wrong slab cache. t24 but object is from t512\n");
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	EXPECT_EQ(test, kmem_cache_objects_in_use(s1), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s2), 0);
	EXPECT_PTR_EQ(test, s1->cpu_slab.freelist, p);
	EXPECT_EQ(test, s2->node.nr_slabs, 0);

	q = kmalloc(30, GFP_KERNEL);
	mark = printk_log_pos();
	kmem_cache_free(s1, q);
	EXPECT_LOGGED(test, mark, "Wrong slab cache. t512 but object is from kmalloc-32\n");
	EXPECT_EQ(test, kmem_cache_objects_in_use(find_cache("kmalloc-32")), 0);
	EXPECT_EQ(test, slab_error_count, 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(s1);
	kmem_cache_destroy(s2);
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * An object smaller than a pointer, with red zones: a mid-object fp
 * (offset 0) would be 8 bytes over an object of 4, running into the
 * right red zone, and every allocation would report it as overwritten.
 * So calculate_sizes() moves the fp after the red zone, as Linux does
 * for SLAB_RED_ZONE when object_size < sizeof(void *).  (In the kernel,
 * sizes 1 to 3.)
 *
 *   mid-object (wrong):                     after the red zone:
 *   0     8     12      16                  0     8     12      16     24
 *   | lrz | obj | rrz 4 |                   | lrz | obj | rrz 4 | fp 8 |
 *         |<- fp 8 ---->|
 */
static void test_tiny_object_red_zone(struct ktest *test)
{
	struct report_mark m;
	struct kmem_cache *s;
	void *p, *q;

	slab_boot(0);
	s = kmem_cache_create("tiny4", 4, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->inuse, 8);
	EXPECT_GE(test, s->offset, s->inuse);
	EXPECT_EQ(test, s->size, 24);
	EXPECT_EQ(test, s->objects, 170);
	mark_reports(&m);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	memset(p, 1, 4);
	memset(q, 2, 4);
	kmem_cache_free(s, p);
	kmem_cache_free(s, q);
	EXPECT_REPORTS(test, &m, 0);
	EXPECT_FALSE(test, printk_log_find(m.log, "Redzone overwritten"));
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* page->inuse and the slab count, checked by the validate pass. */
static void test_validate_counts(struct ktest *test)
{
	static void *x[9];
	struct report_mark m;
	struct kmem_cache *s;
	struct page *a;
	int i;

	slab_boot(0);
	s = fill_t512(test, x, 1);
	ASSERT_NOT_NULL(test, s);
	x[8] = kmem_cache_alloc(s, GFP_KERNEL);
	a = slab_of(x[0]);
	kmem_cache_free(s, x[0]);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	a->inuse = 6;
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_ONE_BUG(test, &m, "t512", "inuse 6 but 1 of 8 objects free\n");
	a->inuse = 7;
	s->node.nr_slabs++;
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.log, "slab t512: 2 slabs found, 3 counted\n");
	s->node.nr_slabs--;
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 1; i < 9; i++)
		kmem_cache_free(s, x[i]);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/* ------------------------------------------------------------- monitor */

/*
 * slabinfo in /proc/slabinfo's columns: name, active_objs, num_objs,
 * objsize (the slot), objperslab, pagesperslab, then slabdata and our
 * overhead (slab bytes minus the bytes of the objects in use):
 * kmalloc-96 with 2 objects: 42 per order-0 slab, 4096 - 2 * 96 = 3904;
 * kmem_cache (LP64): 14 descriptors of 152 bytes, 4096 - 2128 = 1968.
 */
static void test_slabinfo_and_slabvalidate(struct ktest *test)
{
	struct kmem_cache *s;
	size_t mark;
	void *p, *q;
	u8 *r;

	slab_boot(0);
	p = kmalloc(70, GFP_KERNEL);
	q = kmalloc(96, GFP_KERNEL);
	ASSERT_TRUE(test, p && q);
	mark = printk_log_pos();
	EXPECT_EQ(test, run_monitor_cmd("slabinfo"), 0);
	EXPECT_LOGGED(test, mark, "slabinfo - version: 2.1\n");
	EXPECT_LOGGED(test, mark, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables");
	EXPECT_LOGGED(test, mark, "\nkmalloc-96             2     42     96   42    1 : tunables    0    0    0 : slabdata      1      1      0 : overhead     3904\n");
	EXPECT_LOGGED(test, mark, "\nkmalloc-8k             0      0   8192    4    8 : tunables    0    0    0 : slabdata      0      0      0 : overhead        0\n");
	EXPECT_LOGGED(test, mark, "\nkmem_cache            14     21    192   21    1 : tunables    0    0    0 : slabdata      1      1      0 : overhead     1968\n");
	mark = printk_log_pos();
	EXPECT_EQ(test, run_monitor_cmd("slabvalidate"), 0);
	EXPECT_LOGGED(test, mark, "slabvalidate: 0 problems found\n");

	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	r = kmem_cache_alloc(s, GFP_KERNEL);
	r[24] = 0;
	mark = printk_log_pos();
	EXPECT_EQ(test, run_monitor_cmd("slabvalidate"), -EINVAL);
	EXPECT_LOGGED(test, mark, "Right Redzone overwritten\n");
	EXPECT_LOGGED(test, mark, "slabvalidate: 1 problem found\n");
	mark = printk_log_pos();
	EXPECT_EQ(test, run_monitor_cmd("slabinfo"), 0);
	EXPECT_LOGGED(test, mark, "\nrz24                   1    102     40  102    1 : tunables    0    0    0 : slabdata      1      1      0 : overhead     4072\n");
	kmem_cache_free(s, r);
	kmem_cache_destroy(s);
	kfree(p);
	kfree(q);
	shrink_kmalloc_caches();
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

KTEST_SUITE(slab_debug,
	KTEST_CASE(test_right_red_zone),
	KTEST_CASE(test_left_red_zone),
	KTEST_CASE(test_poison_use_after_free),
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_double_free_poison_only),
	KTEST_CASE(test_invalid_pointer),
	KTEST_CASE(test_wrong_cache),
	KTEST_CASE(test_tiny_object_red_zone),
	KTEST_CASE(test_validate_counts),
	KTEST_CASE(test_slabinfo_and_slabvalidate));
