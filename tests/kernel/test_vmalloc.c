/*
 * vmalloc and vmap (mm/vmalloc.c) as callers see them: areas of every
 * size with their pages and guard pages, highmem and lowmem pages as
 * asked, zeroing, the lookups, and misuse of vfree and vunmap.  The
 * space as a whole (many areas, exhaustion, vmallocinfo) is
 * test_vmap_area.c; ioremap is test_ioremap.c.
 */
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/setup.h>
#include "test_util.h"
#include "vmalloc_util.h"

static void check_size(struct ktest *test, unsigned long size)
{
	unsigned long nr = PAGE_ALIGN(size) >> PAGE_SHIFT, i, bad = 0;
	unsigned long areas = vmalloc_nr_areas();
	struct vm_struct *area;
	u8 *p = vmalloc(size);

	if (!p) {
		char msg[48];

		snprintf(msg, sizeof(msg), "vmalloc(%lu) failed", size);
		ktest_fail_msg(test, __FILE__, __LINE__, msg);
		return;
	}
	EXPECT_TRUE(test, is_vmalloc_addr(p));
	EXPECT_EQ(test, (unsigned long)p & ~PAGE_MASK, 0);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + 1);
	area = find_vm_area(p);
	ASSERT_NOT_NULL(test, area);
	EXPECT_PTR_EQ(test, area->addr, p);
	EXPECT_EQ(test, area->size, PAGE_ALIGN(size) + PAGE_SIZE);
	EXPECT_EQ(test, area->nr_pages, nr);
	EXPECT_EQ(test, area->flags, VM_ALLOC);
	for (i = 0; i < nr; i++) {
		struct page *page = vmalloc_to_page(p + i * PAGE_SIZE);

		bad += page != area->pages[i] ||
		       vmalloc_to_pfn(p + i * PAGE_SIZE) != page_to_pfn(page) ||
		       page_count(page) != 1;
	}
	EXPECT_EQ(test, bad, 0);
	fill_area(p, size, size);
	EXPECT_EQ(test, check_area(p, size, size), 0);
	/* The last page is mapped to its end; the guard page after it is not. */
	EXPECT_TRUE(test, probe_reads(p + PAGE_ALIGN(size) - 1));
	EXPECT_TRUE(test, probe_faults(p + PAGE_ALIGN(size)));
	EXPECT_TRUE(test, probe_faults(p + PAGE_ALIGN(size) + PAGE_SIZE - 1));
	EXPECT_NULL(test, vmalloc_to_page(p + PAGE_ALIGN(size)));
	vfree(p);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_NULL(test, find_vm_area(p));
	/* After vfree the whole range faults. */
	EXPECT_TRUE(test, probe_faults(p));
	EXPECT_TRUE(test, probe_faults(p + PAGE_ALIGN(size) - 1));
	EXPECT_NULL(test, vmalloc_to_page(p));
}

static void test_sizes(struct ktest *test)
{
	static const unsigned long sizes[] = {
		1, 3, 100, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1,
		3 * PAGE_SIZE + 5, 64 << 10, (1 << 20) + 123, 4 << 20,
		(16 << 20) - 1,
	};
	unsigned long largest = vmalloc_largest_free();
	unsigned int i;

	snap_take();
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		if (!vmalloc_fits(sizes[i])) {
			pr_info("    # vmalloc(%lu) left out: more than this machine has free\n",
				sizes[i]);
			continue;
		}
		check_size(test, sizes[i]);
	}
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	EXPECT_TRUE(test, snap_same());
}

static void test_64m(struct ktest *test)
{
	unsigned long size = 64UL << 20;

	if (vmalloc_largest_free() < size + PAGE_SIZE)
		KTEST_SKIP(test, "the vmalloc space has no 64 MiB range");
	if (nr_free_pages() < (size >> PAGE_SHIFT) + 4096)
		KTEST_SKIP(test, "not 64 MiB of free RAM");
	check_size(test, size);
}

static void test_zero_size(struct ktest *test)
{
	unsigned long areas = vmalloc_nr_areas();

	EXPECT_NULL(test, vmalloc(0));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	vfree(NULL);	/* no report, nothing happens */
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
}

