/*
 * Host tests for memblock's pointer allocators (mm/memblock_alloc.c and
 * the wrappers in memblock.h), after Linux's tools/testing/memblock
 * alloc_nid_api.c: memblock_alloc_try_nid(), _try_nid_raw() and
 * _exact_nid_raw() with min_addr and max_addr, the retry without
 * min_addr, MEMBLOCK_ALLOC_ACCESSIBLE and _ANYWHERE against
 * current_limit, nid on our single node, clearing or not, and the
 * wrappers memblock_alloc(), _raw(), _from(), _low(), _node() and
 * memblock_phys_alloc_try_nid().  Each row is one request on a machine
 * drawn above it, in one direction.
 *
 * host-test-sources: mm/memblock.c mm/memblock_alloc.c tests/host/memblock_sim.c
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include "memblock_sim.h"

enum alloc_fn {
	TRY_NID, TRY_NID_RAW, EXACT_NID_RAW,	/* (min_addr, max_addr, nid) */
	ALLOC, ALLOC_RAW, ALLOC_LOW,		/* only size and align */
	ALLOC_FROM,				/* min_addr */
	ALLOC_NODE, PHYS_TRY_NID,		/* nid */
};

/* Does fn clear what it hands out? */
static bool clears(enum alloc_fn fn)
{
	return fn == TRY_NID || fn == ALLOC || fn == ALLOC_LOW ||
	       fn == ALLOC_FROM || fn == ALLOC_NODE;
}

#define ANYWHERE	MEMBLOCK_ALLOC_ANYWHERE
#define ACCESSIBLE	MEMBLOCK_ALLOC_ACCESSIBLE

/* Memory every row has unless it says otherwise: 1 MiB to 16 MiB. */
#define MEM_16M		{ { 0x100000, 0xf00000 } }

struct nid_case {
	const char *name;
	enum alloc_fn fn;
	bool bottom_up;
	phys_addr_t limit;		/* current_limit; 0 leaves none */
	struct rgn memory[MAX_RGNS];
	struct rgn reserved[MAX_RGNS];
	phys_addr_t size, min_addr, max_addr;	/* align is always 0x1000 */
	int nid;
	phys_addr_t want;		/* 0: must fail */
};

static phys_addr_t call(const struct nid_case *c)
{
	phys_addr_t size = c->size, align = 0x1000;
	void *p = NULL;

	switch (c->fn) {
	case TRY_NID:
		p = memblock_alloc_try_nid(size, align, c->min_addr,
					   c->max_addr, c->nid);
		break;
	case TRY_NID_RAW:
		p = memblock_alloc_try_nid_raw(size, align, c->min_addr,
					       c->max_addr, c->nid);
		break;
	case EXACT_NID_RAW:
		p = memblock_alloc_exact_nid_raw(size, align, c->min_addr,
						 c->max_addr, c->nid);
		break;
	case ALLOC:
		p = memblock_alloc(size, align);
		break;
	case ALLOC_RAW:
		p = memblock_alloc_raw(size, align);
		break;
	case ALLOC_LOW:
		p = memblock_alloc_low(size, align);
		break;
	case ALLOC_FROM:
		p = memblock_alloc_from(size, align, c->min_addr);
		break;
	case ALLOC_NODE:
		p = memblock_alloc_node(size, align, c->nid);
		break;
	case PHYS_TRY_NID:
		return memblock_phys_alloc_try_nid(size, align, c->nid);
	}
	return p ? sim_phys(p) : 0;
}

/* Bytes of [phys, phys + size) that are not c. */
static size_t bytes_not(phys_addr_t phys, phys_addr_t size, u8 c)
{
	size_t i, n = 0;

	for (i = 0; i < size; i++)
		n += sim_ram[phys + i] != c;
	return n;
}

/*
 * The block the row wants is poisoned, with a guard of 64 bytes around
 * it; afterwards the block must be cleared (or still poisoned, for the
 * raw and physical allocators) and the guards untouched.  A request that
 * fails must say so and reserve nothing.
 */
