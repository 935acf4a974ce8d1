/*
 * Host tests for mm/memblock.c, in the spirit of Linux's
 * tools/testing/memblock: every overlap shape for add, reserve, remove and
 * free, merging, allocation placement and failure, mem=, the free-range
 * iterator, growing the region arrays, and the debug and dump output.
 *
 * "RAM" is a malloc'ed buffer: physical address p is sim_ram + p, for p
 * below SIM_RAM_SIZE.  Cases that never touch memory through memblock
 * (add/remove/reserve only) use any addresses, PAE-wide ones included.
 * Each case starts from reset_memblock(): empty arrays back in the static
 * storage memblock started with, limit and direction as at boot.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c
 */
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>

#define SIM_RAM_SIZE	(64 * SZ_1M)

static u8 *sim_ram;

/* The kernel's version is __va(); ours indexes the simulated RAM. */
void *memblock_phys_to_virt(phys_addr_t phys)
{
	if (phys >= SIM_RAM_SIZE) {
		printk("test_memblock: phys 0x%llx is outside the simulated RAM\n",
		       (unsigned long long)phys);
		abort();
	}
	return sim_ram + phys;
}

static phys_addr_t sim_phys(const void *virt)
{
	return (phys_addr_t)((const u8 *)virt - sim_ram);
}

static struct memblock_region *init_memory_regions, *init_reserved_regions;

static void reset_type(struct memblock_type *type,
		       struct memblock_region *init_regions)
{
	memset(init_regions, 0,
	       INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	type->regions = init_regions;
	type->cnt = 0;
	type->max = INIT_MEMBLOCK_REGIONS;
	type->total_size = 0;
}

static void reset_memblock(void)
{
	if (!sim_ram) {
		sim_ram = malloc(SIM_RAM_SIZE);
		if (!sim_ram)
			abort();
	}
	/* The first reset runs before any case could grow the arrays. */
	if (!init_memory_regions) {
		init_memory_regions = memblock.memory.regions;
		init_reserved_regions = memblock.reserved.regions;
	}
	reset_type(&memblock.memory, init_memory_regions);
	reset_type(&memblock.reserved, init_reserved_regions);
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = false;
}

/* Region i of memblock.<type> must be exactly [b, b + s). */
#define CHECK_RGN(test, type, i, b, s) do {				\
	EXPECT_EQ(test, memblock.type.regions[i].base, (b));		\
	EXPECT_EQ(test, memblock.type.regions[i].size, (s));		\
	EXPECT_EQ(test, memblock.type.regions[i].flags, MEMBLOCK_NONE);	\
} while (0)

/* ------------------------------------------------------------------ add */

static void test_add_simple(struct ktest *test)
{
	reset_memblock();
	EXPECT_EQ(test, memblock_add(0x100000, 0x7fee0000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x100000, 0x7fee0000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x7fee0000);
	EXPECT_EQ(test, memblock_phys_mem_size(), 0x7fee0000);
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0x100000);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x7ffe0000);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

/*
 *	0x1000   0x9f000     0x100000      0x200000
 *	|--- r2 ---|           |---- r1 ----|
 *
 * r1 is added first; the array comes out sorted.
 */
