/*
 * The copy helpers built on kmap_atomic (include/linux/highmem.h):
 * clear_highpage, copy_highpage and memcpy_{to,from}_page over every
 * page of up to 64 MiB of highmem, and __GFP_ZERO on highmem pages.
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/string.h>
#include "kmap_util.h"
#include "test_util.h"

#define RANGE_PAGES	16384		/* 64 MiB at most */
#define RANGE_ORDER	4		/* 16384 pointers in 16 pages */

/*
 * Each phase goes over the whole range and returns how many pages came
 * out wrong.  buf and exp are one lowmem page each.
 */

/* memcpy_to_page in two halves, then memcpy_from_page of the whole. */
static unsigned long range_write_read(struct page **pages, unsigned long n,
				      u32 *buf)
{
	unsigned long i, bad = 0;

	for (i = 0; i < n; i++) {
		fill_words(buf, i);
		memcpy_to_page(pages[i], 0, buf, PAGE_SIZE / 2);
		memcpy_to_page(pages[i], PAGE_SIZE / 2, (u8 *)buf + PAGE_SIZE / 2,
			       PAGE_SIZE / 2);
	}
	for (i = 0; i < n; i++) {
		memcpy_from_page(buf, pages[i], 0, PAGE_SIZE);
		bad += bad_words(buf, i) != 0;
	}
	return bad;
}

#define PIECE_LEN	29

/*
 * A 29-byte piece at an odd offset (a different one per page) written
 * and read back; the bytes around it keep the pattern; then the pattern
 * is put back.
 */
static unsigned long range_pieces(struct page **pages, unsigned long n,
				  u32 *buf, u32 *exp)
{
	u8 piece[PIECE_LEN], got[PIECE_LEN];
	unsigned long i, bad = 0;
	unsigned int j;

	for (i = 0; i < n; i++) {
		size_t off = 4 * (i % 997) + 1, rest = off + PIECE_LEN;

		for (j = 0; j < PIECE_LEN; j++)
			piece[j] = (u8)(i * 7 + j);
		fill_words(exp, i);
		memcpy_to_page(pages[i], off, piece, PIECE_LEN);
		memcpy_from_page(got, pages[i], off, PIECE_LEN);
		memcpy_from_page(buf, pages[i], 0, PAGE_SIZE);
		bad += memcmp(got, piece, PIECE_LEN) != 0 ||
		       memcmp(buf, exp, off) != 0 ||
		       memcmp((u8 *)buf + rest, (u8 *)exp + rest,
			      PAGE_SIZE - rest) != 0;
		memcpy_to_page(pages[i], off, (u8 *)exp + off, PIECE_LEN);
	}
	return bad;
}

/* copy_highpage: every even page gets its odd neighbour's pattern. */
static unsigned long range_copy(struct page **pages, unsigned long n)
{
	unsigned long i, bad = 0;

	for (i = 0; i + 1 < n; i += 2)
		copy_highpage(pages[i], pages[i + 1]);
	for (i = 0; i < n; i++)
		bad += page_bad_words(pages[i], i | 1) != 0;
	return bad;
}

/* clear_highpage: every word zero afterwards. */
static unsigned long range_clear(struct page **pages, unsigned long n)
{
	unsigned long i, bad = 0;
	unsigned int j;
	u32 *v;

	for (i = 0; i < n; i++)
		clear_highpage(pages[i]);
	for (i = 0; i < n; i++) {
		v = kmap_atomic(pages[i]);
		for (j = 0; j < WORDS && !v[j]; j++)
			;
		bad += j < WORDS;
		kunmap_atomic(v);
	}
	return bad;
}

/*
 * The copy helpers over every page of 64 MiB of highmem, each page with
 * its own pattern, so a mapping of the wrong frame shows.
 */
/*
 * HighMem pages GFP_HIGHUSER is sure to get before it falls back to
 * lowmem, an even number: the zone passes its low watermark check while
 * it keeps more than that, and each refill of the per-CPU list takes a
 * batch at once.
 */
static unsigned long highmem_range_pages(void)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	unsigned long spare, keep = low_wmark_pages(high) + high->pcp.batch;

	drain_local_pages();
	spare = high->free_pages > keep ? high->free_pages - keep : 0;
	return min(spare, (unsigned long)RANGE_PAGES) & ~1UL;
}

/*
 * The copy helpers over every page of up to 64 MiB of highmem (224
 * pages at -m 897M), each page with its own pattern, so a mapping of the
 * wrong frame shows.
 */
static void test_copy_helpers(struct ktest *test)
{
	unsigned long n, want, lowmem = 0;
	struct page **pages;
	u32 *buf;

	if (highmem_unusable())
		KTEST_SKIP(test, highmem_unusable());
	pages = (struct page **)__get_free_pages(GFP_KERNEL, RANGE_ORDER);
	buf = (u32 *)__get_free_pages(GFP_KERNEL, 1);
	if (!pages || !buf) {
		if (pages)
			free_pages((unsigned long)pages, RANGE_ORDER);
		if (buf)
			free_pages((unsigned long)buf, 1);
		ASSERT_NOT_NULL(test, NULL);
	}
	want = highmem_range_pages();
	if (want < RANGE_PAGES)
		pr_info("    # %lu pages: all HighMem has to spare\n", want);
	for (n = 0; n < want; n++) {
		pages[n] = alloc_page(GFP_HIGHUSER);
		if (!pages[n])
			break;
		lowmem += !PageHighMem(pages[n]);
	}
	EXPECT_EQ(test, n, want);
	EXPECT_GE(test, n, 2);
	EXPECT_EQ(test, lowmem, 0);
	EXPECT_EQ(test, range_write_read(pages, n, buf), 0);
	EXPECT_EQ(test, range_pieces(pages, n, buf, buf + WORDS), 0);
	EXPECT_EQ(test, range_copy(pages, n), 0);
	EXPECT_EQ(test, range_clear(pages, n), 0);
	EXPECT_EQ(test, kmap_atomic_depth(), 0);
	while (n--)
		__free_page(pages[n]);
	free_pages((unsigned long)pages, RANGE_ORDER);
	free_pages((unsigned long)buf, 1);
}

/* __GFP_ZERO zeroes highmem pages too (through kmap_atomic). */
static void test_gfp_zero_highmem(struct ktest *test)
{
	struct page *pages[64];
	unsigned int i, j, nonzero = 0, high = 0;

	if (highmem_unusable())
		KTEST_SKIP(test, highmem_unusable());
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_highpage();
		if (!pages[i])
			break;
		fill_page(pages[i], 61);
	}
	while (i--)
		__free_page(pages[i]);	/* the per-CPU list hands them back */
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!pages[i])
			break;
		high += PageHighMem(pages[i]);
	}
	EXPECT_EQ(test, i, ARRAY_SIZE(pages));
	EXPECT_EQ(test, high, ARRAY_SIZE(pages));
	while (i--) {
		u32 *v = kmap_atomic(pages[i]);

		for (j = 0; j < WORDS; j++)
			nonzero += v[j] != 0;
		kunmap_atomic(v);
		__free_page(pages[i]);
	}
	EXPECT_EQ(test, nonzero, 0);
}

KTEST_SUITE(highmem,
	    KTEST_CASE(test_copy_helpers),
	    KTEST_CASE(test_gfp_zero_highmem));
