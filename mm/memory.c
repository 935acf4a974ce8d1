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
 * A mapped page is one of four kinds, and its kind decides which
 * counters its mapping moves:
 *
 *   the zero page     read faults of private anonymous memory; never
 *                     counted
 *   a file page       the ramfs's own page, mapped read-only: MM_FILEPAGES,
 *                     a reference and a map count, never written
 *   a shmem page      the page of a MAP_SHARED anonymous mapping's object
 *                     (mm/shmem.c), mapped with the VMA's protection in
 *                     every process, read or written: MM_SHMEMPAGES, a
 *                     reference and a map count; the object keeps it
 *                     while any VMA names the object
 *   an anonymous page written memory (a private copy of a file page
 *                     too): MM_ANONPAGES, a reference, a map count, and
 *                     nr_anon_mapped (meminfo's AnonPages) while mapped
 *
 * Nothing in struct page says "file" (Linux keeps page->mapping): a page
 * of a file VMA is the file's own exactly when it is the page the file
 * has at that offset (is_file_page()), since a private copy never is,
 * and a shmem object's VMA is VM_SHARED, so never holds a copy.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/ramfs.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/shmem_fs.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

atomic_t nr_pagetable_pages;	/* meminfo's PageTables */
atomic_t nr_anon_mapped;	/* meminfo's AnonPages (Linux: NR_ANON_MAPPED) */

/* The PMD entry covering addr in mm (Linux: pmd_off). */
pmd_t *pmd_off(struct mm_struct *mm, unsigned long addr)
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
	pmd_t *pmd = pmd_off(mm, addr);

	if (pmd_none(*pmd) && __pte_alloc(pmd))
		return NULL;
	return pte_offset_map(pmd, addr);
}

/* ---- map counts (Linux: mm/rmap.c, without the reverse maps) ---- */

/* One more mapping of an anonymous page; the first makes it AnonPages. */
static void page_add_anon_rmap(struct page *page)
{
	if (atomic_inc_return(&page->_mapcount) == 0)
		atomic_inc(&nr_anon_mapped);
}

static void page_add_file_rmap(struct page *page)
{
	atomic_inc(&page->_mapcount);
}

/*
 * One mapping fewer (Linux tells anon from file by PageAnon; the caller
 * says which here).  An anonymous page's last mapping leaves AnonPages.
 */
static void page_remove_rmap(struct page *page, bool anon)
{
	if (atomic_add_return(-1, &page->_mapcount) < 0 && anon)
		atomic_dec(&nr_anon_mapped);
}

/*
 * Maps page at the user address addr of mm with prot (PAGE_READONLY,
 * PAGE_SHARED, ...), as an anonymous page: a reference, a map count and
 * MM_ANONPAGES, as a faulted-in page has.  -EBUSY if something is
 * mapped there already; -EINVAL for a kernel address.  Linux:
 * insert_page().
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
		page_add_anon_rmap(page);
		add_mm_counter(mm, MM_ANONPAGES, 1);
		set_pte(pte, pfn_pte(page_to_pfn(page), prot));
	}
	pte_unmap(pte);
	return err;
}

/* ---- the kinds of page ---- */

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

/* The page offset into vma's file that addr maps (Linux: linear_page_index). */
static pgoff_t linear_page_index(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/*
 * The file page behind addr of a file VMA; NULL past the file's end, or
 * where a shmem object has no page yet (this makes none).
 */
static struct page *vma_file_page(struct vm_area_struct *vma, unsigned long addr)
{
	if (is_shmem_inode(vma->vm_file))
		return shmem_find_page(vma->vm_file, linear_page_index(vma, addr));
	return ramfs_get_page(vma->vm_file, linear_page_index(vma, addr));
}

/* The rss counter of a file page of vma (Linux: mm_counter_file). */
static int mm_counter_file(struct vm_area_struct *vma)
{
	return is_shmem_inode(vma->vm_file) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* Is page, mapped at addr of vma, the file's own (not a private copy)? */
static bool is_file_page(struct vm_area_struct *vma, unsigned long addr,
			 struct page *page)
{
	return vma->vm_file && vma_file_page(vma, addr) == page;
}

/* ---- unmapping ---- */

/*
 * Drops every mapping of one PTE page whose VMAs are gone already:
 * only install_user_page() leaves pages outside a VMA, and they are
 * anonymous.
 */
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
		page_remove_rmap(page, true);
		put_page(page);
	}
}