static void test_add_disjoint(struct ktest *test)
{
	reset_memblock();
	EXPECT_EQ(test, memblock_add(0x100000, 0x100000), 0);
	EXPECT_EQ(test, memblock_add(0x1000, 0x9e000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 2);
	CHECK_RGN(test, memory, 0, 0x1000, 0x9e000);
	CHECK_RGN(test, memory, 1, 0x100000, 0x100000);
	EXPECT_EQ(test, memblock_phys_mem_size(), 0x19e000);
}

/*
 *	          0x20000           0x60000
 *	             |------ r1 -------|
 *	   |---- new ----|
 *	0x10000       0x30000
 *
 * The new range straddles r1's bottom: one region [0x10000, 0x60000).
 */
static void test_add_overlap_bottom(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x20000, 0x40000);
	EXPECT_EQ(test, memblock_add(0x10000, 0x20000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0x50000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x50000);
}

/*
 *	0x20000           0x60000
 *	   |------ r1 -------|
 *	                |---- new ----|
 *	             0x50000       0x80000
 */
static void test_add_overlap_top(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x20000, 0x40000);
	EXPECT_EQ(test, memblock_add(0x50000, 0x30000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x20000, 0x60000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x60000);
}

/*
 *	0x20000                    0x60000
 *	   |---------- r1 -----------|
 *	         |--- new ---|
 *
 * Nothing changes, the total size included (and twice the same range).
 */
static void test_add_inside(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x20000, 0x40000);
	EXPECT_EQ(test, memblock_add(0x30000, 0x10000), 0);
	EXPECT_EQ(test, memblock_add(0x20000, 0x40000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x20000, 0x40000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x40000);
}

/*
 *	          0x20000   0x30000
 *	             |- r1 -|
 *	   |--------- new ----------|
 *	0x10000                  0x40000
 */
static void test_add_covering(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x20000, 0x10000);
	EXPECT_EQ(test, memblock_add(0x10000, 0x30000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0x30000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x30000);
}

/*
 *	0x10000   0x20000   0x30000   0x40000
 *	   |- new2 -|-- r1 --|- new1 -|
 *
 * Touching is enough to merge, above and below.
 */
static void test_add_adjacent(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x20000, 0x10000);
	EXPECT_EQ(test, memblock_add(0x30000, 0x10000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	EXPECT_EQ(test, memblock_add(0x10000, 0x10000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0x30000);
}

/*
 *	0x10000 0x20000   0x30000 0x40000   0x50000 0x60000
 *	   |- r1 -|          |- r2 -|          |- r3 -|
 *	       |--------------- new ---------------|
 *	     0x18000                             0x58000
 *
 * Two gaps are filled and all five pieces merge into one region.
 */
static void test_add_bridges_gaps(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	memblock_add(0x30000, 0x10000);
	memblock_add(0x50000, 0x10000);
	ASSERT_EQ(test, memblock.memory.cnt, 3);
	EXPECT_EQ(test, memblock_add(0x18000, 0x40000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0x50000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x50000);
}

/* QEMU -m 4G puts 1 GiB above 4 GiB; PAE reaches up to 64 GiB. */
static void test_add_above_4g(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x0, 0x9fc00);
	memblock_add(0x100000, 0xbfee0000);
	memblock_add(0x100000000ULL, 0x40000000);
	memblock_add(0xf00000000ULL, 0x100000000ULL);
	ASSERT_EQ(test, memblock.memory.cnt, 4);
	CHECK_RGN(test, memory, 2, 0x100000000ULL, 0x40000000);
	CHECK_RGN(test, memory, 3, 0xf00000000ULL, 0x100000000ULL);
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
	EXPECT_EQ(test, memblock.memory.cnt, 0);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
	EXPECT_FALSE(test, printk_log_find(mark, "memblock"));
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING"));
}

/* -------------------------------------------------------------- reserve */

/*
 * Reservations are a region array of their own: they need not lie in
 * memory and leave memory alone.
 *
 *	memory    |------------------ 0x100000-0x200000 ------------------|
 *	reserved       |-a-|   |-b-|     |------ c ------|
 *	                     then d bridges a and b, e straddles c's top
 */
static void test_reserve_overlaps(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x110000, 0x1000);		/* a */
	memblock_reserve(0x120000, 0x1000);		/* b */
	memblock_reserve(0x180000, 0x10000);		/* c */
	memblock_reserve(0x400000, 0x1000);		/* outside memory */
	ASSERT_EQ(test, memblock.reserved.cnt, 4);

	EXPECT_EQ(test, memblock_reserve(0x110800, 0x10000), 0);	/* d */
	EXPECT_EQ(test, memblock_reserve(0x188000, 0x10000), 0);	/* e */
	ASSERT_EQ(test, memblock.reserved.cnt, 3);
	CHECK_RGN(test, reserved, 0, 0x110000, 0x11000);
	CHECK_RGN(test, reserved, 1, 0x180000, 0x18000);
	CHECK_RGN(test, reserved, 2, 0x400000, 0x1000);
	EXPECT_EQ(test, memblock_reserved_size(), 0x11000 + 0x18000 + 0x1000);

	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x100000, 0x100000);
	EXPECT_EQ(test, memblock_phys_mem_size(), 0x100000);
}

/* --------------------------------------------------------------- remove */

/*
 *	0x10000                        0x20000
 *	   |------------ r1 --------------|
 *	             |- rm -|
 *	          0x14000  0x18000
 *
 * r1 is split in two.
 */
static void test_remove_inside(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	EXPECT_EQ(test, memblock_remove(0x14000, 0x4000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 2);
	CHECK_RGN(test, memory, 0, 0x10000, 0x4000);
	CHECK_RGN(test, memory, 1, 0x18000, 0x8000);
	EXPECT_EQ(test, memblock.memory.total_size, 0xc000);
}

/*
 *	        0x10000           0x20000
 *	           |------ r1 -------|
 *	   |--- rm ---|
 *	0x8000     0x12000
 */
static void test_remove_straddling_bottom(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	EXPECT_EQ(test, memblock_remove(0x8000, 0xa000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x12000, 0xe000);
	EXPECT_EQ(test, memblock.memory.total_size, 0xe000);
}

/*
 *	0x10000           0x20000
 *	   |------ r1 -------|
 *	              |--- rm ---|
 *	           0x1c000    0x28000
 */
static void test_remove_straddling_top(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	EXPECT_EQ(test, memblock_remove(0x1c000, 0xc000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0xc000);
	EXPECT_EQ(test, memblock.memory.total_size, 0xc000);
}

/*
 *	0x10000 0x20000   0x30000 0x40000   0x50000 0x60000   0x70000 0x80000
 *	   |- r1 -|          |- r2 -|          |- r3 -|          |- r4 -|
 *	       |------------------- rm -----------------|
 *	     0x18000                                 0x58000
 *
 * r2 goes entirely, r1 and r3 are trimmed, r4 stays.
 */
static void test_remove_covering(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	memblock_add(0x30000, 0x10000);
	memblock_add(0x50000, 0x10000);
	memblock_add(0x70000, 0x10000);
	EXPECT_EQ(test, memblock_remove(0x18000, 0x40000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 3);
	CHECK_RGN(test, memory, 0, 0x10000, 0x8000);
	CHECK_RGN(test, memory, 1, 0x58000, 0x8000);
	CHECK_RGN(test, memory, 2, 0x70000, 0x10000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x20000);

	/* Exactly one region: it goes, its neighbours stay. */
	EXPECT_EQ(test, memblock_remove(0x58000, 0x8000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 2);
	CHECK_RGN(test, memory, 1, 0x70000, 0x10000);
}

/*
 *	0x10000           0x20000
 *	   |------ r1 -------|
 *	                     |- rm1 -|     |- rm2 -|
 *
 * Adjacent or disjoint: nothing to remove.
 */
static void test_remove_adjacent_disjoint(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x10000, 0x10000);
	EXPECT_EQ(test, memblock_remove(0x20000, 0x1000), 0);
	EXPECT_EQ(test, memblock_remove(0x30000, 0x1000), 0);
	EXPECT_EQ(test, memblock_remove(0xf000, 0x1000), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 1);
	CHECK_RGN(test, memory, 0, 0x10000, 0x10000);
	EXPECT_EQ(test, memblock.memory.total_size, 0x10000);
}

/* ----------------------------------------------------------------- free */

/*
 *	0x100000                            0x110000
 *	   |------------- reserved -------------|
 *	            |- free -|
 *	        0x104000  0x108000
 */
static void test_free_splits(struct ktest *test)
{
	reset_memblock();
	memblock_reserve(0x100000, 0x10000);
	EXPECT_EQ(test, memblock_phys_free(0x104000, 0x4000), 0);
	ASSERT_EQ(test, memblock.reserved.cnt, 2);
	CHECK_RGN(test, reserved, 0, 0x100000, 0x4000);
	CHECK_RGN(test, reserved, 1, 0x108000, 0x8000);
	EXPECT_EQ(test, memblock_reserved_size(), 0xc000);

	EXPECT_EQ(test, memblock_phys_free(0x100000, 0x4000), 0);
	EXPECT_EQ(test, memblock_phys_free(0x108000, 0x8000), 0);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
	EXPECT_EQ(test, memblock_reserved_size(), 0);
}

/*
 *	0x100000              0x110000
 *	   |----- reserved -------|
 *	                      |- f1 -|              |- f2 -|
 *	                   0x10f000 0x111000     0x200000
 *
 * Freeing what is not (all) reserved, twice the same range included, is
 * reported with a WARN; then, as in Linux, whatever part of it is
 * reserved is freed and the result is 0.
 */
static void test_free_not_reserved(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_reserve(0x100000, 0x10000);

	EXPECT_EQ(test, memblock_phys_free(0x200000, 0x1000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: freeing [mem 0x0000000000200000-0x0000000000200fff], which is not reserved; nothing freed\n");
	EXPECT_LOGGED(test, mark, "WARNING: at ");
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x100000, 0x10000);

	mark = printk_log_pos();
	EXPECT_EQ(test, memblock_phys_free(0x10f000, 0x2000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: freeing [mem 0x000000000010f000-0x0000000000110fff], not all reserved; freeing the reserved part\n");
	EXPECT_EQ(test, memblock_phys_free(0xff000, 0x2000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: freeing [mem 0x00000000000ff000-0x0000000000100fff], not all reserved");
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x101000, 0xe000);

	/* Spanning a hole between two reservations. */
	memblock_reserve(0x120000, 0x10000);
	EXPECT_EQ(test, memblock_phys_free(0x108000, 0x20000), 0);
	ASSERT_EQ(test, memblock.reserved.cnt, 2);
	CHECK_RGN(test, reserved, 0, 0x101000, 0x7000);
	CHECK_RGN(test, reserved, 1, 0x128000, 0x8000);

	EXPECT_EQ(test, memblock_phys_free(0x128000, 0x8000), 0);
	mark = printk_log_pos();
	EXPECT_EQ(test, memblock_phys_free(0x128000, 0x8000), 0);
	EXPECT_LOGGED(test, mark, "which is not reserved; nothing freed");
	EXPECT_EQ(test, memblock.reserved.cnt, 1);
}

/* What is allocated and freed again leaves reserved as it was. */
static void test_alloc_free_balanced(struct ktest *test)
{
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
	EXPECT_EQ(test, memblock_reserved_size(), 0x1000);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x100000, 0x1000);
}

/* ---------------------------------------------------------------- alloc */

/*
 * Top-down from the end of memory; consecutive blocks merge into one
 * reserved region.
 *
 *	0x100000                               0xffd000 0xfff000 0x1000000
 *	   |----------------- memory ---------------|------b--|--a--|
 */
static void test_alloc_top_down(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0xf00000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0xfff000);
	EXPECT_EQ(test, memblock_phys_alloc(0x2000, 0x1000), 0xffd000);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0xffd000, 0x3000);
	EXPECT_EQ(test, memblock_reserved_size(), 0x3000);
	EXPECT_EQ(test, memblock.memory.total_size, 0xf00000);
}

/*
 *	0x100000              0x800000                  0x1000000
 *	   |------------- memory --------------------------|
 *	                 a <-| current_limit
 */
static void test_alloc_below_current_limit(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0xf00000);
	memblock_set_current_limit(0x800000);
	EXPECT_EQ(test, memblock_get_current_limit(), 0x800000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x7ff000);
	EXPECT_EQ(test, memblock_phys_alloc(0x800, 0x800), 0x7fe800);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x7fe800, 0x1800);
}

/*
 * Memory ending at an odd address: blocks are aligned down.
 *
 *	                    0x1230000  0x1230100     0x1234550 0x1234567
 *	  ---- memory ----------|-- a --|-- free ------|-- b --|
 */
static void test_alloc_alignment(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0x1134567);
	EXPECT_EQ(test, memblock_phys_alloc(0x100, 0x10000), 0x1230000);
	EXPECT_EQ(test, memblock_phys_alloc(0x10, 0x10), 0x1234550);
	EXPECT_EQ(test, memblock_phys_alloc(0x1, 0x100000), 0x1200000);
	ASSERT_EQ(test, memblock.reserved.cnt, 3);
	CHECK_RGN(test, reserved, 0, 0x1200000, 0x1);
	CHECK_RGN(test, reserved, 1, 0x1230000, 0x100);
	CHECK_RGN(test, reserved, 2, 0x1234550, 0x10);
}

/*
 *	0x100000                0x1f0000   0x1fc000 0x1fd000   0x200000
 *	   |------ memory ---------|-- reserved --|  4K  |-- reserved --|
 *
 * The 4 KiB hole is too small for 8 KiB: the block goes below, and a
 * 4 KiB request then fills the hole exactly.
 */
static void test_alloc_skips_small_gap(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x1f0000, 0xc000);
	memblock_reserve(0x1fd000, 0x3000);
	EXPECT_EQ(test, memblock_phys_alloc(0x2000, 0x1000), 0x1ee000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x1fc000);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x1ee000, 0x12000);
}

/* Nothing free, or not enough: 0, one warning, nothing reserved. */
static void test_alloc_exhausted(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x10000);
	memblock_reserve(0x100000, 0xf000);
	EXPECT_EQ(test, memblock_phys_alloc(0x2000, 0x1000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: failed to allocate 8192 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0xffffffffffffffff\n");
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x10f000);

	mark = printk_log_pos();
	EXPECT_EQ(test, memblock_phys_alloc(0x1, 0x1), 0);
	EXPECT_LOGGED(test, mark, "memblock: failed to allocate 1 bytes");
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x100000, 0x10000);
}

