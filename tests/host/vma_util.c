/*
 * The helpers of vma_util.h.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "slab_util.h"
#include "vma_util.h"

struct inode vma_files[2];	/* real inodes: the mm code reads i_ino */
struct mm_struct test_mm;

void vma_boot(unsigned long mmap_base)
{
	slab_boot(0);
	mmap_init();
	mm_init_vmas(&test_mm);
	test_mm.mmap_base = mmap_base;
	mutex_lock(&test_mm.mmap_lock);
}

static unsigned long spec_pgoff(const struct vma_spec *s)
{
	return s->file ? s->pgoff : s->start;
}

void vma_setup(const struct vma_spec *specs)
{
	const struct vma_spec *s;

	for (s = specs; s->end; s++) {
		struct vm_area_struct *vma = vm_area_alloc(&test_mm);

		BUG_ON(!vma);
		vma->vm_start = PG(s->start);
		vma->vm_end = PG(s->end);
		vma->vm_flags = s->flags;
		vma->vm_file = s->file;
		vma->vm_pgoff = spec_pgoff(s);
		BUG_ON(insert_vm_struct(&test_mm, vma));
		vm_stat_account(&test_mm, s->flags, s->end - s->start);
	}
}

/* The counters vm_stat_account would arrive at for these VMAs. */
static void expected_counts(const struct vma_spec *specs, unsigned long c[4])
{
	const struct vma_spec *s;

	c[0] = c[1] = c[2] = c[3] = 0;
	for (s = specs; s->end; s++) {
		unsigned long n = s->end - s->start, f = s->flags;

		c[0] += n;
		if ((f & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
			c[1] += n;
		else if (f & VM_STACK)
			c[2] += n;
		else if ((f & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			c[3] += n;
	}
}

int vma_differ(const struct vma_spec *specs)
{
	const struct vma_spec *s = specs;
	struct vm_area_struct *vma;
	unsigned long c[4];
	int bad = validate_mm(&test_mm);

	for (vma = test_mm.mmap; vma || s->end; vma = vma ? vma->vm_next : NULL, s++) {
		if (!vma || !s->end) {
			printk("  vma: %s\n", vma ? "more VMAs than expected" : "VMAs missing");
			return bad + 1;
		}
		if (vma->vm_start != PG(s->start) || vma->vm_end != PG(s->end) ||
		    vma->vm_flags != s->flags || vma->vm_file != s->file ||
		    vma->vm_pgoff != spec_pgoff(s)) {
			printk("  vma: %lx-%lx flags %lx pgoff %lx, expected %lx-%lx flags %lx pgoff %lx\n",
			       vma->vm_start >> PAGE_SHIFT, vma->vm_end >> PAGE_SHIFT,
			       vma->vm_flags, vma->vm_pgoff, s->start, s->end,
			       s->flags, spec_pgoff(s));
			bad++;
		}
	}
	expected_counts(specs, c);
	if (test_mm.total_vm != c[0] || test_mm.exec_vm != c[1] ||
	    test_mm.stack_vm != c[2] || test_mm.data_vm != c[3]) {
		printk("  vma: total/exec/stack/data_vm %lu/%lu/%lu/%lu, expected %lu/%lu/%lu/%lu\n",
		       test_mm.total_vm, test_mm.exec_vm, test_mm.stack_vm,
		       test_mm.data_vm, c[0], c[1], c[2], c[3]);
		bad++;
	}
	return bad;
}

int vma_teardown(void)
{
	struct kmem_cache *s;

	mutex_unlock(&test_mm.mmap_lock);
	exit_mmap(&test_mm);
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, "vm_area_struct"))
			kmem_cache_shrink(s);
	return buddy_as_at_init() + (test_mm.total_vm != 0);
}