/* The PTE page behind *pmd goes back, with whatever it still maps. */
static void free_pte_page(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	struct page *page = pfn_to_page(PHYS_PFN(pmd_val(*pmd) & PTE_PFN_MASK));
	pte_t *pte = pte_offset_map(pmd, addr & PMD_MASK);

	zap_pte_page(pte);
	pte_unmap(pte);
	pmd_clear(pmd);
	/* INVLPG also drops the CPU's cached copy of the PMD entry. */
	if (current->active_mm == mm)
		__flush_tlb_one(addr);
	__free_page(page);
	atomic_dec(&nr_pagetable_pages);
}

/*
 * Frees the PTE pages of [start, end) whose whole 2 MiB no VMA touches
 * any more (Linux: free_pgtables, called after unmap_region's
 * unmap_vmas).  The VMAs of the range must be gone already.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long addr;
	pmd_t *pmd;

	for (addr = start & PMD_MASK; addr < end && addr < TASK_SIZE;
	     addr += PMD_SIZE) {
		pmd = pmd_off(mm, addr);
		if (!pmd_none(*pmd) &&
		    !find_vma_intersection(mm, addr, addr + PMD_SIZE))
			free_pte_page(mm, pmd, addr);
	}
}

/*
 * Everything below TASK_SIZE goes: the pages lose their mapping, the PTE
 * pages are freed, the PMD entries cleared (the PMD pages themselves stay
 * with the PDPT).  exit_mmap has unmapped the VMAs' pages already; this
 * is the last sweep, from pgd_free.
 */
void free_user_pgtables(struct mm_struct *mm)
{
	unsigned long addr;
	pmd_t *pmd;

	for (addr = 0; addr < TASK_SIZE; addr += PMD_SIZE) {
		pmd = pmd_off(mm, addr);
		if (!pmd_none(*pmd))
			free_pte_page(mm, pmd, addr);
	}
}

/* One present PTE of vma cleared, and its page's counts dropped. */
static void zap_one_pte(struct vm_area_struct *vma, unsigned long addr,
			pte_t *pte, bool flush_one)
{
	struct page *page = pfn_to_page(pte_pfn(*pte));
	bool file;

	pte_clear(pte);
	if (flush_one)
		__flush_tlb_one(addr);
	if (is_zero_page(page))
		return;
	file = is_file_page(vma, addr, page);
	add_mm_counter(vma->vm_mm, file ? mm_counter_file(vma) : MM_ANONPAGES, -1);
	page_remove_rmap(page, !file);
	put_page(page);
}

/* The pages of [start, end), inside vma, leave its page tables. */
/* The end of addr's 2 MiB, or end if that comes first (Linux: pmd_addr_end). */
static unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long next = (addr + PMD_SIZE) & ~(PMD_SIZE - 1);

	return next - 1 < end - 1 ? next : end;
}

/* One PTE page mapped once for all its entries in [start, end). */
static void zap_pte_range(struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, bool flush_one)
{
	unsigned long addr, next;
	pmd_t *pmd;
	pte_t *pte;

	for (addr = start; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		pmd = pmd_off(vma->vm_mm, addr);
		if (pmd_none(*pmd))
			continue;
		pte = pte_offset_map(pmd, addr);
		for (; addr < next; addr += PAGE_SIZE, pte++)
			if (pte_present(*pte))
				zap_one_pte(vma, addr, pte, flush_one);
		pte_unmap(pte - 1);
	}
}

/* Past this many pages one flush of the whole TLB beats one per page. */
#define ZAP_FLUSH_ONE_MAX	32

/*
 * Drops the pages of [start, end) from mm's page tables, VMA by VMA
 * (Linux: zap_page_range, unmap_vmas): the VMAs say which pages are the
 * file's.  The VMAs themselves stay.  Caller holds mmap_lock.
 */
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	bool active = current->active_mm == mm;
	bool flush_one = active && end - start <= ZAP_FLUSH_ONE_MAX * PAGE_SIZE;
	struct vm_area_struct *vma;

	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next)
		zap_pte_range(vma, max(start, vma->vm_start),
			      min(end, vma->vm_end), flush_one);
	if (active && !flush_one)
		__flush_tlb();		/* user entries are never global */
}

