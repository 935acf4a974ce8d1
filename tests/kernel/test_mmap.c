/*
 * User address spaces in the kernel (mm/mmap.c, mm/mprotect.c,
 * arch/x86/mm/mmap.c, kernel/fork.c): mm_alloc()'d spaces laid out as
 * randomize_va_space says, filled with hundreds of mappings top-down,
 * cut by munmap and mprotect, a heap grown and shrunk, the maps listing
 * one line per VMA, and mmput() giving every VMA back (the suite's
 * free_pages_unchanged check catches a VMA left behind).  The host tests
 * (tests/host/test_mmap*.c) do the case-by-case work.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#define NMAPS		300
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define SIZE_128M	(128UL << 20)

static unsigned long addrs[NMAPS];

/* The layout with the default randomize_va_space (2) and the 8 MiB stack. */
static void test_layout(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();

	ASSERT_NOT_NULL(test, mm);
	EXPECT_EQ(test, mm->task_size, TASK_SIZE);
	EXPECT_EQ(test, offset_in_page(mm->mmap_base), 0);
	EXPECT_LE(test, mm->mmap_base, TASK_SIZE - SIZE_128M);
	EXPECT_GE(test, mm->mmap_base, TASK_SIZE - SIZE_128M - (255UL << PAGE_SHIFT));
	EXPECT_EQ(test, mm->map_count, 0);
	EXPECT_PTR_EQ(test, mm->mmap, NULL);
	mmput(mm);
}

/*
 * NMAPS mappings of 1-4 pages with alternating protections, top-down:
 * each lies wholly below mmap_base and below the one before (nothing is
 * freed in between), and neighbours with equal flags merged.
 */
static void test_many_mappings(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long len, total = 0;
	int i, err = 0;

	ASSERT_NOT_NULL(test, mm);
	for (i = 0; i < NMAPS; i++) {
		len = (1 + i % 4) * PAGE_SIZE;
		addrs[i] = vm_mmap(mm, NULL, 0, len, i % 3 ? PROT_READ : PROT_READ | PROT_WRITE,
				   ANON, 0);
		if (IS_ERR_VALUE(addrs[i]) || addrs[i] + len > (i ? addrs[i - 1] : mm->mmap_base))
			err++;
		total += len >> PAGE_SHIFT;
	}
	EXPECT_EQ(test, err, 0);
	EXPECT_EQ(test, mm->total_vm, total);
	EXPECT_EQ(test, validate_mm(mm), 0);
	/* Runs of equal flags merged: the R, R pairs between RW ones. */
	EXPECT_EQ(test, mm->map_count, NMAPS / 3 * 2);
	/* Every other mapping out again, and the holes' middles read-write. */
	for (i = 0; i < NMAPS; i += 2)
		err += vm_munmap(mm, addrs[i], PAGE_SIZE) != 0;
	for (i = 1; i < NMAPS; i += 4)
		err += do_mprotect(mm, addrs[i], PAGE_SIZE, PROT_READ | PROT_WRITE) != 0;
	EXPECT_EQ(test, err, 0);
	EXPECT_EQ(test, mm->total_vm, total - NMAPS / 2);
	EXPECT_EQ(test, validate_mm(mm), 0);
	EXPECT_PTR_EQ(test, find_vma_intersection(mm, addrs[0], addrs[0] + PAGE_SIZE), NULL);
	EXPECT_EQ(test, do_munmap(mm, addrs[0] + 1, PAGE_SIZE), -EINVAL);
	mmput(mm);			/* exit_mmap: the leak check sees the rest */
}

/* The heap: created, grown, shrunk, refused below start_brk. */
static void test_brk(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long start = 0x0804c000;
	struct vm_area_struct *vma;

	ASSERT_NOT_NULL(test, mm);
	mm->start_brk = mm->brk = start;
	EXPECT_EQ(test, mm_brk(mm, start + 3 * PAGE_SIZE + 5), start + 3 * PAGE_SIZE + 5);
	vma = find_vma(mm, start);
	ASSERT_NOT_NULL(test, vma);
	EXPECT_EQ(test, vma->vm_start, start);
	EXPECT_EQ(test, vma->vm_end, start + 4 * PAGE_SIZE);
	EXPECT_EQ(test, mm->data_vm, 4);
	EXPECT_EQ(test, mm_brk(mm, start + PAGE_SIZE), start + PAGE_SIZE);
	EXPECT_EQ(test, vma->vm_end, start + PAGE_SIZE);
	EXPECT_EQ(test, mm_brk(mm, start - PAGE_SIZE), start + PAGE_SIZE);
	EXPECT_EQ(test, mm->map_count, 1);
	mmput(mm);
}

/* The maps listing: one line per VMA, the heap named. */
static void test_maps(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long addr, lines = 0;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL), *s;
	int len;

	if (!mm || !buf) {
		ktest_fail_msg(test, __FILE__, __LINE__, "an allocation failed");
		goto out;
	}
	mm->start_brk = mm->brk = 0x0804c000;
	mm_brk(mm, 0x0804e000);
	addr = vm_mmap(mm, NULL, 0x10000000, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC, ANON, 0);
	EXPECT_EQ(test, addr, 0x10000000);
	vm_mmap(mm, NULL, 0, PAGE_SIZE, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, 0);
	len = show_maps(mm, buf, PAGE_SIZE, NULL);
	EXPECT_GT(test, len, 0);
	for (s = buf; *s; s++)
		lines += *s == '\n';
	EXPECT_EQ(test, lines, mm->map_count);
	EXPECT_EQ(test, strncmp(buf, "0804c000-0804e000 rw-p 00000000 00:00 0          [heap]\n", 56), 0);
	EXPECT_EQ(test, strncmp(buf + 56, "10000000-10002000 r-xp 00000000 00:00 0 \n", 41), 0);
	EXPECT_EQ(test, strncmp(buf + 97 + 17, " ---s ", 6), 0);
out:
	kfree(buf);
	if (mm)
		mmput(mm);
}

KTEST_SUITE(mmap,
	    KTEST_CASE(test_layout),
	    KTEST_CASE(test_many_mappings),
	    KTEST_CASE(test_brk),
	    KTEST_CASE(test_maps));
