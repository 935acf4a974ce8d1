/*
 * Where a user address space puts its mmap area and heap (Linux:
 * arch/x86/mm/mmap.c, with randomize_va_space and norandmaps from
 * mm/memory.c and arch_randomize_brk from arch/x86/kernel/process.c).
 *
 *   TASK_SIZE  +------------------+ 3 GiB
 *              | stack            |  grows down from near the top
 *              | gap              |  the stack rlimit + stack randomness
 *              |                  |  + guard gap, kept in [128 MiB, 5/6]
 *   mmap_base  +------------------+  less a random number of pages
 *              | mmap area        |  filled top-down
 *              |       ...        |
 *              | heap (brk)       |  after the program, randomised
 *              | program          |
 *            0 +------------------+
 *
 * Only the top-down layout: Linux's legacy bottom-up one (ulimit -s
 * unlimited, ADDR_COMPAT_LAYOUT) is left out.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/random.h>

/*
 * 0: nothing is randomised.  1: the stack, mmap_base and the vDSO.
 * 2 (default): the heap too.  As /proc/sys/kernel/randomize_va_space.
 */
int randomize_va_space = 2;

static int __init disable_randmaps(char *val)
{
	randomize_va_space = 0;
	return 0;
}
early_param("norandmaps", disable_randmaps);

#define SIZE_128M	(128UL * 1024 * 1024)
#define MMAP_RND_BITS	8		/* CONFIG_ARCH_MMAP_RND_COMPAT_BITS */
#define STACK_RND_MASK	0x7ffUL		/* 32-bit: 8 MiB of stack offsets */
#define BRK_RND_RANGE	0x02000000UL	/* 32 MiB */

/* Linux sets PF_RANDOMIZE at exec when randomize_va_space is not 0. */
static bool randomize(void)
{
	return randomize_va_space != 0;
}

static unsigned long arch_mmap_rnd(void)
{
	if (!randomize())
		return 0;
	return (get_random_long() & ((1UL << MMAP_RND_BITS) - 1)) << PAGE_SHIFT;
}

static unsigned long stack_maxrandom_size(void)
{
	return randomize() ? STACK_RND_MASK << PAGE_SHIFT : 0;
}

/*
 * The top of the mmap area: below the stack's rlimit, the room the
 * stack's random offset may take and the guard gap, with at least 128
 * MiB and at most 5/6 of the space left for the stack.
 */
static unsigned long mmap_base(unsigned long rnd, unsigned long task_size,
			       unsigned long stack_rlim)
{
	unsigned long gap = stack_rlim;
	unsigned long pad = stack_maxrandom_size() + stack_guard_gap;

	if (gap + pad > gap)		/* RLIM_INFINITY would wrap */
		gap += pad;
	gap = min(max(gap, SIZE_128M), task_size / 6 * 5);
	return PAGE_ALIGN(task_size - gap - rnd);
}

/* Sets mm->mmap_base for a stack limited to stack_rlim bytes. */
void arch_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlim)
{
	mm->mmap_base = mmap_base(arch_mmap_rnd(), mm->task_size, stack_rlim);
}

/*
 * A page-aligned address in [start, start + range), or start when range
 * holds less than one page (Linux: randomize_page).
 */
static unsigned long randomize_page(unsigned long start, unsigned long range)
{
	range >>= PAGE_SHIFT;
	if (!range)
		return start;
	return start + (get_random_long() % range << PAGE_SHIFT);
}

/*
 * Where the heap of mm starts: mm->brk moved up by up to 32 MiB when
 * randomize_va_space is 2 (the ELF loader's caller sets start_brk and brk
 * to the result).
 */
unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	if (randomize_va_space < 2)
		return mm->brk;
	return randomize_page(PAGE_ALIGN(mm->brk), BRK_RND_RANGE);
}
