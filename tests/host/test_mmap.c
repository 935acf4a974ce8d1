/*
 * Host tests of the VMA operations (mm/mmap.c, mm/mprotect.c) as tables
 * in the manner of Linux's tools/testing/vma: the VMAs before, one
 * operation, its result, the VMAs after.  Every case also checks the
 * tree (validate_mm: order, links, the gap augmentation), the Vm*
 * counters recomputed from the expected VMAs, and that tearing the
 * address space down gives every page back.
 *
 * In the pictures one character is one page from B (page 0x100); the
 * letters are VMAs (R = read-only, W = read-write, X = read-exec, a/b
 * pages of file_a/file_b), '-' free.  MREMAP cases put the old length in
 * len and mremap's flags in flags.
 *
 * host-test-sources: mm/mmap.c mm/brk.c mm/mremap.c mm/mprotect.c mm/madvise.c mm/treap.c mm/task_mmu.c arch/x86/mm/mmap.c mm/shmem.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/page_alloc.c mm/mm_init.c mm/memblock.c mm/memblock_alloc.c tests/host/mm_sim.c tests/host/slab_util.c tests/host/vma_util.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/string.h>
#include "mm_sim.h"
#include "vma_util.h"

/* The tables leave trailing fields out: zero, as C says. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define B		BASE
#define A(p)		PG(B + (p))		/* the address of page B + p */
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define FIXED		(ANON | MAP_FIXED)
#define ERR(e)		((unsigned long)-(e))
#define TOP		(B + 0x100)		/* mmap_base, in pages */

enum op { MMAP, MUNMAP, MPROTECT, BRK, MREMAP, MREMAP_NO_PTE_PAGES, MADVISE };

struct mmap_case {
	const char *name;
	struct vma_spec before[MAX_SPECS];
	enum op op;
	unsigned long addr, len, prot, flags;	/* bytes; mmap/mprotect */
	struct inode *file;
	unsigned long pgoff;
	unsigned long ret;			/* an address, 0 or ERR() */
	struct vma_spec after[MAX_SPECS];
	unsigned long start_brk, brk;		/* BRK: pages; addr the new brk */
	unsigned long new_len, new_addr;	/* MREMAP: len is the old length */
};

