/*
 * User page tables (Linux: mm/memory.c, with CONFIG_HIGHPTE).
 *
 * A user PTE page comes from high memory when there is any, as Linux's
 * HIGHPTE has it: 3 GiB of user space needs up to 6 MiB of PTE pages per
 * process, too much for the 896 MiB of lowmem to give every process.  So
 * a PTE page has no permanent kernel address: pte_offset_map() maps it
 * with kmap_atomic and pte_unmap() lets go, and nothing may sleep in
 * between.  The PMD pages are lowmem (pgd_alloc preallocates them).
 *
 * Until the page-fault path exists, install_user_page() is how a user
 * page gets mapped; free_user_pgtables() unmaps everything and frees the
 * PTE pages when the address space goes.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

atomic_t nr_pagetable_pages;	/* meminfo's PageTables */

static pmd_t *user_pmd(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = (pgd_t *)mm->pgd + pgd_index(addr);

	return &pgd_page_vaddr(*pgd)[pmd_index(addr)];
}

pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	struct page *page = pfn_to_page(PHYS_PFN(pmd_val(*pmd) & PTE_PFN_MASK));

	return (pte_t *)kmap_atomic(page) + pte_index(addr);
}

void pte_unmap(pte_t *pte)
{
	kunmap_atomic(pte);
}

/* A zeroed PTE page behind *pmd, highmem first; -ENOMEM if none. */
static int __pte_alloc(pmd_t *pmd)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO);

	if (!page)
		return -ENOMEM;
	atomic_inc(&nr_pagetable_pages);
	set_pmd(pmd, __pmd(PFN_PHYS(page_to_pfn(page)) | _PAGE_TABLE));
	return 0;
}

/*
 * The PTE for addr in mm, mapped (pte_unmap it), with its page table
 * allocated if need be; NULL if there is no memory for one.
 */
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = user_pmd(mm, addr);

	if (pmd_none(*pmd) && __pte_alloc(pmd))
		return NULL;
	return pte_offset_map(pmd, addr);
}

/*
 * Maps page at the user address addr of mm with prot (PAGE_READONLY,
 * PAGE_SHARED, ...).  The mapping holds a reference and a map count, as
 * a faulted-in page will.  -EBUSY if something is mapped there already;
 * -EINVAL for a kernel address.  Linux: insert_page().
 */
int install_user_page(struct mm_struct *mm, unsigned long addr,
		      struct page *page, pgprot_t prot)
{
	pte_t *pte;
	int err = 0;

	if (addr >= TASK_SIZE || (addr & ~PAGE_MASK))
		return -EINVAL;
	pte = pte_alloc_map(mm, addr);
	if (!pte)
		return -ENOMEM;
	if (!pte_none(*pte)) {
		err = -EBUSY;
	} else {
		get_page(page);
		atomic_inc(&page->_mapcount);
		set_pte(pte, pfn_pte(page_to_pfn(page), prot));
	}
	pte_unmap(pte);
	return err;
}

/* Drops every mapping of one PTE page: references, map counts. */
static void zap_pte_page(pte_t *pte)
{
	struct page *page;
	unsigned int i;

	for (i = 0; i < PTRS_PER_PTE; i++, pte++) {
		if (!pte_present(*pte))
			continue;
		page = pfn_to_page(pte_pfn(*pte));
		pte_clear(pte);
		atomic_dec(&page->_mapcount);
		put_page(page);
	}
}

/*
 * Everything below TASK_SIZE goes: the pages lose their mapping, the PTE
 * pages are freed, the PMD entries cleared (the PMD pages themselves stay
 * with the PDPT).  Linux does this in exit_mmap (unmap_vmas, then
 * free_pgtables).  The TLB forgets user entries when CR3 is next loaded;
 * if mm is the one loaded now, that is done here.
 */
void free_user_pgtables(struct mm_struct *mm)
{
	unsigned long addr;
	struct page *page;
	pmd_t *pmd;
	pte_t *pte;

	for (addr = 0; addr < TASK_SIZE; addr += PMD_SIZE) {
		pmd = user_pmd(mm, addr);
		if (pmd_none(*pmd))
			continue;
		page = pfn_to_page(PHYS_PFN(pmd_val(*pmd) & PTE_PFN_MASK));
		pte = pte_offset_map(pmd, addr);
		zap_pte_page(pte);
		pte_unmap(pte);
		pmd_clear(pmd);
		__free_page(page);
		atomic_dec(&nr_pagetable_pages);
	}
	if (current->active_mm == mm)
		__flush_tlb();
}
