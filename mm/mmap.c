/*
 * The VMAs of a user address space (Linux: mm/mmap.c of the rb-tree era,
 * v4.x-5.x): finding, inserting, merging and splitting them, finding a
 * free range, and the range half of mmap and munmap.  The pages and
 * page tables of a range are mm/memory.c's; brk and stack growth are in
 * mm/brk.c.
 *
 * The VMAs of an mm sit on a list in address order and in a treap keyed
 * by vm_start (include/linux/treap.h), augmented with the largest gap
 * below any VMA of a subtree.  The gap below a VMA is
 *
 *      prev->vm_end                          vma->vm_start
 *           |<------------ gap ------------>|<- guard ->|
 *           |                               |   gap     |
 *      -----+                               +-----------+------------
 *       prev                                 vm_start_gap   vma
 *
 * where the guard gap (stack_guard_gap) counts only below a VM_GROWSDOWN
 * VMA.  Any change to a VMA's start, or to the end of the VMA before it,
 * changes a gap, so every such change ends in vma_gap_update().
 *
 * Everything that changes the VMAs needs mm->mmap_lock held, as Linux's
 * callers hold mmap_lock for writing; the vm_* entry points take it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/treap.h>
#include "internal.h"

/* Linux's default: 256 pages below a stack that no other mapping takes. */
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;

/* Linux's DEFAULT_MAX_MAP_COUNT (/proc/sys/vm/max_map_count). */
int sysctl_max_map_count = 65530;

static struct kmem_cache *vm_area_cachep;

void mmap_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct",
					   sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL);
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);

	if (vma)
		vma->vm_mm = mm;
	return vma;
}

/* Frees vma, dropping its reference on its file (Linux: remove_vma's fput). */
void vm_area_free(struct vm_area_struct *vma)
{
	vm_file_put(vma->vm_file);
	kmem_cache_free(vm_area_cachep, vma);
}

/* ---- the tree ---- */

#define rb_vma(n)	container_of(n, struct vm_area_struct, vm_rb)

/* The free space between the previous VMA and this one's guard gap. */
static unsigned long vma_compute_gap(const struct vm_area_struct *vma)
{
	unsigned long gap = vm_start_gap(vma), prev_end;

	if (vma->vm_prev) {
		prev_end = vm_end_gap(vma->vm_prev);
		gap = gap > prev_end ? gap - prev_end : 0;
	}
	return gap;
}

static unsigned long vma_key(const struct treap_node *n)
{
	return rb_vma(n)->vm_start;
}

static unsigned long vma_gap(const struct treap_node *n)
{
	return vma_compute_gap(rb_vma(n));
}

/* An empty address space: no VMAs, no counts, the whole user range. */
void mm_init_vmas(struct mm_struct *mm)
{
	struct treap_root root = TREAP_ROOT(vma_key, vma_gap);
	int i;

	mm->mmap = NULL;
	mm->mm_rb = root;
	mutex_init(&mm->mmap_lock);
	mm->map_count = 0;
	mm->highest_vm_end = 0;
	mm->task_size = TASK_SIZE;
	mm->mmap_base = TASK_SIZE;
	mm->total_vm = mm->data_vm = mm->exec_vm = mm->stack_vm = 0;
	mm->hiwater_vm = 0;
	for (i = 0; i < NR_MM_COUNTERS; i++)
		atomic_set(&mm->rss_stat[i], 0);
}

static void mmap_assert_locked(struct mm_struct *mm)
{
	WARN_ON_ONCE(!mutex_is_locked(&mm->mmap_lock));
}

/* vma's gap changed (its start, or the previous VMA's end). */
static void vma_gap_update(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma)
		treap_propagate(&mm->mm_rb, &vma->vm_rb);
}

static void update_highest(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (!vma->vm_next)
		mm->highest_vm_end = vm_end_gap(vma);
}

/* Puts vma on the list after prev (first if NULL) and into the tree. */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;

	mmap_assert_locked(mm);
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	treap_insert(&mm->mm_rb, &vma->vm_rb);
	/*
	 * next's gap shrank.  The insert has recomputed it already (a new
	 * key's successor lies on its search path), but saying so costs one
	 * path and leans on no property of the tree.
	 */
	vma_gap_update(mm, next);
	update_highest(mm, vma);
	mm->map_count++;
}

