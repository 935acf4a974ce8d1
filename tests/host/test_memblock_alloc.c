/*
 * Host tests for memblock's physical allocators (mm/memblock_alloc.c):
 * memblock_phys_alloc_range() and memblock_phys_alloc(), top-down and
 * bottom-up, against current_limit, alignment, holes, exhaustion, page 0
 * and bad requests.  Each row of the table is a machine drawn above it,
 * a few requests in turn with the address each must get (0: it must fail,
 * with one report), and the reservations left at the end.  The pointer
 * allocators are in test_memblock_alloc_nid.c.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c tests/host/memblock_sim.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include "memblock_sim.h"

#define FAILED		"memblock: failed to allocate"

struct alloc_req {
	phys_addr_t size, align, start, end;
	phys_addr_t want;		/* 0: must fail */
};

/* memblock_phys_alloc(size, align): anywhere below current_limit. */
#define PHYS(size, align, want) \
	{ size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, want }

struct alloc_case {
	const char *name;
	bool bottom_up;
	phys_addr_t limit;		/* current_limit; 0 leaves none */
	struct rgn memory[MAX_RGNS];
	struct rgn reserved[MAX_RGNS];
	struct alloc_req reqs[4];	/* a zero size ends them */
	struct rgn after[MAX_RGNS];	/* memblock.reserved at the end */
	const char *log;		/* a line the requests must print */
};

static void run_req(struct ktest *test, const struct alloc_req *r)
{
	size_t mark = printk_log_pos();
	phys_addr_t got;

	got = memblock_phys_alloc_range(r->size, r->align, r->start, r->end);
	EXPECT_EQ(test, got, r->want);
	EXPECT_EQ(test, printk_log_find(mark, FAILED), !r->want);
}

static void run_alloc_row(struct ktest *test, const void *row)
{
	const struct alloc_case *c = row;
	size_t mark;
	unsigned int i;

	sim_machine(c->memory, c->reserved, c->limit, c->bottom_up);
	mark = printk_log_pos();
	for (i = 0; i < ARRAY_SIZE(c->reqs) && c->reqs[i].size; i++)
		run_req(test, &c->reqs[i]);
	regions_are(test, &memblock.reserved, c->after);
	regions_are(test, &memblock.memory, c->memory);
	if (c->log && !printk_log_find(mark, c->log)) {
		printk(KERN_INFO "    # expected the log to contain \"%s\"\n", c->log);
		ktest_fail_msg(test, __FILE__, __LINE__, "report missing");
	}
}

/* ----------------------------------------------------------- top-down */

