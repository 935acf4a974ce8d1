/*
 * The vmalloc space as a whole (mm/vmap_area.c): 10,000 areas at once
 * (fewer where the RAM has no room for them) that never overlap and
 * merge back into one free range, the space exhausted with the
 * allocation failure reported as Linux words it, and the vmallocinfo
 * listing.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include "test_util.h"
#include "vmalloc_util.h"

static unsigned long xorshift_state = 2463534242UL;

static unsigned long xorshift(void)
{
	unsigned long x = xorshift_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return xorshift_state = x;
}

/* ---- 10,000 areas ---- */

#define MANY	10000

struct range {
	unsigned long start, end;
};

static void sift_down(struct range *r, unsigned long i, unsigned long n)
{
	for (;;) {
		unsigned long c = 2 * i + 1;
		struct range t;

		if (c >= n)
			return;
		if (c + 1 < n && r[c + 1].start > r[c].start)
			c++;
		if (r[i].start >= r[c].start)
			return;
		t = r[i];
		r[i] = r[c];
		r[c] = t;
		i = c;
	}
}

static void sort_ranges(struct range *r, unsigned long n)
{
	unsigned long i;
	struct range t;

	for (i = n / 2; i-- > 0;)
		sift_down(r, i, n);
	for (i = n; i-- > 1;) {
		t = r[0];
		r[0] = r[i];
		r[i] = t;
		sift_down(r, 0, i);
	}
}

/* Areas that share an address (their guard pages included), sorted first. */
static unsigned long count_overlaps(struct range *r, unsigned long n)
{
	unsigned long i, overlaps = 0;

	sort_ranges(r, n);
	for (i = 1; i < n; i++)
		overlaps += r[i].start < r[i - 1].end;
	return overlaps;
}

struct many_item {
	u32 *p;
	unsigned long size, index;
};

/*
 * How many areas of test_many_areas fit: each takes at most 33/16 pages
 * of the space (guard pages included) and about 1.1 pages of RAM (its
 * pages, its vm_struct and vmap_area, page tables); a third more is kept
 * spare.  MANY from -m 64M on; a 32 MiB machine holds about 4,000.
 */
static unsigned long many_areas_fit(void)
{
	unsigned long by_space = vmalloc_largest_free() / (33 * PAGE_SIZE / 16);
	unsigned long by_ram = pages_above_low(GFP_KERNEL | __GFP_HIGHMEM) * 3 / 4;

	return min(min((unsigned long)MANY, by_space), by_ram);
}

static void test_many_areas(struct ktest *test)
{
	unsigned long areas, largest, i, n, bad = 0, sizes_bad = 0, count;
	struct many_item *it;
	struct range *r;

	it = vmalloc(MANY * sizeof(*it));
	r = vmalloc(MANY * sizeof(*r));
	if (!it || !r) {
		vfree(it);
		vfree(r);
		ASSERT_TRUE(test, it && r);
	}
	areas = vmalloc_nr_areas();
	largest = vmalloc_largest_free();
	count = many_areas_fit();
	if (count < MANY)
		pr_info("    # %lu areas: this machine has room for no more\n", count);
	xorshift_state = 2463534242UL;
	for (n = 0; n < count; n++) {
		/* Mostly one page, every 16th two. */
		unsigned long size = 8 + xorshift() % (n % 16 ? PAGE_SIZE - 7
							      : 2 * PAGE_SIZE - 7);
		struct vm_struct *area;
		u32 *p = vmalloc(size);

		if (!p)
			break;
		area = find_vm_area(p);
		sizes_bad += !area || area->addr != p ||
			     area->size != PAGE_ALIGN(size) + PAGE_SIZE;
		it[n].p = p;
		it[n].size = size;
		it[n].index = n;
		r[n].start = (unsigned long)p;
		r[n].end = r[n].start + PAGE_ALIGN(size) + PAGE_SIZE;
		p[0] = n;		/* tags at both ends of each area */
		p[size / 4 - 1] = ~n;
	}
	EXPECT_EQ(test, n, count);
	EXPECT_EQ(test, sizes_bad, 0);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + n);
	/* No two areas (guard pages included) share an address. */
	EXPECT_EQ(test, count_overlaps(r, n), 0);

	/* Free in random order (Fisher-Yates), checking the tags as we go. */
	for (i = n; i > 1; i--) {
		unsigned long j = xorshift() % i;
		struct many_item t = it[i - 1];

		it[i - 1] = it[j];
		it[j] = t;
	}
	for (i = 0; i < n; i++) {
		u32 *p = it[i].p;

		bad += p[0] != it[i].index || p[it[i].size / 4 - 1] != ~it[i].index;
		vfree(p);
		if (i % 1000 == 999)
			bad += vmalloc_nr_areas() != areas + n - i - 1;
	}
	EXPECT_EQ(test, bad, 0);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	/* Every neighbour merged back: one free range as large as before. */
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	vfree(it);
	vfree(r);
}