/*
 *	0x100000     0x200000 0x208000                      0x1000000
 *	   |-------------|-range-|---------- memory ------------|
 *
 * 64 KiB cannot fit the 32 KiB range; 32 KiB fits it exactly.  A range
 * outside memory finds nothing.
 */
static void test_alloc_range_too_small(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0xf00000);
	EXPECT_EQ(test, memblock_phys_alloc_range(0x10000, 0x1000,
						  0x200000, 0x208000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: failed to allocate 65536 bytes align=0x1000 nid=-1 from=0x0000000000200000 max_addr=0x0000000000208000\n");
	EXPECT_EQ(test, memblock_phys_alloc_range(0x8000, 0x1000,
						  0x200000, 0x208000), 0x200000);
	EXPECT_EQ(test, memblock_phys_alloc_range(0x1000, 0x1000,
						  0x2000000, 0x3000000), 0);
	EXPECT_EQ(test, memblock_phys_alloc_range(0x1000, 0x1000,
						  0x300000, 0x200000), 0);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x200000, 0x8000);
}

/*
 *	0x8000000 = current_limit     0x10000000          0x20000000
 *	      |                           |---- memory -------|
 *
 * Memory only above the limit: the default (ACCESSIBLE) request fails; an
 * explicit end is taken as given, as in Linux.
 */
