/*
 * Shared anonymous memory (mm/shmem.c and its callers in mm/mmap.c,
 * mm/memory.c, mm/mremap.c): suite "shmem", on mm_alloc()'d address
 * spaces faulted with handle_mm_fault as a user access would.  Every
 * process that maps the object maps its one page per offset, writable;
 * each VMA naming the object holds a reference (split, fork, mremap),
 * and the pages go back exactly when the last one goes.
 * tests/user/shared.c checks the same from user space, on Linux too.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/shmem_fs.h>
#include "test_util.h"

#define SHARED		(MAP_SHARED | MAP_ANONYMOUS)
#define RW		(PROT_READ | PROT_WRITE)
#define PG(n)		((unsigned long)(n) << PAGE_SHIFT)
#define NPAGES		4
#define AREA		0x10000000UL	/* a 2 MiB boundary */

/* A new shared mapping of npages at AREA in a new mm; its object in *obj. */
static struct mm_struct *map_object(int npages, struct inode **obj)
{
	struct mm_struct *mm = mm_alloc();

	if (mm && vm_mmap(mm, NULL, AREA, PG(npages), RW, SHARED | MAP_FIXED, 0) != AREA) {
		mmput(mm);
		mm = NULL;
	}
	*obj = mm ? find_vma(mm, AREA)->vm_file : NULL;
	return mm;
}

static struct inode *object_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma->vm_file : NULL;
}

static u32 marker(int i)
{
	return 0x5b000000 | i;
}

/* Is the word at the start of page the marker of i? */
static bool has_marker(struct page *page, int i)
{
	u32 *v;
	bool ok;

	if (!page)
		return false;
	v = kmap_atomic(page);
	ok = *v == marker(i);
	kunmap_atomic(v);
	return ok;
}

/* Writes page i of the mapping at addr: a write fault, then the marker. */
static bool write_page(struct mm_struct *mm, unsigned long addr, int i)
{
	struct page *page;
	u32 *v;

	if (user_fault(mm, addr + PG(i), true))
		return false;
	page = follow_page(mm, addr + PG(i));
	if (!page)
		return false;
	v = kmap_atomic(page);
	*v = marker(i);
	kunmap_atomic(v);
	return true;
}

/* What fork does for one VMA (kernel/fork.c's dup_mm, one iteration). */
static int dup_vma(struct mm_struct *dst, struct mm_struct *src,
		   struct vm_area_struct *vma)
{
	struct vm_area_struct *copy = vm_area_alloc(dst);
	int err;

	if (!copy)
		return -ENOMEM;
	*copy = *vma;
	vm_file_get(copy->vm_file);
	mutex_lock(&dst->mmap_lock);
	err = insert_vm_struct(dst, copy);
	if (err)
		vm_area_free(copy);
	else
		err = copy_page_range(dst, src, vma);
	mutex_unlock(&dst->mmap_lock);
	return err;
}

/*
 * A read fault and a write fault both map the object's page, writable,
 * counted as MM_SHMEMPAGES (not anonymous: AnonPages stays) and in
 * nr_shmem; the object, not the VMA, is named in vm_file.
 */
static void test_fault_maps_object_page(struct ktest *test)
{
	long shmem = atomic_read(&nr_shmem), anon = atomic_read(&nr_anon_mapped);
	const unsigned long addr = AREA;
	struct mm_struct *mm;
	struct inode *obj;
	int i;

	mm = map_object(NPAGES, &obj);
	ASSERT_NOT_NULL(test, mm);
	ASSERT_TRUE(test, is_shmem_inode(obj));
	EXPECT_EQ(test, obj->i_size, PG(NPAGES));
	EXPECT_EQ(test, shmem_users(obj), 1);
	EXPECT_EQ(test, user_fault(mm, addr, false), 0);		/* read */
	ASSERT_TRUE(test, write_page(mm, addr, 1));		/* write */
	for (i = 0; i < 2; i++) {
		pte_t pte;

		EXPECT_PTR_EQ(test, follow_page(mm, addr + PG(i)), shmem_find_page(obj, i));
		EXPECT_TRUE(test, follow_pte(mm, addr + PG(i), &pte) &&
			    (pte_val(pte) & _PAGE_RW));
	}
	EXPECT_NOT_NULL(test, shmem_find_page(obj, 0));
	EXPECT_EQ(test, shmem_nr_pages(obj), 2);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem + 2);
	EXPECT_EQ(test, atomic_read(&nr_anon_mapped), anon);
	EXPECT_EQ(test, get_mm_counter(mm, MM_SHMEMPAGES), 2);
	EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 0);
	mmput(mm);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem);
}

/*
 * Parent and "forked" child map the same pages; the parent going keeps
 * them (the child still reads the parent's writes), the child going
 * frees them: nr_shmem and every free count back where they started.
 */