static void run_nid_row(struct ktest *test, const void *row)
{
	const struct nid_case *c = row;
	struct rgn want_rsv[MAX_RGNS] = { { c->want, c->size } };
	size_t mark;
	phys_addr_t got;

	sim_machine(c->memory, c->reserved, c->limit, c->bottom_up);
	if (c->want)
		memset(sim_ram + c->want - 64, 0xa5, (size_t)c->size + 128);

	mark = printk_log_pos();
	got = call(c);
	EXPECT_EQ(test, got, c->want);
	EXPECT_EQ(test, printk_log_find(mark, "memblock: failed to allocate"),
		  !c->want);
	if (!c->want) {		/* nothing may have been reserved */
		regions_are(test, &memblock.reserved, c->reserved);
		return;
	}
	if (got != c->want)
		return;
	EXPECT_TRUE(test, memblock_is_region_reserved(got, c->size));
	EXPECT_EQ(test, bytes_not(got, c->size, clears(c->fn) ? 0 : 0xa5), 0);
	EXPECT_EQ(test, bytes_not(got - 64, 64, 0xa5), 0);
	EXPECT_EQ(test, bytes_not(got + c->size, 64, 0xa5), 0);
	if (!c->reserved[0].size)
		regions_are(test, &memblock.reserved, want_rsv);
}

/* --------------------------------------------------- min_addr, max_addr */

static const struct nid_case range_rows[] = {
	/*
	 *	0x100000   0x200000   0x400000              0x1000000
	 *	   |----------|-range-a|---------- memory ------|
	 *
	 * Top-down the block ends at max_addr, bottom-up it starts at min_addr.
	 */
	{ "top-down simple", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x400000, NUMA_NO_NODE, 0x3ff000 },
	{ "bottom-up simple", TRY_NID, true, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x400000, NUMA_NO_NODE, 0x200000 },
	/* A max_addr inside a page: the block is aligned down below it. */
	{ "top-down end misaligned", TRY_NID_RAW, false, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x400123, NUMA_NO_NODE, 0x3ff000 },
	/* A min_addr inside a page: the block is aligned up above it. */
	{ "bottom-up start misaligned", TRY_NID_RAW, true, 0, MEM_16M, {},
	  0x1000, 0x200123, 0x400000, NUMA_NO_NODE, 0x201000 },
	/* A range exactly the size asked for. */
	{ "top-down exact range", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x201000, NUMA_NO_NODE, 0x200000 },
	{ "bottom-up exact range", TRY_NID, true, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x201000, NUMA_NO_NODE, 0x200000 },
	/*
	 *	0x100000         0x200000 0x200800              0x1000000
	 *	   |-----------a-|-range--|----------- memory -------|
	 *
	 * The range is too small: min_addr is dropped and the block found
	 * below max_addr (Linux: "retry allocation without lower limit").
	 */
	{ "top-down range too small", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x200800, NUMA_NO_NODE, 0x1ff000 },
	{ "bottom-up range too small", TRY_NID, true, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x200800, NUMA_NO_NODE, 0x100000 },
	/* "Exact" is about nodes: the exact variant drops min_addr too. */
	{ "exact: range too small", EXACT_NID_RAW, false, 0, MEM_16M, {},
	  0x1000, 0x200000, 0x200800, 0, 0x1ff000 },
	/*
	 *	0x100000   0x200000   0x400000              0x1000000
	 *	   |------a---|reserved-|---------- memory ------|
	 *
	 * All of [min_addr, max_addr) is reserved: min_addr is dropped and
	 * the block goes below it, merging with the reservation.
	 */
	{ "top-down range reserved", TRY_NID, false, 0, MEM_16M,
	  { { 0x200000, 0x200000 } },
	  0x1000, 0x200000, 0x400000, NUMA_NO_NODE, 0x1ff000 },
	{ "bottom-up range reserved", TRY_NID, true, 0, MEM_16M,
	  { { 0x200000, 0x200000 } },
	  0x1000, 0x200000, 0x400000, NUMA_NO_NODE, 0x100000 },
	/* min_addr above all memory: dropped too. */
	{ "bottom-up min_addr above memory", TRY_NID, true, 0, MEM_16M, {},
	  0x1000, 0x2000000, ANYWHERE, NUMA_NO_NODE, 0x100000 },
	/* Nothing anywhere below max_addr: the retry fails as well. */
	{ "max_addr below memory", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0x80000, 0xf0000, NUMA_NO_NODE, 0 },
	{ "all memory reserved", TRY_NID_RAW, true, 0, MEM_16M,
	  { { 0x100000, 0xf00000 } },
	  0x1000, 0x200000, ANYWHERE, NUMA_NO_NODE, 0 },
};