static void test_alloc_limit_fails(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x10000000, 0x10000000);
	memblock_set_current_limit(0x8000000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0);
	EXPECT_LOGGED(test, mark,
		"memblock: failed to allocate 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000008000000\n");
	EXPECT_NULL(test, memblock_alloc(0x1000, 0x1000));
	EXPECT_EQ(test, memblock.reserved.cnt, 0);

	EXPECT_EQ(test, memblock_phys_alloc_range(0x1000, 0x1000, 0,
				MEMBLOCK_ALLOC_ANYWHERE), 0x1ffff000);
	EXPECT_EQ(test, memblock_phys_alloc_range(0x1000, 0x1000, 0,
				0x18000000), 0x17fff000);
}

/* Page 0 is never handed out: 0 means failure. */
static void test_alloc_never_page_zero(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x0, 0x3000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x2000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x1000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0);
	EXPECT_EQ(test, memblock_phys_alloc(0x10, 0x10), 0);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x1000, 0x2000);

	/* Larger than any address below the top: no wrap-around. */
	memblock_phys_free(0x1000, 0x2000);
	EXPECT_EQ(test, memblock_phys_alloc(0x4000, 0x1000), 0);
	EXPECT_EQ(test, memblock.reserved.cnt, 0);

	reset_memblock();
	memblock_add(0x0, 0x3000);
	memblock_set_bottom_up(true);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x1000);
}

/*
 *	0x100000 0x100800 0x101000
 *	   |-rsv--|-- b --|-- a --|--------- memory ---------|
 *
 * With bottom_up the lowest fit wins.  Then a 1 KiB hole whose aligned
 * start lies past its end is skipped:
 *
 *	0x100000      0x200800 0x200c00          0x202000
 *	   |---- rsv ----| hole |-------- rsv --------|-- c --
 */
static void test_alloc_bottom_up(struct ktest *test)
{
	reset_memblock();
	memblock_add(0x100000, 0xf00000);
	memblock_reserve(0x100000, 0x800);
	memblock_set_bottom_up(true);
	EXPECT_TRUE(test, memblock_bottom_up());
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x101000);
	EXPECT_EQ(test, memblock_phys_alloc(0x800, 0x800), 0x100800);
	EXPECT_EQ(test, memblock_phys_alloc(0x10, 0x10), 0x102000);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x100000, 0x2010);

	memblock_phys_free(0x100000, 0x2010);
	memblock_reserve(0x100000, 0x100800);
	memblock_reserve(0x200c00, 0x1400);
	EXPECT_EQ(test, memblock_phys_alloc(0x100, 0x1000), 0x202000);
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
}

static void test_alloc_zero_size(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	EXPECT_EQ(test, memblock_phys_alloc(0, 0x1000), 0);
	EXPECT_LOGGED(test, mark, "memblock: zero-size allocation\n");
	EXPECT_NULL(test, memblock_alloc(0, 8));
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
}

/*
 * memblock_alloc() clears exactly the block, reached through
 * memblock_phys_to_virt().
 *
 *	                               0x3fff98            0x400000
 *	   ------ memory (poisoned 0xaa) ---|--- 100 bytes ---|
 */
static void test_alloc_zeroed(struct ktest *test)
{
	u8 *p;
	int i, nonzero = 0;

	reset_memblock();
	memblock_add(0x100000, 0x300000);
	memset(sim_ram + 0x3ff000, 0xaa, 0x1000);
	p = memblock_alloc(100, 8);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, sim_phys(p), 0x3fff98);
	for (i = 0; i < 100; i++)
		nonzero += p[i] != 0;
	EXPECT_EQ(test, nonzero, 0);
	EXPECT_EQ(test, p[-1], 0xaa);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, 0x3fff98, 100);

	/* Under current_limit, as the kernel's direct map needs. */
	memblock_set_current_limit(0x200000);
	p = memblock_alloc(0x1000, 0x1000);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, sim_phys(p), 0x1ff000);
}

static void test_alloc_returns_null(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x1000);
	EXPECT_NULL(test, memblock_alloc(0x2000, 0x1000));
	EXPECT_LOGGED(test, mark, "memblock: failed to allocate 8192 bytes");
	EXPECT_EQ(test, memblock.reserved.cnt, 0);
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
	ASSERT_EQ(test, memblock.memory.cnt, 2);
	CHECK_RGN(test, memory, 0, 0x1000, 0x9e000);
	CHECK_RGN(test, memory, 1, 0x100000, 0xf62000);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x1062000);
	ASSERT_EQ(test, memblock.reserved.cnt, 3);
	CHECK_RGN(test, reserved, 0, 0x9e000, 0x1000);
	CHECK_RGN(test, reserved, 1, 0x100000, 0x100000);
	CHECK_RGN(test, reserved, 2, 0x1000000, 0x62000);
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

/* -------------------------------------------------------------- queries */

/*
 *	0x1000     0x9f000   0x100000        0x200000
 *	  |-- memory --|        |--- memory ----|
 *	     |rsv|
 *	  0x8000 0x9000
 */
