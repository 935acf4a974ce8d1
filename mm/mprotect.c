/*
 * mprotect's VMA side (Linux: mm/mprotect.c): the range gets new flags,
 * VMAs that straddle its ends are split, and whatever can merge with a
 * neighbour afterwards does.  Changing the page-table entries themselves
 * (change_protection) comes with user page tables.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>

/*
 * [start, end), inside vma, gets newflags.  *pprev is the VMA before
 * start's (vma itself when start is inside it) and, on return, the VMA
 * that now ends at end.  Caller holds mmap_lock.
 */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long pgoff;
	int err;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*pprev = vma_merge(mm, *pprev, start, end, newflags, vma->vm_file, pgoff);
	if (*pprev) {
		vma = *pprev;
	} else {
		*pprev = vma;
		if (start != vma->vm_start) {
			err = split_vma(mm, vma, start, 1);
			if (err)
				return err;
		}
		if (end != vma->vm_end) {
			err = split_vma(mm, vma, end, 0);
			if (err)
				return err;
		}
		vma->vm_flags = newflags;
	}
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end);
	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
}

/*
 * mprotect(2)'s work (Linux: do_mprotect_pkey): -EINVAL for a misaligned
 * start or unknown prot bits, -ENOMEM when [start, start + len) is not
 * wholly mapped (VMAs before the hole are changed already, as in Linux),
 * -EACCES when a VMA may not get the access asked for (no VM_MAY* bit).
 */
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	struct vm_area_struct *vma, *prev;
	unsigned long end, nstart, tmp, newflags;
	int err = -ENOMEM;

	if (offset_in_page(start) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		goto out;
	prev = start > vma->vm_start ? vma : vma->vm_prev;
	for (nstart = start; ; ) {
		newflags = calc_vm_prot_bits(prot) |
			   (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));
		/* Each VM_MAY* bit is its VM_* bit shifted left by four. */
		err = -EACCES;
		if ((newflags & ~(newflags >> 4)) & (VM_READ | VM_WRITE | VM_EXEC))
			goto out;
		tmp = min(vma->vm_end, end);
		err = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (err)
			goto out;
		nstart = max(tmp, prev->vm_end);
		if (nstart >= end)
			goto out;
		vma = prev->vm_next;
		err = -ENOMEM;
		if (!vma || vma->vm_start != nstart)
			goto out;
	}
out:
	mutex_unlock(&mm->mmap_lock);
	return err;
}
