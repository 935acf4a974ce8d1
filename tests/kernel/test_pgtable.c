/*
 * The kernel page tables paging_init built: the direct map covers exactly
 * lowmem, with the right frames and flags; nothing else is mapped but the
 * fixmap page table; the layout constants keep their order.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/memblock.h>
#include <linux/monitor.h>
#include <linux/sprintf.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

/* The frame an entry maps addr to, at either page size. */
static phys_addr_t entry_phys(pte_t *pte, enum pg_level level,
			      unsigned long addr)
{
	if (level == PG_LEVEL_2M)
		return (pte_val(*pte) & PMD_PAGE_MASK) + (addr & ~PMD_MASK);
	return (pte_val(*pte) & PTE_PFN_MASK) + (addr & ~PAGE_MASK);
}

static void test_direct_map_frames(struct ktest *test)
{
	phys_addr_t end = (phys_addr_t)max_low_pfn << PAGE_SHIFT, phys;
	unsigned int wrong = 0, checked = 0;
	enum pg_level level;
	pte_t *pte;

	/* Every 2 MiB, and the very last lowmem page. */
	for (phys = 0; phys < end; phys += PMD_SIZE) {
		pte = lookup_address((unsigned long)__va(phys), &level);
		wrong += !pte || !pte_present(*pte) ||
			 entry_phys(pte, level, (unsigned long)__va(phys)) != phys;
		checked++;
	}
	EXPECT_EQ(test, wrong, 0);
	EXPECT_EQ(test, checked, DIV_ROUND_UP(end, PMD_SIZE));
	pte = lookup_address((unsigned long)high_memory - PAGE_SIZE, &level);
	ASSERT_NOT_NULL(test, pte);
	EXPECT_EQ(test, entry_phys(pte, level, (unsigned long)high_memory - PAGE_SIZE),
		  end - PAGE_SIZE);
}

static void test_page_sizes(struct ktest *test)
{
	unsigned long end = (unsigned long)high_memory;
	enum pg_level level;

	/* The first 2 MiB mix memory types: 4 KiB pages; then 2 MiB. */
	lookup_address(PAGE_OFFSET, &level);
	EXPECT_EQ(test, level, PG_LEVEL_4K);
	lookup_address(PAGE_OFFSET + PMD_SIZE, &level);
	EXPECT_EQ(test, level, PG_LEVEL_2M);
	/* A lowmem end inside a 2 MiB block needs 4 KiB pages there. */
	lookup_address(end - PAGE_SIZE, &level);
	EXPECT_EQ(test, level, IS_ALIGNED(end, PMD_SIZE) ? PG_LEVEL_2M
							 : PG_LEVEL_4K);
}

static void do_read(void *arg)
{
	(void)*(volatile unsigned long *)arg;
}

static void test_nothing_beyond_lowmem(struct ktest *test)
{
	unsigned long cr2;
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)high_memory, &level);

	EXPECT_TRUE(test, !pte || !pte_present(*pte));
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, high_memory,
				      NULL, &cr2));
	EXPECT_EQ(test, cr2, (unsigned long)high_memory);
	/* User space has no page tables in the kernel's PDPT. */
	EXPECT_EQ(test, pgd_val(swapper_pg_dir[0]), 0);
	EXPECT_EQ(test, pgd_val(swapper_pg_dir[1]), 0);
	EXPECT_EQ(test, pgd_val(swapper_pg_dir[2]), 0);
}

static void test_kernel_flags(struct ktest *test)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)_text, &level);

	ASSERT_NOT_NULL(test, pte);
	EXPECT_TRUE(test, pte_val(*pte) & _PAGE_RW);
	EXPECT_FALSE(test, pte_val(*pte) & _PAGE_USER);
	EXPECT_FALSE(test, pte_val(*pte) & _PAGE_NX);
	EXPECT_EQ(test, !!(pte_val(*pte) & _PAGE_GLOBAL),
		  !!boot_cpu_has(X86_FEATURE_PGE));
	/* PAE PDPT entries: present, no RW/US (reserved there). */
	EXPECT_EQ(test, pgd_val(swapper_pg_dir[3]) & 0xfff & ~0x60ULL, 1);
}