/* ---- page faults (Linux: handle_mm_fault and what it calls) ---- */

/* The PTE of a page the process owns: writable only if the VMA is. */
static pte_t user_pte(struct page *page, struct vm_area_struct *vma,
		      bool writable)
{
	u64 prot = pgprot_val(vma->vm_page_prot);

	if (writable && (vma->vm_flags & VM_WRITE))
		prot |= _PAGE_RW | _PAGE_DIRTY;
	return pfn_pte(page_to_pfn(page), __pgprot(prot));
}

/* A read-only PTE for page in vma: the zero page, a file page. */
static pte_t readonly_pte(struct page *page, struct vm_area_struct *vma)
{
	return pfn_pte(page_to_pfn(page),
		       __pgprot(pgprot_val(vma->vm_page_prot) & ~(u64)_PAGE_RW));
}

/*
 * A new anonymous page holding a copy of src, or zeroes for the zero
 * page (Linux: copy_user_highpage, or alloc_zeroed_user_highpage):
 * highmem first, reached through kmap_atomic.
 */
static struct page *alloc_anon_copy(struct page *src)
{
	struct page *new;

	if (is_zero_page(src))
		return alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	new = alloc_page(GFP_HIGHUSER);
	if (new)
		copy_highpage(new, src);
	return new;
}

/* A new anonymous copy of src mapped writable at pte (a first write). */
static int map_anon_copy(struct vm_area_struct *vma, pte_t *pte,
			 struct page *src)
{
	struct page *page = alloc_anon_copy(src);

	if (!page)
		return VM_FAULT_OOM;
	page_add_anon_rmap(page);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	set_pte(pte, user_pte(page, vma, true));
	return 0;
}

/* First touch of an anonymous page (Linux: do_anonymous_page). */
static int do_anonymous_page(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte, bool write)
{
	if (!write) {		/* read: the zero page, read-only */
		set_pte(pte, readonly_pte(zero_page, vma));
		return 0;
	}
	return map_anon_copy(vma, pte, zero_page);
}

/*
 * First touch of a page of shared anonymous memory (Linux: do_fault's
 * do_shared_fault, with shmem_fault): the object's page, made now if it
 * has none, mapped writable when the VMA is, so that every process
 * mapping it sees every write; nothing is ever copied in a VM_SHARED
 * VMA.  Past the object's size (a mapping mremap grew): SIGBUS, as in
 * Linux.
 */
static int do_shared_fault(struct vm_area_struct *vma, unsigned long addr,
			   pte_t *pte)
{
	struct page *page;
	int err;

	err = shmem_get_page(vma->vm_file, linear_page_index(vma, addr), &page);
	if (err)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	get_page(page);
	page_add_file_rmap(page);
	add_mm_counter(vma->vm_mm, MM_SHMEMPAGES, 1);
	set_pte(pte, user_pte(page, vma, true));
	return 0;
}

/*
 * First touch of a page of a file VMA (Linux: do_fault).  A read maps
 * the file's own page read-only (do_read_fault); a write to a private
 * mapping maps a copy of it instead (do_cow_fault), so the file is
 * never written.  Past the file's last page: SIGBUS, as in Linux.
 */
static int do_fault(struct vm_area_struct *vma, unsigned long addr,
		    pte_t *pte, bool write)
{
	struct page *page = vma_file_page(vma, addr);

	if (!page)
		return VM_FAULT_SIGBUS;
	if (!write) {
		get_page(page);
		page_add_file_rmap(page);
		add_mm_counter(vma->vm_mm, MM_FILEPAGES, 1);
		set_pte(pte, readonly_pte(page, vma));
		return 0;
	}
	if (vma->vm_flags & VM_SHARED)	/* ramfs pages are read-only */
		return VM_FAULT_SIGBUS;
	return map_anon_copy(vma, pte, page);
}

