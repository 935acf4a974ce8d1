/*
 * Page tables under mremap and munmap (mm/mremap.c, mm/memory.c's
 * move_page_tables and free_pgtables), on mm_alloc()'d address spaces
 * whose pages are faulted in with handle_mm_fault, as a user write
 * would.  Suite "mremap".  A move must carry the very pages along (no
 * copy, counts unchanged); a PTE page goes back as soon as no VMA is
 * left in its 2 MiB.  tests/host/test_mmap.c checks the VMA side and
 * the errors case by case.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>

#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW		(PROT_READ | PROT_WRITE)
#define PG(n)		((unsigned long)(n) << PAGE_SHIFT)
#define NPAGES		4
#define AREA		0x10000000UL	/* a 2 MiB boundary */

static u32 marker(unsigned long addr)
{
	return 0x5a000000 | (addr >> PAGE_SHIFT);
}

/*
 * Writes every page of [addr, addr + PG(n)) (a write fault each) with a
 * marker, and notes the pages in pages[].  False if a fault failed.
 */
static bool fill(struct mm_struct *mm, unsigned long addr, int n,
		 struct page **pages)
{
	int i, err = 0;
	u32 *v;

	mutex_lock(&mm->mmap_lock);
	for (i = 0; i < n && !err; i++, addr += PAGE_SIZE) {
		err = handle_mm_fault(find_vma(mm, addr), addr, true);
		pages[i] = follow_page(mm, addr);
		if (err || !pages[i])
			break;
		v = kmap_atomic(pages[i]);
		*v = marker(addr);
		kunmap_atomic(v);
	}
	mutex_unlock(&mm->mmap_lock);
	return i == n;
}

/*
 * Are the pages of [addr, addr + PG(n)) exactly pages[], each mapped
 * once, with one reference and the marker written at old?
 */
static int moved_wrong(struct mm_struct *mm, unsigned long addr,
		       unsigned long old, int n, struct page **pages)
{
	int i, bad = 0;
	u32 *v;

	for (i = 0; i < n; i++) {
		if (follow_page(mm, addr + PG(i)) != pages[i] ||
		    follow_page(mm, old + PG(i)) ||
		    page_mapcount(pages[i]) != 1 || page_count(pages[i]) != 1) {
			bad++;
			continue;
		}
		v = kmap_atomic(pages[i]);
		bad += *v != marker(old + PG(i));
		kunmap_atomic(v);
	}
	return bad;
}

/*
 * AAAAB---  ->  ----B---AAAAAAAA: blocked by B, the mapping moves and
 * grows; its PTEs go along: the same pages, not copies, at the new
 * place, nothing at the old; RSS and Vm* as before plus the growth.
 */
static void test_move_carries_the_pages(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct page *pages[NPAGES];
	unsigned long addr, new;

	ASSERT_NOT_NULL(test, mm);
	addr = vm_mmap(mm, NULL, AREA, PG(NPAGES), RW, ANON | MAP_FIXED, 0);
	EXPECT_EQ(test, vm_mmap(mm, NULL, AREA + PG(NPAGES), PG(1), PROT_READ,
				ANON | MAP_FIXED, 0), AREA + PG(NPAGES));
	ASSERT_TRUE(test, fill(mm, addr, NPAGES, pages));
	EXPECT_EQ(test, do_mremap(mm, addr, PG(NPAGES), PG(2 * NPAGES), 0, 0),
		  (unsigned long)-ENOMEM);		/* may not move */
	new = do_mremap(mm, addr, PG(NPAGES), PG(2 * NPAGES), MREMAP_MAYMOVE, 0);
	ASSERT_FALSE(test, IS_ERR_VALUE(new));
	EXPECT_NE(test, new, addr);
	EXPECT_EQ(test, moved_wrong(mm, new, addr, NPAGES, pages), 0);
	EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), NPAGES);
	EXPECT_EQ(test, find_vma(mm, new)->vm_end, new + PG(2 * NPAGES));
	EXPECT_GT(test, find_vma(mm, addr)->vm_start, addr);	/* gone */
	EXPECT_EQ(test, mm->total_vm, 2 * NPAGES + 1);
	EXPECT_EQ(test, validate_mm(mm), 0);
	mmput(mm);
}

/*
 * MREMAP_FIXED: over whatever was at the new address (it goes), and
 * shrinking on the way; the first pages travel.
 */
