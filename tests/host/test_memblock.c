/*
 * Host tests for memblock's region arrays (mm/memblock.c), in the manner
 * of Linux's tools/testing/memblock: every overlap shape for add, reserve,
 * remove and free, merging, memblock_trim_memory(), memblock_free() of a
 * pointer, wide and capped ranges, and mem=.  Most shapes are rows of a
 * table per operation, each drawn above its row: the regions before, the
 * operation, the regions after.  Allocation is in test_memblock_alloc*.c, growing the
 * arrays in test_memblock_grow.c, queries, iterators and the dump in
 * test_memblock_info.c.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c tests/host/memblock_sim.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include "memblock_sim.h"

/* ------------------------------------------------------ the shape table */

enum rgn_op { ADD, RESERVE, REMOVE, FREE, TRIM };

/*
 * One row: the regions of the type op works on (memory for ADD, REMOVE
 * and TRIM, reserved for RESERVE and FREE), op applied to each argument
 * in turn (each must return 0), and the regions that must result.  For
 * TRIM an argument's size is the alignment.  warning, if set, is the
 * report the row must provoke; without it, no WARN may appear.
 */
struct rgn_case {
	const char *name;
	enum rgn_op op;
	struct rgn before[MAX_RGNS];
	struct rgn args[3];
	struct rgn after[MAX_RGNS];
	const char *warning;
};

/* Rows on reserved run with this memory, which they must leave alone. */
static const struct rgn row_memory[MAX_RGNS] = { { 0x100000, 0x100000 } };

static int do_op(enum rgn_op op, const struct rgn *arg)
{
	switch (op) {
	case ADD:
		return memblock_add(arg->base, arg->size);
	case RESERVE:
		return memblock_reserve(arg->base, arg->size);
	case REMOVE:
		return memblock_remove(arg->base, arg->size);
	case FREE:
		return memblock_phys_free(arg->base, arg->size);
	case TRIM:
		memblock_trim_memory(arg->size);
		return 0;
	}
	return -EINVAL;
}

/* The report of a row: there if expected, and no WARN if not. */
static void check_warning(struct ktest *test, size_t mark, const char *want)
{
	if (!want) {
		EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
		return;
	}
	if (!printk_log_find(mark, want)) {
		printk(KERN_INFO "    # expected the log to contain \"%s\"\n", want);
		ktest_fail_msg(test, __FILE__, __LINE__, "report missing");
	}
	EXPECT_TRUE(test, printk_log_find(mark, "WARNING: at "));
}

/* Memory rows also pin the DRAM bounds to the regions expected. */
static void check_dram_bounds(struct ktest *test, const struct rgn *after)
{
	unsigned int n = 0;

	while (n < MAX_RGNS && after[n].size)
		n++;
	EXPECT_EQ(test, memblock_start_of_DRAM(), n ? after[0].base : 0);
	EXPECT_EQ(test, memblock_end_of_DRAM(),
		  n ? after[n - 1].base + after[n - 1].size : 0);
}

static void run_row(struct ktest *test, const void *row)
{
	const struct rgn_case *c = row;
	bool on_reserved = c->op == RESERVE || c->op == FREE;
	struct memblock_type *type = on_reserved ? &memblock.reserved
						 : &memblock.memory;
	size_t mark;
	unsigned int i;

	reset_memblock();
	if (on_reserved)
		memblock_add(row_memory[0].base, row_memory[0].size);
	for (i = 0; i < MAX_RGNS && c->before[i].size; i++)
		do_op(on_reserved ? RESERVE : ADD, &c->before[i]);
	regions_are(test, type, c->before);

	mark = printk_log_pos();
	for (i = 0; i < ARRAY_SIZE(c->args) && c->args[i].size; i++)
		EXPECT_EQ(test, do_op(c->op, &c->args[i]), 0);
	regions_are(test, type, c->after);
	check_warning(test, mark, c->warning);
	EXPECT_EQ(test, memblock_phys_mem_size(), memblock.memory.total_size);
	EXPECT_EQ(test, memblock_reserved_size(), memblock.reserved.total_size);
	if (on_reserved) {
		regions_are(test, &memblock.memory, row_memory);
	} else {
		EXPECT_EQ(test, memblock.reserved.cnt, 0);
		check_dram_bounds(test, c->after);
	}
}