/*
 * A write to a present read-only page of a writable VMA: copy-on-write
 * (Linux: do_wp_page).  An anonymous page only this mapping uses is
 * simply made writable; the zero page, a file page or a shared page is
 * copied.  In a VM_SHARED VMA (write access taken away by mprotect and
 * given back) the page is the object's and only gets its access back
 * (Linux: wp_page_shared).
 */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr,
		      pte_t *pte)
{
	struct page *old = pfn_to_page(pte_pfn(*pte)), *new;
	bool file = is_file_page(vma, addr, old);

	if ((vma->vm_flags & VM_SHARED) ||
	    (!is_zero_page(old) && !file && page_mapcount(old) == 1 &&
	     page_count(old) == 1)) {
		set_pte(pte, user_pte(old, vma, true));	/* reuse */
		__flush_tlb_one(addr);
		return 0;
	}
	new = alloc_anon_copy(old);
	if (!new)
		return VM_FAULT_OOM;
	page_add_anon_rmap(new);
	set_pte(pte, user_pte(new, vma, true));
	__flush_tlb_one(addr);
	if (is_zero_page(old)) {
		add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
		return 0;
	}
	if (file) {
		add_mm_counter(vma->vm_mm, MM_FILEPAGES, -1);
		add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	}
	page_remove_rmap(old, !file);
	put_page(old);
	return 0;
}

/*
 * Resolves a fault at addr inside vma (the access already checked
 * against its flags).  0, or VM_FAULT_OOM / VM_FAULT_SIGBUS.  Caller
 * holds mmap_lock.
 */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, bool write)
{
	pte_t *pte;
	int ret = 0;

	addr &= PAGE_MASK;
	pte = pte_alloc_map(vma->vm_mm, addr);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte) && is_shmem_inode(vma->vm_file))
		ret = do_shared_fault(vma, addr, pte);
	else if (pte_none(*pte) && vma->vm_file)
		ret = do_fault(vma, addr, pte, write);
	else if (pte_none(*pte))
		ret = do_anonymous_page(vma, addr, pte, write);
	else if (write && !(pte_val(*pte) & _PAGE_RW))
		ret = do_wp_page(vma, addr, pte);
	pte_unmap(pte);
	return ret;
}

/*
 * The page at addr of mm, faulted in for writing whatever the VMA's
 * protection (Linux: get_user_pages_remote with FOLL_WRITE|FOLL_FORCE,
 * as ptrace and exec use it): a private page is copied first, so the
 * caller may write it and no file page changes.  Returns the page with
 * a reference (put_page it), or NULL when nothing is mapped at addr or
 * memory runs out.  Caller holds mmap_lock.
 */
struct page *get_user_page_force(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct page *page = NULL;
	pte_t *pte;

	/* PROT_NONE: a page made there could never be seen, nor zapped. */
	if (!vma || vma->vm_start > addr || (vma->vm_flags & VM_SHARED) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) ||
	    handle_mm_fault(vma, addr, true))
		return NULL;
	pte = pte_offset_map(pmd_off(mm, addr), addr);
	if (pte_present(*pte)) {
		page = pfn_to_page(pte_pfn(*pte));
		get_page(page);
	}
	pte_unmap(pte);
	return page;
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
		pmd = pmd_off(mm, addr);
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

/* dst's PTE gets src's page: one more reference, mapping and rss page. */
static void copy_one_pte(struct mm_struct *dst, struct vm_area_struct *vma,
			 unsigned long addr, pte_t *d, pte_t pte)
{
	struct page *page = pfn_to_page(pte_pfn(pte));

	if (!is_zero_page(page)) {
		get_page(page);
		if (is_file_page(vma, addr, page)) {
			page_add_file_rmap(page);
			add_mm_counter(dst, mm_counter_file(vma), 1);
		} else {
			page_add_anon_rmap(page);
			add_mm_counter(dst, MM_ANONPAGES, 1);
		}
	}
	set_pte(d, pte);
}