/* Takes vma off the list and out of the tree; the caller frees it. */
static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	mmap_assert_locked(mm);
	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
	treap_erase(&mm->mm_rb, &vma->vm_rb);
	vma_gap_update(mm, next);
	if (!next)
		mm->highest_vm_end = prev ? vm_end_gap(prev) : 0;
	mm->map_count--;
}

/*
 * New bounds for a linked VMA (Linux: vma_adjust, less the page tables
 * and the anon_vma).  The new start must not pass another VMA's start;
 * callers that move two neighbours' common boundary may overlap them
 * for a moment, which the tree does not mind: it orders by start only.
 */
void vma_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end, unsigned long pgoff)
{
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	vma_gap_update(mm, vma);
	vma_gap_update(mm, vma->vm_next);
	update_highest(mm, vma);
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_unlink(mm, vma);
	vm_area_free(vma);
}

/* ---- lookup ---- */

/* The first VMA that ends above addr, or NULL: O(log n). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct treap_node *n = mm->mm_rb.node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *vma = rb_vma(n);

		if (vma->vm_end > addr) {
			found = vma;
			if (vma->vm_start <= addr)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return found;
}

static struct vm_area_struct *vma_last(struct mm_struct *mm)
{
	struct treap_node *n = mm->mm_rb.node;

	while (n && n->right)
		n = n->right;
	return n ? rb_vma(n) : NULL;
}

/* As find_vma, and *pprev the VMA before the one found (or the last). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	*pprev = vma ? vma->vm_prev : vma_last(mm);
	return vma;
}

/* The first VMA that overlaps [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/*
 * Links a VMA the caller filled in; -ENOMEM if it overlaps another (as
 * Linux's find_vma_links failing).  Anonymous memory gets Linux's pgoff.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;

	if (find_vma_intersection(mm, vma->vm_start, vma->vm_end))
		return -ENOMEM;
	if (!vma->vm_file)
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	find_vma_prev(mm, vma->vm_start, &prev);
	vma->vm_mm = mm;
	vma_link(mm, vma, prev);
	return 0;
}

/* ---- merging and splitting ---- */

/*
 * Linux also requires compatible anon_vmas and userfaultfd contexts;
 * neither exists here, so equal flags and file and a pgoff that
 * continues across the boundary are the whole test.
 */
static bool can_vma_merge_before(struct vm_area_struct *vma, unsigned long vm_flags,
				 struct inode *file, unsigned long pgoff)
{
	return vma->vm_flags == vm_flags && vma->vm_file == file &&
	       vma->vm_pgoff == pgoff;
}

static bool can_vma_merge_after(struct vm_area_struct *vma, unsigned long vm_flags,
				struct inode *file, unsigned long pgoff)
{
	return vma->vm_flags == vm_flags && vma->vm_file == file &&
	       vma->vm_pgoff + vma_pages(vma) == pgoff;
}

/*
 * [addr, end) is about to get vm_flags/file/pgoff: either it is a hole
 * after prev (mmap, brk) or it lies inside the VMA after prev, or inside
 * prev itself (mprotect).  If it can join prev or the next VMA or both,
 * they are merged and the VMA now covering [addr, end) is returned;
 * otherwise NULL and the caller inserts or splits.  Linux's cases:
 *
 *     AAAA        AAAA        AAAA        AAAA         (the range)
 *   PPPP    NNNN  PPPPNNNN    PPPPNNNN    PPPPNNNNXX
 *   becomes:      becomes:    becomes:    becomes:
 *   1 PPPPPPPPPP  6 PPPPPPPP  7 PPPPNNNN  8 PPPPNNNNXX (A = N's whole)
 *   2 PPPPPPP NN  (hole)      5 PPPPPPNN  (A = start of N)
 *   3 PPP NNNNNN  (hole)      4 PPNNNNNN  (A = end of P)
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct inode *file,
				 unsigned long pgoff)
{
	unsigned long pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;
	bool merge_prev, merge_next;

	if (vm_flags & VM_SPECIAL)
		return NULL;
	area = next = prev ? prev->vm_next : mm->mmap;
	if (area && area->vm_end == end)	/* cases 6, 7, 8 */
		next = next->vm_next;
	merge_prev = prev && prev->vm_end == addr &&
		     can_vma_merge_after(prev, vm_flags, file, pgoff);
	merge_next = next && end == next->vm_start &&
		     can_vma_merge_before(next, vm_flags, file, pgoff + pglen);
	if (merge_prev && merge_next) {			/* cases 1, 6 */
		unsigned long new_end = next->vm_end;

		if (area != next)
			remove_vma(mm, area);
		remove_vma(mm, next);
		vma_set_range(mm, prev, prev->vm_start, new_end, prev->vm_pgoff);
		return prev;
	}
	if (merge_prev) {				/* cases 2, 5, 7 */
		if (area && area->vm_start == addr) {
			if (area->vm_end == end)
				remove_vma(mm, area);
			else
				vma_set_range(mm, area, end, area->vm_end,
					      area->vm_pgoff + pglen);
		}
		vma_set_range(mm, prev, prev->vm_start, end, prev->vm_pgoff);
		return prev;
	}
	if (merge_next) {				/* cases 3, 4, 8 */
		if (prev && addr < prev->vm_end)
			vma_set_range(mm, prev, prev->vm_start, addr, prev->vm_pgoff);
		else if (area != next)
			remove_vma(mm, area);
		vma_set_range(mm, next, addr, next->vm_end, next->vm_pgoff - pglen);
		return next;
	}
	return NULL;
}