static const struct mmap_case cases[] = {
	/* WWWW----  +  ----WWWW  ->  WWWWWWWW */
	{ "merge with prev", { { B, B + 4, RW } }, MMAP, A(4), PG(4),
	  PROT_READ | PROT_WRITE, FIXED, NULL, 0, A(4), { { B, B + 8, RW } } },
	/* ----WWWW  +  WWWW----  ->  WWWWWWWW */
	{ "merge with next", { { B + 4, B + 8, RW } }, MMAP, A(0), PG(4),
	  PROT_READ | PROT_WRITE, FIXED, NULL, 0, A(0), { { B, B + 8, RW } } },
	/* WWWW----WWWW  +  ----WWWW----  ->  WWWWWWWWWWWW */
	{ "merge both sides", { { B, B + 4, RW }, { B + 8, B + 12, RW } }, MMAP,
	  A(4), PG(4), PROT_READ | PROT_WRITE, FIXED, NULL, 0, A(4),
	  { { B, B + 12, RW } } },
	/* RRRR----RRRR  +  ----WWWW----  ->  RRRRWWWWRRRR, three */
	{ "no merge, flags differ", { { B, B + 4, R_ }, { B + 8, B + 12, R_ } },
	  MMAP, A(4), PG(4), PROT_READ | PROT_WRITE, FIXED, NULL, 0, A(4),
	  { { B, B + 4, R_ }, { B + 4, B + 8, RW }, { B + 8, B + 12, R_ } } },
	/* aaaa----  +  ----bbbb (file_b at 4)  ->  two */
	{ "no merge, file differs", { { B, B + 4, R_, file_a, 0 } }, MMAP, A(4),
	  PG(4), PROT_READ, MAP_PRIVATE | MAP_FIXED, file_b, 4, A(4),
	  { { B, B + 4, R_, file_a, 0 }, { B + 4, B + 8, R_, file_b, 4 } } },
	/* aaaa----  +  ----aaaa (file_a at 4)  ->  aaaaaaaa at 0 */
	{ "merge, file pgoff continues", { { B, B + 4, R_, file_a, 0 } }, MMAP,
	  A(4), PG(4), PROT_READ, MAP_PRIVATE | MAP_FIXED, file_a, 4, A(4),
	  { { B, B + 8, R_, file_a, 0 } } },
	/* aaaa----  +  ----aaaa (file_a at 5)  ->  two */
	{ "no merge, pgoff jumps", { { B, B + 4, R_, file_a, 0 } }, MMAP, A(4),
	  PG(4), PROT_READ, MAP_PRIVATE | MAP_FIXED, file_a, 5, A(4),
	  { { B, B + 4, R_, file_a, 0 }, { B + 4, B + 8, R_, file_a, 5 } } },
	/* ----aaaa (at 8)  +  aaaa---- (at 4)  ->  aaaaaaaa at 4 */
	{ "merge next, file", { { B + 4, B + 8, R_, file_a, 8 } }, MMAP, A(0),
	  PG(4), PROT_READ, MAP_PRIVATE | MAP_FIXED, file_a, 4, A(0),
	  { { B, B + 8, R_, file_a, 4 } } },
	/* WWWWWWWWWWWW  +  ----RRRR----  ->  WWWWRRRRWWWW */
	{ "MAP_FIXED over a middle", { { B, B + 12, RW } }, MMAP, A(4), PG(4),
	  PROT_READ, FIXED, NULL, 0, A(4),
	  { { B, B + 4, RW }, { B + 4, B + 8, R_ }, { B + 8, B + 12, RW, NULL, B + 8 } } },
	{ "MAP_FIXED_NOREPLACE over a VMA", { { B, B + 12, RW } }, MMAP, A(4),
	  PG(4), PROT_READ, ANON | MAP_FIXED_NOREPLACE, NULL, 0, ERR(EEXIST),
	  { { B, B + 12, RW } } },
	{ "MAP_FIXED_NOREPLACE beside a VMA", { { B, B + 4, RW } }, MMAP, A(4),
	  PG(4), PROT_READ | PROT_WRITE, ANON | MAP_FIXED_NOREPLACE, NULL, 0, A(4),
	  { { B, B + 8, RW } } },
	{ "MAP_FIXED misaligned", { { 0 } }, MMAP, A(4) + 1, PG(4), PROT_READ,
	  FIXED, NULL, 0, ERR(EINVAL), { { 0 } } },
	{ "zero length", { { 0 } }, MMAP, 0, 0, PROT_READ, ANON, NULL, 0,
	  ERR(EINVAL), { { 0 } } },
	{ "MAP_FIXED past TASK_SIZE", { { 0 } }, MMAP, TASK_SIZE - PG(1), PG(2),
	  PROT_READ, FIXED, NULL, 0, ERR(ENOMEM), { { 0 } } },
	{ "neither shared nor private", { { 0 } }, MMAP, 0, PG(1), PROT_READ,
	  MAP_ANONYMOUS, NULL, 0, ERR(EINVAL), { { 0 } } },
	{ "top-down from mmap_base", { { 0 } }, MMAP, 0, PG(3), PROT_READ, ANON,
	  NULL, 0, A(0xfd), { { TOP - 3, TOP, R_ } } },
	{ "top-down joins the VMA above", { { TOP - 4, TOP, R_ } }, MMAP, 0, PG(3),
	  PROT_READ, ANON, NULL, 0, A(0xf9), { { TOP - 7, TOP, R_ } } },

	/* WWWWWWWWWWWW  -  ----XXXX----  ->  WWWW----WWWW */
	{ "munmap a middle", { { B, B + 12, RW } }, MUNMAP, A(4), PG(4), 0, 0,
	  NULL, 0, 0, { { B, B + 4, RW }, { B + 8, B + 12, RW, NULL, B + 8 } } },
	/* RRRRWWWWXXXX  -  --XXXXXXXX--  ->  RR--------XX */
	{ "munmap across three", { { B, B + 4, R_ }, { B + 4, B + 8, RW },
	  { B + 8, B + 12, RX } }, MUNMAP, A(2), PG(8), 0, 0, NULL, 0, 0,
	  { { B, B + 2, R_ }, { B + 10, B + 12, RX, NULL, B + 8 } } },
	{ "munmap nothing", { { B, B + 4, RW } }, MUNMAP, A(8), PG(4), 0, 0, NULL,
	  0, 0, { { B, B + 4, RW } } },
	{ "munmap a whole VMA", { { B, B + 4, RW }, { B + 4, B + 8, R_ } }, MUNMAP,
	  A(0), PG(4), 0, 0, NULL, 0, 0, { { B + 4, B + 8, R_ } } },
	/* aaaaaaaaaaaa (at 10)  -  ----XXXX----  ->  aaaa (10), aaaa (18) */
	{ "munmap splits a file VMA", { { B, B + 12, R_, file_a, 10 } }, MUNMAP,
	  A(4), PG(4), 0, 0, NULL, 0, 0,
	  { { B, B + 4, R_, file_a, 10 }, { B + 8, B + 12, R_, file_a, 18 } } },
	{ "munmap misaligned", { { B, B + 4, RW } }, MUNMAP, A(1) + 8, PG(1), 0, 0,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } } },
	{ "munmap zero length", { { B, B + 4, RW } }, MUNMAP, A(1), 0, 0, 0, NULL,
	  0, ERR(EINVAL), { { B, B + 4, RW } } },
	{ "munmap past TASK_SIZE", { { 0 } }, MUNMAP, TASK_SIZE - PG(1), PG(2), 0,
	  0, NULL, 0, ERR(EINVAL), { { 0 } } },

	/* WWWWWWWWWWWW  ->  WWWWRRRRWWWW */
	{ "mprotect splits", { { B, B + 12, RW } }, MPROTECT, A(4), PG(4),
	  PROT_READ, 0, NULL, 0, 0,
	  { { B, B + 4, RW }, { B + 4, B + 8, R_, NULL, B }, { B + 8, B + 12, RW, NULL, B } } },
	/* WWWWRRRRWWWW (one anonymous range)  ->  WWWWWWWWWWWW */
	{ "mprotect merges back", { { B, B + 4, RW }, { B + 4, B + 8, R_, NULL, B },
	  { B + 8, B + 12, RW, NULL, B } }, MPROTECT, A(4), PG(4),
	  PROT_READ | PROT_WRITE, 0, NULL, 0, 0, { { B, B + 12, RW } } },
	/* RRRRWWWWWWWW  ->  RRRRRRRRWWWW (prev grows: Linux's case 5) */
	{ "mprotect the start of next", { { B, B + 4, R_ }, { B + 4, B + 12, RW, NULL, B } },
	  MPROTECT, A(4), PG(4), PROT_READ, 0, NULL, 0, 0,
	  { { B, B + 8, R_ }, { B + 8, B + 12, RW, NULL, B } } },
	/* WWWWWWWWRRRR  ->  WWWWRRRRRRRR (next grows: case 4) */
	{ "mprotect the end of prev", { { B, B + 8, RW }, { B + 8, B + 12, R_, NULL, B } },
	  MPROTECT, A(4), PG(4), PROT_READ, 0, NULL, 0, 0,
	  { { B, B + 4, RW }, { B + 4, B + 12, R_, NULL, B } } },
	/* RRRRWWWWRRRR  ->  RRRRRRRRRRRR */
	{ "mprotect three into one", { { B, B + 4, R_ }, { B + 4, B + 8, RW, NULL, B },
	  { B + 8, B + 12, R_, NULL, B } }, MPROTECT, A(0), PG(12), PROT_READ, 0,
	  NULL, 0, 0, { { B, B + 12, R_ } } },
	/* WWWW----WWWW  ->  RRRR----WWWW and -ENOMEM at the hole, as Linux */
	{ "mprotect over a hole", { { B, B + 4, RW }, { B + 8, B + 12, RW } },
	  MPROTECT, A(0), PG(12), PROT_READ, 0, NULL, 0, ERR(ENOMEM),
	  { { B, B + 4, R_ }, { B + 8, B + 12, RW } } },
	{ "mprotect without VM_MAYWRITE", { { B, B + 4, VM_READ | VM_MAYREAD } },
	  MPROTECT, A(0), PG(4), PROT_READ | PROT_WRITE, 0, NULL, 0, ERR(EACCES),
	  { { B, B + 4, VM_READ | VM_MAYREAD } } },
	{ "mprotect misaligned", { { B, B + 4, RW } }, MPROTECT, A(0) + 1, PG(1),
	  PROT_READ, 0, NULL, 0, ERR(EINVAL), { { B, B + 4, RW } } },

	/* a ramfs file is read-only: no writable shared mapping */
	{ "MAP_SHARED|PROT_WRITE of a file", { { 0 } }, MMAP, A(4), PG(4),
	  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, file_a, 0, ERR(EACCES),
	  { { 0 } } },
	/* shared read-only: VM_MAYSHARE only, never writable (Linux) */
	{ "MAP_SHARED of a file, read-only", { { 0 } }, MMAP, A(4), PG(4),
	  PROT_READ, MAP_SHARED | MAP_FIXED, file_a, 2, A(4),
	  { { B + 4, B + 8, VM_READ | VM_MAYREAD | VM_MAYEXEC | VM_MAYSHARE, file_a, 2 } } },
	{ "MAP_PRIVATE|PROT_WRITE of a file", { { 0 } }, MMAP, A(4), PG(4),
	  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, file_a, 2, A(4),
	  { { B + 4, B + 8, RW, file_a, 2 } } },

	/* mremap: WWWW----  ->  WWWWWW-- (grows in place) */
	{ "mremap grows in place", { { B, B + 4, RW } }, MREMAP, A(0), PG(4), 0, 0,
	  NULL, 0, A(0), { { B, B + 6, RW } }, 0, 0, PG(6) },
	/* WWWW  ->  WW-- */
	{ "mremap shrinks", { { B, B + 4, RW } }, MREMAP, A(0), PG(4), 0, 0, NULL,
	  0, A(0), { { B, B + 2, RW } }, 0, 0, PG(2) },
	/*
	 * aaaaW---  ->  ----W---...aaaaaa (below mmap_base, top-down).  A
	 * file VMA, since the tables cannot say "anonymous, moved": a
	 * moved anonymous VMA keeps its pgoff, as in Linux.
	 */
	{ "mremap moves when blocked", { { B, B + 4, R_, file_a, 7 }, { B + 4, B + 5, RW } },
	  MREMAP, A(0), PG(4), 0, MREMAP_MAYMOVE, NULL, 0, A(0xfa),
	  { { B + 4, B + 5, RW }, { TOP - 6, TOP, R_, file_a, 7 } }, 0, 0, PG(6) },
	/* the move runs out of PTE pages: all as it was, counts included */
	{ "mremap move without PTE pages", { { B, B + 4, R_, file_a, 7 }, { B + 4, B + 5, RW } },
	  MREMAP_NO_PTE_PAGES, A(0), PG(4), 0, MREMAP_MAYMOVE, NULL, 0, ERR(ENOMEM),
	  { { B, B + 4, R_, file_a, 7 }, { B + 4, B + 5, RW } }, 0, 0, PG(6) },
	{ "mremap blocked, may not move", { { B, B + 4, RW }, { B + 4, B + 5, R_ } },
	  MREMAP, A(0), PG(4), 0, 0, NULL, 0, ERR(ENOMEM),
	  { { B, B + 4, RW }, { B + 4, B + 5, R_ } }, 0, 0, PG(6) },
	/* the middle of a file VMA moves: its pgoff goes with it */
	{ "mremap a file VMA's middle", { { B, B + 6, R_, file_a, 10 } }, MREMAP,
	  A(2), PG(2), 0, MREMAP_MAYMOVE | MREMAP_FIXED, NULL, 0, A(0x20),
	  { { B, B + 2, R_, file_a, 10 }, { B + 4, B + 6, R_, file_a, 14 },
	    { B + 0x20, B + 0x23, R_, file_a, 12 } }, 0, 0, PG(3), A(0x20) },
	/* MREMAP_FIXED over a VMA: it goes first */
	{ "mremap MREMAP_FIXED over a VMA", { { B, B + 2, RW, file_b, 3 },
	  { B + 8, B + 12, R_ } }, MREMAP, A(0), PG(2), 0,
	  MREMAP_MAYMOVE | MREMAP_FIXED, NULL, 0, A(9),
	  { { B + 8, B + 9, R_ }, { B + 9, B + 11, RW, file_b, 3 },
	    { B + 11, B + 12, R_ } }, 0, 0, PG(2), A(9) },
	{ "mremap misaligned", { { B, B + 4, RW } }, MREMAP, A(0) + 8, PG(4), 0, 0,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } }, 0, 0, PG(6) },
	{ "mremap unknown flags", { { B, B + 4, RW } }, MREMAP, A(0), PG(4), 0, 8,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } }, 0, 0, PG(6) },
	{ "mremap FIXED without MAYMOVE", { { B, B + 4, RW } }, MREMAP, A(0), PG(4),
	  0, MREMAP_FIXED, NULL, 0, ERR(EINVAL), { { B, B + 4, RW } }, 0, 0, PG(6),
	  A(0x20) },
	{ "mremap to length zero", { { B, B + 4, RW } }, MREMAP, A(0), PG(4), 0, 0,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } }, 0, 0, 0 },
	{ "mremap FIXED onto itself", { { B, B + 4, RW } }, MREMAP, A(0), PG(4), 0,
	  MREMAP_MAYMOVE | MREMAP_FIXED, NULL, 0, ERR(EINVAL), { { B, B + 4, RW } },
	  0, 0, PG(4), A(2) },
	/* WWWW--RR: the old range runs past its VMA */
	{ "mremap across a hole", { { B, B + 4, RW }, { B + 6, B + 8, R_ } }, MREMAP,
	  A(0), PG(8), 0, MREMAP_MAYMOVE, NULL, 0, ERR(EFAULT),
	  { { B, B + 4, RW }, { B + 6, B + 8, R_ } }, 0, 0, PG(10) },
	/* a hole at addr: -EFAULT before anything, FIXED's target kept */
	{ "mremap shrinks nothing", { { B + 4, B + 8, RW } }, MREMAP, A(0), PG(2), 0, 0,
	  NULL, 0, ERR(EFAULT), { { B + 4, B + 8, RW } }, 0, 0, PG(1) },
	{ "mremap FIXED from a hole", { { B + 4, B + 8, RW } }, MREMAP, A(0), PG(2), 0,
	  MREMAP_MAYMOVE | MREMAP_FIXED, NULL, 0, ERR(EFAULT), { { B + 4, B + 8, RW } },
	  0, 0, PG(2), A(4) },
	{ "mremap of nothing", { { 0 } }, MREMAP, A(0), PG(4), 0, MREMAP_MAYMOVE,
	  NULL, 0, ERR(EFAULT), { { 0 } }, 0, 0, PG(6) },

	/* madvise: MADV_DONTFORK (10) marks VM_DONTCOPY, MADV_DOFORK (11) clears it */
	{ "madvise DONTFORK splits", { { B, B + 12, RW } }, MADVISE, A(4), PG(4), 10, 0,
	  NULL, 0, 0, { { B, B + 4, RW }, { B + 4, B + 8, RW | VM_DONTCOPY, NULL, B },
	  { B + 8, B + 12, RW, NULL, B } } },
	{ "madvise DOFORK merges back", { { B, B + 4, RW },
	  { B + 4, B + 8, RW | VM_DONTCOPY, NULL, B }, { B + 8, B + 12, RW, NULL, B } },
	  MADVISE, A(4), PG(4), 11, 0, NULL, 0, 0, { { B, B + 12, RW } } },
	/* WWWW--RR: the mapped parts get it, the hole makes it -ENOMEM */
	{ "madvise across a hole", { { B, B + 4, RW }, { B + 6, B + 8, R_ } }, MADVISE,
	  A(2), PG(6), 10, 0, NULL, 0, ERR(ENOMEM), { { B, B + 2, RW },
	  { B + 2, B + 4, RW | VM_DONTCOPY, NULL, B }, { B + 6, B + 8, R_ | VM_DONTCOPY } } },
	{ "madvise DONTNEED keeps the VMAs", { { B, B + 4, RW } }, MADVISE, A(0), PG(4), 4,
	  0, NULL, 0, 0, { { B, B + 4, RW } } },
	{ "madvise unknown advice", { { B, B + 4, RW } }, MADVISE, A(0), PG(4), 99, 0,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } } },
	{ "madvise misaligned", { { B, B + 4, RW } }, MADVISE, A(0) + 8, PG(1), 10, 0,
	  NULL, 0, ERR(EINVAL), { { B, B + 4, RW } } },
	{ "madvise of nothing", { { B, B + 4, RW } }, MADVISE, A(8), PG(2), 4, 0,
	  NULL, 0, ERR(ENOMEM), { { B, B + 4, RW } } },

	/* brk: heap at B+16; addr is the new break */
	{ "brk creates the heap", { { 0 } }, BRK, A(18), 0, 0, 0, NULL, 0, A(18),
	  { { B + 16, B + 18, HEAP } }, B + 16, B + 16 },
	{ "brk grows the heap", { { B + 16, B + 18, HEAP } }, BRK, A(20) - 5, 0, 0,
	  0, NULL, 0, A(20) - 5, { { B + 16, B + 20, HEAP } }, B + 16, B + 18 },
	{ "brk shrinks the heap", { { B + 16, B + 20, HEAP } }, BRK, A(17), 0, 0,
	  0, NULL, 0, A(17), { { B + 16, B + 17, HEAP } }, B + 16, B + 20 },
	{ "brk stops a page short of the next VMA", { { B + 16, B + 18, HEAP },
	  { B + 21, B + 24, RW } }, BRK, A(21), 0, 0, 0, NULL, 0, A(18),
	  { { B + 16, B + 18, HEAP }, { B + 21, B + 24, RW } }, B + 16, B + 18 },
	{ "brk below start_brk", { { B + 16, B + 18, HEAP } }, BRK, A(15), 0, 0, 0,
	  NULL, 0, A(18), { { B + 16, B + 18, HEAP } }, B + 16, B + 18 },
};