/* ------------------------------------------------------------------ add */

static const struct rgn_case add_rows[] = {
	/* Into an empty array: one region. */
	{ "add simple", ADD, {}, { { 0x100000, 0x7fee0000 } },
	  { { 0x100000, 0x7fee0000 } }, NULL },
	/*
	 *	0x1000   0x9f000     0x100000      0x200000
	 *	|--- new --|           |---- r1 ----|
	 *
	 * Added below r1: the array comes out sorted.
	 */
	{ "add disjoint", ADD, { { 0x100000, 0x100000 } },
	  { { 0x1000, 0x9e000 } },
	  { { 0x1000, 0x9e000 }, { 0x100000, 0x100000 } }, NULL },
	/*
	 *	          0x20000           0x60000
	 *	             |------ r1 -------|
	 *	   |---- new ----|
	 *	0x10000       0x30000
	 */
	{ "add overlapping the bottom", ADD, { { 0x20000, 0x40000 } },
	  { { 0x10000, 0x20000 } }, { { 0x10000, 0x50000 } }, NULL },
	/*
	 *	0x20000           0x60000
	 *	   |------ r1 -------|
	 *	                |---- new ----|
	 *	             0x50000       0x80000
	 */
	{ "add overlapping the top", ADD, { { 0x20000, 0x40000 } },
	  { { 0x50000, 0x30000 } }, { { 0x20000, 0x60000 } }, NULL },
	/*
	 *	0x20000                    0x60000
	 *	   |---------- r1 -----------|
	 *	         |--- new ---|
	 *
	 * Nothing changes, the total size included (and twice the same range).
	 */
	{ "add inside", ADD, { { 0x20000, 0x40000 } },
	  { { 0x30000, 0x10000 }, { 0x20000, 0x40000 } },
	  { { 0x20000, 0x40000 } }, NULL },
	/*
	 *	          0x20000   0x30000
	 *	             |- r1 -|
	 *	   |--------- new ----------|
	 *	0x10000                  0x40000
	 */
	{ "add covering", ADD, { { 0x20000, 0x10000 } },
	  { { 0x10000, 0x30000 } }, { { 0x10000, 0x30000 } }, NULL },
	/*
	 *	0x10000   0x20000   0x30000   0x40000
	 *	   |- new2 -|-- r1 --|- new1 -|
	 *
	 * Touching is enough to merge, above (this row) and below (the next).
	 */
	{ "add adjacent above", ADD, { { 0x20000, 0x10000 } },
	  { { 0x30000, 0x10000 } }, { { 0x20000, 0x20000 } }, NULL },
	{ "add adjacent below", ADD, { { 0x20000, 0x20000 } },
	  { { 0x10000, 0x10000 } }, { { 0x10000, 0x30000 } }, NULL },
	/*
	 *	0x10000 0x20000   0x30000 0x40000   0x50000 0x60000
	 *	   |- r1 -|          |- r2 -|          |- r3 -|
	 *	       |--------------- new ---------------|
	 *	     0x18000                             0x58000
	 *
	 * Two gaps are filled and all five pieces merge into one region.
	 */
	{ "add bridging gaps", ADD,
	  { { 0x10000, 0x10000 }, { 0x30000, 0x10000 }, { 0x50000, 0x10000 } },
	  { { 0x18000, 0x40000 } }, { { 0x10000, 0x50000 } }, NULL },
};

static void test_add_shapes(struct ktest *test)
{
	RUN_TABLE(test, add_rows, run_row);
}

/* QEMU -m 4G puts 1 GiB above 4 GiB; PAE reaches up to 64 GiB. */
static void test_add_above_4g(struct ktest *test)
{
	static const struct rgn want[MAX_RGNS] = {
		{ 0x0, 0x9fc00 }, { 0x100000, 0xbfee0000 },
		{ 0x100000000ULL, 0x40000000 }, { 0xf00000000ULL, 0x100000000ULL },
	};
	unsigned int i;

	reset_memblock();
	for (i = 4; i-- > 0; )		/* from the top: the array sorts */
		memblock_add(want[i].base, want[i].size);
	regions_are(test, &memblock.memory, want);
	EXPECT_EQ(test, memblock_phys_mem_size(),
		  0x9fc00 + 0xbfee0000 + 0x40000000 + 0x100000000ULL);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x1000000000ULL);
	EXPECT_TRUE(test, memblock_is_memory(0x13fffffffULL));
	EXPECT_FALSE(test, memblock_is_memory(0x140000000ULL));
}

