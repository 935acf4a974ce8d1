/*
 * Slab misuse, caught and survived (mm/slub_debug.c, the checks in
 * mm/slub.c and kfree): each case commits one mistake on purpose against
 * a cache with red zones and poisoning, and checks the exact report (its
 * text in the log, slab_error_count or the WARN), that the allocator
 * repaired what it could, that kmem_cache_validate_all() is clean after,
 * and that the cache can still be destroyed with every page given back.
 * Last, with `slub_debug` on the command line, that every cache got the
 * debugging.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "test_util.h"

#define DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON)

/* One misuse case: its cache, and what to compare at the end. */
struct misuse {
	struct kmem_cache *s;
	const char *name;
	unsigned long free_before;
	unsigned long errors;	/* slab_error_count at the start */
	size_t mark;		/* log position at the start */
};

static struct kmem_cache *misuse_begin(struct misuse *m, const char *name,
				       unsigned int size, slab_flags_t flags)
{
	m->free_before = settled_free_pages();
	m->name = name;
	m->s = kmem_cache_create(name, size, 0, flags, NULL);
	m->errors = slab_error_count;
	m->mark = printk_log_pos();
	return m->s;
}

/* Reports since misuse_begin(). */
static unsigned long misuse_errors(const struct misuse *m)
{
	return slab_error_count - m->errors;
}

/*
 * The aftermath: every slab consistent, the cache destroyed without a
 * complaint (so nothing leaked into it), every page back.
 */
static void misuse_end(struct ktest *test, struct misuse *m)
{
	size_t mark;

	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(m->s), 0);
	mark = printk_log_pos();
	kmem_cache_destroy(m->s);
	EXPECT_EQ(test, printk_log_count(mark, "still has objects"), 0);
	EXPECT_NULL(test, find_cache(m->name));
	EXPECT_EQ(test, settled_free_pages(), m->free_before);
}

/* ---- the checker itself ---- */

/* No false alarms: busy debug caches validate clean. */
static void test_validate_clean(struct ktest *test)
{
	static void *objs[100];
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-clean", 52, DEBUG_FLAGS);
	unsigned int n;

	ASSERT_NOT_NULL(test, s);
	for (n = 0; n < ARRAY_SIZE(objs); n++) {
		objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, objs[n]);
		memset(objs[n], 0x77, 52);
	}
	for (n = 0; n < ARRAY_SIZE(objs); n += 3)
		kmem_cache_free(s, objs[n]);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (n = 0; n < ARRAY_SIZE(objs); n++)
		if (n % 3)
			kmem_cache_free(s, objs[n]);
	EXPECT_EQ(test, misuse_errors(&m), 0);
	EXPECT_EQ(test, printk_log_pos(), m.mark);
	misuse_end(test, &m);
}

/* A slab whose count disagrees with its freelist is reported. */
static void test_validate_counts(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-counts", 52, DEBUG_FLAGS);
	struct page *page;
	void **objs;
	unsigned int n;

	ASSERT_NOT_NULL(test, s);
	/* Fill one slab and start a second, then free one of the first. */
	objs = kmalloc((s->objects + 1) * sizeof(void *), GFP_KERNEL);
	ASSERT_NOT_NULL(test, objs);
	for (n = 0; n <= s->objects; n++)
		objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, objs[0]);
	page = virt_to_head_page(objs[0]);
	EXPECT_EQ(test, page->inuse, s->objects - 1);
	EXPECT_FALSE(test, page->frozen);
	page->inuse++;
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.mark, "BUG test-counts (Not tainted): inuse ");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	page->inuse--;
	for (n = 1; n <= s->objects; n++)
		kmem_cache_free(s, objs[n]);
	kfree(objs);
	misuse_end(test, &m);
}

/* ---- frees that must not happen ---- */

static void test_double_free(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-double", 52, DEBUG_FLAGS);
	void *p, *q;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, q);
	kmem_cache_free(s, p);
	kmem_cache_free(s, p);		/* p heads the freelist */
	EXPECT_LOGGED(test, m.mark, "BUG test-double (Not tainted): Object already free");
	EXPECT_LOGGED(test, m.mark, "FIX test-double: Object at 0x");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	kmem_cache_free(s, q);
	kmem_cache_free(s, p);		/* deeper: the red zone says free */
	EXPECT_EQ(test, printk_log_count(m.mark, "Object already free"), 2);
	EXPECT_EQ(test, misuse_errors(&m), 2);
	/* Freed once each: both come back, and only once. */
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), q);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), p);
	kmem_cache_free(s, p);
	kmem_cache_free(s, q);
	misuse_end(test, &m);
}

