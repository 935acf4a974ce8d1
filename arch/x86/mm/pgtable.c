/*
 * Walking the page tables (Linux: lookup_address in
 * arch/x86/mm/pat/set_memory.c): PDPT -> PMD -> PTE, one step per level,
 * stopping at a 2 MiB page.  Used by tests, the oops report and `ptwalk`.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/kstrtox.h>
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
	pmd_t pmde;
	pte_t pte;

	printk(KERN_ALERT "*pdpt = %016llx ", pgd_val(pgde));
	if (!pgd_present(pgde))
		goto out;
	pmde = pgd_page_vaddr(pgde)[pmd_index(addr)];
	pr_cont("*pde = %016llx ", pmd_val(pmde));
	if (!pmd_present(pmde) || pmd_large(pmde))
		goto out;
	pte = pmd_page_vaddr(pmde)[pte_index(addr)];
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