/*
 * base + size would wrap past 2^64: the size is cut so the region ends
 * at PHYS_ADDR_MAX (Linux: memblock_cap_size).
 */
static void test_add_size_capped(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_debug = true;
	EXPECT_EQ(test, memblock_add(0xffffffffffff0000ULL, 0x20000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock_add: [0xffffffffffff0000-0xfffffffffffffffe]");
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0xffffffffffff0000ULL, 0xffff);
	EXPECT_EQ(test, memblock_end_of_DRAM(), PHYS_ADDR_MAX);

	EXPECT_EQ(test, memblock_add(0x1000, PHYS_ADDR_MAX), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x1000, PHYS_ADDR_MAX - 0x1000);
}

static void test_zero_size_is_noop(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_debug = true;
	EXPECT_EQ(test, memblock_add(0x100000, 0), 0);
	EXPECT_EQ(test, memblock_reserve(0x100000, 0), 0);
	EXPECT_EQ(test, memblock_remove(0x100000, 0), 0);
	EXPECT_EQ(test, memblock_phys_free(0x100000, 0), 0);
	memblock_free(sim_ram + 0x100000, 0);
	memblock_free(NULL, 0x1000);
	EXPECT_EQ(test, memblock.memory.cnt, 0);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
	EXPECT_FALSE(test, printk_log_find(mark, "memblock"));
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
}

/* -------------------------------------------------------------- reserve */

static const struct rgn_case reserve_rows[] = {
	/*
	 * Reservations are a region array of their own: they need not lie
	 * in memory and leave memory (0x100000-0x200000) alone.
	 *
	 *	0x110000  0x120000      0x180000             0x400000
	 *	   |-a-|     |-b-|         |------ c ------|     |-outside-|
	 *	     |------ d ------|            |------ e ------|
	 *	   0x110800       0x120800     0x188000       0x198000
	 *
	 * d bridges a and b, e straddles c's top.
	 */
	{ "reserve overlapping", RESERVE,
	  { { 0x110000, 0x1000 }, { 0x120000, 0x1000 }, { 0x180000, 0x10000 },
	    { 0x400000, 0x1000 } },
	  { { 0x110800, 0x10000 }, { 0x188000, 0x10000 } },
	  { { 0x110000, 0x11000 }, { 0x180000, 0x18000 }, { 0x400000, 0x1000 } }, NULL },
};

static void test_reserve_shapes(struct ktest *test)
{
	RUN_TABLE(test, reserve_rows, run_row);
}

/* --------------------------------------------------------------- remove */

static const struct rgn_case remove_rows[] = {
	/*
	 *	0x10000                        0x20000
	 *	   |------------ r1 --------------|
	 *	             |- rm -|
	 *	          0x14000  0x18000
	 *
	 * r1 is split in two.
	 */
	{ "remove inside", REMOVE, { { 0x10000, 0x10000 } },
	  { { 0x14000, 0x4000 } },
	  { { 0x10000, 0x4000 }, { 0x18000, 0x8000 } }, NULL },
	/*
	 *	        0x10000           0x20000
	 *	           |------ r1 -------|
	 *	   |--- rm ---|
	 *	0x8000     0x12000
	 */
	{ "remove straddling the bottom", REMOVE, { { 0x10000, 0x10000 } },
	  { { 0x8000, 0xa000 } }, { { 0x12000, 0xe000 } }, NULL },
	/*
	 *	0x10000           0x20000
	 *	   |------ r1 -------|
	 *	              |--- rm ---|
	 *	           0x1c000    0x28000
	 */
	{ "remove straddling the top", REMOVE, { { 0x10000, 0x10000 } },
	  { { 0x1c000, 0xc000 } }, { { 0x10000, 0xc000 } }, NULL },
	/*
	 *	0x10000 0x20000   0x30000 0x40000   0x50000 0x60000   0x70000
	 *	   |- r1 -|          |- r2 -|          |- r3 -|          |- r4 -|
	 *	       |------------------- rm -----------------|
	 *	     0x18000                                 0x58000
	 *
	 * r2 goes entirely, r1 and r3 are trimmed, r4 stays.
	 */
	{ "remove covering", REMOVE,
	  { { 0x10000, 0x10000 }, { 0x30000, 0x10000 }, { 0x50000, 0x10000 },
	    { 0x70000, 0x10000 } },
	  { { 0x18000, 0x40000 } },
	  { { 0x10000, 0x8000 }, { 0x58000, 0x8000 }, { 0x70000, 0x10000 } }, NULL },
	/* Exactly one region: it goes, its neighbours stay. */
	{ "remove one whole region", REMOVE,
	  { { 0x10000, 0x8000 }, { 0x58000, 0x8000 }, { 0x70000, 0x10000 } },
	  { { 0x58000, 0x8000 } },
	  { { 0x10000, 0x8000 }, { 0x70000, 0x10000 } }, NULL },
	/*
	 *	       0x10000           0x20000
	 *	          |------ r1 -------|
	 *	   |-rm3-|                  |-rm1-|     |-rm2-|
	 *	 0xf000                          0x30000
	 *
	 * Adjacent or disjoint: nothing to remove.
	 */
	{ "remove adjacent or disjoint", REMOVE, { { 0x10000, 0x10000 } },
	  { { 0x20000, 0x1000 }, { 0x30000, 0x1000 }, { 0xf000, 0x1000 } },
	  { { 0x10000, 0x10000 } }, NULL },
};

static void test_remove_shapes(struct ktest *test)
{
	RUN_TABLE(test, remove_rows, run_row);
}

/* ----------------------------------------------------------------- free */

#define NOT_RESERVED	"which is not reserved; nothing freed"
#define PART_RESERVED	"not all reserved; freeing the reserved part"

static const struct rgn_case free_rows[] = {
	/*
	 *	0x100000                            0x110000
	 *	   |------------- reserved -------------|
	 *	            |- free -|
	 *	        0x104000  0x108000
	 */
	{ "free inside", FREE, { { 0x100000, 0x10000 } },
	  { { 0x104000, 0x4000 } },
	  { { 0x100000, 0x4000 }, { 0x108000, 0x8000 } }, NULL },
	/* What is left, exactly: nothing stays, nothing is reported. */
	{ "free whole regions", FREE,
	  { { 0x100000, 0x4000 }, { 0x108000, 0x8000 } },
	  { { 0x100000, 0x4000 }, { 0x108000, 0x8000 } }, {}, NULL },
	/*
	 * Freeing what is not (all) reserved is reported; then, as in
	 * Linux, whatever part of it is reserved is freed.
	 *
	 *	0x100000              0x110000
	 *	   |----- reserved -------|             |- free -|
	 *	                                      0x200000
	 */
	{ "free outside reservations", FREE, { { 0x100000, 0x10000 } },
	  { { 0x200000, 0x1000 } }, { { 0x100000, 0x10000 } },
	  "memblock: freeing [mem 0x0000000000200000-0x0000000000200fff], "
	  NOT_RESERVED "\n" },
	/*
	 *	0x100000              0x110000
	 *	   |----- reserved -------|
	 *	                     |- free -|
	 *	                 0x10f000  0x111000
	 */
	{ "free straddling the top", FREE, { { 0x100000, 0x10000 } },
	  { { 0x10f000, 0x2000 } }, { { 0x100000, 0xf000 } },
	  "memblock: freeing [mem 0x000000000010f000-0x0000000000110fff], "
	  PART_RESERVED "\n" },
	/*
	 *	      0x100000              0x110000
	 *	         |----- reserved -------|
	 *	   |- free -|
	 *	0xff000  0x101000
	 */
	{ "free straddling the bottom", FREE, { { 0x100000, 0x10000 } },
	  { { 0xff000, 0x2000 } }, { { 0x101000, 0xf000 } },
	  "memblock: freeing [mem 0x00000000000ff000-0x0000000000100fff], "
	  PART_RESERVED },
	/*
	 *	0x100000      0x110000     0x120000      0x130000
	 *	   |--- r1 -------|           |------- r2 ---|
	 *	          |--------- free ---------|
	 *	       0x108000                0x128000
	 */
	{ "free spanning a hole", FREE,
	  { { 0x100000, 0x10000 }, { 0x120000, 0x10000 } },
	  { { 0x108000, 0x20000 } },
	  { { 0x100000, 0x8000 }, { 0x128000, 0x8000 } }, PART_RESERVED },
	/* The same range twice: the second time there is nothing to free. */
	{ "free twice", FREE, { { 0x100000, 0x10000 } },
	  { { 0x100000, 0x10000 }, { 0x100000, 0x10000 } }, {}, NOT_RESERVED },
};

static void test_free_shapes(struct ktest *test)
{
	RUN_TABLE(test, free_rows, run_row);
}

/* What is allocated and freed again leaves reserved as it was. */
static void test_alloc_free_balanced(struct ktest *test)
{
	static const struct rgn want[MAX_RGNS] = { { 0x100000, 0x1000 } };
	phys_addr_t a, b;

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x100000, 0x1000);
	a = memblock_phys_alloc(0x3000, 0x1000);
	b = memblock_phys_alloc(0x100, 0x10);
	ASSERT_NE(test, a, 0);
	ASSERT_NE(test, b, 0);
	EXPECT_EQ(test, memblock_reserved_size(), 0x1000 + 0x3000 + 0x100);
	EXPECT_EQ(test, memblock_phys_free(a, 0x3000), 0);
	EXPECT_EQ(test, memblock_phys_free(b, 0x100), 0);
	regions_are(test, &memblock.reserved, want);
}