/* kmalloc caches catch the simple case even without debugging. */
static void test_double_kfree(struct ktest *test)
{
	unsigned long before = settled_free_pages();
	unsigned long errors = slab_error_count;
	size_t mark = printk_log_pos();
	void *p = kmalloc(64, GFP_KERNEL);

	ASSERT_NOT_NULL(test, p);
	kfree(p);
	kfree(p);
	EXPECT_LOGGED(test, mark, "BUG kmalloc-64 (Not tainted): Object already free");
	EXPECT_EQ(test, slab_error_count, errors + 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void test_invalid_pointer(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-invalid", 52, DEBUG_FLAGS);
	u8 *p, *k;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	kmem_cache_free(s, p + 1);
	kmem_cache_free(s, p + 52);
	kmem_cache_free(s, p - s->red_left_pad);	/* the slot, not the object */
	EXPECT_LOGGED(test, m.mark, "BUG test-invalid (Not tainted): Invalid object pointer 0x");
	EXPECT_EQ(test, printk_log_count(m.mark, "Invalid object pointer"), 3);
	EXPECT_EQ(test, printk_log_count(m.mark, "not freed"), 3);
	EXPECT_EQ(test, misuse_errors(&m), 3);
	/* Nothing was freed: the object is intact and still in use. */
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_free(s, p);

	k = kmalloc(64, GFP_KERNEL);
	ASSERT_NOT_NULL(test, k);
	kfree(k + 8);
	EXPECT_LOGGED(test, m.mark, "BUG kmalloc-64 (Not tainted): Invalid object pointer");
	EXPECT_EQ(test, misuse_errors(&m), 4);
	kfree(k);
	misuse_end(test, &m);
}

/* Linux WARNs and frees the object to the cache it really came from. */
static void test_wrong_cache(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *a = misuse_begin(&m, "test-wrong-a", 52, DEBUG_FLAGS);
	struct kmem_cache *b;
	size_t mark;
	void *x, *y;

	ASSERT_NOT_NULL(test, a);
	b = kmem_cache_create("test-wrong-b", 100, 0, DEBUG_FLAGS, NULL);
	ASSERT_NOT_NULL(test, b);
	x = kmem_cache_alloc(a, GFP_KERNEL);
	y = kmem_cache_alloc(b, GFP_KERNEL);
	ASSERT_NOT_NULL(test, y);
	mark = printk_log_pos();
	kmem_cache_free(b, x);
	EXPECT_LOGGED(test, mark, "kmem_cache_free: Wrong slab cache. test-wrong-b but object is from test-wrong-a");
	EXPECT_EQ(test, printk_log_count(mark, "WARNING: CPU: 0"), 1);
	EXPECT_EQ(test, misuse_errors(&m), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(a), 0);
	EXPECT_EQ(test, kmem_cache_objects_in_use(b), 1);
	/* x went home: a hands it out again. */
	EXPECT_PTR_EQ(test, kmem_cache_alloc(a, GFP_KERNEL), x);
	kmem_cache_free(a, x);
	kmem_cache_free(b, y);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_destroy(b);
	misuse_end(test, &m);
}

/* ---- red zones ---- */

/*
 * One byte past the end: found at free (or by validation while the
 * object is still in use), reported with the first bad byte, restored.
 * 52 bytes have a 4-byte right red zone, 50 bytes a 2-byte one.
 */
static void test_right_redzone(struct ktest *test)
{
	static const char *const names[] = { "test-rz-52", "test-rz-50" };
	static const unsigned int sizes[] = { 52, 50 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned int size = sizes[i];
		struct misuse m;
		struct kmem_cache *s = misuse_begin(&m, names[i], size,
						    DEBUG_FLAGS);
		u8 *p;

		ASSERT_NOT_NULL(test, s);
		EXPECT_EQ(test, s->inuse - s->object_size, i ? 2 : 4);
		p = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, p);
		memset(p, 0x11, size);		/* all of the object is fine */
		EXPECT_EQ(test, kmem_cache_validate_all(), 0);
		p[size] = 0x00;
		kmem_cache_free(s, p);
		EXPECT_LOGGED(test, m.mark, "(Not tainted): Right Redzone overwritten");
		EXPECT_LOGGED(test, m.mark, "First byte 0x0 instead of 0xcc");
		EXPECT_LOGGED(test, m.mark, ": Restoring Right Redzone 0x");
		EXPECT_EQ(test, misuse_errors(&m), 1);
		EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
		EXPECT_EQ(test, kmem_cache_validate_all(), 0);

		/* Seen by validation while in use; the free is then quiet. */
		p = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, p);
		EXPECT_EQ(test, misuse_errors(&m), 1);
		p[s->inuse - 1] = 0x42;		/* the zone's last byte */
		EXPECT_EQ(test, kmem_cache_validate_all(), 1);
		EXPECT_LOGGED(test, m.mark, "First byte 0x42 instead of 0xcc");
		EXPECT_EQ(test, misuse_errors(&m), 2);
		EXPECT_EQ(test, kmem_cache_validate_all(), 0);
		kmem_cache_free(s, p);
		EXPECT_EQ(test, misuse_errors(&m), 2);
		EXPECT_EQ(test, printk_log_count(m.mark, "Right Redzone overwritten"), 2);
		misuse_end(test, &m);
	}
}