static void test_queries(struct ktest *test)
{
	reset_memblock();
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0);
	EXPECT_FALSE(test, memblock_is_memory(0x0));

	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x8000, 0x1000);
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0x1000);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x200000);

	EXPECT_FALSE(test, memblock_is_memory(0xfff));
	EXPECT_TRUE(test, memblock_is_memory(0x1000));
	EXPECT_TRUE(test, memblock_is_memory(0x9efff));
	EXPECT_FALSE(test, memblock_is_memory(0x9f000));
	EXPECT_TRUE(test, memblock_is_memory(0x100000));
	EXPECT_TRUE(test, memblock_is_memory(0x1fffff));
	EXPECT_FALSE(test, memblock_is_memory(0x200000));

	EXPECT_TRUE(test, memblock_is_region_memory(0x1000, 0x9e000));
	EXPECT_FALSE(test, memblock_is_region_memory(0x1000, 0x9e001));
	EXPECT_FALSE(test, memblock_is_region_memory(0x9e000, 0x70000));

	EXPECT_FALSE(test, memblock_is_region_reserved(0x7000, 0x1000));
	EXPECT_TRUE(test, memblock_is_region_reserved(0x7000, 0x1001));
	EXPECT_TRUE(test, memblock_is_region_reserved(0x8fff, 0x1));
	EXPECT_FALSE(test, memblock_is_region_reserved(0x9000, 0x1000));
	EXPECT_TRUE(test, memblock_is_region_reserved(0x0, PHYS_ADDR_MAX));
	EXPECT_TRUE(test, memblock_is_reserved(0x8000));
	EXPECT_FALSE(test, memblock_is_reserved(0x9000));
}

/* ------------------------------------------------------------ iterators */

/*
 *	memory    |- M0 0x1000-0x9f000 -|  |----- M1 0x100000-0x1000000 -----|  |- M2 0x2000000-0x3000000 -|
 *	reserved |R0|  |R1|          |------ R2 ------|      |R3|                        |--- R4 ---|   |R5|
 *
 *	R0 [0, 0x2000)           straddles M0's bottom (starts below memory)
 *	R1 [0x8000, 0x10000)     inside M0
 *	R2 [0x90000, 0x180000)   from M0's top across the hole into M1
 *	R3 [0x800000, 0x900000)  inside M1
 *	R4 [0x2f00000, 0x3100000) straddles M2's top
 *	R5 [0x4000000, +0x1000)  outside memory
 *	M3 [0x5000000, +0x1000)  entirely reserved (R6)
 */
static void test_free_range_iteration(struct ktest *test)
{
	static const phys_addr_t want[][2] = {
		{ 0x2000, 0x8000 }, { 0x10000, 0x90000 },
		{ 0x180000, 0x800000 }, { 0x900000, 0x1000000 },
		{ 0x2000000, 0x2f00000 },
	};
	phys_addr_t start, end;
	unsigned int n = 0;
	u64 i;

	reset_memblock();
	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0xf00000);
	memblock_add(0x2000000, 0x1000000);
	memblock_add(0x5000000, 0x1000);
	memblock_reserve(0x0, 0x2000);
	memblock_reserve(0x8000, 0x8000);
	memblock_reserve(0x90000, 0xf0000);
	memblock_reserve(0x800000, 0x100000);
	memblock_reserve(0x2f00000, 0x200000);
	memblock_reserve(0x4000000, 0x1000);
	memblock_reserve(0x5000000, 0x1000);

	for_each_free_mem_range(i, &start, &end) {
		if (n < ARRAY_SIZE(want)) {
			EXPECT_EQ(test, start, want[n][0]);
			EXPECT_EQ(test, end, want[n][1]);
		}
		n++;
	}
	EXPECT_EQ(test, n, ARRAY_SIZE(want));
}

/* No reservations: the free ranges are the memory regions; and extremes. */
static void test_free_range_corners(struct ktest *test)
{
	phys_addr_t start = 0, end = 0;
	unsigned int n = 0;
	u64 i;

	reset_memblock();
	for_each_free_mem_range(i, &start, &end)
		n++;
	EXPECT_EQ(test, n, 0);

	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000000ULL, 0x40000000);
	for_each_free_mem_range(i, &start, &end) {
		if (n == 0) {
			EXPECT_EQ(test, start, 0x1000);
			EXPECT_EQ(test, end, 0x9f000);
		} else {
			EXPECT_EQ(test, start, 0x100000000ULL);
			EXPECT_EQ(test, end, 0x140000000ULL);
		}
		n++;
	}
	EXPECT_EQ(test, n, 2);

	/* One reservation over all of it: nothing free. */
	n = 0;
	memblock_reserve(0x0, 0x200000000ULL);
	for_each_free_mem_range(i, &start, &end)
		n++;
	EXPECT_EQ(test, n, 0);

	/* NULL out-parameters are allowed, as in Linux. */
	memblock_phys_free(0x1000, 0x1000);
	n = 0;
	for_each_free_mem_range(i, NULL, &end)
		n++;
	EXPECT_EQ(test, n, 1);
	EXPECT_EQ(test, end, 0x2000);
}

static void test_mem_and_reserved_iteration(struct ktest *test)
{
	phys_addr_t start, end, sum = 0;
	unsigned int n = 0;
	u64 i;

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000000ULL, 0x1000);
	memblock_reserve(0x100000, 0x2000);
	for_each_mem_range(i, &start, &end) {
		if (n == 0)
			EXPECT_EQ(test, start, 0x1000);
		if (n == 2)
			EXPECT_EQ(test, end, 0x100001000ULL);
		sum += end - start;
		n++;
	}
	EXPECT_EQ(test, n, 3);
	EXPECT_EQ(test, sum, memblock_phys_mem_size());

	n = 0;
	for_each_reserved_mem_range(i, &start, &end) {
		EXPECT_EQ(test, start, 0x100000);
		EXPECT_EQ(test, end, 0x102000);
		n++;
	}
	EXPECT_EQ(test, n, 1);
}

/* ------------------------------------------------------- array growing */

/* 0x8000-byte memory regions 0x10000 apart, from 1 MiB up. */
#define SPREAD_BASE(i)	(0x100000ULL + (phys_addr_t)(i) * 0x10000)
#define SPREAD_SIZE	0x8000

