/*
 * memblock as the kernel filled it at boot: the e820 RAM, page-aligned
 * inward (and cut by mem=); page 0, the image and the page tables
 * reserved; and its hand-over to the buddy allocator.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

static void test_memory_is_e820_ram(struct ktest *test)
{
	/* RAM the CPU cannot address is dropped (memblock_trim_unaddressable). */
	u64 limit = 1ULL << boot_cpu_data.x86_phys_bits;
	phys_addr_t ram = 0;
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 start = ALIGN(e->addr, (u64)PAGE_SIZE);
		u64 end = min(ALIGN_DOWN(e->addr + e->size, (u64)PAGE_SIZE), limit);

		if (e->type == E820_TYPE_RAM && end > start)
			ram += end - start;
	}
	/* mem= may have cut it (by address); otherwise they agree exactly. */
	if (!strstr(boot_command_line, "mem="))
		EXPECT_EQ(test, memblock_phys_mem_size(), ram);
	EXPECT_LE(test, memblock_phys_mem_size(), ram);
	EXPECT_EQ(test, memblock_start_of_DRAM(), 0);
}

static void test_boot_reservations(struct ktest *test)
{
	EXPECT_TRUE(test, memblock_is_reserved(0));
	EXPECT_TRUE(test, memblock_is_region_reserved(__pa(_text), PAGE_SIZE));
	EXPECT_TRUE(test, memblock_is_reserved(__pa(_end) - 1));
	EXPECT_TRUE(test, memblock_is_reserved(__pa(swapper_pg_dir)));
	EXPECT_TRUE(test, memblock_is_reserved(__pa(boot_mbi_copy)));
	EXPECT_FALSE(test, memblock_is_reserved(__pa(_end) + 64 * PAGE_SIZE));
}

/*
 * memblock_free_all's hand-over, page for page: what memblock reserved is
 * PageReserved in mem_map, what it had free the buddy allocator owns.
 */
static void test_handover_matches(struct ktest *test)
{
	phys_addr_t start, end;
	unsigned long pfn, wrong = 0, freed = 0, managed = 0;
	struct zone *zone;
	u64 i;

	for_each_free_mem_range(i, &start, &end)
		for (pfn = PFN_UP(start); pfn < PFN_DOWN(end); pfn++) {
			wrong += PageReserved(pfn_to_page(pfn));
			freed++;
		}
	for_each_reserved_mem_range(i, &start, &end)
		for (pfn = PFN_DOWN(start); pfn < PFN_UP(end) && pfn < max_mapnr; pfn++)
			wrong += !PageReserved(pfn_to_page(pfn));
	for_each_zone(zone)
		managed += zone->managed_pages;
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, freed, managed);
	EXPECT_EQ(test, managed, totalram_pages);
}

/* A page of mem_map with no whole RAM page behind it is a hole. */
static unsigned long hole_pages_wrong(unsigned long from, unsigned long to)
{
	unsigned long pfn, wrong = 0;

	for (pfn = from; pfn < to && pfn < max_mapnr; pfn++) {
		const struct page *page = pfn_to_page(pfn);

		wrong += !PageReserved(page) || page_count(page) != 1;
	}
	return wrong;
}

/*
 * Holes (below, between and inside the edges of the RAM ranges) stay
 * PageReserved with one reference: memmap_init writes them so, and no
 * free or allocation may touch them.
 */
static void test_holes_reserved(struct ktest *test)
{
	unsigned long next = 0, wrong = 0;
	phys_addr_t start, end;
	u64 i;

	for_each_mem_range(i, &start, &end) {
		wrong += hole_pages_wrong(next, PFN_UP(start));
		next = max(next, PFN_DOWN(end));
	}
	wrong += hole_pages_wrong(next, max_mapnr);
	EXPECT_EQ(test, wrong, 0);
}

static void test_retired(struct ktest *test)
{
	phys_addr_t reserved = memblock_reserved_size();

	/* After the hand-over memblock allocations fail instead of sharing. */
	EXPECT_EQ(test, memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0,
						  MEMBLOCK_ALLOC_ACCESSIBLE), 0);
	EXPECT_EQ(test, memblock_reserved_size(), reserved);
}

static void test_free_ranges_add_up(struct ktest *test)
{
	phys_addr_t start, end, free = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end)
		free += end - start;
	/* Every reservation lies inside RAM. */
	EXPECT_EQ(test, free + memblock_reserved_size(), memblock_phys_mem_size());
}

static void test_bad_free_reported(struct ktest *test)
{
	phys_addr_t reserved = memblock_reserved_size();
	size_t mark = printk_log_pos();

	memblock_phys_free(__pa(_end) + 64 * PAGE_SIZE, PAGE_SIZE);
	EXPECT_LOGGED(test, mark, "WARNING:");
	EXPECT_EQ(test, memblock_reserved_size(), reserved);
}

KTEST_SUITE(memblock,
	    KTEST_CASE(test_memory_is_e820_ram),
	    KTEST_CASE(test_boot_reservations),
	    KTEST_CASE(test_handover_matches),
	    KTEST_CASE(test_holes_reserved),
	    KTEST_CASE(test_retired),
	    KTEST_CASE(test_free_ranges_add_up),
	    KTEST_CASE(test_bad_free_reported));
