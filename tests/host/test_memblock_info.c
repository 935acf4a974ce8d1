/*
 * Host tests for what memblock tells: the queries (start and end of DRAM,
 * is_memory, is_region_reserved, ...), the three iterators, the
 * memblock=debug lines and the MEMBLOCK configuration dump, in Linux's
 * formats.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c tests/host/memblock_sim.c
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include "memblock_sim.h"

/* -------------------------------------------------------------- queries */

/* One query and its answer; the one-address queries ignore size. */
struct query {
	phys_addr_t base, size;
	bool want;
};

static bool is_memory(phys_addr_t base, phys_addr_t size)
{
	return memblock_is_memory(base);
}

static bool is_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_is_reserved(base);
}

static void check_queries(struct ktest *test, const char *name,
			  bool (*fn)(phys_addr_t, phys_addr_t),
			  const struct query *q, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (fn(q[i].base, q[i].size) == q[i].want)
			continue;
		printk(KERN_INFO "    # %s(0x%llx, 0x%llx) should be %s\n", name,
		       q[i].base, q[i].size, q[i].want ? "true" : "false");
		ktest_fail_msg(test, __FILE__, __LINE__, "wrong answer");
	}
}

#define CHECK_QUERIES(test, fn, q) \
	check_queries(test, #fn, fn, q, ARRAY_SIZE(q))

/*
 *	0x1000     0x9f000   0x100000        0x200000
 *	  |-- memory --|        |--- memory ----|
 *	     |rsv|
 *	  0x8000 0x9000
 */
static void test_queries(struct ktest *test)
{
	static const struct query memory[] = {
		{ 0xfff, 0, false }, { 0x1000, 0, true }, { 0x9efff, 0, true },
		{ 0x9f000, 0, false }, { 0x100000, 0, true },
		{ 0x1fffff, 0, true }, { 0x200000, 0, false },
	};
	static const struct query region_memory[] = {
		{ 0x1000, 0x9e000, true }, { 0x1000, 0x9e001, false },
		{ 0x9e000, 0x70000, false },
	};
	static const struct query region_reserved[] = {
		{ 0x7000, 0x1000, false }, { 0x7000, 0x1001, true },
		{ 0x8fff, 0x1, true }, { 0x9000, 0x1000, false },
		{ 0x0, PHYS_ADDR_MAX, true },
	};
	static const struct query reserved[] = {
		{ 0x8000, 0, true }, { 0x9000, 0, false }, { 0x7fff, 0, false },
	};

	reset_memblock();
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0);
	EXPECT_FALSE(test, memblock_is_memory(0x0));

	memblock_add(0x1000, 0x9e000);
	memblock_add(0x100000, 0x100000);
	memblock_reserve(0x8000, 0x1000);
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0x1000);
	EXPECT_EQ(test, memblock_end_of_DRAM(), 0x200000);
	CHECK_QUERIES(test, is_memory, memory);
	CHECK_QUERIES(test, memblock_is_region_memory, region_memory);
	CHECK_QUERIES(test, memblock_is_region_reserved, region_reserved);
	CHECK_QUERIES(test, is_reserved, reserved);
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
	/* memblock_alloc() is Linux's inline wrapper: its callee speaks. */
	memblock_free(memblock_alloc(64, 64), 64);
	EXPECT_LOGGED(test, mark,
		"memblock_alloc_try_nid: 64 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 0x");
	EXPECT_LOGGED(test, mark,
		"memblock_phys_free: [0x00000000001fefc0-0x00000000001fefff]");
	memblock_alloc_try_nid_raw(0x10, 0x10, 0x180000, 0x1c0000, 0);
	EXPECT_LOGGED(test, mark,
		"memblock_alloc_try_nid_raw: 16 bytes align=0x10 nid=0 from=0x0000000000180000 max_addr=0x00000000001c0000 0x");
	memblock_alloc_exact_nid_raw(0x10, 0x10, 0, MEMBLOCK_ALLOC_ANYWHERE, 0);
	EXPECT_LOGGED(test, mark,
		"memblock_alloc_exact_nid_raw: 16 bytes align=0x10 nid=0 from=0x0000000000000000 max_addr=0xffffffffffffffff 0x");
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


KTEST_SUITE(memblock_info,
	KTEST_CASE(test_queries),
	KTEST_CASE(test_free_range_iteration),
	KTEST_CASE(test_free_range_corners),
	KTEST_CASE(test_mem_and_reserved_iteration),
	KTEST_CASE(test_debug_lines),
	KTEST_CASE(test_early_param_memblock),
	KTEST_CASE(test_dump_all_format));
