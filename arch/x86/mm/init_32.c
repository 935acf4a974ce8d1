/*
 * The kernel's view of memory on i386 (Linux: arch/x86/mm/init_32.c):
 * where lowmem ends (find_low_pfn_range), the master kernel page table
 * swapper_pg_dir with the direct map (paging_init), and the virtual layout
 * print.  boot/head.asm's early tables map only 64 MiB; after paging_init
 * every lowmem byte is at phys + PAGE_OFFSET and nothing else is mapped.
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/highmem.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/fixmap.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/tlbflush.h>

/* PDPT: 32-byte aligned, below 4 GiB (it is in the image). */
pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(32);
/* The kernel's PMD page: PDPT entry 3 covers 0xc0000000-0xffffffff. */
static pmd_t swapper_kernel_pmd[PTRS_PER_PMD] __aligned(PAGE_SIZE);

unsigned long max_pfn, max_low_pfn, highstart_pfn, highend_pfn;
void *high_memory;
unsigned long vmalloc_start;

/* The largest direct map: vmalloc= shrinks it (see parse_vmalloc). */
static unsigned long maxmem = MAXMEM_DEFAULT;
static phys_addr_t mem_limit;

/*
 * Everything the constants decide is checked here at build time; what RAM
 * and vmalloc= decide is checked again in check_layout() at boot.
 */
BUILD_BUG_ON(FIXADDR_START < FIXADDR_TOP - PMD_SIZE + PAGE_SIZE);
BUILD_BUG_ON(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE > FIXADDR_START);
BUILD_BUG_ON(PAGE_OFFSET + MAXMEM_DEFAULT + 2 * VMALLOC_OFFSET > VMALLOC_END);

/* memblock hands out physical addresses; lowmem is reached through __va. */
void *memblock_phys_to_virt(phys_addr_t phys)
{
	return __va(phys);
}

/*
 * mem=SIZE: use no RAM at or above physical address SIZE.  On x86 Linux's
 * parse_memopt cuts by address (e820__range_remove), not by amount as
 * memblock_enforce_memory_limit does on other architectures.
 */
static int __init parse_memopt(char *val)
{
	char *end;
	phys_addr_t size;

	if (!val)
		return -EINVAL;
	size = memparse(val, &end);
	if (*end || end == val)
		return -EINVAL;		/* malformed, as the parser says */
	if (size < (16ULL << 20)) {
		pr_warn("mem=%s: need a size of at least 16M, like mem=512M; ignored\n",
			val);
		return -ERANGE;
	}
	mem_limit = size;
	return 0;
}
early_param("mem", parse_memopt);

/*
 * vmalloc=SIZE: make the vmalloc area at least SIZE bytes by ending the
 * direct map lower, as Linux's i386 vmalloc= does.  The direct map keeps
 * at least 64 MiB; a larger request is clamped, saying so.
 */
static int __init parse_vmalloc(char *val)
{
	unsigned long room = VMALLOC_END - PAGE_OFFSET - 2 * VMALLOC_OFFSET;
	unsigned long long size;
	bool clamped;
	char *end;

	if (!val)
		return -EINVAL;
	size = memparse(val, &end);
	if (*end || size == 0)
		return -EINVAL;
	clamped = size > room - (64UL << 20);
	if (clamped)
		size = room - (64UL << 20);
	/* 8 MiB aligned, so the VMALLOC_OFFSET gap is a full 8 MiB. */
	maxmem = min(MAXMEM_DEFAULT,
		     (room - (unsigned long)size) & ~(VMALLOC_OFFSET - 1));
	if (maxmem == MAXMEM_DEFAULT)
		pr_info("vmalloc=%s: the default vmalloc area is at least that large; no change\n",
			val);
	else if (clamped)
		pr_warn("vmalloc=%s: too large, lowmem keeps at least 64M; lowmem limited to %luM\n",
			val, maxmem >> 20);
	else
		pr_notice("vmalloc=%s: lowmem limited to %luM\n", val,
			  maxmem >> 20);
	return 0;
}
early_param("vmalloc", parse_vmalloc);

/* Applies mem= once memblock knows the RAM. */
void __init memblock_apply_mem_limit(void)
{
	if (!mem_limit)
		return;
	if (mem_limit >= memblock_end_of_DRAM()) {
		pr_info("mem=: %lluM is above all RAM; no change\n",
			(unsigned long long)(mem_limit >> 20));
		return;
	}
	memblock_remove(mem_limit, PHYS_ADDR_MAX - mem_limit);
	pr_notice("mem=: RAM limited to %lluM\n",
		  (unsigned long long)(mem_limit >> 20));
}

