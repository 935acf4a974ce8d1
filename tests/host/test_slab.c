/*
 * Host tests for the slab allocator (mm/slub.c, mm/slub_debug.c,
 * mm/slab_common.c) on the host build of the buddy allocator: every case
 * boots a fresh simulated machine (mm_sim.h), runs kmem_cache_init() on
 * it, and then drives the real slab code, checking exact numbers: slot
 * layouts, page->inuse, the node's lists and counters, the pages the
 * buddy allocator gets back, and the reports misuse provokes.
 *
 * The host is LP64, so a free pointer is 8 bytes here (4 in the kernel):
 * the layouts below are worked out for sizeof(void *) == 8, and the cases
 * that depend on it say so.  struct kmem_cache itself is 152 bytes here.
 *
 * How calculate_sizes() lays out a slot (mm/slab.h has the picture):
 *
 *   size   = ALIGN(object_size, 8), + 8 more if SLAB_RED_ZONE and that
 *            left no room for a right red zone
 *   inuse  = size                       (object + right red zone)
 *   offset = size, size += 8            with SLAB_POISON or a ctor
 *            ALIGN_DOWN(object_size / 2, 8)  otherwise (mid-object)
 *   red_left_pad = ALIGN(8, align), size += it   with SLAB_RED_ZONE
 *   s->size = ALIGN(size, align)
 *
 * and calculate_order(): the lowest order holding min(8, 32 KiB / size)
 * objects with at most 1/16 of the slab left over, else 1/8, else 1/4,
 * else with fewer objects; order 3 at most, unless one object needs more.
 *
 * host-test-sources: mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../../mm/slab.h"
#include "mm_sim.h"


/*
 * The slab machine: 64 MiB, page 0 and the mem_map window reserved, so
 * DMA is one run of free pages and Normal (where slabs come from) 8
 * whole order-10 blocks.
 *
 *  0 1                    3584   4096-M 4096       12288       16384
 *  |r|     free            | rsv | mem_map | 8 x o10  | 4 x o10   |
 *  |<------------- DMA ------------------>|<-Normal->|<-HighMem->|
 */
static const struct machine slab_machine = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 3584, 4096 - MEMMAP_PAGES(16384) } },
	.limit = 4096,
	.zone_end = { 4096, 12288, 16384 },
};

/* The buddy allocator's state right after kmem_cache_init(). */
static struct buddy_snap init_snap;
static unsigned long boot_bad;		/* bad_page_count after boot */

/* A fresh machine with the slab allocator up, slub_debug as given. */
static void slab_boot(slab_flags_t debug)
{
	sim_boot(&slab_machine);
	INIT_LIST_HEAD(&slab_caches);
	kmem_cache = NULL;
	slub_debug = debug;
	slab_error_count = 0;
	kmem_cache_init();
	drain_local_pages();
	take_snap(&init_snap);
	boot_bad = bad_page_count;
}

/* Pages not handed out: the buddy lists and the pcp lists. */
static unsigned long free_now(void)
{
	enum zone_type z;
	unsigned long n = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		n += zone_free_pages(zone_of(z));
	return n;
}

/* Everything back: the buddy allocator exactly as after kmem_cache_init. */
static int buddy_as_at_init(void)
{
	drain_local_pages();
	return snap_diff(&init_snap) + check_free_lists() +
	       (int)(bad_page_count - boot_bad);
}