static void test_left_redzone(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-lrz", 52, DEBUG_FLAGS);
	u8 *p;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	p[-1] = 0x00;
	kmem_cache_free(s, p);
	EXPECT_LOGGED(test, m.mark, "BUG test-lrz (Not tainted): Left Redzone overwritten");
	EXPECT_LOGGED(test, m.mark, "FIX test-lrz: Restoring Left Redzone 0x");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 0);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	/* The whole zone, from the slot's first byte. */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	memset(p - s->red_left_pad, 0x00, s->red_left_pad);
	kmem_cache_free(s, p);
	EXPECT_EQ(test, printk_log_count(m.mark, "Left Redzone overwritten"), 2);
	EXPECT_EQ(test, misuse_errors(&m), 2);
	misuse_end(test, &m);
}

/* ---- poison ---- */

/*
 * A write to a freed object: found by validation (and repaired), and on
 * the next allocation of the object.  52 bytes: 51 of 0x6b, one 0xa5.
 */
static void test_use_after_free(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-uaf", 52, DEBUG_FLAGS);
	u8 *p, *q;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	kmem_cache_free(s, p);
	p[10] = 0x00;
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.mark, "BUG test-uaf (Not tainted): Poison overwritten");
	EXPECT_LOGGED(test, m.mark, "First byte 0x0 instead of 0x6b");
	EXPECT_LOGGED(test, m.mark, "FIX test-uaf: Restoring Poison 0x");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	EXPECT_EQ(test, p[10], POISON_FREE);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	p[0] = 0x11;
	q = kmem_cache_alloc(s, GFP_KERNEL);	/* the same object */
	EXPECT_PTR_EQ(test, q, p);
	EXPECT_EQ(test, printk_log_count(m.mark, "Poison overwritten"), 2);
	EXPECT_EQ(test, misuse_errors(&m), 2);
	kmem_cache_free(s, q);

	p[51] = 0x00;				/* the end marker */
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.mark, "End Poison overwritten");
	EXPECT_LOGGED(test, m.mark, "First byte 0x0 instead of 0xa5");
	EXPECT_EQ(test, misuse_errors(&m), 3);
	misuse_end(test, &m);
}

/* slub_debug=P: poison alone is checked by validation too. */
static void test_use_after_free_poison_only(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-uaf-p", 52, SLAB_POISON);
	u8 *p, *q;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	kmem_cache_free(s, p);
	p[20] = 0x00;
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.mark, "BUG test-uaf-p (Not tainted): Poison overwritten");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	p[20] = 0x00;
	q = kmem_cache_alloc(s, GFP_KERNEL);
	EXPECT_PTR_EQ(test, q, p);
	EXPECT_EQ(test, misuse_errors(&m), 2);
	kmem_cache_free(s, q);
	misuse_end(test, &m);
}

/* ---- destroy too early ---- */