static const struct alloc_case top_down_rows[] = {
	/*
	 *	0x100000                               0xffd000 0xfff000 0x1000000
	 *	   |----------------- memory ---------------|------b--|--a--|
	 *
	 * From the end of memory down; consecutive blocks merge.
	 */
	{ "top-down from the end", false, 0, { { 0x100000, 0xf00000 } }, {},
	  { PHYS(0x1000, 0x1000, 0xfff000), PHYS(0x2000, 0x1000, 0xffd000) },
	  { { 0xffd000, 0x3000 } }, NULL },
	/*
	 *	0x100000              0x800000                  0x1000000
	 *	   |------------- memory --------------------------|
	 *	                 a <-| current_limit
	 */
	{ "top-down below current_limit", false, 0x800000,
	  { { 0x100000, 0xf00000 } }, {},
	  { PHYS(0x1000, 0x1000, 0x7ff000), PHYS(0x800, 0x800, 0x7fe800) },
	  { { 0x7fe800, 0x1800 } }, NULL },
	/*
	 *	                    0x1230000  0x1230100     0x1234550 0x1234567
	 *	  ---- memory ----------|-- a --|-- free ------|-- b --|
	 *
	 * Memory ending at an odd address: blocks are aligned down.
	 */
	{ "top-down aligned down", false, 0, { { 0x100000, 0x1134567 } }, {},
	  { PHYS(0x100, 0x10000, 0x1230000), PHYS(0x10, 0x10, 0x1234550),
	    PHYS(0x1, 0x100000, 0x1200000) },
	  { { 0x1200000, 0x1 }, { 0x1230000, 0x100 }, { 0x1234550, 0x10 } },
	  NULL },
	/*
	 *	0x100000                0x1f0000   0x1fc000 0x1fd000   0x200000
	 *	   |------ memory ---------|-- reserved --|  4K  |-- reserved --|
	 *
	 * The 4 KiB hole is too small for 8 KiB: the block goes below, and a
	 * 4 KiB request then fills the hole exactly.
	 */
	{ "top-down skips a small hole", false, 0, { { 0x100000, 0x100000 } },
	  { { 0x1f0000, 0xc000 }, { 0x1fd000, 0x3000 } },
	  { PHYS(0x2000, 0x1000, 0x1ee000), PHYS(0x1000, 0x1000, 0x1fc000) },
	  { { 0x1ee000, 0x12000 } }, NULL },
	/*
	 *	0x100000                          0x10f000 0x110000
	 *	   |------------ reserved -----------|- free -|
	 *
	 * Not enough, then just enough, then nothing at all.
	 */
	{ "top-down exhausted", false, 0, { { 0x100000, 0x10000 } },
	  { { 0x100000, 0xf000 } },
	  { PHYS(0x2000, 0x1000, 0), PHYS(0x1000, 0x1000, 0x10f000),
	    PHYS(0x1, 0x1, 0) },
	  { { 0x100000, 0x10000 } },
	  FAILED " 8192 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0xffffffffffffffff\n" },
	/*
	 *	0x100000     0x200000 0x208000                      0x1000000
	 *	   |-------------|-range-|---------- memory ------------|
	 *
	 * 64 KiB cannot fit the 32 KiB range; 32 KiB fits it exactly.  A
	 * range outside memory, or upside down, finds nothing.
	 */
	{ "top-down in a range", false, 0, { { 0x100000, 0xf00000 } }, {},
	  { { 0x10000, 0x1000, 0x200000, 0x208000, 0 },
	    { 0x8000, 0x1000, 0x200000, 0x208000, 0x200000 },
	    { 0x1000, 0x1000, 0x2000000, 0x3000000, 0 },
	    { 0x1000, 0x1000, 0x300000, 0x200000, 0 } },
	  { { 0x200000, 0x8000 } },
	  FAILED " 65536 bytes align=0x1000 nid=-1 from=0x0000000000200000 max_addr=0x0000000000208000\n" },
	/*
	 *	0x8000000 = current_limit     0x10000000          0x20000000
	 *	      |                           |---- memory -------|
	 *
	 * Memory only above the limit: the default (ACCESSIBLE) request
	 * fails; an explicit end is taken as given, as in Linux.
	 */
	{ "top-down above current_limit", false, 0x8000000,
	  { { 0x10000000, 0x10000000 } }, {},
	  { PHYS(0x1000, 0x1000, 0),
	    { 0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE, 0x1ffff000 },
	    { 0x1000, 0x1000, 0, 0x18000000, 0x17fff000 } },
	  { { 0x17fff000, 0x1000 }, { 0x1ffff000, 0x1000 } },
	  FAILED " 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000008000000\n" },
	/*
	 *	0x0    0x1000   0x2000   0x3000
	 *	 |-p0-|-- b --|-- a --|
	 *
	 * Page 0 is never handed out: 0 means failure.
	 */
	{ "top-down never page 0", false, 0, { { 0x0, 0x3000 } }, {},
	  { PHYS(0x1000, 0x1000, 0x2000), PHYS(0x1000, 0x1000, 0x1000),
	    PHYS(0x1000, 0x1000, 0), PHYS(0x10, 0x10, 0) },
	  { { 0x1000, 0x2000 } }, NULL },
	/* Larger than any address below the top: no wrap-around. */
	{ "top-down larger than the space", false, 0, { { 0x0, 0x3000 } }, {},
	  { PHYS(0x4000, 0x1000, 0) }, {}, NULL },
};