static void test_highmem_pages(struct ktest *test)
{
	unsigned long nr = 64, i, high = 0, bad = 0;
	struct vm_struct *area;
	void *p;

	if (!have_highmem())
		KTEST_SKIP(test, "no highmem");
	p = vmalloc(nr * PAGE_SIZE);
	ASSERT_NOT_NULL(test, p);
	area = find_vm_area(p);
	fill_area(p, nr * PAGE_SIZE, 77);
	for (i = 0; i < nr; i++) {
		struct page *page = vmalloc_to_page((char *)p + i * PAGE_SIZE);
		void *k;

		high += PageHighMem(page);
		bad += page != area->pages[i];
		/* The same bytes through a second mapping of the page. */
		k = kmap(page);
		bad += memcmp(k, (char *)p + i * PAGE_SIZE, PAGE_SIZE) != 0;
		kunmap(page);
	}
	EXPECT_EQ(test, high, nr);
	EXPECT_EQ(test, bad, 0);
	vfree(p);

	/* __vmalloc passes the gfp through: highmem only when asked. */
	p = __vmalloc(8 * PAGE_SIZE, GFP_KERNEL | __GFP_HIGHMEM);
	ASSERT_NOT_NULL(test, p);
	for (i = 0, high = 0; i < 8; i++)
		high += PageHighMem(vmalloc_to_page((char *)p + i * PAGE_SIZE));
	EXPECT_EQ(test, high, 8);
	vfree(p);
	p = __vmalloc(8 * PAGE_SIZE, GFP_KERNEL);
	ASSERT_NOT_NULL(test, p);
	for (i = 0, high = 0; i < 8; i++)
		high += PageHighMem(vmalloc_to_page((char *)p + i * PAGE_SIZE));
	EXPECT_EQ(test, high, 0);
	vfree(p);
}

static void test_vzalloc_zeroes(struct ktest *test)
{
	unsigned long nr = 32, size = nr * PAGE_SIZE, i, nonzero = 0;
	u32 *p;

	/* Dirty pages first, so that the next ones are likely the same. */
	p = vmalloc(size);
	ASSERT_NOT_NULL(test, p);
	memset(p, 0xa5, size);
	vfree(p);
	p = vzalloc(size);
	ASSERT_NOT_NULL(test, p);
	for (i = 0; i < size / 4; i++)
		nonzero += p[i] != 0;
	EXPECT_EQ(test, nonzero, 0);
	if (have_highmem()) {	/* vzalloc zeroes highmem pages too */
		unsigned long high = 0;

		for (i = 0; i < nr; i++)
			high += PageHighMem(vmalloc_to_page((char *)p + i * PAGE_SIZE));
		EXPECT_EQ(test, high, nr);
	}
	vfree(p);
}

static void test_vmalloc_32_lowmem(struct ktest *test)
{
	unsigned long nr = 64, i, low = 0;
	char *p = vmalloc_32(nr * PAGE_SIZE);

	ASSERT_NOT_NULL(test, p);
	for (i = 0; i < nr; i++) {
		struct page *page = vmalloc_to_page(p + i * PAGE_SIZE);

		low += !PageHighMem(page) && page_to_pfn(page) < max_low_pfn;
	}
	EXPECT_EQ(test, low, nr);
	fill_area(p, nr * PAGE_SIZE, 32);
	EXPECT_EQ(test, check_area(p, nr * PAGE_SIZE, 32), 0);
	vfree(p);
}

/* Areas allocated one after another: each one's guard page stays unmapped. */
static void test_guard_pages_between_areas(struct ktest *test)
{
	enum { N = 8 };
	char *p[N];
	unsigned long sizes[N] = { 1, PAGE_SIZE, 2 * PAGE_SIZE, 5,
				   3 * PAGE_SIZE - 1, PAGE_SIZE + 1, 7000, 1 };
	int i, bad = 0;

	for (i = 0; i < N; i++) {
		p[i] = vmalloc(sizes[i]);
		ASSERT_NOT_NULL(test, p[i]);
		memset(p[i], i + 1, PAGE_ALIGN(sizes[i]));
	}
	for (i = 0; i < N; i++) {
		bad += !probe_faults(p[i] + PAGE_ALIGN(sizes[i]));
		bad += p[i][PAGE_ALIGN(sizes[i]) - 1] != i + 1;
		/* A neighbour never starts inside the area or its guard page. */
		if (i > 0 && p[i] > p[i - 1])
			bad += p[i] < p[i - 1] + PAGE_ALIGN(sizes[i - 1]) + PAGE_SIZE;
	}
	EXPECT_EQ(test, bad, 0);
	for (i = 0; i < N; i++)
		vfree(p[i]);
}

