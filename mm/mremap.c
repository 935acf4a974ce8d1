/*
 * mremap (Linux: mm/mremap.c, v5.x): a mapping shrinks (its tail is
 * unmapped), grows in place when the range after it is free, or moves
 * elsewhere with MREMAP_MAYMOVE (to new_addr itself with MREMAP_FIXED).
 * A move takes the page-table entries along (move_page_tables in
 * mm/memory.c): the pages, their counts and their contents stay, only
 * the addresses change.
 *
 *   grow in place:   AAAA----      ->  AAAAAA--
 *   move:            AAAABBBB----  ->  ----BBBBAAAAAA
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include "internal.h"

/* The file offset, in pages, that addr of vma maps. */
static unsigned long linear_pgoff(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/*
 * [addr, addr + old_len) moves to new_addr and becomes new_len long; the
 * new range is free.  Returns new_addr or -ENOMEM, in which case
 * everything is as it was (Linux: move_vma).
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long addr,
			      unsigned long old_len, unsigned long new_len,
			      unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags, moved, hiwater_vm;
	struct vm_area_struct *new_vma;

	/* Unmapping the old range may split its VMA twice. */
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	new_vma = copy_vma(vma, new_addr, new_len, linear_pgoff(vma, addr));
	if (!new_vma)
		return -ENOMEM;
	moved = move_page_tables(vma, addr, new_vma, new_addr, old_len);
	if (moved < old_len) {
		/* Out of PTE pages: back they go, into tables that exist. */
		move_page_tables(new_vma, new_addr, vma, addr, moved);
		/* Counted first, as do_munmap takes the new VMA off again. */
		hiwater_vm = mm->hiwater_vm;
		vm_stat_account(mm, vm_flags, new_len >> PAGE_SHIFT);
		do_munmap(mm, new_addr, new_len);
		mm->hiwater_vm = hiwater_vm;
		return -ENOMEM;
	}
	/* A move is no growth: VmPeak must not see both ranges at once. */
	hiwater_vm = mm->hiwater_vm;
	vm_stat_account(mm, vm_flags, new_len >> PAGE_SHIFT);
	/* As Linux, a split that fails here leaves the old VMA, empty. */
	do_munmap(mm, addr, old_len);
	mm->hiwater_vm = max(hiwater_vm, mm->total_vm);
	return new_addr;
}

/*
 * The VMA that [addr, addr + old_len) lies in, if it lies in one, and
 * may grow to new_len (Linux: vma_to_resize): -EFAULT if the range is
 * not inside one VMA, -ENOMEM past RLIMIT_AS/RLIMIT_DATA.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm,
					    unsigned long addr,
					    unsigned long old_len,
					    unsigned long new_len, long *err)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*err = -EFAULT;
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return NULL;
	if (new_len > old_len && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return NULL;
	*err = -ENOMEM;
	if (new_len > old_len &&
	    !may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return NULL;
	*err = 0;
	return vma;
}

/* Can vma's end move up by delta: nothing there, still below task_size? */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end)
		return false;
	if (vma->vm_next && vm_start_gap(vma->vm_next) < end)
		return false;
	return !IS_ERR_VALUE(get_unmapped_area(vma->vm_mm, NULL, vma->vm_start,
					       end - vma->vm_start, 0, MAP_FIXED));
}

static unsigned long map_flags_of(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_MAYSHARE ? MAP_SHARED : 0;
}

/*
 * MREMAP_FIXED: the mapping goes to new_addr exactly, whatever was there
 * unmapped first (Linux: mremap_to).  -EINVAL when the two ranges
 * overlap or new_addr is misaligned or past task_size.
 */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len)
{
	struct vm_area_struct *vma;
	unsigned long ret;
	long err;

	if (offset_in_page(new_addr) || new_len > mm->task_size ||
	    new_addr > mm->task_size - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	err = do_munmap(mm, new_addr, new_len);
	if (err)
		return err;
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	ret = get_unmapped_area(mm, vma->vm_file, new_addr, new_len,
				linear_pgoff(vma, addr), MAP_FIXED | map_flags_of(vma));
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, new_addr);
}

/* The resize itself, mmap_lock held: see do_mremap. */
static unsigned long mremap_locked(struct mm_struct *mm, unsigned long addr,
				   unsigned long old_len, unsigned long new_len,
				   unsigned long flags)
{
	struct vm_area_struct *vma;
	unsigned long new_addr;
	long err;

	if (old_len >= new_len) {	/* shrinking: only the tail goes */
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		return err && old_len != new_len ? (unsigned long)err : addr;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len, &err);
	if (!vma)
		return err;
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(vma, new_len - old_len)) {
		vma_set_range(mm, vma, vma->vm_start, addr + new_len, vma->vm_pgoff);
		vm_stat_account(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, vma->vm_file, 0, new_len,
				     linear_pgoff(vma, addr), map_flags_of(vma));
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(vma, addr, old_len, new_len, new_addr);
}

/*
 * mremap(2)'s work (Linux: SYSCALL_DEFINE5(mremap)).  Returns the
 * mapping's address or a negative errno: -EINVAL for unknown flags,
 * MREMAP_FIXED without MREMAP_MAYMOVE, a misaligned address, a zero
 * new length or old length (Linux then maps a shared mapping's object
 * a second time; not done here),
 * -EFAULT when the old range is not inside one VMA, -ENOMEM when it
 * cannot grow in place and may not move, or nothing is free.
 */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	unsigned long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	/* Linux's vma_lookup first: a hole at addr is -EFAULT, nothing unmapped. */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		ret = -EFAULT;
	else if (flags & MREMAP_FIXED)
		ret = mremap_to(mm, addr, old_len, new_addr, new_len);
	else
		ret = mremap_locked(mm, addr, old_len, new_len, flags);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}