static void test_top_down(struct ktest *test)
{
	RUN_TABLE(test, top_down_rows, run_alloc_row);
}

/* ---------------------------------------------------------- bottom-up */

static const struct alloc_case bottom_up_rows[] = {
	/*
	 *	0x100000 0x100800 0x101000
	 *	   |-rsv--|-- b --|-- a --|-c-|------- memory ---------|
	 *
	 * The lowest fit wins: a, which cannot go below its alignment,
	 * then b in the 2 KiB left below it, then c just above a.
	 */
	{ "bottom-up from the start", true, 0, { { 0x100000, 0xf00000 } },
	  { { 0x100000, 0x800 } },
	  { PHYS(0x1000, 0x1000, 0x101000), PHYS(0x800, 0x800, 0x100800),
	    PHYS(0x10, 0x10, 0x102000) },
	  { { 0x100000, 0x2010 } }, NULL },
	/*
	 *	0x100000      0x200800 0x200c00          0x202000
	 *	   |---- rsv ----| hole |-------- rsv --------|-- c --
	 *
	 * A 1 KiB hole whose aligned start lies past its end is skipped.
	 */
	{ "bottom-up skips a misaligned hole", true, 0,
	  { { 0x100000, 0xf00000 } },
	  { { 0x100000, 0x100800 }, { 0x200c00, 0x1400 } },
	  { PHYS(0x100, 0x1000, 0x202000) },
	  { { 0x100000, 0x100800 }, { 0x200c00, 0x1500 } }, NULL },
	/*
	 *	0x100123                              0x1000000
	 *	   |--|-- a --|  ...  |-- b --|------ memory ----|
	 *	   0x110000  0x110100 0x200000
	 *
	 * Memory starting at an odd address: blocks are aligned up.
	 */
	{ "bottom-up aligned up", true, 0, { { 0x100123, 0xefeedd } }, {},
	  { PHYS(0x100, 0x10000, 0x110000), PHYS(0x10, 0x10, 0x100130),
	    PHYS(0x1, 0x100000, 0x200000) },
	  { { 0x100130, 0x10 }, { 0x110000, 0x100 }, { 0x200000, 0x1 } },
	  NULL },
	/*
	 *	0x100000    0x200800        0x210000              0x1000000
	 *	   |-----------|---- range ----|------ memory ---------|
	 *
	 * The lowest aligned block of the range, not of memory.
	 */
	{ "bottom-up in a range", true, 0, { { 0x100000, 0xf00000 } }, {},
	  { { 0x1000, 0x1000, 0x200800, 0x210000, 0x201000 },
	    { 0x10000, 0x1000, 0x200800, 0x210000, 0 },
	    { 0x1000, 0x1000, 0x2000000, 0x3000000, 0 } },
	  { { 0x201000, 0x1000 } }, NULL },
	/*
	 *	0x100000          0x180000 = current_limit       0x1000000
	 *	   |--- rsv ---|-a-|---------- memory ------------------|
	 *
	 * Bottom-up stays below current_limit too.
	 */
	{ "bottom-up below current_limit", true, 0x180000,
	  { { 0x100000, 0xf00000 } }, { { 0x100000, 0x7f000 } },
	  { PHYS(0x1000, 0x1000, 0x17f000), PHYS(0x1000, 0x1000, 0) },
	  { { 0x100000, 0x80000 } }, NULL },
	/* Page 0 is never handed out bottom-up either. */
	{ "bottom-up never page 0", true, 0, { { 0x0, 0x3000 } }, {},
	  { PHYS(0x1000, 0x1000, 0x1000), PHYS(0x1000, 0x1000, 0x2000),
	    PHYS(0x10, 0x10, 0) },
	  { { 0x1000, 0x2000 } }, NULL },
};

