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

pmd_t *pmd_off(struct mm_struct *mm, unsigned long addr);
pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr);
void pte_unmap(pte_t *pte);
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);

int install_user_page(struct mm_struct *mm, unsigned long addr,
		      struct page *page, pgprot_t prot);
void free_user_pgtables(struct mm_struct *mm);
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);

extern atomic_t nr_pagetable_pages;	/* meminfo's PageTables */
extern atomic_t nr_anon_mapped;		/* meminfo's AnonPages */

/* The fault path (mm/memory.c); handle_mm_fault returns 0 or these. */
#define VM_FAULT_OOM	0x0001
#define VM_FAULT_SIGBUS	0x0002
struct vm_area_struct;
void zero_page_init(void);
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, bool write);
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
struct page *get_user_page_force(struct mm_struct *mm, unsigned long addr);
bool follow_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte);
struct page *follow_page(struct mm_struct *mm, unsigned long addr);
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma,
			       unsigned long new_addr, unsigned long len);

#endif /* _LINUX_PGTABLE_H */