static int add_spread(unsigned int from, unsigned int to)
{
	unsigned int i;
	int ret = 0;

	for (i = from; i < to && !ret; i++)
		ret = memblock_add(SPREAD_BASE(i), SPREAD_SIZE);
	return ret;
}

static phys_addr_t array_bytes(unsigned long entries)
{
	return ALIGN(entries * sizeof(struct memblock_region), 0x1000);
}

/* Where the grown arrays land, so that stale bytes would show. */
static void poison_ram(void)
{
	memset(sim_ram, 0xa5, 40 * SZ_1M);
}

/*
 * Before memblock_allow_resize() a full array stays full: the 129th
 * region is refused with -ENOMEM and a message, and so is an allocation
 * that would need a 129th reservation.  This case must run before any
 * case that allows resizing (memblock has no way to forbid it again).
 */
static void test_double_refused_before_allow(struct ktest *test)
{
	size_t mark = printk_log_pos();
	unsigned int k;

	reset_memblock();
	EXPECT_EQ(test, add_spread(0, INIT_MEMBLOCK_REGIONS), 0);
	EXPECT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	/* What adds no region needs no room: re-adding, or adding inside. */
	EXPECT_EQ(test, add_spread(0, 1), 0);
	EXPECT_EQ(test, memblock_add(SPREAD_BASE(1) + 0x1000, 0x1000), 0);
	EXPECT_EQ(test, add_spread(INIT_MEMBLOCK_REGIONS,
				   INIT_MEMBLOCK_REGIONS + 1), -ENOMEM);
	EXPECT_LOGGED(test, mark,
		"memblock: memory array is full (128 entries) and may not grow before memblock_allow_resize()\n");
	EXPECT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock.memory.max, INIT_MEMBLOCK_REGIONS);

	for (k = 0; k < INIT_MEMBLOCK_REGIONS; k++)
		memblock_reserve(SPREAD_BASE(k), 0x1000);
	EXPECT_EQ(test, memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	mark = printk_log_pos();
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0);
	EXPECT_LOGGED(test, mark, "memblock: reserved array is full (128 entries)");
	EXPECT_LOGGED(test, mark, "memblock: failed to allocate 4096 bytes");
	EXPECT_EQ(test, memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock.reserved.total_size,
		  INIT_MEMBLOCK_REGIONS * 0x1000);
}

/*
 * 200 disjoint regions.  The 129th doubles memblock.memory: the new array
 * (256 entries, page-rounded) is taken top-down from the free memory that
 * exists then, the top of region 127, and reserved.
 *
 *	SPREAD_BASE(127)                 +0x8000    SPREAD_BASE(128)
 *	   |-------- region 127 --------|array|        |-- region 128 --| ...
 */
static void test_double_memory_array(struct ktest *test)
{
	phys_addr_t arr = SPREAD_BASE(127) + SPREAD_SIZE - array_bytes(256);
	unsigned int i, bad = 0;

	reset_memblock();
	poison_ram();
	memblock_allow_resize();
	EXPECT_EQ(test, add_spread(0, 200), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 200);
	ASSERT_EQ(test, memblock.memory.max, 256);
	EXPECT_EQ(test, memblock.memory.total_size, 200 * SPREAD_SIZE);
	for (i = 0; i < 200; i++)
		bad += memblock.memory.regions[i].base != SPREAD_BASE(i) ||
		       memblock.memory.regions[i].size != SPREAD_SIZE;
	EXPECT_EQ(test, bad, 0);
	/* The unused half of the new array is cleared, not left as it was. */
	for (i = 200; i < 256; i++)
		bad += memblock.memory.regions[i].base != 0 ||
		       memblock.memory.regions[i].size != 0;
	EXPECT_EQ(test, bad, 0);

	EXPECT_EQ(test, sim_phys(memblock.memory.regions), arr);
	EXPECT_TRUE(test, memblock.memory.regions != init_memory_regions);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, arr, array_bytes(256));
	EXPECT_TRUE(test, memblock_is_region_reserved(arr, 1));
}

/*
 * 257 regions double twice; the second time the 256-entry array, itself
 * from memblock, is freed and only the 512-entry one stays reserved.
 */
static void test_double_twice_frees_old_array(struct ktest *test)
{
	phys_addr_t arr = SPREAD_BASE(255) + SPREAD_SIZE - array_bytes(512);
	unsigned int i, bad = 0;

	reset_memblock();
	memblock_allow_resize();
	EXPECT_EQ(test, add_spread(0, 257), 0);
	ASSERT_EQ(test, memblock.memory.cnt, 257);
	ASSERT_EQ(test, memblock.memory.max, 512);
	for (i = 0; i < 257; i++)
		bad += memblock.memory.regions[i].base != SPREAD_BASE(i);
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, sim_phys(memblock.memory.regions), arr);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0, arr, array_bytes(512));
}

/*
 * 129 reservations inside one 16 MiB region double memblock.reserved;
 * the new array goes to the top of memory and is reserved itself.
 *
 *	0x100000 0x101000 0x110000 ...  0x900000 0x901000     0x10fe000 0x1100000
 *	   |r0|             |r1|   ...     |r128|                 |array|
 */
static void test_double_reserved_array(struct ktest *test)
{
	phys_addr_t arr = 0x1100000 - array_bytes(256);
	unsigned int i, bad = 0;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(0x100000, 0x1000000);
	for (i = 0; i < 129; i++)
		EXPECT_EQ(test, memblock_reserve(SPREAD_BASE(i), 0x1000), 0);
	ASSERT_EQ(test, memblock.reserved.max, 256);
	ASSERT_EQ(test, memblock.reserved.cnt, 130);
	for (i = 0; i < 129; i++)
		bad += memblock.reserved.regions[i].base != SPREAD_BASE(i) ||
		       memblock.reserved.regions[i].size != 0x1000;
	EXPECT_EQ(test, bad, 0);
	CHECK_RGN(test, reserved, 129, arr, array_bytes(256));
	EXPECT_EQ(test, sim_phys(memblock.reserved.regions), arr);
	EXPECT_EQ(test, memblock_reserved_size(), 129 * 0x1000 + array_bytes(256));
}

