/*
 * Many random mmap (fixed and top-down), munmap and mprotect calls on
 * one address space, each checked against a model: one byte per page of
 * a 512-page window saying how it is mapped.  After every call the VMAs
 * must be exactly the model's runs (anonymous VMAs with equal flags
 * always merge, their pgoff following their address), the tree must
 * pass validate_mm (order, links, every gap augmentation), the counters
 * must match, and find_vma must agree with the model.
 *
 *   page 1 .. B     one VMA that no call touches (so top-down searches
 *                   stay in the window)
 *   B .. B + W      the window; mmap_base at its top
 *
 * host-test-sources: mm/mmap.c mm/brk.c mm/mremap.c mm/mprotect.c mm/madvise.c mm/treap.c mm/task_mmu.c arch/x86/mm/mmap.c mm/shmem.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c tests/host/vma_util.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/string.h>
#include "vma_util.h"

#define W		512UL
#define OPS		20000
#define BLOCKER		(VM_READ | VM_MAYREAD)

static u8 model[W];			/* 0 free, else PROT_* | 8 */
static struct vma_spec expect[W + 2];
static unsigned long rnd_state = 88172645463325252UL;

static unsigned long rnd(unsigned long n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % n;
}

static const unsigned long prots[] = {
	PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC,
};

/* The model's runs as VMAs, the blocker first. */
static void model_vmas(void)
{
	struct vma_spec *s = expect;
	unsigned long p = 0;

	*s++ = (struct vma_spec){ 1, BASE, BLOCKER, NULL, 0 };
	while (p < W) {
		unsigned long q = p;

		if (!model[p]) {
			p++;
			continue;
		}
		while (q < W && model[q] == model[p])
			q++;
		*s++ = (struct vma_spec){ BASE + p, BASE + q,
			calc_vm_prot_bits(model[p] & 7) | MAY, NULL, 0 };
		p = q;
	}
	*s = (struct vma_spec){ 0 };
}

/* The highest free run of n pages in the window, as a page, or -1. */
static long model_topdown(unsigned long n)
{
	unsigned long end, free = 0;

	for (end = W; end-- > 0; ) {
		free = model[end] ? 0 : free + 1;
		if (free == n)
			return end;
	}
	return -1;
}

static unsigned long model_mprotect(unsigned long p, unsigned long n, unsigned long prot)
{
	for (; n; p++, n--) {
		if (!model[p])
			return -ENOMEM;
		model[p] = prot | 8;
	}
	return 0;
}

/* One random call on test_mm and the model; what test_mm returned and what the model says. */
static void random_op(unsigned long *got, unsigned long *want)
{
	unsigned long p = rnd(W), n = 1 + rnd(min(16UL, W - p));
	unsigned long prot = prots[rnd(ARRAY_SIZE(prots))];
	long top;

	switch (rnd(4)) {
	case 0:
		*got = do_mmap(&test_mm, NULL, PG(BASE + p), PG(n), prot,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
		*want = PG(BASE + p);
		memset(model + p, prot | 8, n);
		break;
	case 1:
		*got = do_mmap(&test_mm, NULL, 0, PG(n), prot,
			       MAP_PRIVATE | MAP_ANONYMOUS, 0);
		top = model_topdown(n);
		*want = top < 0 ? (unsigned long)-ENOMEM : PG(BASE + top);
		if (top >= 0)
			memset(model + top, prot | 8, n);
		break;
	case 2:
		*got = do_munmap(&test_mm, PG(BASE + p), PG(n));
		*want = 0;
		memset(model + p, 0, n);
		break;
	default:
		mutex_unlock(&test_mm.mmap_lock);
		*got = do_mprotect(&test_mm, PG(BASE + p), PG(n), prot);
		mutex_lock(&test_mm.mmap_lock);
		*want = model_mprotect(p, n, prot);
		break;
	}
}

/* find_vma at a random page: the first mapped page at or above it. */
static bool find_vma_agrees(void)
{
	unsigned long p = rnd(W), q = p;
	struct vm_area_struct *vma = find_vma(&test_mm, PG(BASE + p));

	while (q < W && !model[q])
		q++;
	if (q == W)
		return !vma;
	return vma && vma->vm_start <= PG(BASE + q) && PG(BASE + q) < vma->vm_end;
}

static void test_random_ops(struct ktest *test)
{
	const struct vma_spec blocker[] = { { 1, BASE, BLOCKER, NULL, 0 }, { 0 } };
	unsigned long got, want, max_count = 0;
	int i;

	vma_boot(PG(BASE + W));
	vma_setup(blocker);
	memset(model, 0, sizeof(model));
	for (i = 0; i < OPS; i++) {
		random_op(&got, &want);
		model_vmas();
		if (got != want || vma_differ(expect) || !find_vma_agrees()) {
			printk("  op %d: returned %lx, expected %lx\n", i, got, want);
			ktest_fail_msg(test, __FILE__, __LINE__, "the VMAs left the model");
			break;
		}
		max_count = max(max_count, (unsigned long)test_mm.map_count);
	}
	printk("  %d calls, up to %lu VMAs\n", i, max_count);
	EXPECT_GT(test, max_count, 20);		/* the tree was exercised */
	EXPECT_EQ(test, vma_teardown(), 0);
}

KTEST_SUITE(mmap_random, KTEST_CASE(test_random_ops));
