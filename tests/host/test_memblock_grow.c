/*
 * Host tests for growing memblock's region arrays (memblock_double_array
 * in mm/memblock.c): refused before memblock_allow_resize(), then
 * doubling memory or reserved into memory taken from memblock itself,
 * freeing the old array, never landing on the range being inserted, and
 * failing cleanly when there is no room for both arrays.
 *
 * The first case must run before any case that allows resizing: memblock
 * has no way to forbid it again.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c tests/host/memblock_sim.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include "memblock_sim.h"

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

/*
 * Before memblock_allow_resize() a full array stays full: the 129th
 * region is refused with -ENOMEM and a message, and so is an allocation
 * that would need a 129th reservation.
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
	poison_ram(40 * SZ_1M);	/* where the arrays land: stale bytes show */
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

/* 3 MiB from 1 MiB up, memblock.reserved full: every other page of 1 MiB. */
static void full_reserved_machine(void)
{
	unsigned int i;

	reset_memblock();
	memblock_allow_resize();
	memblock_add(0x100000, 0x300000);
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(0x100000 + i * 0x2000, 0x1000);
}

/*
 * After the overflow: reserved doubled into a 256-entry array at arr,
 * whose reservation reaches to the end of memory as the last region.
 */
static void check_grown_at(struct ktest *test, phys_addr_t arr)
{
	EXPECT_EQ(test, sim_phys(memblock.reserved.regions), arr);
	EXPECT_EQ(test, memblock.reserved.max, 256);
	ASSERT_EQ(test, memblock.reserved.cnt, 129);
	CHECK_RGN(test, reserved, 128, arr, 0x400000 - arr);
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

	full_reserved_machine();
	EXPECT_EQ(test, memblock_phys_alloc(0x1000, 0x1000), 0x3ff000);
	check_grown_at(test, arr);
	CHECK_RGN(test, reserved, 127, 0x1fe000, 0x1000);
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

	full_reserved_machine();
	EXPECT_EQ(test, memblock_reserve(0x3f0000, 0x10000), 0);
	check_grown_at(test, arr);
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

KTEST_SUITE(memblock_grow,
	KTEST_CASE(test_double_refused_before_allow),
	KTEST_CASE(test_double_memory_array),
	KTEST_CASE(test_double_twice_frees_old_array),
	KTEST_CASE(test_double_reserved_array),
	KTEST_CASE(test_double_during_alloc),
	KTEST_CASE(test_double_avoids_new_reservation),
	KTEST_CASE(test_remove_in_full_array),
	KTEST_CASE(test_double_no_room_for_both),
	KTEST_CASE(test_double_on_split));