/*
 * Cuts vma in two at addr: the new VMA takes the part below addr if
 * new_below, else the part above.  -ENOMEM when out of VMAs or over
 * sysctl_max_map_count.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below)
{
	unsigned long pages = (addr - vma->vm_start) >> PAGE_SHIFT;
	struct vm_area_struct *new;

	if (WARN_ON_ONCE(addr <= vma->vm_start || addr >= vma->vm_end ||
			 offset_in_page(addr)))
		return -EINVAL;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	new = vm_area_alloc(mm);
	if (!new)
		return -ENOMEM;
	*new = *vma;
	vm_file_get(new->vm_file);
	if (new_below) {
		new->vm_end = addr;
		vma_set_range(mm, vma, addr, vma->vm_end, vma->vm_pgoff + pages);
		vma_link(mm, new, vma->vm_prev);
	} else {
		new->vm_start = addr;
		new->vm_pgoff += pages;
		vma_set_range(mm, vma, vma->vm_start, addr, vma->vm_pgoff);
		vma_link(mm, new, vma);
	}
	return 0;
}

struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new, *prev;

	find_vma_prev(mm, addr, &prev);
	new = vma_merge(mm, prev, addr, addr + len, vma->vm_flags,
			vma->vm_file, pgoff);
	if (new)
		return new;
	if (mm->map_count >= sysctl_max_map_count)
		return NULL;
	new = vm_area_alloc(mm);
	if (!new)
		return NULL;
	*new = *vma;
	vm_file_get(new->vm_file);
	new->vm_start = addr;
	new->vm_end = addr + len;
	new->vm_pgoff = pgoff;
	vma_link(mm, new, prev);
	return new;
}

/* ---- finding free space ---- */

/*
 * The highest end of a gap in t's subtree that holds length bytes
 * within [low, high], or 0.  A subtree whose largest gap is too small is
 * never entered, nor one that lies wholly outside [low, high], so only
 * the paths along the two limits are walked: O(log n).
 */
static unsigned long gap_topdown(const struct treap_node *t, unsigned long length,
				 unsigned long low, unsigned long high)
{
	const struct vm_area_struct *vma, *prev;
	unsigned long start, end, found;

	if (!t || t->subtree_max < length)
		return 0;
	vma = rb_vma(t);
	prev = vma->vm_prev;
	if (vm_end_gap(vma) < high) {		/* gaps above start above it */
		found = gap_topdown(t->right, length, low, high);
		if (found)
			return found;
	}
	start = max(prev ? vm_end_gap(prev) : 0, low);
	end = min(vm_start_gap(vma), high);
	if (end > start && end - start >= length)
		return end;
	if (prev && prev->vm_start > low)	/* gaps below end below it */
		return gap_topdown(t->left, length, low, high);
	return 0;
}

/*
 * The highest address for info->length bytes, aligned as asked, that
 * touches no VMA (nor a stack's guard gap) and lies in [low_limit,
 * high_limit); -ENOMEM if there is none (Linux: unmapped_area_topdown).
 * The search asks for length + align_mask so that any gap found can be
 * aligned down inside itself.
 */
