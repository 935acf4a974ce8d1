/*
 * Page tables beyond boot: walking them (Linux: lookup_address in
 * arch/x86/mm/pat/set_memory.c) -- PDPT -> PMD -> PTE, stopping at a
 * 2 MiB page, for tests, the oops report and `ptwalk` -- and the page
 * tables of new address spaces (Linux: arch/x86/mm/pgtable.c's pgd_alloc).
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/pgtable.h>

pte_t *lookup_address_in_pgd(pgd_t *pgd, unsigned long addr,
			     enum pg_level *level)
{
	pgd_t *pgdp = &pgd[pgd_index(addr)];
	pmd_t *pmdp;

	*level = PG_LEVEL_NONE;
	if (!pgd_present(*pgdp))
		return NULL;
	*level = PG_LEVEL_1G;
	pmdp = &pgd_page_vaddr(*pgdp)[pmd_index(addr)];
	if (!pmd_present(*pmdp))
		return NULL;
	*level = PG_LEVEL_2M;
	if (pmd_large(*pmdp))
		return (pte_t *)pmdp;
	*level = PG_LEVEL_4K;
	return &pmd_page_vaddr(*pmdp)[pte_index(addr)];
}

pte_t *lookup_address(unsigned long addr, enum pg_level *level)
{
	return lookup_address_in_pgd(swapper_pg_dir, addr, level);
}

/*
 * Linux's 32-bit dump_pagetable() format: each level's entry on one line,
 * stopping at the first one that is not present or is a large page.
 */
void dump_pagetable(pgd_t *pgd, unsigned long addr)
{
	pgd_t pgde = pgd[pgd_index(addr)];
	pmd_t pmde, *pmdp;
	pte_t pte, *ptep;

	printk(KERN_ALERT "*pdpt = %016llx ", pgd_val(pgde));
	if (!pgd_present(pgde))
		goto out;
	pmdp = &pgd_page_vaddr(pgde)[pmd_index(addr)];
	pmde = *pmdp;
	pr_cont("*pde = %016llx ", pmd_val(pmde));
	if (!pmd_present(pmde) || pmd_large(pmde))
		goto out;
	/* A user PTE page may be in highmem: map it, don't assume __va. */
	ptep = pte_offset_map(pmdp, addr);
	pte = *ptep;
	pte_unmap(ptep);
	pr_cont("*pte = %016llx ", pte_val(pte));
out:
	pr_cont("\n");
}

static const char *const level_names[] = {
	[PG_LEVEL_NONE] = "PDPT entry", [PG_LEVEL_1G] = "PMD entry",
	[PG_LEVEL_2M] = "2M page", [PG_LEVEL_4K] = "4K page",
};

/* `ptwalk ADDR`: how the master kernel page table maps one address. */
static int cmd_ptwalk(int argc, char **argv)
{
	unsigned long addr;
	enum pg_level level;
	pte_t *pte;

	if (argc != 2 || kstrtoul(argv[1], 16, &addr)) {
		mon_printf("usage: ptwalk ADDR (hex)\n");
		return -EINVAL;
	}
	pte = lookup_address(addr, &level);
	if (!pte || !pte_present(*pte)) {
		mon_printf("%08lx: not mapped (no %s)\n", addr,
			   pte ? "present PTE" : level_names[level]);
		return 0;
	}
	mon_printf("%08lx: %s, entry %016llx -> phys 0x%llx%s%s%s\n", addr,
		   level_names[level], pte_val(*pte),
		   (pte_val(*pte) & (level == PG_LEVEL_2M ? PMD_PAGE_MASK
							  : PTE_PFN_MASK)) +
		   (addr & (level == PG_LEVEL_2M ? ~PMD_MASK : ~PAGE_MASK)),
		   pte_val(*pte) & _PAGE_RW ? " RW" : " ro",
		   pte_val(*pte) & _PAGE_GLOBAL ? " GLB" : "",
		   pte_val(*pte) & _PAGE_NX ? " NX" : " x");
	return 0;
}
DEFINE_MONITOR_CMD("ptwalk", "ptwalk ADDR", "walk the kernel page tables for ADDR", cmd_ptwalk);

/* ---- address spaces ---- */

/*
 * 0 (default): every address space has its own copy of the kernel PMD,
 * so kernel page tables added later (vmalloc) reach it through
 * vmalloc_fault.  1: Linux's usual PAE setup, one kernel PMD shared by
 * all, so those faults never happen.
 */
bool shared_kernel_pmd;

static int __init parse_shared_kernel_pmd(char *val)
{
	return val ? kstrtobool(val, &shared_kernel_pmd) : -EINVAL;
}
early_param("shared_kernel_pmd", parse_shared_kernel_pmd);

static struct kmem_cache *pgd_cache;

void pgd_cache_init(void)
{
	pgd_cache = kmem_cache_create("pgd_cache", PTRS_PER_PGD * sizeof(pgd_t),
				      32, SLAB_PANIC, NULL);
}

#define USER_PGDS	3	/* PDPT entries 0-2: the user's 3 GiB */

/* Frees the PMD pages of the PDPT entries [0, n) that have one. */
static void free_pmds(pgd_t *pgd, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (pgd_present(pgd[i]))
			free_page((unsigned long)pgd_page_vaddr(pgd[i]));
}

/*
 * A PDPT: 32 bytes, 32-byte aligned, below 4 GiB (lowmem slab memory is).
 * Its kernel entry gets a fresh copy of the master kernel PMD page.  The
 * three user PMD pages are allocated now, empty, as Linux's PAE
 * pgd_alloc does (PREALLOCATED_PMDS): the CPU reads the PDPT only when
 * CR3 is loaded, so an entry filled in later would not be seen.
 */
u64 *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd;
	pmd_t *pmd;
	unsigned int i;

	pgd = kmem_cache_zalloc(pgd_cache, GFP_KERNEL);
	if (!pgd)
		return NULL;
	for (i = 0; i < USER_PGDS; i++) {
		pmd = (pmd_t *)get_zeroed_page(GFP_KERNEL);
		if (!pmd)
			goto fail;
		pgd[i] = __pgd(__pa(pmd) | _PAGE_PRESENT);
	}
	if (shared_kernel_pmd) {
		pgd[3] = swapper_pg_dir[3];
		return &pgd->pgd;
	}
	pmd = (pmd_t *)__get_free_page(GFP_KERNEL);
	if (!pmd)
		goto fail;
	memcpy(pmd, pgd_page_vaddr(swapper_pg_dir[3]), PAGE_SIZE);
	pgd[3] = __pgd(__pa(pmd) | _PAGE_PRESENT);
	(void)mm;
	return &pgd->pgd;
fail:
	free_pmds(pgd, USER_PGDS);
	kmem_cache_free(pgd_cache, pgd);
	return NULL;
}

/* The user page tables and what they map go first (mm/memory.c). */
void pgd_free(struct mm_struct *mm, u64 *pgdp)
{
	pgd_t *pgd = (pgd_t *)pgdp;

	free_user_pgtables(mm);
	free_pmds(pgd, shared_kernel_pmd ? USER_PGDS : USER_PGDS + 1);
	kmem_cache_free(pgd_cache, pgd);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	if (prev != next)
		write_cr3(__pa(next->pgd));	/* the PDPT is cached at load */
}