#define pages_to_mb(x)	((x) >> (20 - PAGE_SHIFT))

/*
 * Lowmem is what the direct map can hold: RAM below maxmem (896 MiB, or
 * less with vmalloc=); the rest is highmem.  Prints Linux's two lines.
 */
void __init find_low_pfn_range(void)
{
	max_pfn = (unsigned long)(memblock_end_of_DRAM() >> PAGE_SHIFT);
	max_low_pfn = min(max_pfn, maxmem >> PAGE_SHIFT);
	highstart_pfn = highend_pfn = max_low_pfn;
	if (max_pfn > max_low_pfn) {
		highend_pfn = max_pfn;
		pr_notice("%luMB HIGHMEM available.\n",
			  pages_to_mb(highend_pfn - highstart_pfn));
	}
	pr_notice("%luMB LOWMEM available.\n", pages_to_mb(max_low_pfn));
	high_memory = __va(max_low_pfn << PAGE_SHIFT);
	vmalloc_start = ((unsigned long)high_memory + VMALLOC_OFFSET) &
			~(VMALLOC_OFFSET - 1);
}

static u64 kernel_page_flags(void)
{
	return boot_cpu_has(X86_FEATURE_PGE) ? __PAGE_KERNEL
					     : __PAGE_KERNEL & ~_PAGE_GLOBAL;
}

/* A zeroed page-table page from memblock, reachable while we build. */
static void *__init alloc_low_page(void)
{
	void *p = memblock_alloc(PAGE_SIZE, PAGE_SIZE);

	if (!p)
		panic("paging_init: out of memory for page tables");
	return p;
}

/* Maps [start, end) of physical memory at PAGE_OFFSET with 4 KiB pages. */
static void __init map_low_ptes(pmd_t *pmd, phys_addr_t start, phys_addr_t end)
{
	pte_t *pte = alloc_low_page();
	phys_addr_t phys;

	for (phys = start; phys < end; phys += PAGE_SIZE)
		set_pte(&pte[pte_index((unsigned long)__va(phys))],
			pfn_pte(phys >> PAGE_SHIFT, __pgprot(kernel_page_flags())));
	set_pmd(pmd, __pmd(__pa(pte) | _KERNPG_TABLE));
}

/*
 * The direct map: 2 MiB pages for every whole 2 MiB of lowmem, 4 KiB
 * pages for a partial one at the end, all global so a CR3 switch keeps
 * them in the TLB.  The first 2 MiB get 4 KiB pages too: they hold
 * ranges of different memory types (the VGA hole, the BIOS ROM), and a
 * large page spanning several types is undefined (Intel SDM 11.11.9).
 * Holes in RAM below max_low_pfn are mapped as well (Linux since 3.9
 * maps only RAM ranges).
 */
static void __init kernel_physical_mapping_init(void)
{
	phys_addr_t end = (phys_addr_t)max_low_pfn << PAGE_SHIFT, phys;

	for (phys = 0; phys < end; phys += PMD_SIZE) {
		pmd_t *pmd = &swapper_kernel_pmd[pmd_index((unsigned long)__va(phys))];

		if (phys && phys + PMD_SIZE <= end)
			set_pmd(pmd, __pmd(phys | kernel_page_flags() | _PAGE_PSE));
		else
			map_low_ptes(pmd, phys, min(end, phys + PMD_SIZE));
	}
}

/*
 * One PTE page under the last PMD entry holds every fixmap slot; one more
 * is the pkmap window's page table.  Both exist from boot on, in the
 * master kernel PMD, so every address space copied from it has them.
 */
static void __init early_fixmap_init(void)
{
	pmd_t *pmd = &swapper_kernel_pmd[pmd_index(FIXADDR_START)];

	set_pmd(pmd, __pmd(__pa(alloc_low_page()) | _KERNPG_TABLE));
	pmd = &swapper_kernel_pmd[pmd_index(PKMAP_BASE)];
	set_pmd(pmd, __pmd(__pa(alloc_low_page()) | _KERNPG_TABLE));
}

/*
 * Points fixmap slot idx at phys (Linux's __set_fixmap); a zero prot
 * clears it.  Only this CPU's TLB entry for the slot is flushed.
 */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot)
{
	unsigned long vaddr = __fix_to_virt(idx);
	enum pg_level level;
	pte_t *pte = lookup_address(vaddr, &level);

	BUG_ON(idx >= __end_of_fixed_addresses || !pte || level != PG_LEVEL_4K);
	if (pgprot_val(prot))
		set_pte(pte, pfn_pte(phys >> PAGE_SHIFT, prot));
	else
		pte_clear(pte);
	__flush_tlb_one(vaddr);
}