static unsigned int list_count(const struct list_head *head)
{
	const struct list_head *p;
	unsigned int n = 0;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

static struct kmem_cache *find_cache(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

static struct page *slab_of(const void *object)
{
	return virt_to_head_page(object);
}

/* Object n of the slab that page heads. */
static void *obj_at(const struct kmem_cache *s, const struct page *page,
		    unsigned int n)
{
	return slot_object(s, slab_slot(s, page, n));
}

/* A freelist's length, or -1 if it leaves the slab or does not end. */
static int freelist_len(struct kmem_cache *s, struct page *page, void *fp)
{
	int n = 0;

	while (fp) {
		if (n > page->objects || !check_valid_pointer(s, page, fp))
			return -1;
		n++;
		fp = get_freepointer(s, fp);
	}
	return n;
}

/* The word stored as object's free pointer, and what it should be. */
static unsigned long stored_fp(const struct kmem_cache *s, void *object)
{
	unsigned long v;

	memcpy(&v, (char *)object + s->offset, sizeof(v));
	return v;
}

static unsigned long encoded_fp(const struct kmem_cache *s, void *object,
				void *next)
{
	return (unsigned long)next ^ s->random ^
	       ((unsigned long)object + s->offset);
}

static void store_fp(const struct kmem_cache *s, void *object, unsigned long v)
{
	memcpy((char *)object + s->offset, &v, sizeof(v));
}

/* The node's lists and counters, each against what the case expects. */
#define EXPECT_NODE(t, s, n_partial, n_full, n_slabs) do {		\
	EXPECT_EQ(t, (s)->node.nr_partial, n_partial);			\
	EXPECT_EQ(t, list_count(&(s)->node.partial), n_partial);	\
	EXPECT_EQ(t, list_count(&(s)->node.full), n_full);		\
	EXPECT_EQ(t, (s)->node.nr_slabs, n_slabs);			\
	EXPECT_EQ(t, (s)->node.total_objects,				\
		  (unsigned long)(n_slabs) * (s)->objects);		\
} while (0)

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

/* A report: since mark, this many slab errors and stack dumps. */
struct report_mark {
	size_t log;
	unsigned long errors, dumps;
};

static void mark_reports(struct report_mark *m)
{
	m->log = printk_log_pos();
	m->errors = slab_error_count;
	m->dumps = stack_dumps;
}

#define EXPECT_REPORTS(t, m, nerr) do {					\
	EXPECT_EQ(t, slab_error_count - (m)->errors, nerr);		\
	EXPECT_GE(t, stack_dumps - (m)->dumps, nerr);			\
} while (0)

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

	sim_boot(&slab_machine);
	INIT_LIST_HEAD(&slab_caches);
	kmem_cache = NULL;
	slub_debug = 0;
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

static unsigned long ctor_calls;

static void count_ctor(void *object)
{
	ctor_calls++;
	memset(object, 0x3c, 8);
}

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

/* 8 * n objects of t512: n slabs, the last one the cpu slab, all full. */
static struct kmem_cache *fill_t512(struct ktest *test, void **x, int n)
{
	struct kmem_cache *s = kmem_cache_create("t512", 512, 0, 0, NULL);
	int i;

	if (!s)
		return NULL;
	for (i = 0; i < 8 * n; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!x[i])
			return NULL;
		/* slab k holds x[8k] .. x[8k + 7], in order */
		EXPECT_PTR_EQ(test, x[i], obj_at(s, slab_of(x[8 * (i / 8)]), i % 8));
	}
	return s;
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

/* --------------------------------------------------------------- kmalloc */

/* Shrinks every kmalloc cache (so their empty slabs go back too). */
static void shrink_kmalloc_caches(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (s != kmem_cache)
			kmem_cache_shrink(s);
}

/* Every boundary: the last size a class takes and the first it refuses. */
static void test_kmalloc_size_classes(struct ktest *test)
{
	static const struct {
		size_t size;
		const char *cache;
		size_t ksize;
	} classes[] = {
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
		{ 8193, NULL, 16384 },		{ 16384, NULL, 16384 },
		{ 16385, NULL, 32768 },
	};
	void *p[ARRAY_SIZE(classes)];
	struct kmem_cache *s;
	size_t i, mark;

	slab_boot(0);
	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		struct page *page;

		p[i] = kmalloc(classes[i].size, GFP_KERNEL);
		ASSERT_NOT_NULL(test, p[i]);
		page = slab_of(p[i]);
		EXPECT_EQ(test, ksize(p[i]), classes[i].ksize);
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
	unsigned long free0, i, nonzero = 0;
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
	for (i = 0; i < 32768; i++)
		nonzero += p[i] != 0;
	EXPECT_EQ(test, nonzero, 0);
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
	unsigned long nonzero = 0, i;
	char *p, *q, *r;
	u8 *z;

	slab_boot(0);
	/* Dirty an object, free it: kzalloc gets it back, zeroed. */
	z = kmalloc(100, GFP_KERNEL);
	ASSERT_NOT_NULL(test, z);
	memset(z, 0xff, 128);
	kfree(z);
	EXPECT_PTR_EQ(test, kzalloc(120, GFP_KERNEL), z);
	for (i = 0; i < 128; i++)
		nonzero += z[i] != 0;
	EXPECT_EQ(test, nonzero, 0);
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
	for (i = 0, nonzero = 0; i < 120; i++)
		nonzero += z[i] != 0;
	EXPECT_EQ(test, nonzero, 0);
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
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): Freepointer corrupt\n");
	EXPECT_LOGGED(test, m.log, "FIX t512: rest of the freelist abandoned\n");
	EXPECT_REPORTS(test, &m, 1);
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
 * rz200: 200 bytes + 8 of right red zone, fp mid-object @96, 8 bytes
 * of left red zone: 216-byte slots, 18 to a slab (left 208).  With red
 * zones every slot says whether it is free (0xbb) or in use (0xcc), so a
 * corrupt freelist is rebuilt from them and nothing is lost.
 *
 *   in use: o1.  cpu freelist: o0 -> o2 -> ... -> o17; o0's fp := &o5
 *   alloc:  o0 handed out; rebuilt from the red zones: o2 -> ... -> o17
 */