static void test_destroy_busy_cache(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-busy", 52, DEBUG_FLAGS);
	void *p, *q;

	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	kmem_cache_destroy(s);
	EXPECT_LOGGED(test, m.mark, "kmem_cache_destroy test-busy: Slab cache still has objects when called from ");
	EXPECT_LOGGED(test, m.mark, "(1 in use)");
	EXPECT_LOGGED(test, m.mark, "Call Trace:");
	/* Kept, and still a working cache. */
	EXPECT_PTR_EQ(test, find_cache("test-busy"), s);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, q);
	EXPECT_EQ(test, kmem_cache_objects_in_use(s), 2);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_free(s, q);
	kmem_cache_free(s, p);
	EXPECT_EQ(test, printk_log_count(m.mark, "still has objects"), 1);
	EXPECT_EQ(test, misuse_errors(&m), 0);
	misuse_end(test, &m);
}

/* ---- a corrupted freelist ---- */

/*
 * Overwrites the stored free pointer of free object x with garbage that
 * does not decode to an object of its slab (and is not the list's end).
 */
static void corrupt_freepointer(struct kmem_cache *s, void *x)
{
	unsigned long addr = (unsigned long)x + s->offset;
	unsigned long garbage = 0x41414141;
	void *decoded = (void *)(garbage ^ s->random ^ addr);

	/* Objects are 4-aligned: flipping bit 0 makes it no object at all. */
	if (!decoded || check_valid_pointer(s, virt_to_head_page(x), decoded))
		garbage ^= 1;
	*(unsigned long *)addr = garbage;
}

#define FP_MAX_OBJS	256
static void *fp_objs[FP_MAX_OBJS];

/*
 * The third free object of the CPU's slab gets a bad free pointer.
 * Validation sees it first; the allocation that meets it reports it,
 * does not follow it, and rebuilds the freelist from the red zones:
 * every object of the slab is still handed out, once.
 */
static void test_freelist_corrupt(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-fp", 52, DEBUG_FLAGS);
	unsigned int n, outside = 0, dup = 0, i;
	struct page *page;
	void *victim;

	ASSERT_NOT_NULL(test, s);
	ASSERT_LT(test, s->objects, FP_MAX_OBJS);
	fp_objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, fp_objs[0]);
	page = virt_to_head_page(fp_objs[0]);
	victim = s->cpu_slab.freelist;
	victim = get_freepointer(s, victim);
	/* Hardened: what is stored is not the pointer itself. */
	EXPECT_PTR_NE(test, *(void **)((char *)victim + s->offset),
		      get_freepointer(s, victim));
	victim = get_freepointer(s, victim);
	corrupt_freepointer(s, victim);

	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.mark, "BUG test-fp (Not tainted): Freelist corrupt at 0x");
	EXPECT_EQ(test, misuse_errors(&m), 1);

	for (n = 1; n < s->objects; n++) {
		fp_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, fp_objs[n]);
		outside += virt_to_head_page(fp_objs[n]) != page;
		for (i = 0; i < n; i++)
			dup += fp_objs[i] == fp_objs[n];
	}
	EXPECT_PTR_EQ(test, fp_objs[3], victim);
	EXPECT_LOGGED(test, m.mark, "BUG test-fp (Not tainted): Freepointer corrupt");
	EXPECT_LOGGED(test, m.mark, "FIX test-fp: freelist rebuilt from the red zones");
	EXPECT_EQ(test, misuse_errors(&m), 2);
	EXPECT_EQ(test, outside, 0);
	EXPECT_EQ(test, dup, 0);
	/* The slab is full now: the next object needs a second one. */
	EXPECT_NULL(test, s->cpu_slab.freelist);
	EXPECT_EQ(test, s->node.nr_slabs, 1);
	fp_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, fp_objs[n]);
	EXPECT_EQ(test, s->node.nr_slabs, 2);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 0; i <= n; i++)
		kmem_cache_free(s, fp_objs[i]);
	EXPECT_EQ(test, misuse_errors(&m), 2);
	misuse_end(test, &m);
}

/*
 * The same in a slab that is not the CPU's: its freelist is met when
 * the slab becomes the active one again, and its free objects survive.
 */
