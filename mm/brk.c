/*
 * The two areas that grow, the heap (brk) and the stack (expand_stack),
 * and the Vm* accounting every mapping's growth passes through
 * (vm_stat_account, may_expand_vm).  Linux keeps all of this in
 * mm/mmap.c; it lives apart here to keep that file short.  Everything
 * here needs mm->mmap_lock held, except mm_brk, which takes it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include "internal.h"

/* ---- accounting ---- */

static bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
}

static bool is_stack_mapping(unsigned long flags)
{
	return (flags & VM_STACK) == VM_STACK;
}

static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

/* npages (negative: gone) mapped with flags, in the mm's Vm* counters. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

/*
 * Would npages more of vm_flags memory stay within RLIMIT_AS, and for
 * private writable data within RLIMIT_DATA?  (Linux: may_expand_vm.)
 */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags,
		   unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) &&
	    mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return false;
	return true;
}

/* ---- the heap ---- */

/*
 * Anonymous memory at [addr, addr + len), len page aligned: the heap
 * VMA grows if it can, else a new one (Linux: do_brk_flags; flags may
 * only add VM_EXEC).  Caller holds mmap_lock.
 */
int do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long flags)
{
	unsigned long err;

	if (flags & ~VM_EXEC)
		return -EINVAL;
	if (!len)
		return 0;
	flags |= VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;
	err = get_unmapped_area(mm, NULL, addr, len, 0, MAP_FIXED);
	if (IS_ERR_VALUE(err))
		return err;
	err = mmap_region(mm, NULL, addr, len, flags, addr >> PAGE_SHIFT);
	return IS_ERR_VALUE(err) ? (int)err : 0;
}

/*
 * The brk(2) system call's work (Linux: SYSCALL_DEFINE1(brk)): moves the
 * end of the heap to brk, unmapping when it shrinks, refusing to grow
 * into the next VMA's guard gap.  Returns the new break, or the old one
 * when refused, as the system call does.
 */
unsigned long mm_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk, ret;
	struct vm_area_struct *next;

	mutex_lock(&mm->mmap_lock);
	ret = mm->brk;
	if (brk < mm->start_brk)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk < oldbrk && do_munmap(mm, newbrk, oldbrk - newbrk))
		goto out;
	if (newbrk > oldbrk) {
		next = find_vma(mm, oldbrk);
		if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
			goto out;
		if (do_brk_flags(mm, oldbrk, newbrk - oldbrk, 0))
			goto out;
	}
	ret = mm->brk = brk;
out:
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/* ---- the stack ---- */

/*
 * Grows a VM_GROWSDOWN VMA down to cover address (Linux: expand_stack).
 * -ENOMEM if that would come within stack_guard_gap of the VMA below,
 * make the stack larger than RLIMIT_STACK, or pass RLIMIT_AS.  Caller
 * holds mmap_lock.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long start = address & PAGE_MASK;

	if (!(vma->vm_flags & VM_GROWSDOWN) || start >= vma->vm_start)
		return -EINVAL;
	if (vma->vm_end - start > rlimit(RLIMIT_STACK) ||
	    !may_expand_vm(vma->vm_mm, vma->vm_flags,
			   (vma->vm_start - start) >> PAGE_SHIFT) ||
	    start < mmap_min_addr ||
	    (prev && start - prev->vm_end < stack_guard_gap) ||
	    (prev && start < prev->vm_end))
		return -ENOMEM;
	vm_stat_account(vma->vm_mm, vma->vm_flags,
			(long)((vma->vm_start - start) >> PAGE_SHIFT));
	vma_set_range(vma->vm_mm, vma, start, vma->vm_end,
		      vma->vm_pgoff - ((vma->vm_start - start) >> PAGE_SHIFT));
	return 0;
}