/* ---- exhaustion ---- */

#define MAX_HOLDERS	1024

static void test_exhaustion(struct ktest *test)
{
	unsigned long areas = vmalloc_nr_areas(), largest = vmalloc_largest_free();
	unsigned long left;
	static struct vm_struct *held[MAX_HOLDERS];
	struct page *page;
	char expect[160];
	int n = 0, i;
	size_t mark;

	snap_take();
	/* One size too large for the largest free range (the guard page). */
	mark = printk_log_pos();
	EXPECT_NULL(test, vmalloc(largest));
	snprintf(expect, sizeof(expect),
		 "vmap allocation for size %lu failed: use vmalloc=<size> to increase size (largest free range %lu)",
		 largest, largest);
	EXPECT_TRUE(test, printk_log_find(mark, expect));
	EXPECT_LOGGED(test, mark, "test_exhaustion+");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	mark = printk_log_pos();
	EXPECT_NULL(test, vmalloc(1UL << 30));
	EXPECT_LOGGED(test, mark, "vmap allocation for size 1073741824 failed");
	/* Sizes near 4 GiB: neither page alignment nor the guard page wraps. */
	mark = printk_log_pos();
	EXPECT_NULL(test, vmalloc(~0UL & PAGE_MASK));
	EXPECT_LOGGED(test, mark, "vmap allocation for size 4294963200 failed");
	mark = printk_log_pos();
	EXPECT_NULL(test, vmalloc(~0UL));
	EXPECT_LOGGED(test, mark, "vmap allocation for size 4294967295 failed");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_EQ(test, vmalloc_largest_free(), largest);

	/*
	 * Take the whole space, each free range with one area that fits it
	 * exactly.  get_vm_area reserves the ranges through the same path as
	 * vmalloc but maps nothing: mapping everything would need 900 MiB of
	 * RAM at -m 128M, and would give every 2 MiB region of the space its
	 * master PMD entry for the rest of the boot, leaving the vmalloc_sync
	 * and fault suites (which may run after this one) no region to show
	 * a vmalloc fault in.
	 */
	while ((left = vmalloc_largest_free()) >= 2 * PAGE_SIZE && n < MAX_HOLDERS) {
		held[n] = get_vm_area(left - PAGE_SIZE, VM_MAP);
		if (!held[n])
			break;
		n++;
	}
	EXPECT_LT(test, vmalloc_largest_free(), 2 * PAGE_SIZE);
	EXPECT_LT(test, n, MAX_HOLDERS);
	left = vmalloc_largest_free();
	mark = printk_log_pos();
	EXPECT_NULL(test, vmalloc(1));
	snprintf(expect, sizeof(expect),
		 "vmap allocation for size 4096 failed: use vmalloc=<size> to increase size (largest free range %lu)",
		 left);
	EXPECT_TRUE(test, printk_log_find(mark, expect));
	/* vmap and ioremap meet the same wall. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	mark = printk_log_pos();
	EXPECT_NULL(test, vmap(&page, 1, 0, __pgprot(__PAGE_KERNEL)));
	EXPECT_NULL(test, ioremap(0xf0000, 1));
	EXPECT_EQ(test, printk_log_count(mark, "vmap allocation for size 4096 failed"), 2);
	__free_page(page);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + n);

	for (i = 0; i < n; i++)
		vunmap(held[i]->addr);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	/* The largest range is one again, and an area that fills it fits. */
	held[0] = get_vm_area(largest - PAGE_SIZE, VM_MAP);
	ASSERT_NOT_NULL(test, held[0]);
	EXPECT_EQ(test, vmalloc_largest_free(), 0);
	vunmap(held[0]->addr);
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	EXPECT_TRUE(test, snap_same());
}

