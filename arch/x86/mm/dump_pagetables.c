/*
 * The kernel page-table dump (Linux: arch/x86/mm/dump_pagetables.c): the
 * kernel's gigabyte of the master page table as runs of pages with equal
 * attributes, with markers where the layout's areas begin.  `ptdump` at
 * the monitor.
 */
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>

#define PTE_FLAGS_MASK	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_PWT | \
			 _PAGE_PCD | _PAGE_GLOBAL | _PAGE_NX)

struct pg_state {
	u64 prot;		/* flags of the current run, 0: unmapped */
	int level;		/* 4 (pte) or 2 (pmd, 2 MiB pages) */
	unsigned long start;	/* where the run began */
	unsigned int marker;
};

static const struct {
	unsigned long start;
	const char *name;
} markers[] = {
	{ PAGE_OFFSET, "Kernel Mapping" },
	{ 0, "vmalloc() Area" },		/* VMALLOC_START, at run time */
	{ PKMAP_BASE, "Persistent kmap() Area" },
	{ FIXADDR_START, "Fixmap Area" },
};

static unsigned long marker_start(unsigned int i)
{
	return i == 1 ? VMALLOC_START : markers[i].start;
}

static void print_size(unsigned long size)
{
	if (size >= (1UL << 20) && !(size & ((1UL << 20) - 1)))
		mon_printf("%9luM", size >> 20);
	else
		mon_printf("%9luK", size >> 10);
}

/* One finished run: "0xc0000000-0xf8000000   896M  RW  GLB x  pmd". */
static void print_run(const struct pg_state *st, unsigned long long end)
{
	u64 p = st->prot;

	mon_printf("0x%08lx-0x%08llx ", st->start, end);
	print_size((unsigned long)(end - st->start));
	if (!p) {
		mon_printf("                           \n");
		return;
	}
	mon_printf("     %s %s %s %s %s %s %s  %s\n",
		   p & _PAGE_USER ? "USR" : "   ", p & _PAGE_RW ? "RW" : "ro",
		   p & _PAGE_PWT ? "PWT" : "   ", p & _PAGE_PCD ? "PCD" : "   ",
		   st->level == 2 ? "PSE" : "   ", p & _PAGE_GLOBAL ? "GLB" : "   ",
		   p & _PAGE_NX ? "NX" : "x ", st->level == 2 ? "pmd" : "pte");
}

/* Called for every page-sized or 2 MiB step; prints when a run ends. */
static void note_page(struct pg_state *st, unsigned long addr, u64 prot,
		      int level)
{
	bool new_marker = st->marker < ARRAY_SIZE(markers) &&
			  addr >= marker_start(st->marker);

	if (!prot)
		level = 2;	/* a hole is a hole, whichever level says so */
	if (prot != st->prot || level != st->level || new_marker) {
		if (addr > st->start)
			print_run(st, addr);
		while (st->marker < ARRAY_SIZE(markers) &&
		       addr >= marker_start(st->marker))
			mon_printf("---[ %s ]---\n", markers[st->marker++].name);
		st->prot = prot;
		st->level = level;
		st->start = addr;
	}
}

static int cmd_ptdump(int argc, char **argv)
{
	pmd_t *pmd = pgd_page_vaddr(swapper_pg_dir[3]);
	struct pg_state st = { .start = PAGE_OFFSET, .level = 2 };
	unsigned long addr = PAGE_OFFSET;
	unsigned int i, j;

	for (i = 0; i < PTRS_PER_PMD; i++, addr += PMD_SIZE) {
		pte_t *pte;

		if (!pmd_present(pmd[i]) || pmd_large(pmd[i])) {
			note_page(&st, addr, pmd_present(pmd[i]) ?
				  pmd_val(pmd[i]) & PTE_FLAGS_MASK : 0, 2);
			continue;
		}
		pte = pmd_page_vaddr(pmd[i]);
		for (j = 0; j < PTRS_PER_PTE; j++)
			note_page(&st, addr + j * PAGE_SIZE,
				  pte_present(pte[j]) ?
				  pte_val(pte[j]) & PTE_FLAGS_MASK : 0, 4);
	}
	print_run(&st, 1ULL << 32);	/* the run reaching the top */
	return 0;
}
DEFINE_MONITOR_CMD("ptdump", "ptdump", "the kernel page tables as ranges with attributes", cmd_ptdump);
