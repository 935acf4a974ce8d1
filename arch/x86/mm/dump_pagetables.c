/*
 * The page-table dump (Linux: arch/x86/mm/dump_pagetables.c): runs of
 * pages with equal attributes, with markers where the layout's areas
 * begin.  `ptdump` at the monitor shows the kernel's gigabyte of the
 * master page table (Linux's /sys/kernel/debug/page_tables/kernel);
 * `ptdump PID` the whole 4 GiB of a process's own PDPT, user part first
 * (Linux's .../current_user, for any process).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/monitor.h>
#include <linux/mutex.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
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
	{ 0, "User Space" },
	{ PAGE_OFFSET, "Kernel Mapping" },
	{ 0, "vmalloc() Area" },		/* VMALLOC_START, at run time */
	{ PKMAP_BASE, "Persistent kmap() Area" },
	{ FIXADDR_START, "Fixmap Area" },
};

static unsigned long marker_start(unsigned int i)
{
	return i == 2 ? VMALLOC_START : markers[i].start;
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

/* The 512 PMD entries of the gigabyte at addr, and their page tables. */
static void walk_pmd(struct pg_state *st, pmd_t *pmd, unsigned long addr)
{
	unsigned int i, j;

	for (i = 0; i < PTRS_PER_PMD; i++, addr += PMD_SIZE) {
		pte_t *pte;

		if (!pmd_present(pmd[i]) || pmd_large(pmd[i])) {
			note_page(st, addr, pmd_present(pmd[i]) ?
				  pmd_val(pmd[i]) & PTE_FLAGS_MASK : 0, 2);
			continue;
		}
		/* A user page table may be in highmem: kmap_atomic it. */
		pte = pte_offset_map(&pmd[i], addr);
		for (j = 0; j < PTRS_PER_PTE; j++)
			note_page(st, addr + j * PAGE_SIZE,
				  pte_present(pte[j]) ?
				  pte_val(pte[j]) & PTE_FLAGS_MASK : 0, 4);
		pte_unmap(pte);
	}
}

/* PDPT entries first..3 of pgd, to the top of the address space. */
static void walk_pgd(struct pg_state *st, pgd_t *pgd, unsigned int first)
{
	unsigned int i;

	for (i = first; i < PTRS_PER_PGD; i++) {
		unsigned long addr = (unsigned long)i << PGDIR_SHIFT;

		if (pgd_present(pgd[i]))
			walk_pmd(st, pgd_page_vaddr(pgd[i]), addr);
		else
			note_page(st, addr, 0, 2);
	}
	print_run(st, 1ULL << 32);	/* the run reaching the top */
}

/*
 * ptdump PID: the process's PDPT under its mmap_lock (page faults and
 * munmap change the tables under it), with an mm_users reference.
 */
static int ptdump_pid(const char *arg)
{
	struct pg_state st = { .level = 2 };
	struct task_struct *task;
	struct mm_struct *mm;
	bool kthread;
	int pid;

	if (kstrtoint(arg, 10, &pid) || pid <= 0) {
		mon_printf("ptdump: '%s' is not a pid\n", arg);
		return -EINVAL;
	}
	task = find_get_task_by_vpid(pid);
	if (!task) {
		mon_printf("ptdump: no process with pid %d\n", pid);
		return -ESRCH;
	}
	mm = get_task_mm(task);
	kthread = task->flags & PF_KTHREAD;
	put_task_struct(task);
	if (!mm) {
		mon_printf("ptdump: pid %d has no user address space (%s)\n", pid,
			   kthread ? "a kernel thread" : "it has exited");
		return -EINVAL;
	}
	mutex_lock(&mm->mmap_lock);
	walk_pgd(&st, (pgd_t *)mm->pgd, 0);
	mutex_unlock(&mm->mmap_lock);
	mmput(mm);
	return 0;
}

static int cmd_ptdump(int argc, char **argv)
{
	struct pg_state st = { .start = PAGE_OFFSET, .level = 2, .marker = 1 };

	if (argc > 1)
		return ptdump_pid(argv[1]);
	walk_pgd(&st, swapper_pg_dir, pgd_index(PAGE_OFFSET));
	return 0;
}
DEFINE_MONITOR_CMD("ptdump", "ptdump [PID]", "page tables as ranges with attributes: the kernel's, or PID's", cmd_ptdump);