static unsigned long run_op(const struct mmap_case *c)
{
	unsigned long ret;

	switch (c->op) {
	case MMAP:
		return do_mmap(&test_mm, c->file, c->addr, c->len, c->prot,
			       c->flags, c->pgoff);
	case MUNMAP:
		return do_munmap(&test_mm, c->addr, c->len);
	case MPROTECT:
		mutex_unlock(&test_mm.mmap_lock);	/* it takes the lock */
		ret = do_mprotect(&test_mm, c->addr, c->len, c->prot);
		break;
	case MREMAP_NO_PTE_PAGES:
		sim_move_page_tables_fails = true;
		/* fall through */
	case MREMAP:
		mutex_unlock(&test_mm.mmap_lock);
		ret = do_mremap(&test_mm, c->addr, c->len, c->new_len, c->flags,
				c->new_addr);
		break;
	case MADVISE:			/* prot holds the advice */
		mutex_unlock(&test_mm.mmap_lock);
		ret = do_madvise(&test_mm, c->addr, c->len, c->prot);
		break;
	case BRK:
		test_mm.start_brk = PG(c->start_brk);
		test_mm.brk = PG(c->brk);
		mutex_unlock(&test_mm.mmap_lock);
		ret = mm_brk(&test_mm, c->addr);
		break;
	default:
		BUG();
	}
	mutex_lock(&test_mm.mmap_lock);
	return ret;
}