static void test_vfree_misuse(struct ktest *test)
{
	unsigned long areas, largest;
	size_t mark;
	char *p, *v;
	struct page *page;

	p = vmalloc(3 * PAGE_SIZE);
	ASSERT_NOT_NULL(test, p);
	memset(p, 0x3c, 3 * PAGE_SIZE);
	areas = vmalloc_nr_areas();
	largest = vmalloc_largest_free();
	snap_take();

	/* Not the start of the area: reported with a trace, nothing freed. */
	mark = printk_log_pos();
	vfree(p + PAGE_SIZE);
	EXPECT_LOGGED(test, mark, "Trying to vfree() nonexistent vm area");
	EXPECT_LOGGED(test, mark, "Call Trace:");
	EXPECT_LOGGED(test, mark, "test_vfree_misuse+");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	EXPECT_TRUE(test, snap_same());
	EXPECT_EQ(test, p[2 * PAGE_SIZE + 17], 0x3c);
	/* An address in no area at all. */
	mark = printk_log_pos();
	vfree((void *)(VMALLOC_END - PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "Trying to vfree() nonexistent vm area");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);

	vfree(p);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas - 1);
	/* Twice: reported, nothing changes. */
	areas = vmalloc_nr_areas();
	largest = vmalloc_largest_free();
	snap_take();
	mark = printk_log_pos();
	vfree(p);
	EXPECT_LOGGED(test, mark, "Trying to vfree() nonexistent vm area");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_EQ(test, vmalloc_largest_free(), largest);
	EXPECT_TRUE(test, snap_same());

	/* vfree of a vmap area and vunmap of a vmalloc area are refused. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	v = vmap(&page, 1, 0, __pgprot(__PAGE_KERNEL));
	p = vmalloc(PAGE_SIZE);
	if (v && p) {
		areas = vmalloc_nr_areas();
		mark = printk_log_pos();
		vfree(v);
		EXPECT_LOGGED(test, mark, "not a vmalloc area");
		vunmap(p);
		EXPECT_LOGGED(test, mark, "not a vmap area");
		EXPECT_EQ(test, vmalloc_nr_areas(), areas);
		EXPECT_TRUE(test, probe_reads(v));
		EXPECT_TRUE(test, probe_reads(p));
		mark = printk_log_pos();
		vunmap(v + 1);
		EXPECT_LOGGED(test, mark, "Trying to vunmap() nonexistent vm area");
		EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	} else {
		ktest_fail_msg(test, __FILE__, __LINE__, "vmap or vmalloc failed");
	}
	vunmap(v);
	vfree(p);
	EXPECT_EQ(test, page_count(page), 1);
	__free_page(page);
}

/* Lowmem and highmem pages, mapped in an order of our choosing. */
static void test_vmap_pages(struct ktest *test)
{
	enum { N = 6 };
	struct page *pages[N], *order[N];
	unsigned long areas = vmalloc_nr_areas();
	int i, bad = 0, high = 0;
	struct vm_struct *area;
	u8 *v;

	for (i = 0; i < N; i++) {
		pages[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);
		ASSERT_NOT_NULL(test, pages[i]);
		high += PageHighMem(pages[i]);
		memset(kmap(pages[i]), 0x10 + i, PAGE_SIZE);
		kunmap(pages[i]);
		order[N - 1 - i] = pages[i];	/* mapped backwards */
	}
	if (have_highmem())
		EXPECT_EQ(test, high, N / 2);
	v = vmap(order, N, 0, __pgprot(__PAGE_KERNEL));
	ASSERT_NOT_NULL(test, v);
	EXPECT_TRUE(test, is_vmalloc_addr(v));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + 1);
	area = find_vm_area(v);
	ASSERT_NOT_NULL(test, area);
	EXPECT_EQ(test, area->flags, VM_MAP);
	EXPECT_EQ(test, area->nr_pages, N);
	EXPECT_EQ(test, area->size, (N + 1) * PAGE_SIZE);
	for (i = 0; i < N; i++) {
		u8 want = 0x10 + (N - 1 - i);

		bad += vmalloc_to_page(v + i * PAGE_SIZE) != order[i];
		bad += v[i * PAGE_SIZE] != want || v[i * PAGE_SIZE + PAGE_SIZE - 1] != want;
		v[i * PAGE_SIZE + 100] = 0xe0 + i;	/* seen through kmap below */
	}
	EXPECT_EQ(test, bad, 0);
	EXPECT_TRUE(test, probe_faults(v + N * PAGE_SIZE));
	vunmap(v);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_TRUE(test, probe_faults(v));
	/* The pages are still ours, with what was written through the vmap. */
	for (i = 0, bad = 0; i < N; i++) {
		u8 *k = kmap(order[i]);

		bad += page_count(order[i]) != 1 || PageBuddy(order[i]);
		bad += k[100] != 0xe0 + i || k[0] != 0x10 + (N - 1 - i);
		kunmap(order[i]);
	}
	EXPECT_EQ(test, bad, 0);
	for (i = 0; i < N; i++)
		__free_page(pages[i]);
	EXPECT_NULL(test, vmap(pages, 0, 0, __pgprot(__PAGE_KERNEL)));
}