unsigned long vm_unmapped_area(struct mm_struct *mm,
			       const struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length + info->align_mask;
	unsigned long low = info->low_limit, high = info->high_limit;
	unsigned long end, addr;

	if (length < info->length || high < low || high - low < length)
		return -ENOMEM;
	/* The space above the last VMA is no VMA's gap: try it first. */
	end = 0;
	if (max(mm->highest_vm_end, low) <= high - length)
		end = high;
	if (!end)
		end = gap_topdown(mm->mm_rb.node, length, low, high);
	if (!end)
		return -ENOMEM;
	addr = end - info->length;
	addr -= (addr - info->align_offset) & info->align_mask;
	return addr;
}

/*
 * Where a new mapping of len bytes goes (Linux: get_unmapped_area with
 * x86's arch_get_unmapped_area_topdown): addr itself for MAP_FIXED, the
 * hint if that range is free, else the highest free range below
 * mmap_base.  Linux falls back to a bottom-up search when the top-down
 * one fails; that is left out, so a full space fails with -ENOMEM.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, struct inode *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	struct vm_unmapped_area_info info = { 0 };
	struct vm_area_struct *vma, *prev;

	if (len > mm->task_size - mmap_min_addr)
		return -ENOMEM;
	if (flags & MAP_FIXED)
		goto check;
	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma_prev(mm, addr, &prev);
		if (mm->task_size - len >= addr && addr >= mmap_min_addr &&
		    (!vma || addr + len <= vm_start_gap(vma)) &&
		    (!prev || addr >= vm_end_gap(prev)))
			return addr;
	}
	info.length = len;
	info.low_limit = max(PAGE_SIZE, mmap_min_addr);
	info.high_limit = mm->mmap_base;
	addr = vm_unmapped_area(mm, &info);
	if (IS_ERR_VALUE(addr))
		return addr;
check:
	if (addr > mm->task_size - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	return addr;
}

/* ---- mapping and unmapping ranges ---- */

/*
 * The page protection for vm_flags (Linux: vm_get_page_prot and the
 * protection_map): user pages, writable only when shared, since a
 * private writable page is copied on the first write; not executable
 * where the CPU has NX.
 */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	u64 prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return __pgprot(0);		/* PROT_NONE: not present */
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX & __supported_pte_mask;
	return __pgprot(prot);
}

/*
 * Maps [addr, addr + len), which may hold VMAs already (MAP_FIXED): they
 * go first.  Joins a neighbour when it can, else links a new VMA.
 * Shared anonymous memory never joins one: it gets an object of its own
 * (shmem_zero_setup), which no neighbour has.  Returns addr or a
 * negative errno.  Caller holds mmap_lock.
 */
unsigned long mmap_region(struct mm_struct *mm, struct inode *file,
			  unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff)
{
	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	struct vm_area_struct *vma, *prev;
	int err;

	if (find_vma_intersection(mm, addr, addr + len)) {
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	find_vma_prev(mm, addr, &prev);
	vma = NULL;
	if (file || !(vm_flags & VM_SHARED))
		vma = vma_merge(mm, prev, addr, addr + len, vm_flags, file, pgoff);
	if (!vma) {
		if (mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		vma = vm_area_alloc(mm);
		if (!vma)
			return -ENOMEM;
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_flags = vm_flags;
		vma->vm_page_prot = vm_get_page_prot(vm_flags);
		vma->vm_pgoff = pgoff;
		vma->vm_file = file;
		if (!file && (vm_flags & VM_SHARED) && shmem_zero_setup(vma)) {
			vm_area_free(vma);
			return -ENOMEM;
		}
		vma_link(mm, vma, prev);
	}
	vm_stat_account(mm, vm_flags, len >> PAGE_SHIFT);
	return addr;
}

/*
 * The VMA side of mmap(2) (Linux: do_mmap; it uses current->mm, this
 * takes the mm).  Returns the address or a negative errno: -EINVAL for
 * a zero length, bad flags or a misaligned MAP_FIXED address, -ENOMEM
 * when nothing fits or the range passes task_size, -EEXIST when
 * MAP_FIXED_NOREPLACE would replace a mapping.  Caller holds mmap_lock.
 */
unsigned long do_mmap(struct mm_struct *mm, struct inode *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED) && addr && addr < mmap_min_addr)
		addr = PAGE_ALIGN(mmap_min_addr);	/* round_hint_to_min */
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	addr = get_unmapped_area(mm, file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!file) {
			pgoff = 0;
			break;
		}
		/*
		 * A ramfs file is never open for writing, so as Linux does
		 * without FMODE_WRITE: no writable shared mapping, and the
		 * rest is a read-only private one that still shows as 's'.
		 */
		if (prot & PROT_WRITE)
			return -EACCES;
		vm_flags &= ~(VM_SHARED | VM_MAYWRITE);
		break;
	case MAP_PRIVATE:
		if (!file)
			pgoff = addr >> PAGE_SHIFT;
		break;
	default:
		return -EINVAL;
	}
	return mmap_region(mm, file, addr, len, vm_flags, pgoff);
}