static void test_move_fixed(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	const unsigned long to = AREA + PG(512);	/* the next PTE page */
	struct page *pages[NPAGES], *victim;

	ASSERT_NOT_NULL(test, mm);
	EXPECT_EQ(test, vm_mmap(mm, NULL, AREA, PG(NPAGES), RW, ANON | MAP_FIXED, 0), AREA);
	EXPECT_EQ(test, vm_mmap(mm, NULL, to, PG(1), RW, ANON | MAP_FIXED, 0), to);
	ASSERT_TRUE(test, fill(mm, AREA, NPAGES, pages));
	ASSERT_TRUE(test, fill(mm, to, 1, &victim));
	EXPECT_EQ(test, do_mremap(mm, AREA, PG(NPAGES), PG(2), MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	EXPECT_EQ(test, moved_wrong(mm, to, AREA, 2, pages), 0);
	EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 2);	/* tail and victim gone */
	EXPECT_EQ(test, mm->map_count, 1);
	EXPECT_EQ(test, validate_mm(mm), 0);
	mmput(mm);
}

/* AA---  ->  AAAA-: the VMA's end moves, the pages stay; then it shrinks. */
static void test_grow_in_place_and_shrink(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct page *pages[NPAGES];

	ASSERT_NOT_NULL(test, mm);
	EXPECT_EQ(test, vm_mmap(mm, NULL, AREA, PG(2), RW, ANON | MAP_FIXED, 0), AREA);
	ASSERT_TRUE(test, fill(mm, AREA, 2, pages));
	EXPECT_EQ(test, do_mremap(mm, AREA, PG(2), PG(NPAGES), 0, 0), AREA);
	EXPECT_EQ(test, find_vma(mm, AREA)->vm_end, AREA + PG(NPAGES));
	EXPECT_PTR_EQ(test, follow_page(mm, AREA + PG(1)), pages[1]);
	EXPECT_EQ(test, mm->total_vm, NPAGES);
	EXPECT_EQ(test, do_mremap(mm, AREA, PG(NPAGES), PG(1), 0, 0), AREA);
	EXPECT_PTR_EQ(test, follow_page(mm, AREA + PG(1)), NULL);
	EXPECT_EQ(test, get_mm_counter(mm, MM_ANONPAGES), 1);
	EXPECT_EQ(test, mm->total_vm, 1);
	mmput(mm);
}

/*
 * munmap frees a PTE page once its 2 MiB holds no VMA (free_pgtables),
 * not while a neighbour still lives there; a range across a 2 MiB
 * boundary frees the side it empties.
 *
 *   AREA            +2 MiB
 *   |AB ...          |          A, B: one page each, one PTE page
 *               C C|C C         C: across the boundary, two PTE pages
 */
static void test_pgtables_freed_with_range(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	const unsigned long c = AREA + PMD_SIZE * 2 - PG(2);
	int pts = atomic_read(&nr_pagetable_pages);
	struct page *pages[NPAGES];

	ASSERT_NOT_NULL(test, mm);
	EXPECT_EQ(test, vm_mmap(mm, NULL, AREA, PG(1), RW, ANON | MAP_FIXED, 0), AREA);
	EXPECT_EQ(test, vm_mmap(mm, NULL, AREA + PG(1), PG(1), PROT_READ,
				ANON | MAP_FIXED, 0), AREA + PG(1));
	EXPECT_EQ(test, vm_mmap(mm, NULL, c, PG(4), RW, ANON | MAP_FIXED, 0), c);
	ASSERT_TRUE(test, fill(mm, AREA, 1, pages));
	ASSERT_TRUE(test, fill(mm, c, 4, pages));
	mutex_lock(&mm->mmap_lock);
	EXPECT_EQ(test, handle_mm_fault(find_vma(mm, AREA + PG(1)), AREA + PG(1), false), 0);
	mutex_unlock(&mm->mmap_lock);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts + 3);
	EXPECT_EQ(test, vm_munmap(mm, AREA, PG(1)), 0);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts + 3);	/* B */
	EXPECT_EQ(test, vm_munmap(mm, AREA + PG(1), PG(1)), 0);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts + 2);
	EXPECT_EQ(test, vm_munmap(mm, c, PG(2)), 0);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts + 1);
	EXPECT_EQ(test, vm_munmap(mm, c + PG(2), PG(2)), 0);
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), pts);
	EXPECT_EQ(test, get_mm_rss(mm), 0);
	mmput(mm);
}

KTEST_SUITE(mremap,
	    KTEST_CASE(test_move_carries_the_pages),
	    KTEST_CASE(test_move_fixed),
	    KTEST_CASE(test_grow_in_place_and_shrink),
	    KTEST_CASE(test_pgtables_freed_with_range));