static void test_bottom_up(struct ktest *test)
{
	RUN_TABLE(test, bottom_up_rows, run_alloc_row);
}

/* ------------------------------------------------------- odd requests */

static void test_limit_and_direction(struct ktest *test)
{
	reset_memblock();
	EXPECT_EQ(test, memblock_get_current_limit(), MEMBLOCK_ALLOC_ANYWHERE);
	EXPECT_FALSE(test, memblock_bottom_up());
	memblock_set_current_limit(0x800000);
	memblock_set_bottom_up(true);
	EXPECT_EQ(test, memblock_get_current_limit(), 0x800000);
	EXPECT_TRUE(test, memblock_bottom_up());
	memblock_set_bottom_up(false);
	EXPECT_FALSE(test, memblock_bottom_up());
}

/* align 0 or not a power of two: reported, cache-line aligned instead. */
static void test_alloc_bad_align(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	EXPECT_EQ(test, memblock_phys_alloc(0x10, 0), 0x1fffc0);
	EXPECT_LOGGED(test, mark,
		"memblock: alignment 0x0 is not a power of two, using 64\n");
	EXPECT_LOGGED(test, mark, "WARNING: at ");

	mark = printk_log_pos();
	EXPECT_EQ(test, memblock_phys_alloc(0x10, 0x3000), 0x1fff80);
	EXPECT_LOGGED(test, mark,
		"memblock: alignment 0x3000 is not a power of two, using 64\n");
	ASSERT_EQ(test, memblock.reserved.cnt, 2);
	CHECK_RGN(test, reserved, 0, 0x1fff80, 0x10);
	CHECK_RGN(test, reserved, 1, 0x1fffc0, 0x10);

	/* The same for the pointer allocators, retry or not. */
	mark = printk_log_pos();
	EXPECT_EQ(test, sim_phys(memblock_alloc_from(0x10, 0, 0x1fff80)),
		  0x1fff40);
	EXPECT_LOGGED(test, mark,
		"memblock: alignment 0x0 is not a power of two, using 64\n");
}

static void test_alloc_zero_size(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	EXPECT_EQ(test, memblock_phys_alloc(0, 0x1000), 0);
	EXPECT_LOGGED(test, mark, "memblock: zero-size allocation\n");
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	EXPECT_NULL(test, memblock_alloc(0, 8));
	EXPECT_NULL(test, memblock_alloc_try_nid_raw(0, 8, 0x100000,
						     MEMBLOCK_ALLOC_ANYWHERE,
						     NUMA_NO_NODE));
	EXPECT_EQ(test, memblock_phys_alloc_try_nid(0, 8, 0), 0);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

/*
 * Once memblock_free_all() has set current_limit to 0, every allocator
 * below current_limit fails, and reserves nothing.
 */
static void test_alloc_after_retirement(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0xf00000);
	memblock_set_current_limit(0);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0);
	EXPECT_EQ(test, memblock_phys_alloc_try_nid(0x1000, 0x1000, 0), 0);
	EXPECT_NULL(test, memblock_alloc(0x1000, 0x1000));
	EXPECT_NULL(test, memblock_alloc_from(0x1000, 0x1000, 0x200000));
	EXPECT_NULL(test, memblock_alloc_try_nid(0x1000, 0x1000, 0,
						 MEMBLOCK_ALLOC_ANYWHERE,
						 NUMA_NO_NODE));
	EXPECT_LOGGED(test, mark, FAILED " 4096 bytes align=0x1000 nid=-1 from=0x0000000000200000 max_addr=0x0000000000000000\n");
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

KTEST_SUITE(memblock_alloc,
	KTEST_CASE(test_top_down),
	KTEST_CASE(test_bottom_up),
	KTEST_CASE(test_limit_and_direction),
	KTEST_CASE(test_alloc_bad_align),
	KTEST_CASE(test_alloc_zero_size),
	KTEST_CASE(test_alloc_after_retirement));
