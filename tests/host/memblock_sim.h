/*
 * What the host tests of memblock (test_memblock*.c) share, in the manner
 * of Linux's tools/testing/memblock: a buffer that plays RAM, a reset to
 * memblock's boot state, and checks of the region arrays against tables.
 *
 * "RAM" is a malloc'ed buffer: physical address p is sim_ram + p, for p
 * below MEMBLOCK_SIM_RAM.  Cases that never touch memory through memblock
 * (add/remove/reserve only) may use any address, PAE-wide ones included.
 */
#ifndef _TESTS_HOST_MEMBLOCK_SIM_H
#define _TESTS_HOST_MEMBLOCK_SIM_H

#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/types.h>

#define MEMBLOCK_SIM_RAM	(64 * SZ_1M)

extern u8 *sim_ram;

/* The arrays memblock started with, before any case grew them. */
extern struct memblock_region *init_memory_regions, *init_reserved_regions;

/* The physical address of a pointer into sim_ram. */
phys_addr_t sim_phys(const void *virt);

/*
 * Every case starts here: empty arrays back in the static storage
 * memblock started with, limit, direction and memblock=debug as at boot.
 */
void reset_memblock(void);

/* Fills the first bytes of sim_ram with 0xa5, so that stale bytes show. */
void poison_ram(phys_addr_t bytes);

/* A region as the tables write it: [base, base + size). */
struct rgn {
	phys_addr_t base, size;
};

/* Room in a table for the regions of one type (a zero size ends it). */
#define MAX_RGNS	5

/*
 * type must hold exactly want[] (flags MEMBLOCK_NONE), and its total_size
 * must be their sum.  Every difference is printed; returns false if any.
 */
bool regions_are(struct ktest *test, const struct memblock_type *type,
		 const struct rgn *want);

/*
 * Runs fn on each of the n rows of a table (each row_size bytes, and each
 * beginning with its name, a const char *).  A row whose expectations
 * failed is named after the failures; the case fails if any row did.
 */
void run_table(struct ktest *test, const void *rows, size_t n,
	       size_t row_size, void (*fn)(struct ktest *test, const void *row));

#define RUN_TABLE(test, rows, fn) \
	run_table(test, rows, ARRAY_SIZE(rows), sizeof((rows)[0]), fn)

/*
 * A fresh memblock (reset_memblock) holding a machine as the tables draw
 * it: memory and reserved regions (a zero size ends each list),
 * current_limit (0 leaves it unlimited) and the direction.
 */
void sim_machine(const struct rgn *memory, const struct rgn *reserved,
		 phys_addr_t limit, bool bottom_up);

/* Region i of memblock.<type> must be exactly [b, b + s). */
#define CHECK_RGN(test, type, i, b, s) do {				\
	EXPECT_EQ(test, memblock.type.regions[i].base, (b));		\
	EXPECT_EQ(test, memblock.type.regions[i].size, (s));		\
	EXPECT_EQ(test, memblock.type.regions[i].flags, MEMBLOCK_NONE);	\
} while (0)

#endif /* _TESTS_HOST_MEMBLOCK_SIM_H */