static void test_freelist_corrupt_partial(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-fp-partial", 52,
					    DEBUG_FLAGS);
	unsigned int n, i, count, back = 0;
	struct page *first;

	ASSERT_NOT_NULL(test, s);
	ASSERT_LT(test, s->objects + 1, FP_MAX_OBJS / 2);
	for (n = 0; n <= s->objects; n++) {
		fp_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, fp_objs[n]);
	}
	first = virt_to_head_page(fp_objs[0]);
	/* Three objects back to the first (full) slab: now partial. */
	kmem_cache_free(s, fp_objs[1]);
	kmem_cache_free(s, fp_objs[4]);
	kmem_cache_free(s, fp_objs[7]);
	EXPECT_PTR_EQ(test, first->freelist, fp_objs[7]);
	EXPECT_EQ(test, s->node.nr_partial, 1);
	corrupt_freepointer(s, fp_objs[7]);
	/* Use up the second slab; then the first is taken again. */
	count = n;
	for (i = 1; i < s->objects + 3; i++) {
		void *p = kmem_cache_alloc(s, GFP_KERNEL);

		ASSERT_NOT_NULL(test, p);
		back += p == fp_objs[1] || p == fp_objs[4] || p == fp_objs[7];
		fp_objs[count++] = p;
	}
	EXPECT_LOGGED(test, m.mark, "BUG test-fp-partial (Not tainted): Freepointer corrupt");
	EXPECT_LOGGED(test, m.mark, "FIX test-fp-partial: freelist rebuilt from the red zones");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	EXPECT_EQ(test, back, 3);
	EXPECT_EQ(test, s->node.nr_slabs, 2);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	for (i = 0; i < count; i++)
		if (i != 1 && i != 4 && i != 7)
			kmem_cache_free(s, fp_objs[i]);
	EXPECT_EQ(test, misuse_errors(&m), 1);
	misuse_end(test, &m);
}

/*
 * A corrupted CPU freelist met not by an allocation but by a flush of
 * the CPU slab (kmem_cache_shrink, kmem_cache_destroy): reported and
 * repaired the same way, not followed.
 */
static void test_freelist_corrupt_flush(struct ktest *test)
{
	struct misuse m;
	struct kmem_cache *s = misuse_begin(&m, "test-fp-flush", 52,
					    DEBUG_FLAGS);
	unsigned int n, outside = 0;
	struct page *page;
	void *victim;

	ASSERT_NOT_NULL(test, s);
	ASSERT_LT(test, s->objects, FP_MAX_OBJS);
	fp_objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, fp_objs[0]);
	page = virt_to_head_page(fp_objs[0]);
	victim = get_freepointer(s, get_freepointer(s, s->cpu_slab.freelist));
	corrupt_freepointer(s, victim);
	EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	EXPECT_LOGGED(test, m.mark, "BUG test-fp-flush (Not tainted): Freepointer corrupt");
	EXPECT_LOGGED(test, m.mark, "FIX test-fp-flush: freelist rebuilt from the red zones");
	EXPECT_EQ(test, misuse_errors(&m), 1);
	EXPECT_NULL(test, s->cpu_slab.page);
	EXPECT_EQ(test, page->inuse, 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	/* Every other object of the slab is still there, in that slab. */
	for (n = 1; n < s->objects; n++) {
		fp_objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
		ASSERT_NOT_NULL(test, fp_objs[n]);
		outside += virt_to_head_page(fp_objs[n]) != page;
	}
	EXPECT_EQ(test, outside, 0);
	EXPECT_EQ(test, s->node.nr_slabs, 1);
	for (n = 0; n < s->objects; n++)
		kmem_cache_free(s, fp_objs[n]);
	EXPECT_EQ(test, misuse_errors(&m), 1);
	misuse_end(test, &m);
}

/* ---- kfree of what kmalloc never returned ---- */

static int not_from_kmalloc;