/*
 * memblock_free() takes the pointer memblock_alloc() gave (Linux 5.16
 * on) and frees the block it points to, neighbours untouched.
 *
 *	0x100000                       0x1fe000 0x1ff000 0x200000
 *	   |------------ memory -------------|-- b --|-- a --|
 */
static void test_free_pointer(struct ktest *test)
{
	static const struct rgn want[MAX_RGNS] = { { 0x1ff000, 0x1000 } };
	void *a, *b;

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	a = memblock_alloc(0x1000, 0x1000);
	b = memblock_alloc(0x1000, 0x1000);
	ASSERT_NOT_NULL(test, a);
	ASSERT_NOT_NULL(test, b);
	EXPECT_EQ(test, sim_phys(b), 0x1fe000);
	memblock_free(b, 0x1000);
	regions_are(test, &memblock.reserved, want);
	memblock_free(a, 0x1000);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

/* ----------------------------------------------------------------- trim */

static const struct rgn_case trim_rows[] = {
	/* Regions already aligned stay as they are. */
	{ "trim aligned", TRIM,
	  { { 0x1000, 0x9e000 }, { 0x100000, 0x100000 } }, { { 0, 0x1000 } },
	  { { 0x1000, 0x9e000 }, { 0x100000, 0x100000 } }, NULL },
	/*
	 *	0x1000   0x9f000   0x100400     0x1ff800
	 *	  |--r1--|           |----- r2 -----|
	 *	                   0x101000     0x1ff000
	 *
	 * r2's base is rounded up and its end down to a page.
	 */
	{ "trim unaligned base and end", TRIM,
	  { { 0x1000, 0x9e000 }, { 0x100400, 0xff400 } }, { { 0, 0x1000 } },
	  { { 0x1000, 0x9e000 }, { 0x101000, 0xfe000 } }, NULL },
	/*
	 *	0x1000  0x9f000 0xa0800 0xa1800  0x100000  0x200000
	 *	  |--r1--|        |-r2-|           |--r3--|
	 *
	 * r2 holds no whole page: it goes.
	 */
	{ "trim drops a region too small", TRIM,
	  { { 0x1000, 0x9e000 }, { 0xa0800, 0x1000 }, { 0x100000, 0x100000 } },
	  { { 0, 0x1000 } },
	  { { 0x1000, 0x9e000 }, { 0x100000, 0x100000 } }, NULL },
	/* To 2 MiB: r1 goes, r2 loses its odd end. */
	{ "trim to large pages", TRIM,
	  { { 0x1000, 0x9e000 }, { 0x100000, 0x7ef0000 } }, { { 0, 0x200000 } },
	  { { 0x200000, 0x7c00000 } }, NULL },
	/* A base whose rounding would wrap past 2^64 is dropped. */
	{ "trim at the top of the address space", TRIM,
	  { { 0x100000, 0x100000 }, { 0xfffffffffffff800ULL, 0x7ff } },
	  { { 0, 0x1000 } }, { { 0x100000, 0x100000 } }, NULL },
	/* Not a power of two: reported, nothing trimmed. */
	{ "trim with a bad alignment", TRIM, { { 0x100400, 0x1000 } },
	  { { 0, 0x3000 } }, { { 0x100400, 0x1000 } },
	  "memblock: trim alignment 0x3000 is not a power of two; nothing trimmed\n" },
};

static void test_trim_memory(struct ktest *test)
{
	size_t mark = printk_log_pos();

	RUN_TABLE(test, trim_rows, run_row);
	/* Trimming never touches reservations; align 0 is refused too. */
	reset_memblock();
	memblock_add(0x100400, 0x1000);
	memblock_reserve(0x100400, 0x800);
	memblock_trim_memory(0);
	EXPECT_LOGGED(test, mark, "memblock: trim alignment 0x0 is not a power of two");
	memblock_trim_memory(0x1000);
	EXPECT_EQ(test, memblock.memory.cnt, 0);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x100400, 0x800);
}