static void test_min_max(struct ktest *test)
{
	RUN_TABLE(test, range_rows, run_nid_row);
}

/* ------------------------------------------------ max_addr and the limit */

static const struct nid_case limit_rows[] = {
	/*
	 *	0x100000   0x400000   0x800000 = current_limit   0x1000000
	 *	   |----------|----------|------------ memory --------|
	 *
	 * A pointer must be reachable: ANYWHERE and ACCESSIBLE both mean
	 * current_limit, a max_addr above it is cut to it, one below stays.
	 */
	{ "ANYWHERE is cut to current_limit", TRY_NID, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0, ANYWHERE, NUMA_NO_NODE, 0x7ff000 },
	{ "ACCESSIBLE is current_limit", TRY_NID, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0, ACCESSIBLE, NUMA_NO_NODE, 0x7ff000 },
	{ "max_addr above current_limit", TRY_NID_RAW, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0, 0xc00000, NUMA_NO_NODE, 0x7ff000 },
	{ "max_addr below current_limit", TRY_NID, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0, 0x400000, NUMA_NO_NODE, 0x3ff000 },
	/* With no limit set yet, ANYWHERE is the end of memory. */
	{ "ANYWHERE without a limit", TRY_NID, false, 0,
	  MEM_16M, {}, 0x1000, 0, ANYWHERE, NUMA_NO_NODE, 0xfff000 },
	/* min_addr above current_limit: dropped, the block goes below. */
	{ "bottom-up min_addr above current_limit", TRY_NID, true, 0x800000,
	  MEM_16M, {}, 0x1000, 0xa00000, ANYWHERE, NUMA_NO_NODE, 0x100000 },
	/*
	 *	0x1000000 = current_limit  0x2000000           0x3000000
	 *	      |                       |------ memory ------|
	 */
	{ "memory only above current_limit", TRY_NID, false, 0x1000000,
	  { { 0x2000000, 0x1000000 } }, {},
	  0x1000, 0x2000000, ANYWHERE, NUMA_NO_NODE, 0 },
	/* memblock_phys_alloc_try_nid() stays below current_limit too. */
	{ "phys_alloc_try_nid below current_limit", PHYS_TRY_NID, false,
	  0x800000, MEM_16M, {}, 0x1000, 0, 0, 0, 0x7ff000 },
	{ "phys_alloc_try_nid bottom-up", PHYS_TRY_NID, true,
	  0x800000, MEM_16M, {}, 0x1000, 0, 0, NUMA_NO_NODE, 0x100000 },
};

static void test_limit(struct ktest *test)
{
	RUN_TABLE(test, limit_rows, run_nid_row);
}

/* ---------------------------------------------------------------- nid */

static const struct nid_case nid_rows[] = {
	/* Node 0 and NUMA_NO_NODE both name our one node. */
	{ "node 0", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, 0, 0xfff000 },
	{ "exact node 0", EXACT_NID_RAW, true, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, 0, 0x100000 },
	{ "exact any node", EXACT_NID_RAW, false, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, NUMA_NO_NODE, 0xfff000 },
	/* Node 1 has no memory: try_nid falls back to any node ... */
	{ "node 1 falls back", TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, 1, 0xfff000 },
	{ "node 1 falls back (raw)", TRY_NID_RAW, true, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, 1, 0x100000 },
	{ "alloc_node on node 3", ALLOC_NODE, false, 0, MEM_16M, {},
	  0x1000, 0, 0, 3, 0xfff000 },
	{ "phys_alloc_try_nid on node 2", PHYS_TRY_NID, false, 0, MEM_16M, {},
	  0x1000, 0, 0, 2, 0xfff000 },
	/* ... the exact variant does not, with or without min_addr. */
	{ "exact node 1 fails", EXACT_NID_RAW, false, 0, MEM_16M, {},
	  0x1000, 0, ANYWHERE, 1, 0 },
	{ "exact node 1 fails, min_addr dropped", EXACT_NID_RAW, true, 0,
	  MEM_16M, {}, 0x1000, 0x200000, ANYWHERE, 1, 0 },
};

static void test_nid(struct ktest *test)
{
	size_t mark = printk_log_pos();

	RUN_TABLE(test, nid_rows, run_nid_row);
	EXPECT_LOGGED(test, mark,
		"memblock: failed to allocate 4096 bytes align=0x1000 nid=1 from=0x0000000000200000 max_addr=0xffffffffffffffff\n");
}