static struct kmem_cache *create_rz200(struct ktest *test)
{
	struct kmem_cache *s = kmem_cache_create("rz200", 200, 0,
						 SLAB_RED_ZONE, NULL);

	if (s) {
		EXPECT_EQ(test, s->size, 216);
		EXPECT_EQ(test, s->objects, 18);
		EXPECT_EQ(test, s->offset, 96);
		EXPECT_EQ(test, s->red_left_pad, 8);
	}
	return s;
}

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
	EXPECT_LOGGED(test, m.log, "BUG rz200 (Not tainted): Freepointer corrupt\n");
	EXPECT_LOGGED(test, m.log, "FIX rz200: freelist rebuilt from the red zones\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG rz200 (Not tainted): Freepointer corrupt\n");
	EXPECT_LOGGED(test, m.log, "FIX rz200: freelist rebuilt from the red zones\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): Freepointer corrupt\n");
	EXPECT_LOGGED(test, m.log, "FIX t512: rest of the freelist abandoned\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG rz200 (Not tainted): Freelist corrupt at 0x");
	EXPECT_REPORTS(test, &m, 1);
	for (i = 19; i < 36; i++)
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);	/* B's other 17 */
	EXPECT_NULL(test, s->cpu_slab.freelist);
	mark_reports(&m);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), x[9]);
	EXPECT_PTR_EQ(test, s->cpu_slab.page, a);
	EXPECT_LOGGED(test, m.log, "BUG rz200 (Not tainted): Freepointer corrupt\n");
	EXPECT_LOGGED(test, m.log, "FIX rz200: freelist rebuilt from the red zones\n");
	EXPECT_REPORTS(test, &m, 1);
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

/* ------------------------------------------------------------ debugging */