/* ----------------------------------------------------------------- mem= */

/*
 *	0x1000  0x9f000  0x100000          0x1062000                0x8000000
 *	 |-memory-|        |------ memory -----+-------------------------|
 *	     |r0|          |--r1--|     |--r2--+--|  |-r3-|     |-r4-|
 *	                                       ^ first 16 MiB end here
 *
 * mem=16M keeps 0x9e000 + 0xf62000 bytes; r2 is cut, r3 and r4 go.
 */
static void test_enforce_memory_limit(struct ktest *test)
{
	static const struct rgn mem[MAX_RGNS] = {
		{ 0x1000, 0x9e000 }, { 0x100000, 0xf62000 },
	};
	static const struct rgn rsv[MAX_RGNS] = {
		{ 0x9e000, 0x1000 }, { 0x100000, 0x100000 },
		{ 0x1000000, 0x62000 },
	};

	reset_memblock();
	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0x7f00000);
	memblock_reserve(0x9e000, 0x1000);		/* r0 */
	memblock_reserve(0x100000, 0x100000);		/* r1 */
	memblock_reserve(0x1000000, 0x100000);		/* r2 */
	memblock_reserve(0x1800000, 0x100000);		/* r3 */
	memblock_reserve(0x7000000, 0x1000);		/* r4 */

	memblock_enforce_memory_limit(16 * SZ_1M);
	EXPECT_EQ(test, memblock_phys_mem_size(), 16 * SZ_1M);
	regions_are(test, &memblock.memory, mem);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x1062000);
	regions_are(test, &memblock.reserved, rsv);
	EXPECT_EQ(test, memblock_reserved_size(), 0x163000);
}

