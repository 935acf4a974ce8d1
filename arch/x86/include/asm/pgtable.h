/*
 * PAE page-table accessors (Linux: asm/pgtable.h, pgtable-3level.h).
 *
 * The CPU may walk the tables at any moment, and a 64-bit entry is written
 * as two 32-bit stores.  So a present entry must never be visible half
 * written: when setting, store the high half first (the entry is still not
 * present while only the high half is new); when clearing, store the low
 * half (with the present bit) first.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <linux/compiler.h>
#include <asm/page.h>
#include <asm/pgtable_32_areas.h>
#include <asm/pgtable_types.h>

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];
/* The vmalloc area's PTE pages, by PMD index (arch/x86/mm/init_32.c). */
extern pte_t *vmalloc_pte_pages[PTRS_PER_PMD];

static inline void native_set_entry(u64 *p, u64 val)
{
	volatile u32 *half = (volatile u32 *)p;

	half[1] = (u32)(val >> 32);
	barrier();
	half[0] = (u32)val;
}

static inline void native_clear_entry(u64 *p)
{
	volatile u32 *half = (volatile u32 *)p;

	half[0] = 0;
	barrier();
	half[1] = 0;
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	native_set_entry(&ptep->pte, pte.pte);
}

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	native_set_entry(&pmdp->pmd, pmd.pmd);
}

static inline void pte_clear(pte_t *ptep)
{
	native_clear_entry(&ptep->pte);
}

static inline void pmd_clear(pmd_t *pmdp)
{
	native_clear_entry(&pmdp->pmd);
}

#define pgd_index(addr)	(((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pmd_index(addr)	(((addr) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(addr)	(((addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

static inline bool pgd_present(pgd_t pgd) { return pgd_val(pgd) & _PAGE_PRESENT; }
static inline bool pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PRESENT; }
static inline bool pte_present(pte_t pte) { return pte_val(pte) & _PAGE_PRESENT; }
static inline bool pmd_none(pmd_t pmd) { return pmd_val(pmd) == 0; }
static inline bool pte_none(pte_t pte) { return pte_val(pte) == 0; }
static inline bool pmd_large(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PSE; }

static inline unsigned long pte_pfn(pte_t pte)
{
	return (unsigned long)((pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT);
}

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((u64)pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* The page table a PMD entry points at, or the PMD a PDPT entry does. */
static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return __va((unsigned long)(pmd_val(pmd) & PTE_PFN_MASK));
}

static inline pmd_t *pgd_page_vaddr(pgd_t pgd)
{
	return __va((unsigned long)(pgd_val(pgd) & PTE_PFN_MASK));
}

/*
 * Walks addr through the PDPT pgd.  Returns the entry that maps it (a PMD
 * entry for a 2 MiB page, else a PTE) with *level PG_LEVEL_2M or _4K, or
 * NULL when an upper level is not present (*level says which).
 */
enum pg_level { PG_LEVEL_NONE, PG_LEVEL_4K, PG_LEVEL_2M, PG_LEVEL_1G };
pte_t *lookup_address_in_pgd(pgd_t *pgd, unsigned long addr,
			     enum pg_level *level);
/* The same through the master kernel page table. */
pte_t *lookup_address(unsigned long addr, enum pg_level *level);

/* Prints the walk for addr (the oops and `ptwalk` use it). */
void dump_pagetable(pgd_t *pgd, unsigned long addr);

#endif /* _ASM_X86_PGTABLE_H */