static void test_lookups(struct ktest *test)
{
	void *k = kmalloc(64, GFP_KERNEL);
	struct vm_struct *area;
	char *p;

	EXPECT_TRUE(test, is_vmalloc_addr((void *)VMALLOC_START));
	EXPECT_TRUE(test, is_vmalloc_addr((void *)(VMALLOC_END - 1)));
	EXPECT_FALSE(test, is_vmalloc_addr((void *)VMALLOC_END));
	EXPECT_FALSE(test, is_vmalloc_addr((void *)(VMALLOC_START - 1)));
	EXPECT_FALSE(test, is_vmalloc_addr((void *)PKMAP_BASE));
	EXPECT_FALSE(test, is_vmalloc_addr(NULL));
	EXPECT_FALSE(test, is_vmalloc_addr(k));
	EXPECT_FALSE(test, is_vmalloc_addr(high_memory));
	kfree(k);

	p = vmalloc(2 * PAGE_SIZE);
	ASSERT_NOT_NULL(test, p);
	area = find_vm_area(p);
	ASSERT_NOT_NULL(test, area);
	EXPECT_PTR_EQ(test, find_vm_area(p + PAGE_SIZE + 5), area);
	/* The guard page belongs to the area, the page after it does not. */
	EXPECT_PTR_EQ(test, find_vm_area(p + 2 * PAGE_SIZE), area);
	EXPECT_TRUE(test, find_vm_area(p - 1) != area);
	EXPECT_TRUE(test, find_vm_area(p + 3 * PAGE_SIZE) != area);
	EXPECT_NULL(test, find_vm_area(k));
	EXPECT_EQ(test, vmalloc_to_pfn(p + PAGE_SIZE + 7),
		  page_to_pfn(area->pages[1]));
	EXPECT_PTR_EQ(test, vmalloc_to_page(p + 4095), area->pages[0]);
	EXPECT_EQ(test, vmalloc_to_pfn(p + 2 * PAGE_SIZE), 0);
	vfree(p);
	EXPECT_NULL(test, find_vm_area(p));
	EXPECT_EQ(test, vmalloc_to_pfn(p), 0);
}

KTEST_SUITE(vmalloc,
	    KTEST_CASE(test_sizes),
	    KTEST_CASE(test_64m),
	    KTEST_CASE(test_zero_size),
	    KTEST_CASE(test_highmem_pages),
	    KTEST_CASE(test_vzalloc_zeroes),
	    KTEST_CASE(test_vmalloc_32_lowmem),
	    KTEST_CASE(test_guard_pages_between_areas),
	    KTEST_CASE(test_vfree_misuse),
	    KTEST_CASE(test_vmap_pages),
	    KTEST_CASE(test_lookups));
