/*
 * Host tests of the address space layout (arch/x86/mm/mmap.c): where
 * mmap_base goes for stack limits small, large and unlimited, with and
 * without randomisation; where the heap starts; and norandmaps.
 *
 * host-test-sources: arch/x86/mm/mmap.c mm/brk.c mm/mmap.c mm/shmem.c mm/treap.c kernel/params.c kernel/kstrtox.c tests/host/mm_sim.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#define MB		(1024UL * 1024)
#define GUARD		(256 * PAGE_SIZE)		/* stack_guard_gap */
#define STACK_RND	(0x7ffUL << PAGE_SHIFT)		/* stack_maxrandom_size */
#define MMAP_RND	(255UL << PAGE_SHIFT)		/* the most arch_mmap_rnd gives */

static struct mm_struct mm;

static unsigned long base_for(int randomize, unsigned long rlim)
{
	randomize_va_space = randomize;
	mm.task_size = TASK_SIZE;
	arch_pick_mmap_layout(&mm, rlim);
	return mm.mmap_base;
}

/*
 * The gap below TASK_SIZE is the stack limit plus the stack's random
 * room plus the guard gap, at least 128 MiB, at most 5/6 of the space.
 */
static void test_mmap_base(struct ktest *test)
{
	unsigned long b;
	int i;

	EXPECT_EQ(test, base_for(0, _STK_LIM), TASK_SIZE - 128 * MB);
	EXPECT_EQ(test, base_for(0, 1024 * MB), TASK_SIZE - 1024 * MB - GUARD);
	EXPECT_EQ(test, base_for(0, ~0UL), TASK_SIZE - TASK_SIZE / 6 * 5);
	EXPECT_EQ(test, base_for(0, 2600 * MB), TASK_SIZE - TASK_SIZE / 6 * 5);
	for (i = 0; i < 100; i++) {
		b = base_for(2, 1024 * MB);
		EXPECT_EQ(test, offset_in_page(b), 0);
		EXPECT_LE(test, b, TASK_SIZE - 1024 * MB - GUARD - STACK_RND);
		EXPECT_GE(test, b, TASK_SIZE - 1024 * MB - GUARD - STACK_RND - MMAP_RND);
		EXPECT_LE(test, base_for(1, _STK_LIM), TASK_SIZE - 128 * MB);
	}
	/* Random: 100 tries do not all land on one address. */
	b = base_for(2, _STK_LIM);
	for (i = 0; i < 100 && base_for(2, _STK_LIM) == b; i++)
		;
	EXPECT_LT(test, i, 100);
	randomize_va_space = 2;
}

/* The heap moves up to 32 MiB up with 2 only. */
static void test_randomize_brk(struct ktest *test)
{
	unsigned long b, moved = 0;
	int i;

	mm.brk = 0x0804c123;
	randomize_va_space = 1;
	EXPECT_EQ(test, arch_randomize_brk(&mm), 0x0804c123);
	randomize_va_space = 2;
	for (i = 0; i < 100; i++) {
		b = arch_randomize_brk(&mm);
		EXPECT_EQ(test, offset_in_page(b), 0);
		EXPECT_GE(test, b, 0x0804d000);
		EXPECT_LT(test, b, 0x0804d000 + 32 * MB);
		moved += b != 0x0804d000;
	}
	EXPECT_GT(test, moved, 0);
}

static void test_norandmaps(struct ktest *test)
{
	char line[] = "norandmaps";

	randomize_va_space = 2;
	EXPECT_EQ(test, parse_early_param(line), 0);
	EXPECT_EQ(test, randomize_va_space, 0);
	randomize_va_space = 2;
}

KTEST_SUITE(mmap_layout, KTEST_CASE(test_mmap_base), KTEST_CASE(test_randomize_brk),
	    KTEST_CASE(test_norandmaps));