static void test_mmap_cases(struct ktest *test)
{
	const struct mmap_case *c;

	for (c = cases; c < cases + ARRAY_SIZE(cases); c++) {
		int bad;

		vma_boot(PG(TOP));
		vma_setup(c->before);
		EXPECT_EQ(test, run_op(c), c->ret);
		bad = vma_differ(c->after);
		bad += vma_teardown();
		if (bad)
			ktest_fail_msg(test, __FILE__, __LINE__, c->name);
	}
}

KTEST_SUITE(mmap_ops, KTEST_CASE(test_mmap_cases));

/* ------------------------------------------------ get_unmapped_area */

#define LOW		{ 1, B, R_ }		/* fills everything below B */

struct gua_case {
	const char *name;
	struct vma_spec vmas[MAX_SPECS];
	unsigned long base;			/* mmap_base, in pages */
	unsigned long addr, len, flags;		/* bytes */
	unsigned long ret;
};

static const struct gua_case gua_cases[] = {
	{ "empty: just below mmap_base", { { 0 } }, TOP, 0, PG(4), 0, A(0xfc) },
	{ "empty: the whole space", { { 0 } }, TOP, 0, PG(TOP - 1), 0, PG(1) },
	{ "empty: one page too many", { { 0 } }, TOP, 0, PG(TOP), 0, ERR(ENOMEM) },
	/* ...WWW|  (a VMA right below mmap_base) */
	{ "below the top VMA", { { TOP - 2, TOP, RW } }, TOP, 0, PG(4), 0, A(0xfa) },
	/*
	 * WWWW(16)--(2)WWWW(14)--------(8)WWWW...(to the top)
	 * the highest gap that fits wins; the lowest gap is only 2 pages
	 */
	{ "the highest gap that fits", { LOW, { B, B + 0x10, RW },
	  { B + 0x12, B + 0x20, RW }, { B + 0x28, TOP, RW } }, TOP, 0, PG(4), 0,
	  A(0x24) },
	{ "a gap exactly the size", { LOW, { B, B + 0x10, RW },
	  { B + 0x12, B + 0x20, RW }, { B + 0x28, TOP, RW } }, TOP, 0, PG(8), 0,
	  A(0x20) },
	{ "a small gap, high up", { LOW, { B, B + 0x10, RW },
	  { B + 0x12, B + 0x20, RW }, { B + 0x28, TOP, RW } }, TOP, 0, PG(2), 0,
	  A(0x26) },
	{ "nothing big enough: ENOMEM", { LOW, { B, B + 0x10, RW },
	  { B + 0x12, B + 0x20, RW }, { B + 0x28, TOP, RW } }, TOP, 0, PG(9), 0,
	  ERR(ENOMEM) },
	{ "only below B, near the bottom", { { B, B + 0x10, RW },
	  { B + 0x12, B + 0x20, RW }, { B + 0x28, TOP, RW } }, TOP, 0, PG(9), 0,
	  PG(B - 9) },
	{ "page 1 is the lowest given", { { 2, TOP, RW } }, TOP, 0, PG(1), 0, PG(1) },
	{ "page 0 is never given", { { 1, TOP, RW } }, TOP, 0, PG(1), 0, ERR(ENOMEM) },
	/* a stack at B+0x300 keeps 256 pages below it free */
	{ "the stack's guard gap", { LOW, { B + 0x300, B + 0x400, STACK } },
	  B + 0x400, 0, PG(4), 0, A(0x1fc) },
	{ "no guard gap without GROWSDOWN", { LOW, { B + 0x300, B + 0x400, RW } },
	  B + 0x400, 0, PG(4), 0, A(0x2fc) },
	{ "the guard gap leaves 0x50 pages", { LOW, { B + 0x150, B + 0x160, STACK } },
	  B + 0x160, 0, PG(0x50), 0, A(0) },
	{ "the guard gap leaves too little", { LOW, { B + 0x150, B + 0x160, STACK } },
	  B + 0x160, 0, PG(0x51), 0, ERR(ENOMEM) },
	{ "hint honoured", { { 0 } }, TOP, A(0x50), PG(4), 0, A(0x50) },
	{ "hint rounded up to a page", { { 0 } }, TOP, A(0x50) + 1, PG(4), 0, A(0x51) },
	{ "hint over a VMA ignored", { { B + 0x50, B + 0x52, RW } }, TOP, A(0x4f),
	  PG(4), 0, A(0xfc) },
	{ "hint in a guard gap ignored", { { B + 0x300, B + 0x400, STACK } },
	  B + 0x400, A(0x2f0), PG(4), 0, A(0x1fc) },
	{ "hint in page 0 rounded up", { { 0 } }, TOP, 0x10, PG(4), 0, PG(1) },
	{ "hint above mmap_base honoured", { { 0 } }, TOP, A(0x200), PG(4), 0, A(0x200) },
	{ "MAP_FIXED over a VMA", { { B, B + 4, RW } }, TOP, A(0), PG(4), MAP_FIXED, A(0) },
	{ "MAP_FIXED misaligned", { { 0 } }, TOP, A(0) + 8, PG(4), MAP_FIXED, ERR(EINVAL) },
	{ "MAP_FIXED past TASK_SIZE", { { 0 } }, TOP, TASK_SIZE - PG(2), PG(4),
	  MAP_FIXED, ERR(ENOMEM) },
	{ "longer than TASK_SIZE", { { 0 } }, TOP, 0, TASK_SIZE, 0, ERR(ENOMEM) },
};

