/*
 * What the files of mm/ share and nobody else needs (Linux: mm/internal.h):
 * the VMA tree's low-level changes, for brk.c's expand_stack and
 * mremap.c, which change VMAs outside mm/mmap.c.  mmap_lock held.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm_types.h>

/* New bounds for a linked VMA; its start must not pass another's start. */
void vma_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end, unsigned long pgoff);

/*
 * A copy of vma's flags and file at [addr, addr + len) with pgoff,
 * linked (merged into a neighbour when it can be); NULL when out of
 * VMAs.  The range must be free.  (Linux: copy_vma, for mremap.)
 */
struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff);

#endif /* _MM_INTERNAL_H */