/*
 * rz24 (see g24-z):   slot 0 of the slab, offsets from the slab start
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
	int i, active = 0;

	slab_boot(0);
	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	EXPECT_PTR_EQ(test, p, (u8 *)slab_address(slab_of(p)) + 8);
	for (i = 1; i <= 8; i++)
		active += (p[-i] == SLUB_RED_ACTIVE) + (p[23 + i] == SLUB_RED_ACTIVE);
	EXPECT_EQ(test, active, 16);
	EXPECT_EQ(test, p[40 + 24], SLUB_RED_INACTIVE);	/* slot 1, free */

	p[24] = 0x41;			/* one byte too far */
	mark_reports(&m);
	kmem_cache_free(s, p);
	EXPECT_LOGGED(test, m.log, "BUG rz24 (Not tainted): Right Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=32. First byte 0x41 instead of 0xcc\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Restoring Right Redzone 0x");
	EXPECT_REPORTS(test, &m, 1);
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
 * An underrun: the left red zone.  With align 64 (g64-a64-z) the left
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
	EXPECT_LOGGED(test, m.log, "BUG rz24 (Not tainted): Left Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=7. First byte 0x42 instead of 0xcc\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Restoring Left Redzone 0x");
	EXPECT_REPORTS(test, &m, 1);
	EXPECT_EQ(test, p[-1], SLUB_RED_INACTIVE);

	p = kmem_cache_alloc(s64, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	p = kmem_cache_alloc(s64, GFP_KERNEL);		/* slot 1, @192 */
	EXPECT_PTR_EQ(test, p, (u8 *)slab_address(slab_of(p)) + 192 + 64);
	p[-64] = 0;
	p[-60] = 0;
	mark_reports(&m);
	kmem_cache_free(s64, p);
	EXPECT_LOGGED(test, m.log, "BUG rz64 (Not tainted): Left Redzone overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=192. First byte 0x0 instead of 0xcc\n");
	EXPECT_REPORTS(test, &m, 1);
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
	unsigned long wrong = 0;
	u8 *p;
	int i;

	slab_boot(0);
	s = kmem_cache_create("poison64", 64, 0, SLAB_POISON, NULL);
	ASSERT_NOT_NULL(test, s);
	EXPECT_EQ(test, s->size, 72);
	EXPECT_EQ(test, s->offset, 64);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 63; i++)
		wrong += p[i] != POISON_FREE;
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, p[63], POISON_END);
	memset(p, 0x11, 64);
	kmem_cache_free(s, p);
	for (i = 0; i < 63; i++)
		wrong += p[i] != POISON_FREE;
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, p[63], POISON_END);

	p[10] = 0;
	mark_reports(&m);
	EXPECT_EQ(test, kmem_cache_validate_all(), 1);
	EXPECT_LOGGED(test, m.log, "BUG poison64 (Not tainted): Poison overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=10. First byte 0x0 instead of 0x6b\n");
	EXPECT_LOGGED(test, m.log, "FIX poison64: Restoring Poison 0x");
	EXPECT_REPORTS(test, &m, 1);
	EXPECT_EQ(test, p[10], POISON_FREE);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);

	p[63] = 0x11;
	mark_reports(&m);
	EXPECT_PTR_EQ(test, kmem_cache_alloc(s, GFP_KERNEL), p);
	EXPECT_LOGGED(test, m.log, "BUG poison64 (Not tainted): End Poison overwritten\n");
	EXPECT_LOGGED(test, m.log, "@offset=63. First byte 0x11 instead of 0xa5\n");
	EXPECT_REPORTS(test, &m, 1);
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

	slab_boot(0);
	s = kmem_cache_create("rz24", 24, 0, SLAB_RED_ZONE, NULL);
	ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	mark_reports(&m);
	kmem_cache_free(s, a);			/* the head of the CPU freelist */
	EXPECT_LOGGED(test, m.log, "BUG rz24 (Not tainted): Object already free\n");
	EXPECT_LOGGED(test, m.log, "FIX rz24: Object at 0x");
	EXPECT_LOGGED(test, m.log, " not freed\n");
	EXPECT_REPORTS(test, &m, 1);
	EXPECT_EQ(test, freelist_len(s, slab_of(a), s->cpu_slab.freelist), 101);
	kmem_cache_free(s, b);
	mark_reports(&m);
	kfree(a);				/* deeper in: the red zone says */
	EXPECT_LOGGED(test, m.log, "BUG rz24 (Not tainted): Object already free\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): Object already free\n");
	EXPECT_REPORTS(test, &m, 1);
	kmem_cache_free(t, x[2]);
	mark_reports(&m);
	kfree(x[2]);
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): Object already free\n");
	EXPECT_REPORTS(test, &m, 1);
	EXPECT_EQ(test, slab_of(x[2])->inuse, 7);
	EXPECT_EQ(test, freelist_len(t, slab_of(x[2]), slab_of(x[2])->freelist), 1);
	EXPECT_EQ(test, kmem_cache_validate_all(), 0);
	kmem_cache_free(t, x[0]);
	kmem_cache_free(t, x[1]);
	kmem_cache_free(t, x[3]);
	kmem_cache_free(t, x[4]);
	kmem_cache_free(t, x[5]);
	kmem_cache_free(t, x[6]);
	kmem_cache_free(t, x[7]);
	kmem_cache_destroy(t);
	kmem_cache_destroy(s);
	EXPECT_EQ(test, slab_error_count, 4);
	EXPECT_EQ(test, buddy_as_at_init(), 0);
}

