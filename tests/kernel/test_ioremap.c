/*
 * ioremap (mm/vmalloc.c): firmware areas and the ROM beyond the RAM
 * mapped uncached, RAM refused, the edge between the two, and physical
 * addresses above 4 GiB.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include "test_util.h"
#include "vmalloc_util.h"

/* A physical page outside the RAM the buddy allocator owns? */
static bool not_buddy_ram(unsigned long pfn)
{
	return !pfn_valid(pfn) || PageReserved(pfn_to_page(pfn));
}

/* The e820 type of the range holding phys (0 if none does). */
static const struct e820_entry *e820_entry_of(u64 phys)
{
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++)
		if (phys >= e820_table.entries[i].addr &&
		    phys - e820_table.entries[i].addr < e820_table.entries[i].size)
			return &e820_table.entries[i];
	return NULL;
}

static u32 e820_type_of(u64 phys)
{
	const struct e820_entry *e = e820_entry_of(phys);

	return e ? e->type : 0;
}

static void test_ioremap_bios(struct ktest *test)
{
	const phys_addr_t bios = 0xf0000;
	unsigned long areas = vmalloc_nr_areas(), i;
	struct vm_struct *area;
	enum pg_level level;
	u8 *io, *io2;
	pte_t *pte;
	int bad = 0;

	/*
	 * The firmware says 0xf0000-0xfffff is not RAM; memblock_free_all
	 * marked its pages reserved: never in the buddy allocator.
	 */
	EXPECT_EQ(test, e820_type_of(bios), E820_TYPE_RESERVED);
	for (i = 0; i < 16; i++)
		ASSERT_TRUE(test, pfn_valid(PHYS_PFN(bios) + i) &&
				  PageReserved(pfn_to_page(PHYS_PFN(bios) + i)));
	io = ioremap(bios, 0x10000);
	ASSERT_NOT_NULL(test, io);
	EXPECT_TRUE(test, is_vmalloc_addr(io));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + 1);
	/* The same bytes as through the direct map (0xf0000 is lowmem). */
	EXPECT_EQ(test, memcmp(io, __va(bios), 0x10000), 0);
	/* The reset vector: a far jump at 0xffff0. */
	EXPECT_EQ(test, io[0xfff0], 0xea);
	for (i = 0; i < 16; i++) {
		bad += vmalloc_to_pfn(io + i * PAGE_SIZE) != PHYS_PFN(bios) + i;
		pte = lookup_address((unsigned long)io + i * PAGE_SIZE, &level);
		bad += !pte || level != PG_LEVEL_4K ||
		       (pte_val(*pte) & (_PAGE_PCD | _PAGE_PWT | _PAGE_PRESENT)) !=
		       (_PAGE_PCD | _PAGE_PWT | _PAGE_PRESENT);
	}
	EXPECT_EQ(test, bad, 0);
	area = find_vm_area(io);
	ASSERT_NOT_NULL(test, area);
	EXPECT_EQ(test, area->flags, VM_IOREMAP);
	EXPECT_EQ(test, area->phys_addr, bios);
	EXPECT_EQ(test, area->size, 0x10000 + PAGE_SIZE);
	EXPECT_TRUE(test, probe_faults(io + 0x10000));

	/* Not page aligned: the offset is kept, iounmap takes that address. */
	io2 = ioremap(bios + 0xfff0, 16);
	ASSERT_NOT_NULL(test, io2);
	EXPECT_EQ(test, (unsigned long)io2 & ~PAGE_MASK, 0xff0);
	EXPECT_EQ(test, memcmp(io2, __va(bios + 0xfff0), 16), 0);
	EXPECT_EQ(test, find_vm_area(io2)->size, 2 * PAGE_SIZE);
	iounmap(io2);
	iounmap(io);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_TRUE(test, probe_faults(io));
	EXPECT_TRUE(test, probe_faults(io2));
}

/*
 * Beyond the RAM: the top of the 4 GiB space is the BIOS ROM, whose last
 * 16 bytes are the reset vector.  mem_map may not even cover it (at 2 GiB
 * it does not; at 4 GiB it is a hole, so reserved).
 */
