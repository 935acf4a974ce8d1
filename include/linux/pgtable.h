/*
 * User page tables (Linux: include/linux/pgtable.h and mm.h's pieces of
 * mm/memory.c).  PTE pages live in high memory (HIGHPTE): map one with
 * pte_offset_map()/pte_alloc_map(), which use kmap_atomic, and release it
 * with pte_unmap() before anything that may sleep.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <linux/atomic.h>
#include <asm/pgtable.h>

struct mm_struct;
struct page;

pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr);
void pte_unmap(pte_t *pte);
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);

int install_user_page(struct mm_struct *mm, unsigned long addr,
		      struct page *page, pgprot_t prot);
void free_user_pgtables(struct mm_struct *mm);

extern atomic_t nr_pagetable_pages;	/* meminfo's PageTables */

#endif /* _LINUX_PGTABLE_H */