static void test_last_user_frees(struct ktest *test)
{
	struct mm_struct *parent, *child;
	long shmem = atomic_read(&nr_shmem);
	struct page *pages[NPAGES];
	struct free_state was;
	struct inode *obj;
	unsigned long addr;
	int i, bad = 0;

	free_state_take(&was);
	parent = mm_alloc();
	child = mm_alloc();
	ASSERT_NOT_NULL(test, parent);
	ASSERT_NOT_NULL(test, child);
	addr = vm_mmap(parent, NULL, AREA, PG(NPAGES), RW, SHARED | MAP_FIXED, 0);
	ASSERT_EQ(test, addr, AREA);
	for (i = 0; i < NPAGES; i++) {
		ASSERT_TRUE(test, write_page(parent, addr, i));
		pages[i] = follow_page(parent, addr + PG(i));
	}
	obj = object_at(parent, addr);
	EXPECT_EQ(test, dup_vma(child, parent, find_vma(parent, addr)), 0);
	EXPECT_EQ(test, shmem_users(obj), 2);
	for (i = 0; i < NPAGES; i++)
		bad += follow_page(child, addr + PG(i)) != pages[i] ||
		       page_mapcount(pages[i]) != 2 || page_count(pages[i]) != 3;
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, get_mm_counter(child, MM_SHMEMPAGES), NPAGES);

	mmput(parent);
	EXPECT_EQ(test, shmem_users(obj), 1);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem + NPAGES);
	for (i = 0; i < NPAGES; i++)
		bad += !has_marker(follow_page(child, addr + PG(i)), i) ||
		       page_mapcount(pages[i]) != 1 || page_count(pages[i]) != 2;
	EXPECT_EQ(test, bad, 0);

	mmput(child);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem);
	EXPECT_EQ(test, free_state_diff(&was), 0);
}

/*
 * The reference count follows the VMAs: munmap of the middle page
 * (two splits, one VMA gone), mprotect (a split, then a merge), an
 * mremap move (copy_vma, then the old VMA unmapped).  The object keeps
 * the unmapped page's data; past its size a grown mapping faults SIGBUS.
 */
static void test_refcount_follows_vmas(struct ktest *test)
{
	const unsigned long addr = AREA, to = AREA + PG(64);
	long shmem = atomic_read(&nr_shmem);
	struct mm_struct *mm;
	struct inode *obj;
	int i;

	mm = map_object(NPAGES, &obj);
	ASSERT_NOT_NULL(test, mm);
	for (i = 0; i < NPAGES; i++)
		ASSERT_TRUE(test, write_page(mm, addr, i));

	EXPECT_EQ(test, vm_munmap(mm, addr + PG(1), PG(1)), 0);
	EXPECT_EQ(test, shmem_users(obj), 2);
	EXPECT_EQ(test, shmem_nr_pages(obj), NPAGES);	/* the data stays */
	EXPECT_EQ(test, get_mm_counter(mm, MM_SHMEMPAGES), NPAGES - 1);

	EXPECT_EQ(test, do_mprotect(mm, addr + PG(3), PG(1), PROT_READ), 0);
	EXPECT_EQ(test, shmem_users(obj), 3);
	EXPECT_EQ(test, do_mprotect(mm, addr + PG(3), PG(1), RW), 0);
	EXPECT_EQ(test, shmem_users(obj), 2);		/* merged again */
	EXPECT_EQ(test, user_fault(mm, addr + PG(3), true), 0);	/* no copy */
	EXPECT_PTR_EQ(test, follow_page(mm, addr + PG(3)), shmem_find_page(obj, 3));

	EXPECT_EQ(test, do_mremap(mm, addr + PG(2), PG(2), PG(3),
				  MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	EXPECT_EQ(test, shmem_users(obj), 2);
	EXPECT_PTR_EQ(test, object_at(mm, to), obj);
	EXPECT_TRUE(test, has_marker(follow_page(mm, to + PG(1)), 3));
	EXPECT_EQ(test, user_fault(mm, to + PG(2), false), VM_FAULT_SIGBUS);
	EXPECT_EQ(test, validate_mm(mm), 0);

	EXPECT_EQ(test, vm_munmap(mm, addr, PG(1)), 0);
	EXPECT_EQ(test, shmem_users(obj), 1);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem + NPAGES);
	mmput(mm);
	EXPECT_EQ(test, atomic_read(&nr_shmem), shmem);
}

/* MADV_DONTNEED's zap drops the mappings; the next fault finds the data. */
static void test_zap_keeps_data(struct ktest *test)
{
	const unsigned long addr = AREA;
	struct mm_struct *mm;
	struct inode *obj;
	struct page *page;

	mm = map_object(1, &obj);
	ASSERT_NOT_NULL(test, mm);
	ASSERT_TRUE(test, write_page(mm, addr, 0));
	page = follow_page(mm, addr);
	mutex_lock(&mm->mmap_lock);
	zap_page_range(mm, addr, addr + PG(1));
	mutex_unlock(&mm->mmap_lock);
	EXPECT_PTR_EQ(test, follow_page(mm, addr), NULL);
	EXPECT_EQ(test, get_mm_counter(mm, MM_SHMEMPAGES), 0);
	EXPECT_EQ(test, page_mapcount(page), 0);
	EXPECT_EQ(test, user_fault(mm, addr, false), 0);
	EXPECT_PTR_EQ(test, follow_page(mm, addr), page);
	EXPECT_TRUE(test, has_marker(page, 0));
	mmput(mm);
}

KTEST_SUITE(shmem,
	    KTEST_CASE(test_fault_maps_object_page),
	    KTEST_CASE(test_last_user_frees),
	    KTEST_CASE(test_refcount_follows_vmas),
	    KTEST_CASE(test_zap_keeps_data));