static void test_kfree_not_kmalloc_start(struct ktest *test)
{
	unsigned long before = settled_free_pages(), errors = slab_error_count;
	size_t mark = printk_log_pos();
	struct page *page;
	u8 *p;

	p = kmalloc(20000, GFP_KERNEL);		/* order 3, from the buddy */
	ASSERT_NOT_NULL(test, p);
	kfree(p + 100);
	kfree(p + PAGE_SIZE);			/* a tail page */
	kfree(p + 7 * PAGE_SIZE + 8);
	EXPECT_LOGGED(test, mark, "is not the start of a kmalloc'ed block");
	EXPECT_EQ(test, printk_log_count(mark, "is not the start of a kmalloc'ed block"), 3);
	EXPECT_EQ(test, printk_log_count(mark, "WARNING: CPU: 0"), 3);
	/* Still allocated, whole. */
	EXPECT_TRUE(test, PageHead(virt_to_page(p)));
	EXPECT_EQ(test, drained_free_pages(), before - 8);
	kfree(p);
	EXPECT_EQ(test, drained_free_pages(), before);

	/* A page from alloc_pages, and the kernel image itself. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	kfree(page_address(page));
	kfree(&not_from_kmalloc);
	EXPECT_EQ(test, printk_log_count(mark, "is not the start of a kmalloc'ed block"), 5);
	__free_page(page);
	EXPECT_EQ(test, slab_error_count, errors);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

static void test_free_not_lowmem(struct ktest *test)
{
	unsigned long before = settled_free_pages(), errors = slab_error_count;
	struct kmem_cache *s = find_cache("kmalloc-64");
	size_t mark = printk_log_pos();
	struct page *page;

	ASSERT_NOT_NULL(test, s);
	kfree((void *)0x1000);			/* user space */
	kfree((void *)VMALLOC_START);
	kfree((void *)(FIXADDR_TOP - PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "kfree: 00001000 is not a kernel lowmem address");
	EXPECT_EQ(test, printk_log_count(mark, "is not a kernel lowmem address"), 3);
	kmem_cache_free(s, (void *)0x1000);
	EXPECT_LOGGED(test, mark, "kmem_cache_free: 00001000 is not a kernel lowmem address");
	/* Lowmem, but no slab page. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	kmem_cache_free(s, page_address(page));
	EXPECT_LOGGED(test, mark, "is not a slab object");
	__free_page(page);
	EXPECT_EQ(test, printk_log_count(mark, "WARNING: CPU: 0"), 5);
	EXPECT_EQ(test, slab_error_count, errors);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

/* ---- slub_debug on the command line ---- */

/*
 * With `slub_debug` every cache, the kmalloc ones included, gets red
 * zones and poison: a kmalloc'ed object has 0xcc after its ksize()
 * bytes, and once freed holds 0x6b ... 0xa5.
 */
static void test_slub_debug_param(struct ktest *test)
{
	unsigned long before;
	struct kmem_cache *s;
	unsigned int missing = 0;
	u8 *p;

	if (!slub_debug)
		KTEST_SKIP(test, "slub_debug is not on the command line");
	before = settled_free_pages();
	list_for_each_entry(s, &slab_caches, list)
		missing += (s->flags & slub_debug) != slub_debug;
	EXPECT_EQ(test, missing, 0);
	s = find_cache("kmalloc-64");
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->flags & slub_debug, slub_debug);
	if (slub_debug != SLAB_DEBUG_FLAGS)
		return;
	p = kmalloc(64, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_EQ(test, virt_to_head_page(p)->slab_cache, s);
	EXPECT_TRUE(test, all_bytes(p + 64, SLUB_RED_ACTIVE,
				    s->inuse - s->object_size));
	EXPECT_TRUE(test, all_bytes(p - s->red_left_pad, SLUB_RED_ACTIVE,
				    s->red_left_pad));
	kfree(p);
	/* Reading a freed object: allowed here, to see the poison. */
	EXPECT_TRUE(test, all_bytes(p, POISON_FREE, 63));
	EXPECT_EQ(test, p[63], POISON_END);
	EXPECT_TRUE(test, all_bytes(p + 64, SLUB_RED_INACTIVE,
				    s->inuse - s->object_size));
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	EXPECT_EQ(test, settled_free_pages(), before);
}

KTEST_SUITE(slab_debug,
	    KTEST_CASE(test_validate_clean),
	    KTEST_CASE(test_validate_counts),
	    KTEST_CASE(test_double_free),
	    KTEST_CASE(test_double_kfree),
	    KTEST_CASE(test_invalid_pointer),
	    KTEST_CASE(test_wrong_cache),
	    KTEST_CASE(test_right_redzone),
	    KTEST_CASE(test_left_redzone),
	    KTEST_CASE(test_use_after_free),
	    KTEST_CASE(test_use_after_free_poison_only),
	    KTEST_CASE(test_destroy_busy_cache),
	    KTEST_CASE(test_freelist_corrupt),
	    KTEST_CASE(test_freelist_corrupt_partial),
	    KTEST_CASE(test_freelist_corrupt_flush),
	    KTEST_CASE(test_kfree_not_kmalloc_start),
	    KTEST_CASE(test_free_not_lowmem),
	    KTEST_CASE(test_slub_debug_param));