/* ----------------------------------------------------------- wrappers */

static const struct nid_case wrapper_rows[] = {
	/*
	 *	0x100000              0x800000 = current_limit     0x1000000
	 *	   |b------------------------a|------- memory ----------|
	 *
	 * memblock_alloc() clears, memblock_alloc_raw() does not; both stay
	 * below current_limit, in either direction.
	 */
	{ "alloc top-down", ALLOC, false, 0x800000, MEM_16M, {},
	  0x1000, 0, 0, NUMA_NO_NODE, 0x7ff000 },
	{ "alloc bottom-up", ALLOC, true, 0x800000, MEM_16M, {},
	  0x1000, 0, 0, NUMA_NO_NODE, 0x100000 },
	{ "alloc_raw top-down", ALLOC_RAW, false, 0x800000, MEM_16M, {},
	  0x3000, 0, 0, NUMA_NO_NODE, 0x7fd000 },
	{ "alloc_raw bottom-up", ALLOC_RAW, true, 0x800000, MEM_16M, {},
	  0x3000, 0, 0, NUMA_NO_NODE, 0x100000 },
	/* Memory only above current_limit: nothing a pointer could reach. */
	{ "alloc above current_limit", ALLOC, false, 0x8000000,
	  { { 0x10000000, 0x10000000 } }, {},
	  0x1000, 0, 0, NUMA_NO_NODE, 0 },
	/*
	 *	0x100000        0x800000                   0x1000000
	 *	   |-------------|a---------- memory --------a|
	 *	             min_addr
	 *
	 * memblock_alloc_from(): at or above min_addr, preferably.
	 */
	{ "alloc_from bottom-up", ALLOC_FROM, true, 0, MEM_16M, {},
	  0x1000, 0x800000, 0, NUMA_NO_NODE, 0x800000 },
	{ "alloc_from top-down", ALLOC_FROM, false, 0, MEM_16M, {},
	  0x1000, 0x800000, 0, NUMA_NO_NODE, 0xfff000 },
	{ "alloc_from above memory", ALLOC_FROM, true, 0, MEM_16M, {},
	  0x1000, 0x2000000, 0, NUMA_NO_NODE, 0x100000 },
	{ "alloc_from above current_limit", ALLOC_FROM, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0x900000, 0, NUMA_NO_NODE, 0x7ff000 },
	/*
	 *	0x100000     0x1000000   4 GiB    0x100000000      0x200000000
	 *	   |-memory---a|           |          |------ memory -------|
	 *
	 * memblock_alloc_low(): below 4 GiB even with memory above it and no
	 * current_limit (the memory above is never touched: it is not in
	 * the simulated RAM).
	 */
	{ "alloc_low", ALLOC_LOW, false, 0,
	  { { 0x100000, 0xf00000 }, { 0x100000000ULL, 0x100000000ULL } }, {},
	  0x1000, 0, 0, NUMA_NO_NODE, 0xfff000 },
	{ "alloc_low under current_limit", ALLOC_LOW, false, 0x800000,
	  MEM_16M, {}, 0x1000, 0, 0, NUMA_NO_NODE, 0x7ff000 },
};

static void test_wrappers(struct ktest *test)
{
	RUN_TABLE(test, wrapper_rows, run_nid_row);
}

/*
 * memblock_alloc() clears exactly the block, reached through
 * memblock_phys_to_virt(), even when it is not a whole number of pages.
 *
 *	                               0x3fff98            0x400000
 *	   ------ memory (poisoned 0xaa) ---|--- 100 bytes ---|
 */
static void test_alloc_zeroed(struct ktest *test)
{
	u8 *p;

	reset_memblock();
	memblock_add(0x100000, 0x300000);
	memset(sim_ram + 0x3ff000, 0xaa, 0x1000);
	p = memblock_alloc(100, 8);
	ASSERT_NOT_NULL(test, p);
	EXPECT_EQ(test, sim_phys(p), 0x3fff98);
	EXPECT_EQ(test, bytes_not(0x3fff98, 100, 0), 0);
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

KTEST_SUITE(memblock_alloc_nid,
	KTEST_CASE(test_min_max),
	KTEST_CASE(test_limit),
	KTEST_CASE(test_nid),
	KTEST_CASE(test_wrappers),
	KTEST_CASE(test_alloc_zeroed),
	KTEST_CASE(test_alloc_returns_null));