/*
 * The allocation whose reservation overflows memblock.reserved: the
 * block found (not reserved yet) must not receive the new array, which
 * goes just below it instead.
 *
 *	0x100000 ... 0x1ff000         0x3fd000  0x3ff000 0x400000
 *	  |128 reservations|  free  ...  |array-|-block--|
 */
static void test_double_during_alloc(struct ktest *test)
{
	phys_addr_t arr = 0x3ff000 - array_bytes(256);
	unsigned int i;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(0x100000, 0x300000);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(0x100000 + i * 0x2000, 0x1000);
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x3ff000);
	EXPECT_EQ(test, sim_phys(memblock.reserved.regions), arr);
	EXPECT_EQ(test, memblock.reserved.max, 256);
	ASSERT_EQ(test, memblock.reserved.cnt, 129);
	CHECK_RGN(test, reserved, 127, 0x1fe000, 0x1000);
	CHECK_RGN(test, reserved, 128, arr, 0x400000 - arr);
}

/*
 * A reservation that overflows memblock.reserved and is big enough to
 * hold the new array itself: the array must not land inside it (the range
 * is not reserved yet), so it goes just below and the two merge.
 *
 *	0x100000 ... 0x1ff000         0x3ee000  0x3f0000          0x400000
 *	  |128 reservations|  free  ...  |array-|--- new reservation ---|
 */
static void test_double_avoids_new_reservation(struct ktest *test)
{
	phys_addr_t arr = 0x3f0000 - array_bytes(256);
	unsigned int i;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(0x100000, 0x300000);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(0x100000 + i * 0x2000, 0x1000);
	EXPECT_EQ(test, memblock_reserve(0x3f0000, 0x10000), 0);
	EXPECT_EQ(test, sim_phys(memblock.reserved.regions), arr);
	EXPECT_EQ(test, memblock.reserved.max, 256);
	ASSERT_EQ(test, memblock.reserved.cnt, 129);
	CHECK_RGN(test, reserved, 128, arr, 0x400000 - arr);
}

/*
 * Removing whole regions from a full array needs no room and does not
 * grow it; trimming a region's bottom splits it first, which does.
 */
static void test_remove_in_full_array(struct ktest *test)
{
	reset_memblock();
	memblock_allow_resize();
	add_spread(0, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock_remove(SPREAD_BASE(3) - 0x1000, 0x20000), 0);
	EXPECT_EQ(test, memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	ASSERT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 2);
	add_spread(3, 5);

	EXPECT_EQ(test, memblock_remove(SPREAD_BASE(5) - 0x1000, 0x2000), 0);
	EXPECT_EQ(test, memblock.memory.max, 256);
	ASSERT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	CHECK_RGN(test, memory, 5, SPREAD_BASE(5) + 0x1000, 0x7000);
	CHECK_RGN(test, memory, 6, SPREAD_BASE(6), SPREAD_SIZE);
}

/*
 * Growing memblock.memory needs a reservation for the new array, and
 * memblock.reserved is full too, with no free memory left for its own
 * new array but the 8 KiB hole just found: both fail, the memory array
 * switch is undone, and the add returns -ENOMEM with nothing changed.
 *
 *	region 0 .. 126: each entirely reserved
 *	region 127:  |---- reserved 0x6000 ----|- hole 0x2000 -|
 */
static void test_double_no_room_for_both(struct ktest *test)
{
	size_t mark = printk_log_pos();
	unsigned int i;

	reset_memblock();
	memblock_allow_resize();
	add_spread(0, INIT_MEMBLOCK_REGIONS);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS - 1; i++)
		memblock_reserve(SPREAD_BASE(i), SPREAD_SIZE);
	memblock_reserve(SPREAD_BASE(127), 0x6000);
	ASSERT_EQ(test, memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);

	EXPECT_EQ(test, add_spread(128, 129), -ENOMEM);
	EXPECT_LOGGED(test, mark,
		"memblock: Failed to double reserved array from 128 to 256 entries !\n");
	EXPECT_LOGGED(test, mark,
		"memblock: Failed to double memory array: cannot reserve it\n");
	EXPECT_TRUE(test, memblock.memory.regions == init_memory_regions);
	EXPECT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock.memory.max, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock.reserved.max, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock_reserved_size(),
		  INIT_MEMBLOCK_REGIONS * SPREAD_SIZE - 0x2000);
	EXPECT_EQ(test, memblock.memory.regions[127].base, SPREAD_BASE(127));
}

/* A split in a full array (remove from the middle) grows it too. */
static void test_double_on_split(struct ktest *test)
{
	reset_memblock();
	memblock_allow_resize();
	add_spread(0, INIT_MEMBLOCK_REGIONS);
	EXPECT_EQ(test, memblock_remove(SPREAD_BASE(5) + 0x1000, 0x1000), 0);
	EXPECT_EQ(test, memblock.memory.max, 256);
	ASSERT_EQ(test, memblock.memory.cnt, INIT_MEMBLOCK_REGIONS + 1);
	CHECK_RGN(test, memory, 5, SPREAD_BASE(5), 0x1000);
	CHECK_RGN(test, memory, 6, SPREAD_BASE(5) + 0x2000, 0x6000);
	CHECK_RGN(test, memory, 128, SPREAD_BASE(127), SPREAD_SIZE);
	EXPECT_EQ(test, memblock.memory.total_size,
		  INIT_MEMBLOCK_REGIONS * SPREAD_SIZE - 0x1000);
	ASSERT_EQ(test, memblock.reserved.cnt, 1);
	CHECK_RGN(test, reserved, 0,
		  SPREAD_BASE(127) + SPREAD_SIZE - array_bytes(256),
		  array_bytes(256));
}

/* ------------------------------------------------------ debug and dump */