static void test_layout_order(struct ktest *test)
{
	unsigned long hm = (unsigned long)high_memory;

	EXPECT_EQ(test, VMALLOC_START, (hm + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1));
	EXPECT_GT(test, VMALLOC_START, hm);
	EXPECT_EQ(test, VMALLOC_END, PKMAP_BASE - 2 * PAGE_SIZE);
	EXPECT_LE(test, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, FIXADDR_START);
	EXPECT_EQ(test, PKMAP_BASE & ~PMD_MASK, 0);
	EXPECT_EQ(test, FIXADDR_TOP, 0xfffff000);
	EXPECT_EQ(test, __fix_to_virt(FIX_HOLE), FIXADDR_TOP);
	EXPECT_EQ(test, virt_to_fix(fix_to_virt(FIX_KMAP_BEGIN) + 5), FIX_KMAP_BEGIN);
	EXPECT_EQ(test, hm - PAGE_OFFSET, (unsigned long)max_low_pfn << PAGE_SHIFT);
	if (max_pfn >= (MAXMEM_DEFAULT >> PAGE_SHIFT) && hm == 0xf8000000)
		EXPECT_EQ(test, VMALLOC_START, 0xf8800000);
}

static void test_lowmem_bounds(struct ktest *test)
{
	EXPECT_EQ(test, max_pfn, memblock_end_of_DRAM() >> PAGE_SHIFT);
	EXPECT_LE(test, max_low_pfn, MAXMEM_DEFAULT >> PAGE_SHIFT);
	EXPECT_EQ(test, highstart_pfn, max_low_pfn);
	EXPECT_EQ(test, highend_pfn, max(max_pfn, max_low_pfn));
	/* memblock retired when the buddy allocator took over. */
	EXPECT_EQ(test, memblock.current_limit, 0);
}

/* A fixmap slot shows the frame it was given, then faults once cleared. */
static void test_fixmap_slot(struct ktest *test)
{
	static u32 target[1024] __aligned(PAGE_SIZE);
	unsigned long vaddr = fix_to_virt(FIX_KMAP_BEGIN);

	target[7] = 0x5eed1234;
	set_fixmap(FIX_KMAP_BEGIN, __pa(target));
	EXPECT_EQ(test, ((volatile u32 *)vaddr)[7], 0x5eed1234);
	((volatile u32 *)vaddr)[8] = 0xabcd;
	/* The compiler cannot know the two addresses alias: reread. */
	barrier();
	EXPECT_EQ(test, READ_ONCE(target[8]), 0xabcd);
	clear_fixmap(FIX_KMAP_BEGIN);
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, (void *)vaddr,
				      NULL, NULL));
}

static void test_ptwalk_command(struct ktest *test)
{
	static char out[256];

	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("ptwalk c0400010"), 0);
	monitor_capture(NULL, 0);
	EXPECT_TRUE(test, strstr(out, "c0400010: 2M page, entry ") != NULL);
	EXPECT_TRUE(test, strstr(out, "-> phys 0x400010 RW") != NULL);
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("ptwalk c0100000"), 0);
	monitor_capture(NULL, 0);
	EXPECT_TRUE(test, strstr(out, "c0100000: 4K page, entry ") != NULL);
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("ptwalk 1000"), 0);
	monitor_capture(NULL, 0);
	EXPECT_STREQ(test, out, "00001000: not mapped (no PDPT entry)\n");
}

/*
 * ptdump: the first 2 MiB in 4 KiB pages, the rest of the direct map as
 * one RW global run of 2 MiB pages, then the area markers.
 */
static void test_ptdump_command(struct ktest *test)
{
	static char out[4096];
	char first[64];

	snprintf(first, sizeof(first), "0x%08lx-0x%08lx ", PAGE_OFFSET + PMD_SIZE,
		 (unsigned long)high_memory & PMD_MASK);
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("ptdump"), 0);
	monitor_capture(NULL, 0);
	EXPECT_TRUE(test, strstr(out, "---[ Kernel Mapping ]---\n0xc0000000-") != NULL);
	EXPECT_TRUE(test, strstr(out, first) != NULL);
	EXPECT_TRUE(test, strstr(out, "RW") != NULL);
	EXPECT_TRUE(test, strstr(out, "---[ vmalloc() Area ]---") != NULL);
	EXPECT_TRUE(test, strstr(out, "---[ Persistent kmap() Area ]---") != NULL);
	EXPECT_TRUE(test, strstr(out, "---[ Fixmap Area ]---") != NULL);
}

KTEST_SUITE(pgtable,
	    KTEST_CASE(test_direct_map_frames),
	    KTEST_CASE(test_page_sizes),
	    KTEST_CASE(test_nothing_beyond_lowmem),
	    KTEST_CASE(test_kernel_flags),
	    KTEST_CASE(test_layout_order),
	    KTEST_CASE(test_lowmem_bounds),
	    KTEST_CASE(test_fixmap_slot),
	    KTEST_CASE(test_ptwalk_command),
	    KTEST_CASE(test_ptdump_command));