/* ---- vmallocinfo ---- */

/* The vmallocinfo line for the area at addr, without its newline. */
static bool find_line(const char *out, unsigned long addr, char *line, size_t size)
{
	char start[16];
	const char *s, *e;

	snprintf(start, sizeof(start), "0x%08lx-", addr);
	s = strstr(out, start);
	if (!s)
		return false;
	e = strchr(s, '\n');
	if (!e)
		return false;
	strlcpy(line, s, min((size_t)(e - s) + 1, size));
	return true;
}

static unsigned long parse_hex(const char *s)
{
	unsigned long v = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			v = v * 16 + *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = v * 16 + *s - 'a' + 10;
		else
			return v;
	}
}

/* How many lines start with "0x<start>-0x<end> " above the previous end. */
static unsigned long lines_in_order(const char *out)
{
	unsigned long n = 0, prev_end = 0, start, end;
	const char *s = out;

	while (*s) {
		if (strncmp(s, "0x", 2) || s[10] != '-' || strncmp(s + 11, "0x", 2))
			return n;
		start = parse_hex(s + 2);
		end = parse_hex(s + 13);
		if (start < prev_end || end <= start)
			return n;
		prev_end = end;
		n++;
		s = strchr(s, '\n');
		if (!s)
			return n;
		s++;
	}
	return n;
}

static char info_out[4096];

/*
 * The area's line: "0x<start>-0x<end> <size> <caller> ... <tail>", its
 * size with the guard page, the caller this test, and tail at its end.
 */
static void expect_info_line(struct ktest *test, const void *area,
			     unsigned long size, const char *tail)
{
	unsigned long a = (unsigned long)area;
	char line[160], want[64];
	const char *t;

	if (!find_line(info_out, a, line, sizeof(line))) {
		ktest_fail_str(test, __FILE__, __LINE__, "vmallocinfo", "(no line)",
			       "tail", tail);
		return;
	}
	snprintf(want, sizeof(want), "0x%08lx-0x%08lx %7lu test_vmallocinfo+0x",
		 a, a + size, size);
	EXPECT_EQ(test, strncmp(line, want, strlen(want)), 0);
	t = strstr(line, tail);
	EXPECT_TRUE(test, t && !strcmp(t, tail));
}

static void test_vmallocinfo(struct ktest *test)
{
	struct page *pages[2];
	unsigned long lines = 0;
	char *v, *m, *io, *s;

	pages[0] = alloc_page(GFP_KERNEL);
	pages[1] = alloc_page(GFP_HIGHUSER);
	v = vmalloc(3 * PAGE_SIZE + 1);
	m = vmap(pages, 2, 0, __pgprot(__PAGE_KERNEL));
	io = ioremap(0xf0000, 2 * PAGE_SIZE);
	if (!pages[0] || !pages[1] || !v || !m || !io) {
		ktest_fail_msg(test, __FILE__, __LINE__, "an allocation failed");
		goto out;
	}
	monitor_capture(info_out, sizeof(info_out));
	EXPECT_EQ(test, monitor_exec("vmallocinfo"), 0);
	monitor_capture(NULL, 0);
	for (s = info_out; *s; s++)
		lines += *s == '\n';
	EXPECT_EQ(test, lines, vmalloc_nr_areas());
	expect_info_line(test, v, 5 * PAGE_SIZE, " pages=4 vmalloc");
	expect_info_line(test, m, 3 * PAGE_SIZE, " pages=2 vmap");
	expect_info_line(test, io, 3 * PAGE_SIZE, " phys=0x00000000000f0000 ioremap");
	/* One line per area, in address order, each starting "0x". */
	EXPECT_EQ(test, lines_in_order(info_out), lines);
out:
	iounmap(io);
	vunmap(m);
	vfree(v);
	if (pages[0])
		__free_page(pages[0]);
	if (pages[1])
		__free_page(pages[1]);
}

KTEST_SUITE(vmap_area,
	    KTEST_CASE(test_many_areas),
	    KTEST_CASE(test_exhaustion),
	    KTEST_CASE(test_vmallocinfo));