static void test_ioremap_beyond_ram(struct ktest *test)
{
	const phys_addr_t rom = 0xfffff000;
	u8 *io;

	EXPECT_NE(test, e820_type_of(rom), E820_TYPE_RAM);
	ASSERT_TRUE(test, not_buddy_ram(PHYS_PFN(rom)));
	io = ioremap(rom + 0xff0, 16);
	ASSERT_NOT_NULL(test, io);
	EXPECT_EQ(test, vmalloc_to_pfn(io), PHYS_PFN(rom));
	EXPECT_EQ(test, io[0], 0xea);
	iounmap(io);
}

static void test_ioremap_ram_refused(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long areas = vmalloc_nr_areas();
	phys_addr_t phys;
	size_t mark;

	ASSERT_NOT_NULL(test, page);
	phys = PFN_PHYS(page_to_pfn(page));
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(phys, PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_LOGGED(test, mark, "test_ioremap_ram_refused+");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	__free_page(page);
	/* A free page is the allocator's too. */
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(phys, 1));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_NULL(test, ioremap(0xf0000, 0));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
}

/*
 * Where the firmware's reserved area ends and RAM begins (the first such
 * place above the BIOS area; RAM counts whoever owns it): the reserved
 * page maps, a range that reaches one byte into the RAM page does not.
 */
static void test_ioremap_boundary(struct ktest *test)
{
	unsigned long pfn = PHYS_PFN(0xf0000), areas = vmalloc_nr_areas();
	phys_addr_t edge;
	size_t mark;
	void *io;

	while (pfn < max_low_pfn &&
	       !e820__mapped_any(PFN_PHYS(pfn), PFN_PHYS(pfn + 1), E820_TYPE_RAM))
		pfn++;
	ASSERT_LT(test, pfn, max_low_pfn);
	edge = PFN_PHYS(pfn);
	io = ioremap(edge - PAGE_SIZE, PAGE_SIZE);
	EXPECT_NOT_NULL(test, io);
	iounmap(io);
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(edge - PAGE_SIZE, PAGE_SIZE + 1));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(edge - 0x800, 0x1000));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
}

/*
 * The last page of the 36-bit space that is not RAM, or 0 if RAM fills
 * everything from 4 GiB up (QEMU's -m 63G ends its RAM at 64 GiB).
 */
static phys_addr_t last_page_not_ram(void)
{
	phys_addr_t top = (1ULL << 36) - PAGE_SIZE;
	const struct e820_entry *e;

	while ((e = e820_entry_of(top)) && e->type == E820_TYPE_RAM)
		top = (e->addr & ~(phys_addr_t)(PAGE_SIZE - 1)) - PAGE_SIZE;
	return top >= 1ULL << 32 ? top : 0;
}

/*
 * A physical address above 4 GiB keeps its upper bits (a 32-bit mask
 * would map the page 4 GiB lower); beyond what the CPU can address it is
 * refused.
 */
static void test_ioremap_above_4g(struct ktest *test)
{
	phys_addr_t top = 0xffffff000ULL;
	size_t mark = printk_log_pos();
	void *io;

	if (boot_cpu_data.x86_phys_bits < 36) {
		EXPECT_NULL(test, ioremap(top + 0x10, 16));
		EXPECT_LOGGED(test, mark, "is beyond the CPU's 32 physical address bits");
		return;
	}
	top = last_page_not_ram();
	if (!top)
		KTEST_SKIP(test, "RAM fills the physical address space above 4 GiB");
	io = ioremap(top + 0x10, 16);
	ASSERT_NOT_NULL(test, io);
	EXPECT_EQ(test, (unsigned long)io & (PAGE_SIZE - 1), 0x10);
	EXPECT_EQ(test, vmalloc_to_pfn(io), PHYS_PFN(top));
	EXPECT_NULL(test, vmalloc_to_page(io));	/* no struct page there */
	iounmap(io);
}

KTEST_SUITE(ioremap,
	    KTEST_CASE(test_ioremap_above_4g),
	    KTEST_CASE(test_ioremap_bios),
	    KTEST_CASE(test_ioremap_beyond_ram),
	    KTEST_CASE(test_ioremap_ram_refused),
	    KTEST_CASE(test_ioremap_boundary));
