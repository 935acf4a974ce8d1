/*
 * glibc's malloc and the address space: small blocks come from the heap,
 * whose end (brk) moves up as it grows and down when free gives the top
 * back; a block of 128 KiB or more (glibc's M_MMAP_THRESHOLD) gets an
 * mmap area of its own, gone again at free.  Checked through sbrk(0)
 * and /proc/self/maps, in that order: small blocks first, as glibc's
 * thresholds grow once a mapped block is freed.
 */
#include "ktap.h"

#define SMALL	4000	/* above tcache's and fastbins' sizes: free merges it */
#define NSMALL	128	/* 500 KiB: more than the heap's slack */
#define LARGE	(1024 * 1024)

static char *small[NSMALL];
static unsigned long brk_before, brk_after;
static struct vma heap_before;

#define PAGE_UP(x)	(((x) + PAGE - 1) & ~(PAGE - 1))

static void test_small_moves_brk(void)
{
	int i;

	brk_before = (unsigned long)sbrk(0);
	maps_named("[heap]", &heap_before);
	for (i = 0; i < NSMALL; i++) {
		small[i] = malloc(SMALL);
		EXPECT(small[i]);
		memset(small[i], i, SMALL);
	}
	brk_after = (unsigned long)sbrk(0);
	EXPECT(brk_after >= brk_before + NSMALL * SMALL / 2);
	for (i = 0; i < NSMALL; i++)
		if (!EXPECT((unsigned long)small[i] + SMALL <= brk_after))
			break;
}

static void test_heap_line_grows(void)
{
	struct vma heap;

	if (!EXPECT(maps_named("[heap]", &heap) == 1))
		return;
	EXPECT(heap.start == heap_before.start);
	EXPECT(heap.end > heap_before.end);
	EXPECT(heap.end == PAGE_UP(brk_after));
	EXPECT(heap.start <= (unsigned long)small[0]);
	EXPECT(!strcmp(heap.perms, "rw-p"));
}

static void test_free_moves_brk_down(void)
{
	struct vma heap;
	int i;

	for (i = NSMALL - 1; i >= 0; i--) {
		EXPECT(small[i][0] == (char)i && small[i][SMALL - 1] == (char)i);
		free(small[i]);
	}
	EXPECT((unsigned long)sbrk(0) < brk_after);
	if (EXPECT(maps_named("[heap]", &heap) == 1))
		EXPECT(heap.end == PAGE_UP((unsigned long)sbrk(0)));
}

static char *large;
static unsigned long large_start, large_addr;	/* its line, itself */

static void test_large_gets_mapping(void)
{
	unsigned long brk = (unsigned long)sbrk(0), p;
	struct vma v;

	/* The area it lands in: nothing there before. */
	large = malloc(LARGE);
	if (!EXPECT(large))
		return;
	p = (unsigned long)large;
	EXPECT((unsigned long)sbrk(0) == brk);
	EXPECT(p >= brk || p + LARGE <= heap_before.start);
	if (!EXPECT(maps_find(p, &v) == 1))
		return;
	EXPECT(v.start <= p && p + LARGE <= v.end);
	EXPECT(strcmp(v.name, "[heap]") != 0);
	EXPECT(!strcmp(v.perms, "rw-p"));
	large_start = v.start;
	large_addr = p;
}

static void test_large_is_zeroed_and_usable(void)
{
	unsigned long i, bad = 0;

	if (!EXPECT(large))
		return;
	for (i = 0; i < LARGE; i += 512)
		bad += large[i] != 0;
	EXPECT(bad == 0);
	for (i = 0; i < LARGE; i += PAGE)
		large[i] = (char)(i / PAGE);
	for (i = 0; i < LARGE; i += PAGE)
		bad += large[i] != (char)(i / PAGE);
	EXPECT(bad == 0);
}

static void test_free_removes_mapping(void)
{
	struct vma v;

	if (!EXPECT(large))
		return;
	free(large);
	EXPECT(maps_find(large_addr, &v) == 0);
	EXPECT(maps_find(large_start, &v) == 0);
}

static const struct ktap_case cases[] = {
	{ "small blocks move brk up", test_small_moves_brk },
	{ "the [heap] line of /proc/self/maps grows to brk", test_heap_line_grows },
	{ "freeing them gives the top back: brk and [heap] move down",
	  test_free_moves_brk_down },
	{ "a large block gets an mmap area of its own, brk stays",
	  test_large_gets_mapping },
	{ "the large block reads zero and keeps what is written",
	  test_large_is_zeroed_and_usable },
	{ "free of the large block removes its line", test_free_removes_mapping },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