/*
 * The vmalloc area's page tables: one PTE page per PMD entry of
 * [VMALLOC_START, VMALLOC_END), set aside now and hooked into the master
 * PMD only when vmalloc first maps something there -- so other address
 * spaces still meet them through vmalloc_fault, but building them never
 * allocates, cannot fail halfway through a mapping, and never shows up
 * in the buddy allocator's counts.  (Linux allocates them on demand.)
 */
pte_t *vmalloc_pte_pages[PTRS_PER_PMD];

static void __init vmalloc_pte_pool_init(void)
{
	unsigned long addr;

	for (addr = VMALLOC_START & PMD_MASK; addr < VMALLOC_END; addr += PMD_SIZE)
		vmalloc_pte_pages[pmd_index(addr)] = alloc_low_page();
}

static void __init check_layout(void)
{
	BUG_ON(vmalloc_start <= (unsigned long)high_memory);
	BUG_ON(VMALLOC_START >= VMALLOC_END);
	BUG_ON(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE > FIXADDR_START);
}

/*
 * Builds swapper_pg_dir and switches to it; from here on __va() works
 * for all of lowmem and memblock may allocate anywhere in it.
 */
void __init paging_init(void)
{
	check_layout();
	memset(swapper_pg_dir, 0, sizeof(swapper_pg_dir));
	kernel_physical_mapping_init();
	early_fixmap_init();
	vmalloc_pte_pool_init();
	/* PAE PDPT entries take only the present bit (and cache bits). */
	swapper_pg_dir[3] = __pgd(__pa(swapper_kernel_pmd) | _PAGE_PRESENT);
	write_cr3(__pa(swapper_pg_dir));
	__flush_tlb_all();
	memblock_set_current_limit((phys_addr_t)max_low_pfn << PAGE_SHIFT);
	permanent_kmaps_init();
}

/* Zone ends, as Linux's zone_sizes_init: DMA below 16 MiB, then lowmem. */
void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = {
		[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn),
		[ZONE_NORMAL] = max_low_pfn,
		[ZONE_HIGHMEM] = max_pfn,
	};

	free_area_init(max_zone_pfns);
}

#define K(x)	((x) >> 10)

/*
 * Linux's mem_init_print_info: the first figure is what the buddy
 * allocator manages, the second every RAM page; the difference is the
 * kernel image, mem_map and the other boot-time reservations.
 */
static void mem_init_print_info(void)
{
	unsigned long physpages = NODE_DATA(0)->node_present_pages;
	unsigned long codesize = _etext - _text, datasize = _edata - _sdata;
	unsigned long rosize = __end_rodata - __start_rodata;
	unsigned long bss_size = __bss_stop - __bss_start;
	unsigned long init_size = __init_end - __init_begin;

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK highmem)\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		physpages << (PAGE_SHIFT - 10), K(codesize), K(datasize),
		K(rosize), K(init_size), K(bss_size),
		(physpages - totalram_pages) << (PAGE_SHIFT - 10),
		totalhigh_pages << (PAGE_SHIFT - 10));
}

/* memblock hands over to the buddy allocator; then say what we have. */
void __init mem_init(void)
{
	memblock_free_all();
	drain_local_pages();
	mem_init_print_info();
	boot_tsc_memory = rdtsc();	/* make bench: boot_to_memory */
	print_kernel_layout();
}

void __init print_kernel_layout(void)
{
	pr_info("virtual kernel memory layout:\n"
		"    fixmap  : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"    pkmap   : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"    vmalloc : 0x%08lx - 0x%08lx   (%4ld MB)\n"
		"    lowmem  : 0x%08lx - 0x%08lx   (%4ld MB)\n"
		"      .init : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"      .data : 0x%08lx - 0x%08lx   (%4ld kB)\n"
		"      .text : 0x%08lx - 0x%08lx   (%4ld kB)\n",
		FIXADDR_START, FIXADDR_TOP, K(FIXADDR_TOP - FIXADDR_START),
		PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE,
		K(LAST_PKMAP * PAGE_SIZE),
		VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20,
		PAGE_OFFSET, (unsigned long)high_memory,
		((unsigned long)high_memory - PAGE_OFFSET) >> 20,
		(unsigned long)__init_begin, (unsigned long)__init_end,
		K((unsigned long)(__init_end - __init_begin)),
		(unsigned long)_etext, (unsigned long)_edata,
		K((unsigned long)(_edata - _etext)),
		(unsigned long)_text, (unsigned long)_etext,
		K((unsigned long)(_etext - _text)));
}