static void test_get_unmapped_area(struct ktest *test)
{
	const struct gua_case *c;

	for (c = gua_cases; c < gua_cases + ARRAY_SIZE(gua_cases); c++) {
		unsigned long ret;
		int bad;

		vma_boot(PG(c->base));
		vma_setup(c->vmas);
		ret = get_unmapped_area(&test_mm, NULL, c->addr, c->len, 0, c->flags);
		bad = ret != c->ret;
		if (bad)
			printk("  gua: %lx, expected %lx\n", ret, c->ret);
		bad += vma_differ(c->vmas) + vma_teardown();
		if (bad)
			ktest_fail_msg(test, __FILE__, __LINE__, c->name);
	}
}

/*
 * Alignment and a lower limit (vm_unmapped_area's info): the highest
 * aligned address at or below high - length, and nothing under low.
 *
 *   LLLL...LLL|------------(free)-----------|WW|  mmap_base B+0x100
 *             B                              B+0xfe
 */
static void test_align_and_low_limit(struct ktest *test)
{
	const struct vma_spec vmas[] = { LOW, { TOP - 2, TOP, RW }, { 0 } };
	struct vm_unmapped_area_info info = {
		.length = PG(3), .low_limit = PG(B), .high_limit = PG(TOP),
	};

	vma_boot(PG(TOP));
	vma_setup(vmas);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), A(0xfb));
	info.align_mask = PG(0x10) - 1;
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), A(0xf0));
	info.align_offset = PG(1);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), A(0xf1));
	info.align_offset = 0;
	/*
	 * As Linux, the search asks for length + align_mask, room for the
	 * worst alignment: [0xe0, 0xfe) has it, [0xf0, 0xfe) not, though
	 * 0xf0 itself would do.
	 */
	info.low_limit = A(0xe0);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), A(0xf0));
	info.low_limit = A(0xf0);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), ERR(ENOMEM));
	info.align_mask = 0;
	info.length = PG(0xfd);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), ERR(ENOMEM));
	info.low_limit = A(1);
	EXPECT_EQ(test, vm_unmapped_area(&test_mm, &info), A(1));
	EXPECT_EQ(test, vma_differ(vmas) + vma_teardown(), 0);
}