/*
 * Unmaps [start, start + len): splits the VMAs that straddle either end
 * and removes everything in between (Linux: __do_munmap).  Unmapping
 * nothing is no error.  -EINVAL for a misaligned start, a zero length
 * or a range past task_size; -ENOMEM when a split needs a VMA that
 * cannot be had.  Caller holds mmap_lock.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma, *prev, *last, *next;
	unsigned long end;
	int err;

	if (offset_in_page(start) || start > mm->task_size ||
	    len > mm->task_size - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (!len)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	prev = vma->vm_prev;
	if (start > vma->vm_start) {
		/* Cutting a hole out of one VMA makes one VMA more. */
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		err = split_vma(mm, vma, start, 0);
		if (err)
			return err;
		prev = vma;
	}
	last = find_vma(mm, end);
	if (last && end > last->vm_start) {
		err = split_vma(mm, last, end, 1);
		if (err)
			return err;
	}
	/*
	 * Linux's unmap_region: the pages go while the VMAs still say
	 * which are the file's, the page tables once no VMA needs them.
	 */
	zap_page_range(mm, start, end);
	vma = prev ? prev->vm_next : mm->mmap;
	while (vma && vma->vm_start < end) {
		next = vma->vm_next;
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		remove_vma(mm, vma);
		vma = next;
	}
	free_pgtables(mm, start, end);
	return 0;
}

/* mmap and munmap for callers that do not hold mmap_lock (Linux's names). */
unsigned long vm_mmap(struct mm_struct *mm, struct inode *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long offset)
{
	unsigned long ret;

	if (offset_in_page(offset) || offset + PAGE_ALIGN(len) < offset)
		return -EINVAL;
	mutex_lock(&mm->mmap_lock);
	ret = do_mmap(mm, file, addr, len, prot, flags, offset >> PAGE_SHIFT);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	int ret;

	mutex_lock(&mm->mmap_lock);
	ret = do_munmap(mm, start, len);
	mutex_unlock(&mm->mmap_lock);
	return ret;
}

/* The last user is gone: every VMA goes (Linux: exit_mmap from mmput). */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	mutex_lock(&mm->mmap_lock);
	if (vma)
		zap_page_range(mm, vma->vm_start, mm->highest_vm_end);
	for (; vma; vma = next) {
		next = vma->vm_next;
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		vm_area_free(vma);
	}
	mm->mmap = NULL;
	mm->mm_rb.node = NULL;
	mm->map_count = 0;
	mm->highest_vm_end = 0;
	free_pgtables(mm, 0, TASK_SIZE);
	mutex_unlock(&mm->mmap_lock);
}

/*
 * Checks the VMAs as Linux's validate_mm does (CONFIG_DEBUG_VM_RB): the
 * list sorted and doubly linked, no overlap, map_count and
 * highest_vm_end right, the tree ordered with every gap augmentation
 * right.  Prints one line per problem; returns how many there were.
 */
int validate_mm(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	int bugs = 0, count = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, count++) {
		if (vma->vm_start >= vma->vm_end || offset_in_page(vma->vm_start) ||
		    offset_in_page(vma->vm_end) || vma->vm_prev != prev ||
		    (prev && prev->vm_end > vma->vm_start) || vma->vm_mm != mm) {
			pr_err("validate_mm: bad vma %08lx-%08lx\n",
			       vma->vm_start, vma->vm_end);
			bugs++;
		}
	}
	if (count != mm->map_count || treap_check(&mm->mm_rb) != count) {
		pr_err("validate_mm: map_count %d, %d on the list, tree %ld\n",
		       mm->map_count, count, treap_check(&mm->mm_rb));
		bugs++;
	}
	if (mm->highest_vm_end != (prev ? vm_end_gap(prev) : 0)) {
		pr_err("validate_mm: highest_vm_end %08lx\n", mm->highest_vm_end);
		bugs++;
	}
	return bugs;
}
