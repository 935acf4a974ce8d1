/*
 * madvise(2) (Linux: mm/madvise.c).  Most advice is a hint that a kernel
 * without readahead or swap may ignore; two kinds change what happens:
 * MADV_DONTNEED drops the pages of a range (the next touch of anonymous
 * private memory finds zeroes, shared memory keeps its data), and
 * MADV_DONTFORK / MADV_DOFORK set or clear VM_DONTCOPY, which fork's
 * dup_mm honours, splitting and merging VMAs as mprotect does.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>

/* Linux's advice numbers (include/uapi/asm-generic/mman-common.h). */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_DONTFORK	10
#define MADV_DOFORK	11

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_FREE:		/* may free lazily: keeping the pages is allowed */
	case MADV_DONTFORK:
	case MADV_DOFORK:
		return true;
	}
	return false;
}

/* The advice for [start, end), inside vma; *prev as mprotect_fixup's. */
static int madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end, int behavior)
{
	unsigned long flags = vma->vm_flags;

	*prev = vma;
	switch (behavior) {
	case MADV_DONTNEED:
		zap_page_range(vma->vm_mm, start, end);
		return 0;
	case MADV_DONTFORK:
		flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		flags &= ~VM_DONTCOPY;
		break;
	default:
		return 0;
	}
	/* Linux's madvise_update_vma: the same split, set and merge. */
	*prev = start > vma->vm_start ? vma : vma->vm_prev;
	return mprotect_fixup(vma, prev, start, end, flags);
}

/*
 * madvise's work: -EINVAL for unknown advice or a misaligned start, and,
 * as in Linux, -ENOMEM when part of the range is unmapped (the mapped
 * parts got the advice all the same).
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior)
{
	unsigned long len = PAGE_ALIGN(len_in), end = start + len, tmp;
	struct vm_area_struct *vma, *prev;
	int err = 0, unmapped = 0;

	if (!madvise_behavior_valid(behavior) || offset_in_page(start) ||
	    (len_in && !len) || end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	mutex_lock(&mm->mmap_lock);
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = prev->vm_next) {
		if (start < vma->vm_start) {
			unmapped = -ENOMEM;	/* a hole */
			start = vma->vm_start;
		}
		tmp = min(vma->vm_end, end);
		err = madvise_vma(vma, &prev, start, tmp, behavior);
		if (err)
			break;
		start = max(tmp, prev->vm_end);
		if (start >= end)
			break;
	}
	if (start < end)
		unmapped = -ENOMEM;
	mutex_unlock(&mm->mmap_lock);
	return err ? err : unmapped;
}