KTEST_SUITE(mmap_area, KTEST_CASE(test_get_unmapped_area),
	    KTEST_CASE(test_align_and_low_limit));

/* ------------------------------------------------ maps and status */

static const char *name_of(struct inode *file, unsigned long *ino)
{
	*ino = 1234;
	return "/bin/x";
}

/*
 * /proc/PID/maps as Linux prints it on i386: the name column starts at
 * character 49 (padding to 48, then a space); an anonymous line ends in
 * a space.  Counters: 8 pages, text 1, data 3 (rw-p), stack 2; 3 resident.
 */
static void test_show_maps(struct ktest *test)
{
	const struct vma_spec vmas[] = {
		{ 0x8048, 0x8049, RX, file_a, 0 },
		{ 0x8049, 0x804a, RW, file_a, 1 },
		{ 0x804a, 0x804c, HEAP, NULL, 0 },
		{ 0xb7000, 0xb7002, R_ | VM_SHARED | VM_MAYSHARE, NULL, 0 },
		{ 0xbfffe, 0xc0000, STACK, NULL, 0 },
		{ 0 } };
	static const char maps[] =
		"08048000-08049000 r-xp 00000000 00:02 1234       /bin/x\n"
		"08049000-0804a000 rw-p 00001000 00:02 1234       /bin/x\n"
		"0804a000-0804c000 rw-p 00000000 00:00 0          [heap]\n"
		"b7000000-b7002000 r--s 00000000 00:00 0 \n"
		"bfffe000-c0000000 rw-p 00000000 00:00 0          [stack]\n";
	static const char status[] =
		"VmPeak:\t      32 kB\nVmSize:\t      32 kB\nVmRSS:\t      12 kB\n"
		"RssAnon:\t       8 kB\nRssFile:\t       4 kB\nRssShmem:\t       0 kB\n"
		"VmData:\t      12 kB\nVmStk:\t       8 kB\n"
		"VmExe:\t       4 kB\nVmLib:\t       0 kB\n";
	char buf[512];

	vma_boot(PG(TOP));
	vma_setup(vmas);
	test_mm.start_brk = 0x804a000;
	test_mm.brk = 0x804b800;
	test_mm.start_stack = 0xbffff100;
	test_mm.start_code = 0x8048000;
	test_mm.end_code = 0x8048800;
	add_mm_counter(&test_mm, MM_ANONPAGES, 2);
	add_mm_counter(&test_mm, MM_FILEPAGES, 1);
	mutex_unlock(&test_mm.mmap_lock);		/* show_maps takes it */
	EXPECT_EQ(test, show_maps(&test_mm, buf, sizeof(buf), name_of),
		  (int)strlen(maps));
	EXPECT_STREQ(test, buf, maps);
	EXPECT_EQ(test, show_maps(&test_mm, buf, 100, name_of), -ENOSPC);
	EXPECT_EQ(test, strlen(buf), 99);
	EXPECT_EQ(test, task_mem(&test_mm, buf, sizeof(buf)), (int)strlen(status));
	EXPECT_STREQ(test, buf, status);
	mutex_lock(&test_mm.mmap_lock);
	EXPECT_EQ(test, vma_teardown(), 0);
}

KTEST_SUITE(mmap_show, KTEST_CASE(test_show_maps));