static void test_debug_lines(struct ktest *test)
{
	size_t mark = printk_log_pos();

	reset_memblock();
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x100000, 0x1000);
	memblock_phys_alloc(0x1000, 0x1000);
	EXPECT_FALSE(test, printk_log_find(mark, "memblock_add"));
	EXPECT_FALSE(test, printk_log_find(mark, "memblock_reserve"));

	reset_memblock();
	memblock_debug = true;
	mark = printk_log_pos();
	memblock_add(0x100000, 0x100000);
	EXPECT_LOGGED(test, mark,
		"memblock_add: [0x0000000000100000-0x00000000001fffff] 0x");
	memblock_reserve(0x100000, 0x1000);
	EXPECT_LOGGED(test, mark,
		"memblock_reserve: [0x0000000000100000-0x0000000000100fff] 0x");
	memblock_phys_alloc(0x1000, 0x1000);
	EXPECT_LOGGED(test, mark,
		"memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000000 0x");
	EXPECT_LOGGED(test, mark,
		"memblock_reserve: [0x00000000001ff000-0x00000000001fffff]");
	memblock_alloc(64, 64);
	EXPECT_LOGGED(test, mark,
		"memblock_alloc_try_nid: 64 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 0x");
	memblock_phys_free(0x100000, 0x1000);
	EXPECT_LOGGED(test, mark,
		"memblock_phys_free: [0x0000000000100000-0x0000000000100fff]");
	memblock_remove(0x180000, 0x1000);
	EXPECT_LOGGED(test, mark,
		"memblock_remove: [0x0000000000180000-0x0000000000180fff]");
}

/* memblock=debug is a real early_param in the kernel's section. */
static void test_early_param_memblock(struct ktest *test)
{
	const struct obs_kernel_param *const *p, *param = NULL;
	char debug[] = "debug", other[] = "verbose";

	reset_memblock();
	for (p = __start_kparam_setup; p < __stop_kparam_setup; p++)
		if (strcmp((*p)->str, "memblock") == 0)
			param = *p;
	ASSERT_NOT_NULL(test, param);
	EXPECT_TRUE(test, param->early);
	EXPECT_EQ(test, param->setup_func(other), -EINVAL);
	EXPECT_EQ(test, param->setup_func(NULL), -EINVAL);
	EXPECT_FALSE(test, memblock_debug);
	EXPECT_EQ(test, param->setup_func(debug), 0);
	EXPECT_TRUE(test, memblock_debug);
	reset_memblock();
}

/*
 * Linux's dump, byte for byte; memblock_dump_all() itself only speaks
 * under memblock=debug.
 */
static void test_dump_all_format(struct ktest *test)
{
	size_t mark;

	reset_memblock();
	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0x7f00000);
	memblock_reserve(0x100000, 0x100000);

	mark = printk_log_pos();
	memblock_dump_all();
	EXPECT_FALSE(test, printk_log_find(mark, "MEMBLOCK"));

	memblock_debug = true;
	memblock_dump_all();
	EXPECT_LOGGED(test, mark,
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000007f9e000 reserved size = 0x0000000000100000\n"
		" memory.cnt  = 0x2\n"
		" memory[0x0]\t[0x0000000000001000-0x000000000009efff], 0x000000000009e000 bytes flags: 0x0\n"
		" memory[0x1]\t[0x0000000000100000-0x0000000007ffffff], 0x0000000007f00000 bytes flags: 0x0\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000000100000-0x00000000001fffff], 0x0000000000100000 bytes flags: 0x0\n");

	/* Empty arrays: just the counts. */
	reset_memblock();
	mark = printk_log_pos();
	__memblock_dump_all();
	EXPECT_LOGGED(test, mark,
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"
		" memory.cnt  = 0x0\n"
		" reserved.cnt  = 0x0\n");
}

KTEST_SUITE(memblock,
	/* First: every later case may allow resizing. */
	KTEST_CASE(test_double_refused_before_allow),
	KTEST_CASE(test_add_simple),
	KTEST_CASE(test_add_disjoint),
	KTEST_CASE(test_add_overlap_bottom),
	KTEST_CASE(test_add_overlap_top),
	KTEST_CASE(test_add_inside),
	KTEST_CASE(test_add_covering),
	KTEST_CASE(test_add_adjacent),
	KTEST_CASE(test_add_bridges_gaps),
	KTEST_CASE(test_add_above_4g),
	KTEST_CASE(test_add_size_capped),
	KTEST_CASE(test_zero_size_is_noop),
	KTEST_CASE(test_reserve_overlaps),
	KTEST_CASE(test_remove_inside),
	KTEST_CASE(test_remove_straddling_bottom),
	KTEST_CASE(test_remove_straddling_top),
	KTEST_CASE(test_remove_covering),
	KTEST_CASE(test_remove_adjacent_disjoint),
	KTEST_CASE(test_free_splits),
	KTEST_CASE(test_free_not_reserved),
	KTEST_CASE(test_alloc_free_balanced),
	KTEST_CASE(test_alloc_top_down),
	KTEST_CASE(test_alloc_below_current_limit),
	KTEST_CASE(test_alloc_alignment),
	KTEST_CASE(test_alloc_skips_small_gap),
	KTEST_CASE(test_alloc_exhausted),
	KTEST_CASE(test_alloc_range_too_small),
	KTEST_CASE(test_alloc_limit_fails),
	KTEST_CASE(test_alloc_never_page_zero),
	KTEST_CASE(test_alloc_bottom_up),
	KTEST_CASE(test_alloc_bad_align),
	KTEST_CASE(test_alloc_zero_size),
	KTEST_CASE(test_alloc_zeroed),
	KTEST_CASE(test_alloc_returns_null),
	KTEST_CASE(test_enforce_memory_limit),
	KTEST_CASE(test_enforce_memory_limit_noop),
	KTEST_CASE(test_queries),
	KTEST_CASE(test_free_range_iteration),
	KTEST_CASE(test_free_range_corners),
	KTEST_CASE(test_mem_and_reserved_iteration),
	KTEST_CASE(test_double_memory_array),
	KTEST_CASE(test_double_twice_frees_old_array),
	KTEST_CASE(test_double_reserved_array),
	KTEST_CASE(test_double_during_alloc),
	KTEST_CASE(test_double_avoids_new_reservation),
	KTEST_CASE(test_remove_in_full_array),
	KTEST_CASE(test_double_no_room_for_both),
	KTEST_CASE(test_double_on_split),
	KTEST_CASE(test_debug_lines),
	KTEST_CASE(test_early_param_memblock),
	KTEST_CASE(test_dump_all_format));