/*
 * Copies the PTEs of vma from src into dst.  A private writable page is
 * shared copy-on-write: both PTEs lose write access and the page gains a
 * reference and a mapping; the first write in either process copies it
 * (do_wp_page).  File pages are read-only already and simply shared;
 * shared mappings keep their access: a shmem page is the same page in
 * both, and the child's VMA holds its own reference on the object.  The caller flushes src's TLB
 * afterwards.  -ENOMEM if a PTE page cannot be had.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	bool cow = (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
	unsigned long addr, next;
	pte_t *s, *d, pte;
	pmd_t *pmd;

	/* PMD by PMD, each PTE page mapped once (Linux: copy_pte_range). */
	for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
		next = pmd_addr_end(addr, vma->vm_end);
		pmd = pmd_off(src, addr);
		if (pmd_none(*pmd))
			continue;
		d = pte_alloc_map(dst, addr);
		if (!d)
			return -ENOMEM;
		s = pte_offset_map(pmd, addr);
		for (; addr < next; addr += PAGE_SIZE, s++, d++) {
			pte = *s;
			if (!pte_present(pte))
				continue;
			if (cow && (pte_val(pte) & _PAGE_RW)) {
				pte = __pte(pte_val(pte) & ~(u64)_PAGE_RW);
				set_pte(s, pte);
			}
			copy_one_pte(dst, vma, addr, d, pte);
		}
		pte_unmap(s - 1);
		pte_unmap(d - 1);
	}
	return 0;
}

/* ---- mremap (Linux: mm/mremap.c's move_page_tables) ---- */

/*
 * Moves the PTEs of [old_addr, old_addr + len) of vma to new_addr in
 * new_vma (same mm): the pages stay where they are, with their counts;
 * only the entries pointing at them move, so nothing is copied.  The
 * new range must map nothing yet.  Returns the bytes moved: less than
 * len when a PTE page for the new place cannot be had.  Caller holds
 * mmap_lock.
 */
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma,
			       unsigned long new_addr, unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long done, next;
	pte_t *src, *dst;
	pmd_t *pmd;

	for (done = 0; done < len; done += PAGE_SIZE) {
		pmd = pmd_off(mm, old_addr + done);
		if (pmd_none(*pmd)) {
			next = ((old_addr + done) | (PMD_SIZE - 1)) + 1;
			done = min(next - old_addr, len) - PAGE_SIZE;
			continue;
		}
		dst = pte_alloc_map(mm, new_addr + done);
		if (!dst)
			break;
		src = pte_offset_map(pmd, old_addr + done);
		if (pte_present(*src) && !WARN_ON_ONCE(!pte_none(*dst))) {
			set_pte(dst, *src);
			pte_clear(src);
			if (current->active_mm == mm)
				__flush_tlb_one(old_addr + done);
		}
		pte_unmap(src);
		pte_unmap(dst);
	}
	return done;
}

/*
 * Ends a report line about the user instruction at ip: prefix, then
 * NAME[START+SIZE] of the file VMA holding ip, in hex (Linux:
 * print_vma_addr, after show_signal_msg's "error E").  Nothing for
 * anonymous memory, or when mmap_lock is taken (Linux skips it in
 * atomic context).  Linux prints the next VMA's file when ip lies in a
 * gap; only the VMA holding ip counts here.
 */
void print_vma_addr(const char *prefix, unsigned long ip)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (!mm || !mutex_trylock(&mm->mmap_lock))
		return;
	vma = find_vma(mm, ip);
	if (vma && vma->vm_start <= ip && vma->vm_file)
		pr_cont("%s%s[%lx+%lx]", prefix, vma->vm_file->i_name,
			vma->vm_start, vma->vm_end - vma->vm_start);
	mutex_unlock(&mm->mmap_lock);
}

/*
 * The PTE that maps addr in mm, copied to *pte (Linux: follow_pte,
 * without the lock it returns); false when no page table covers addr.
 * follow_page: the page mapped there, or NULL.  For tests and /proc;
 * neither faults anything in.
 */
bool follow_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte)
{
	pmd_t *pmd = pmd_off(mm, addr);
	pte_t *p;

	if (addr >= TASK_SIZE || pmd_none(*pmd))
		return false;
	p = pte_offset_map(pmd, addr);
	*pte = *p;
	pte_unmap(p);
	return true;
}

struct page *follow_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte;

	if (!follow_pte(mm, addr, &pte) || !pte_present(pte))
		return NULL;
	return pfn_to_page(pte_pfn(pte));
}
