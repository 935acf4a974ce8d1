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
#include <linux/string.h>
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
		add_mm_counter(mm, MM_ANONPAGES, 1);
		set_pte(pte, pfn_pte(page_to_pfn(page), prot));
	}
	pte_unmap(pte);
	return err;
}

static bool is_zero_page(const struct page *page);

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
		if (is_zero_page(page))
			continue;
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

/* ---- page faults (Linux: handle_mm_fault and what it calls) ---- */

/*
 * The shared zero page: what an anonymous page reads as before it is
 * first written.  Mapped read-only everywhere, never counted or freed;
 * the first write gives the process a page of its own.
 */
static struct page *zero_page;

static bool is_zero_page(const struct page *page)
{
	return page == zero_page;
}

void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!zero_page);
}

/* A zeroed page for user space, highmem first (clear_user_highpage). */
static struct page *alloc_user_page(void)
{
	return alloc_page(GFP_HIGHUSER | __GFP_ZERO);
}

/* The PTE of a page the process owns: writable only if the VMA is. */
static pte_t user_pte(struct page *page, struct vm_area_struct *vma,
		      bool writable)
{
	u64 prot = pgprot_val(vma->vm_page_prot);

	if (writable && (vma->vm_flags & VM_WRITE))
		prot |= _PAGE_RW | _PAGE_DIRTY;
	return pfn_pte(page_to_pfn(page), __pgprot(prot));
}

/* First touch of an anonymous page (Linux: do_anonymous_page). */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, bool write)
{
	struct page *page;

	if (!write) {		/* read: the zero page, read-only */
		set_pte(pte, pfn_pte(page_to_pfn(zero_page),
				     __pgprot(pgprot_val(vma->vm_page_prot) & ~_PAGE_RW)));
		return 0;
	}
	page = alloc_user_page();
	if (!page)
		return VM_FAULT_OOM;
	atomic_inc(&page->_mapcount);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	set_pte(pte, user_pte(page, vma, true));
	return 0;
}

/*
 * A write to a present read-only page of a writable VMA: copy-on-write
 * (Linux: do_wp_page).  A page only this mapping uses is simply made
 * writable; the zero page or a shared one is copied.
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr,
		      pte_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;
	void *src, *dst;

	if (!is_zero_page(old) && page_mapcount(old) == 1 &&
	    page_count(old) == 1) {
		set_pte(pte, user_pte(old, vma, true));	/* reuse */
		__flush_tlb_one(addr);
		return 0;
	}
	new = alloc_page(GFP_HIGHUSER);
	if (!new)
		return VM_FAULT_OOM;
	/* Two atomic mappings at once: copy_user_highpage. */
	dst = kmap_atomic(new);
	src = kmap_atomic(old);
	memcpy(dst, src, PAGE_SIZE);
	kunmap_atomic(src);
	kunmap_atomic(dst);
	atomic_inc(&new->_mapcount);
	set_pte(pte, user_pte(new, vma, true));
	__flush_tlb_one(addr);
	if (is_zero_page(old)) {
		add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	} else {
		atomic_dec(&old->_mapcount);
		put_page(old);
	}
	return 0;
}

/*
 * Resolves a fault at addr inside vma (the access already checked
 * against its flags).  0, or VM_FAULT_OOM / VM_FAULT_SIGBUS.  Caller
 * holds mmap_lock.  File-backed pages come with the initramfs mappings.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, bool write)
{
	pte_t *pte;
	int ret = 0;

	if (vma->vm_file)
		return VM_FAULT_SIGBUS;
	pte = pte_alloc_map(vma->vm_mm, addr & PAGE_MASK);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		ret = do_anonymous_page(vma, addr & PAGE_MASK, pte, write);
	else if (write && !(pte_val(*pte) & _PAGE_RW))
		ret = do_wp_page(vma, addr & PAGE_MASK, pte);
	pte_unmap(pte);
	return ret;
}

/* Drops the pages of [start, end) from mm's page tables (zap_page_range). */
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	unsigned long addr;
	struct page *page;
	pmd_t *pmd;
	pte_t *pte;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pmd = user_pmd(mm, addr);
		if (pmd_none(*pmd)) {
			addr = (addr | (PMD_SIZE - 1)) - PAGE_SIZE + 1;
			continue;
		}
		pte = pte_offset_map(pmd, addr);
		if (pte_present(*pte)) {
			page = pfn_to_page(pte_pfn(*pte));
			pte_clear(pte);
			if (current->active_mm == mm)
				__flush_tlb_one(addr);
			if (!is_zero_page(page)) {
				add_mm_counter(mm, MM_ANONPAGES, -1);
				atomic_dec(&page->_mapcount);
				put_page(page);
			}
		}
		pte_unmap(pte);
	}
}

/*
 * mprotect's page-table half (Linux: change_protection): pages already
 * there lose write access when the VMA does (they get it back through a
 * write fault), and all access under PROT_NONE (no _PAGE_USER).
 */
void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long addr;
	pmd_t *pmd;
	pte_t *pte;
	u64 v;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pmd = user_pmd(mm, addr);
		if (pmd_none(*pmd))
			continue;
		pte = pte_offset_map(pmd, addr);
		if (pte_present(*pte)) {
			v = pte_val(*pte) & ~(u64)_PAGE_RW;
			if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
				v |= _PAGE_USER;
			else
				v &= ~(u64)_PAGE_USER;
			set_pte(pte, __pte(v));
			if (current->active_mm == mm)
				__flush_tlb_one(addr);
		}
		pte_unmap(pte);
	}
}

/* ---- fork (Linux: copy_page_range) ---- */

/*
 * Copies the PTEs of vma from src into dst.  A private writable page is
 * shared copy-on-write: both PTEs lose write access and the page gains a
 * reference and a mapping; the first write in either process copies it
 * (do_wp_page).  Shared mappings keep their access.  The caller flushes
 * src's TLB afterwards.  -ENOMEM if a PTE page cannot be had.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
	unsigned long addr;
	struct page *page;
	pte_t *s, *d, pte;
	pmd_t *pmd;

	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pmd = user_pmd(src, addr);
		if (pmd_none(*pmd)) {
			addr = (addr | (PMD_SIZE - 1)) - PAGE_SIZE + 1;
			continue;
		}
		d = pte_alloc_map(dst, addr);
		if (!d)
			return -ENOMEM;
		s = pte_offset_map(pmd, addr);
		pte = *s;
		if (pte_present(pte)) {
			page = pfn_to_page(pte_pfn(pte));
			if (cow && (pte_val(pte) & _PAGE_RW)) {
				pte = __pte(pte_val(pte) & ~(u64)_PAGE_RW);
				set_pte(s, pte);
			}
			if (!is_zero_page(page)) {
				get_page(page);
				atomic_inc(&page->_mapcount);
				add_mm_counter(dst, MM_ANONPAGES, 1);
			}
			set_pte(d, pte);
		}
		pte_unmap(s);
		pte_unmap(d);
	}
	return 0;
}