/*
 * A limit of 0, or of at least all the memory there is, changes nothing.
 * A limit that ends exactly at a region's end drops what lies above,
 * reservations in the hole after it included.
 *
 *	0x1000    0x9f000 0xa0000     0x100000         0xff0000 0x1000000
 *	  |-memory--|       |rsv|        |---- memory ------|-rsv-|
 */
static void test_enforce_memory_limit_noop(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0xf00000);
	memblock_reserve(0xa0000, 0x1000);
	memblock_reserve(0xff0000, 0x10000);

	memblock_enforce_memory_limit(0);
	memblock_enforce_memory_limit(0x9e000 + 0xf00000);
	memblock_enforce_memory_limit(SZ_1G);
	ASSERT_EQ(test, memblock.memory.cnt, 2);
	CHECK_RGN(test, memory, 1, 0x100000, 0xf00000);
	ASSERT_EQ(test, memblock.reserved.cnt, 2);
	CHECK_RGN(test, reserved, 1, 0xff0000, 0x10000);

	/* Exactly the first region: the second goes. */
	memblock_enforce_memory_limit(0x9e000);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x1000, 0x9e000);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

KTEST_SUITE(memblock,
	KTEST_CASE(test_add_shapes),
	KTEST_CASE(test_add_above_4g),
	KTEST_CASE(test_add_size_capped),
	KTEST_CASE(test_zero_size_is_noop),
	KTEST_CASE(test_reserve_shapes),
	KTEST_CASE(test_remove_shapes),
	KTEST_CASE(test_free_shapes),
	KTEST_CASE(test_alloc_free_balanced),
	KTEST_CASE(test_free_pointer),
	KTEST_CASE(test_trim_memory),
	KTEST_CASE(test_enforce_memory_limit),
	KTEST_CASE(test_enforce_memory_limit_noop));