/*
 * slub_debug=P (poison, no red zones) is debugging too, but a double
 * free of an object that is not the head of the freelist goes through:
 *
 *   free a, free b:   cpu freelist b -> a -> o2 -> ...
 *   free a again:     a -> b -> a -> b ...   a cycle: a and b are each
 *                     handed out twice, and the next flush (or
 *                     slabinfo) walks the cycle for ever.
 *
 * Linux's free_debug_processing walks the slab's freelist (on_freelist)
 * for any debug cache and refuses it.  This case fails until
 * free_debug_checks() does the same (see the report); it repairs the
 * freelist itself so that the suite goes on.
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
	EXPECT_LOGGED(test, m.log, "BUG poison64 (Not tainted): Object already free\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): Invalid object pointer 0x");
	EXPECT_LOGGED(test, m.log, "FIX t512: Object at 0x");
	EXPECT_LOGGED(test, m.log, " not freed\n");
	EXPECT_REPORTS(test, &m, 1);
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
	EXPECT_LOGGED(test, m.log, "BUG kmalloc-128 (Not tainted): Invalid object pointer 0x");
	EXPECT_REPORTS(test, &m, 1);
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
 * An object smaller than a pointer, with red zones: the mid-object fp
 * (offset 0) is 8 bytes, the object 4, so the fp runs into the right
 * red zone and every allocation reports it as overwritten.
 *
 *   now:    0     8     12      16          Linux (and expected here):
 *           | lrz | obj | rrz 4 |           | lrz | obj | rrz 4 | fp 8 |
 *                 |<- fp 8 ---->|           0     8     12      16     24
 *
 * Linux moves the fp after the object for SLAB_RED_ZONE when
 * object_size < sizeof(void *).  This case fails until calculate_sizes()
 * does the same (see the report).  (In the kernel, sizes 1 to 3.)
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
	EXPECT_LOGGED(test, m.log, "BUG t512 (Not tainted): inuse 6 but 1 of 8 objects free\n");
	EXPECT_REPORTS(test, &m, 1);
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
 * (4 MiB), an alignment that is not a power of two.  Also refused, or
 * should be: caches whose slot is bigger than the largest block once
 * the alignment or the red zones are added -- today they are created,
 * and every allocation from them fails with an order-11 warning; an
 * alignment of 2^31 with red zones makes the slot size wrap to 0 and
 * calculate_order() divides by it.  Those parts fail until
 * kmem_cache_create checks them (see the report).
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

/* -------------------------------------------------------------- stress */

static u32 xorshift32(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

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

KTEST_SUITE(slab,
	KTEST_CASE(test_boot_kmem_cache),
	KTEST_CASE(test_geometry),
	KTEST_CASE(test_kmalloc_geometry),
	KTEST_CASE(test_slub_debug_geometry),
	KTEST_CASE(test_alloc_free_lists),
	KTEST_CASE(test_empty_slabs_beyond_min_partial),
	KTEST_CASE(test_min_partial_counts_partial_slabs),
	KTEST_CASE(test_shrink_returns_every_page),
	KTEST_CASE(test_destroy_returns_everything),
	KTEST_CASE(test_destroy_busy_cache),
	KTEST_CASE(test_kmalloc_size_classes),
	KTEST_CASE(test_kmalloc_alignment),
	KTEST_CASE(test_kmalloc_large),
	KTEST_CASE(test_kfree_not_kmalloced),
	KTEST_CASE(test_kmalloc_helpers),
	KTEST_CASE(test_ctor_once_per_object),
	KTEST_CASE(test_cache_dma),
	KTEST_CASE(test_freelist_hardened),
	KTEST_CASE(test_freelist_corrupt_abandoned),
	KTEST_CASE(test_freelist_corrupt_rebuilt),
	KTEST_CASE(test_freelist_corrupt_at_flush),
	KTEST_CASE(test_freelist_corrupt_partial_slab),
	KTEST_CASE(test_right_red_zone),
	KTEST_CASE(test_left_red_zone),
	KTEST_CASE(test_poison_use_after_free),
	KTEST_CASE(test_double_free),
	KTEST_CASE(test_double_free_poison_only),
	KTEST_CASE(test_invalid_pointer),
	KTEST_CASE(test_wrong_cache),
	KTEST_CASE(test_tiny_object_red_zone),
	KTEST_CASE(test_validate_counts),
	KTEST_CASE(test_create_bad_arguments),
	KTEST_CASE(test_slabinfo_and_slabvalidate),
	KTEST_CASE(test_random_stress));
