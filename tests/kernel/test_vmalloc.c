/*
 * vmalloc, vmap, ioremap (mm/vmalloc.c, mm/vmap_area.c), vmalloc faults
 * into address spaces with their own copy of the kernel PMD (arch/x86/mm/
 * fault.c, arch/x86/mm/pgtable.c, kernel/fork.c) and the page-fault
 * reports (the oops classes, the exception-table fixups).
 *
 * Three suites:
 *  vmalloc       areas of every size, their pages, guard pages, misuse,
 *                vmap, ioremap, 10,000 areas, exhaustion, vmallocinfo;
 *  vmalloc_sync  an address space made before the master kernel PMD gained
 *                an entry meets it through exactly one vmalloc fault,
 *                whether the task runs in it or borrows it as active_mm;
 *                with shared_kernel_pmd=1 it never faults;
 *  fault         every kind of kernel page fault, provoked on purpose.
 *
 * The cases check whichever mode shared_kernel_pmd says, so the suites
 * pass in a default boot (private PMD copies: one fault per new region)
 * and in one with shared_kernel_pmd=1 on the command line (no faults).
 * The suites may run in any order (gcc and clang lay out the ktest
 * section differently); the vmalloc suite maps at most ~80 MiB, so that
 * later suites still find untouched 2 MiB regions even at -m 2G.
 *
 * A guard page or a freed area is touched through get_kernel_nofault(),
 * which turns the fault into -EFAULT through the exception table; every
 * such probe adds one to extable_fixups.
 *
 * The vmalloc space's page tables: the master PMD gains an entry for a
 * 2 MiB region the first time something is mapped there and keeps it, so
 * a region that has been used once never faults again.  The sync cases
 * need regions that are still empty; place_in_empty_region() steers an
 * allocation into one by reserving (without mapping) the free space the
 * allocator would otherwise choose first.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/nofault.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

extern unsigned long vmalloc_fault_count;	/* arch/x86/mm/fault.c */
extern unsigned long extable_fixups;		/* arch/x86/mm/extable.c */
struct list_head *vmap_area_list_head(void);	/* mm/vmap_area.c */

#define WAIT_MS		3000	/* the longest a case waits for a thread */

static unsigned long xorshift_state = 2463534242UL;

static unsigned long xorshift(void)
{
	unsigned long x = xorshift_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return xorshift_state = x;
}

/* The byte pattern areas are filled with: depends on area and offset. */
static u32 pattern(unsigned long tag, unsigned long i)
{
	return (u32)(tag * 0x9e3779b1UL) ^ (u32)(i * 0x85ebca6bUL) ^ 0x5a5a5a5a;
}

static void fill(void *p, unsigned long size, unsigned long tag)
{
	u32 *w = p;
	unsigned long i;

	for (i = 0; i < size / 4; i++)
		w[i] = pattern(tag, i);
	for (i = size & ~3UL; i < size; i++)
		((u8 *)p)[i] = (u8)pattern(tag, i);
}

/* How many bytes differ from what fill() wrote (words count as 4). */
static unsigned long check(const void *p, unsigned long size, unsigned long tag)
{
	const u32 *w = p;
	unsigned long i, bad = 0;

	for (i = 0; i < size / 4; i++)
		bad += w[i] != pattern(tag, i) ? 4 : 0;
	for (i = size & ~3UL; i < size; i++)
		bad += ((const u8 *)p)[i] != (u8)pattern(tag, i);
	return bad;
}

/*
 * Free pages per zone and per order, as the suite's free_pages_unchanged
 * compares them (empty slabs given back, per-CPU lists drained first).
 */
static struct ktest_snapshot snap_before, snap_after;

static void snap_take(void)
{
	ktest_take_snapshot(&snap_before);
}

static bool snap_same(void)
{
	ktest_take_snapshot(&snap_after);
	return snap_before.n == snap_after.n &&
	       !memcmp(snap_before.v, snap_after.v,
		       snap_before.n * sizeof(snap_before.v[0]));
}

/* -EFAULT and exactly one exception-table fixup: the address is not mapped. */
static bool probe_faults(const void *addr)
{
	unsigned long before = extable_fixups;
	unsigned char c;

	return get_kernel_nofault(c, addr) == -EFAULT &&
	       extable_fixups == before + 1;
}

/* Readable without a fixup. */
static bool probe_reads(const void *addr)
{
	unsigned long before = extable_fixups;
	unsigned char c;

	return get_kernel_nofault(c, addr) == 0 && extable_fixups == before;
}

static unsigned long ms_to_jiffies(unsigned int ms)
{
	return DIV_ROUND_UP(ms * HZ, 1000);
}

/* Sleeps until *v >= want; false if WAIT_MS pass first. */
static bool wait_stage(volatile int *v, int want)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (READ_ONCE(*v) < want) {
		if (time_after(jiffies, end))
			return false;
		msleep(1);
	}
	return true;
}

/*
 * Comes back with preemption disabled and current->active_mm == mm, or
 * false after WAIT_MS.  A task without an mm runs in whatever address
 * space the task before it left loaded (lazy TLB), so this sleeps until it
 * happens to follow the right one: for init_mm, the idle task.
 */
static bool run_in_active_mm(struct mm_struct *mm)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	for (;;) {
		preempt_disable();
		if (current->active_mm == mm)
			return true;
		preempt_enable();
		if (time_after(jiffies, end))
			return false;
		msleep(1);
	}
}

/* The PMD entry of pgd for addr (0 when the PDPT entry is not present). */
static u64 pmd_entry(pgd_t *pgd, unsigned long addr)
{
	pgd_t e = pgd[pgd_index(addr)];

	if (!pgd_present(e))
		return 0;
	return pmd_val(pgd_page_vaddr(e)[pmd_index(addr)]);
}

static u64 master_pmd_entry(unsigned long addr)
{
	return pmd_entry(swapper_pg_dir, addr);
}

/* Is the 2 MiB region of addr without a PMD entry in pgd? */
static bool region_empty(pgd_t *pgd, unsigned long addr)
{
	enum pg_level level;

	return !lookup_address_in_pgd(pgd, addr, &level) && level == PG_LEVEL_1G;
}

static pgd_t *current_pgd(void)
{
	return __va(read_cr3() & ~0x1fUL);
}

/* ---- steering an area into a 2 MiB region nobody has used ---- */

#define MAX_GAPS	256

struct placement {
	struct vm_struct *fill[MAX_GAPS];
	int n;
	unsigned long addr;	/* where the next area of the size will start */
};

static struct { unsigned long start, end; } gaps[MAX_GAPS];

/* The free ranges of the vmalloc space, lowest first, from the busy list. */
static int collect_gaps(void)
{
	unsigned long prev = VMALLOC_START;
	struct vmap_area *va;
	int n = 0;

	list_for_each_entry(va, vmap_area_list_head(), list) {
		if (va->va_start > prev && n < MAX_GAPS) {
			gaps[n].start = prev;
			gaps[n++].end = va->va_start;
		}
		prev = va->va_end;
	}
	if (prev < VMALLOC_END && n < MAX_GAPS) {
		gaps[n].start = prev;
		gaps[n++].end = VMALLOC_END;
	}
	return n;
}

/* Takes exactly [start, end) (guard page included) without mapping it. */
static bool reserve_range(struct placement *pl, unsigned long start,
			  unsigned long end)
{
	struct vm_struct *v = get_vm_area(end - start - PAGE_SIZE, VM_MAP);

	if (!v)
		return false;
	pl->fill[pl->n++] = v;
	return (unsigned long)v->addr == start && v->size == end - start;
}

static void placement_release(struct placement *pl)
{
	while (pl->n)
		vunmap(pl->fill[--pl->n]->addr);
}

/*
 * Makes the next area of size bytes start at pl->addr, wholly inside one
 * 2 MiB region whose PMD entry is empty both in the master and in pgd:
 * the allocator takes the lowest free range that fits, so every range it
 * would prefer is reserved first (placement_release gives them back).
 */
static bool place_in_empty_region(struct placement *pl, unsigned long size,
				  pgd_t *pgd)
{
	unsigned long need = PAGE_ALIGN(size) + PAGE_SIZE, r, s;
	int nr_gaps = collect_gaps(), g;

	pl->n = 0;
	for (g = 0; g < nr_gaps && pl->n < MAX_GAPS - 1; g++) {
		unsigned long gs = gaps[g].start, ge = gaps[g].end;

		if (ge - gs < need)
			continue;	/* too small to be chosen anyway */
		for (r = gs & PMD_MASK; r < ge; r += PMD_SIZE) {
			s = max(gs, r);
			if (s - gs == PAGE_SIZE)
				s += PAGE_SIZE;	/* an area takes >= 2 pages */
			if (s + need > min(ge, r + PMD_SIZE) ||
			    !region_empty(swapper_pg_dir, r) ||
			    !region_empty(pgd, r))
				continue;
			if (s > gs && !reserve_range(pl, gs, s))
				goto fail;
			pl->addr = s;
			return true;
		}
		if (!reserve_range(pl, gs, ge))
			goto fail;
	}
fail:
	placement_release(pl);
	return false;
}

/* vmalloc(size) at a start in an empty region, or NULL. */
static void *vmalloc_in_empty_region(struct ktest *test, unsigned long size,
				     pgd_t *pgd)
{
	static struct placement pl;
	void *p;

	if (!place_in_empty_region(&pl, size, pgd)) {
		ktest_fail_msg(test, __FILE__, __LINE__,
			       "no empty 2 MiB region left in the vmalloc space");
		return NULL;
	}
	p = vmalloc(size);
	placement_release(&pl);
	EXPECT_PTR_EQ(test, p, (void *)pl.addr);
	return p;
}

/* ==================== vmalloc ==================== */

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
	fill(p, size, size);
	EXPECT_EQ(test, check(p, size, size), 0);
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
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		check_size(test, sizes[i]);
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

static bool have_highmem(void)
{
	return totalhigh_pages > 0;
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
	fill(p, nr * PAGE_SIZE, 77);
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
	fill(p, nr * PAGE_SIZE, 32);
	EXPECT_EQ(test, check(p, nr * PAGE_SIZE, 32), 0);
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

/* A physical page outside the RAM the buddy allocator owns? */
static bool not_buddy_ram(unsigned long pfn)
{
	return !pfn_valid(pfn) || PageReserved(pfn_to_page(pfn));
}

/* The e820 type of the range holding phys (0 if none does). */
static u32 e820_type_of(u64 phys)
{
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++)
		if (phys >= e820_table.entries[i].addr &&
		    phys - e820_table.entries[i].addr < e820_table.entries[i].size)
			return e820_table.entries[i].type;
	return 0;
}

static void test_ioremap_bios(struct ktest *test)
{
	const phys_addr_t bios = 0xf0000;
	unsigned long areas = vmalloc_nr_areas(), i;
	struct vm_struct *area;
	enum pg_level level;
	u8 *io, *io2;
	pte_t *pte;
	int bad = 0;

	/*
	 * The firmware says 0xf0000-0xfffff is not RAM; memblock_free_all
	 * marked its pages reserved: never in the buddy allocator.
	 */
	EXPECT_EQ(test, e820_type_of(bios), E820_TYPE_RESERVED);
	for (i = 0; i < 16; i++)
		ASSERT_TRUE(test, pfn_valid(PHYS_PFN(bios) + i) &&
				  PageReserved(pfn_to_page(PHYS_PFN(bios) + i)));
	io = ioremap(bios, 0x10000);
	ASSERT_NOT_NULL(test, io);
	EXPECT_TRUE(test, is_vmalloc_addr(io));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas + 1);
	/* The same bytes as through the direct map (0xf0000 is lowmem). */
	EXPECT_EQ(test, memcmp(io, __va(bios), 0x10000), 0);
	/* The reset vector: a far jump at 0xffff0. */
	EXPECT_EQ(test, io[0xfff0], 0xea);
	for (i = 0; i < 16; i++) {
		bad += vmalloc_to_pfn(io + i * PAGE_SIZE) != PHYS_PFN(bios) + i;
		pte = lookup_address((unsigned long)io + i * PAGE_SIZE, &level);
		bad += !pte || level != PG_LEVEL_4K ||
		       (pte_val(*pte) & (_PAGE_PCD | _PAGE_PWT | _PAGE_PRESENT)) !=
		       (_PAGE_PCD | _PAGE_PWT | _PAGE_PRESENT);
	}
	EXPECT_EQ(test, bad, 0);
	area = find_vm_area(io);
	ASSERT_NOT_NULL(test, area);
	EXPECT_EQ(test, area->flags, VM_IOREMAP);
	EXPECT_EQ(test, area->phys_addr, bios);
	EXPECT_EQ(test, area->size, 0x10000 + PAGE_SIZE);
	EXPECT_TRUE(test, probe_faults(io + 0x10000));

	/* Not page aligned: the offset is kept, iounmap takes that address. */
	io2 = ioremap(bios + 0xfff0, 16);
	ASSERT_NOT_NULL(test, io2);
	EXPECT_EQ(test, (unsigned long)io2 & ~PAGE_MASK, 0xff0);
	EXPECT_EQ(test, memcmp(io2, __va(bios + 0xfff0), 16), 0);
	EXPECT_EQ(test, find_vm_area(io2)->size, 2 * PAGE_SIZE);
	iounmap(io2);
	iounmap(io);
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	EXPECT_TRUE(test, probe_faults(io));
	EXPECT_TRUE(test, probe_faults(io2));
}

/*
 * Beyond the RAM: the top of the 4 GiB space is the BIOS ROM, whose last
 * 16 bytes are the reset vector.  mem_map may not even cover it (at 2 GiB
 * it does not; at 4 GiB it is a hole, so reserved).
 */
static void test_ioremap_beyond_ram(struct ktest *test)
{
	const phys_addr_t rom = 0xfffff000;
	u8 *io;

	EXPECT_NE(test, e820_type_of(rom), E820_TYPE_RAM);
	ASSERT_TRUE(test, not_buddy_ram(PHYS_PFN(rom)));
	io = ioremap(rom + 0xff0, 16);
	ASSERT_NOT_NULL(test, io);
	EXPECT_EQ(test, vmalloc_to_pfn(io), PHYS_PFN(rom));
	EXPECT_EQ(test, io[0], 0xea);
	iounmap(io);
}

static void test_ioremap_ram_refused(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long areas = vmalloc_nr_areas();
	phys_addr_t phys;
	size_t mark;

	ASSERT_NOT_NULL(test, page);
	phys = PFN_PHYS(page_to_pfn(page));
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(phys, PAGE_SIZE));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_LOGGED(test, mark, "test_ioremap_ram_refused+");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
	__free_page(page);
	/* A free page is the allocator's too. */
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(phys, 1));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_NULL(test, ioremap(0xf0000, 0));
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
}

/*
 * Where the firmware's reserved area ends and RAM begins (the first such
 * place above the BIOS area; RAM counts whoever owns it): the reserved
 * page maps, a range that reaches one byte into the RAM page does not.
 */
static void test_ioremap_boundary(struct ktest *test)
{
	unsigned long pfn = PHYS_PFN(0xf0000), areas = vmalloc_nr_areas();
	phys_addr_t edge;
	size_t mark;
	void *io;

	while (pfn < max_low_pfn &&
	       !e820__mapped_any(PFN_PHYS(pfn), PFN_PHYS(pfn + 1), E820_TYPE_RAM))
		pfn++;
	ASSERT_LT(test, pfn, max_low_pfn);
	edge = PFN_PHYS(pfn);
	io = ioremap(edge - PAGE_SIZE, PAGE_SIZE);
	EXPECT_NOT_NULL(test, io);
	iounmap(io);
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(edge - PAGE_SIZE, PAGE_SIZE + 1));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	mark = printk_log_pos();
	EXPECT_NULL(test, ioremap(edge - 0x800, 0x1000));
	EXPECT_LOGGED(test, mark, "ioremap on RAM at ");
	EXPECT_EQ(test, vmalloc_nr_areas(), areas);
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

static void test_many_areas(struct ktest *test)
{
	unsigned long areas, largest, i, n, bad = 0, sizes_bad = 0;
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
	xorshift_state = 2463534242UL;
	for (n = 0; n < MANY; n++) {
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
	EXPECT_EQ(test, n, MANY);
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

static void test_vmallocinfo(struct ktest *test)
{
	struct page *pages[2];
	char line[160], want[96];
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

	EXPECT_TRUE(test, find_line(info_out, (unsigned long)v, line, sizeof(line)));
	snprintf(want, sizeof(want), "0x%08lx-0x%08lx   20480 test_vmallocinfo+0x",
		 (unsigned long)v, (unsigned long)v + 5 * PAGE_SIZE);
	EXPECT_EQ(test, strncmp(line, want, strlen(want)), 0);
	EXPECT_TRUE(test, strstr(line, " pages=4 vmalloc") &&
			  !strcmp(strstr(line, " pages=4 vmalloc"), " pages=4 vmalloc"));

	EXPECT_TRUE(test, find_line(info_out, (unsigned long)m, line, sizeof(line)));
	snprintf(want, sizeof(want), "0x%08lx-0x%08lx   12288 test_vmallocinfo+0x",
		 (unsigned long)m, (unsigned long)m + 3 * PAGE_SIZE);
	EXPECT_EQ(test, strncmp(line, want, strlen(want)), 0);
	EXPECT_TRUE(test, strstr(line, " pages=2 vmap") &&
			  !strcmp(strstr(line, " pages=2 vmap"), " pages=2 vmap"));

	EXPECT_TRUE(test, find_line(info_out, (unsigned long)io, line, sizeof(line)));
	snprintf(want, sizeof(want), "0x%08lx-0x%08lx   12288 test_vmallocinfo+0x",
		 (unsigned long)io, (unsigned long)io + 3 * PAGE_SIZE);
	EXPECT_EQ(test, strncmp(line, want, strlen(want)), 0);
	EXPECT_TRUE(test, strstr(line, " phys=0x00000000000f0000 ioremap") &&
			  !strcmp(strstr(line, " phys="), " phys=0x00000000000f0000 ioremap"));
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

/*
 * A physical address above 4 GiB keeps its upper bits (a 32-bit mask
 * would map the page 4 GiB lower); beyond what the CPU can address it is
 * refused.  0xffffff000 is the last page of the 36-bit space, never RAM.
 */
static void test_ioremap_above_4g(struct ktest *test)
{
	phys_addr_t top = 0xffffff000ULL;
	size_t mark = printk_log_pos();
	void *io = ioremap(top + 0x10, 16);

	if (boot_cpu_data.x86_phys_bits < 36) {
		EXPECT_NULL(test, io);
		EXPECT_LOGGED(test, mark, "is beyond the CPU's 32 physical address bits");
		return;
	}
	ASSERT_NOT_NULL(test, io);
	EXPECT_EQ(test, (unsigned long)io & (PAGE_SIZE - 1), 0x10);
	EXPECT_EQ(test, vmalloc_to_pfn(io), 0xffffff);
	EXPECT_NULL(test, vmalloc_to_page(io));	/* no struct page there */
	iounmap(io);
}

static volatile bool exit_in_mm_started;

static int exit_in_mm(void *data)
{
	kthread_use_mm(data);
	exit_in_mm_started = true;
	return 0;		/* no kthread_unuse_mm: do_exit must let go */
}

/* A thread that exits inside its own mm gives the mm back (exit_mm). */
static void test_exit_releases_mm(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct task_struct *t;
	int i;

	ASSERT_NOT_NULL(test, mm);
	exit_in_mm_started = false;
	t = kthread_run(exit_in_mm, mm, "exit_in_mm");
	ASSERT_NOT_NULL(test, t);
	for (i = 0; i < 50 && (!exit_in_mm_started || atomic_read(&mm->mm_count) != 1); i++)
		msleep(10);
	EXPECT_TRUE(test, exit_in_mm_started);
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 1);	/* only our reference is left */
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	mmput(mm);
}

KTEST_SUITE(vmalloc,
	    KTEST_CASE(test_ioremap_above_4g),
	    KTEST_CASE(test_exit_releases_mm),
	    KTEST_CASE(test_sizes),
	    KTEST_CASE(test_64m),
	    KTEST_CASE(test_zero_size),
	    KTEST_CASE(test_highmem_pages),
	    KTEST_CASE(test_vzalloc_zeroes),
	    KTEST_CASE(test_vmalloc_32_lowmem),
	    KTEST_CASE(test_guard_pages_between_areas),
	    KTEST_CASE(test_vfree_misuse),
	    KTEST_CASE(test_vmap_pages),
	    KTEST_CASE(test_ioremap_bios),
	    KTEST_CASE(test_ioremap_beyond_ram),
	    KTEST_CASE(test_ioremap_ram_refused),
	    KTEST_CASE(test_ioremap_boundary),
	    KTEST_CASE(test_lookups),
	    KTEST_CASE(test_many_areas),
	    KTEST_CASE(test_exhaustion),
	    KTEST_CASE(test_vmallocinfo));

/* ==================== vmalloc_sync ==================== */

#define SYNC_SIZE	(16 * PAGE_SIZE)
#define SYNC_TAG	0x51c

/*
 * A new address space: its own PDPT whose kernel entry points at a
 * private copy of the master's kernel PMD page (identical at creation),
 * or, with shared_kernel_pmd=1, at the master's page itself.
 */
static void test_mm_page_tables(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	pgd_t *pgd;

	ASSERT_NOT_NULL(test, mm);
	pgd = (pgd_t *)mm->pgd;
	EXPECT_EQ(test, (unsigned long)pgd & 31, 0);
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 1);
	EXPECT_EQ(test, mm->vmalloc_faults, 0);
	EXPECT_EQ(test, pgd_val(pgd[0]) | pgd_val(pgd[1]) | pgd_val(pgd[2]), 0);
	EXPECT_TRUE(test, pgd_present(pgd[3]));
	if (shared_kernel_pmd) {
		EXPECT_EQ(test, pgd_val(pgd[3]), pgd_val(swapper_pg_dir[3]));
	} else {
		EXPECT_NE(test, pgd_val(pgd[3]) & PTE_PFN_MASK,
			  pgd_val(swapper_pg_dir[3]) & PTE_PFN_MASK);
		EXPECT_EQ(test, pgd_val(pgd[3]) & ~PTE_PFN_MASK, _PAGE_PRESENT);
		EXPECT_EQ(test, memcmp(pgd_page_vaddr(pgd[3]),
				       pgd_page_vaddr(swapper_pg_dir[3]), PAGE_SIZE), 0);
	}
	/* The direct map, pkmap and fixmap are there from the start. */
	EXPECT_EQ(test, pmd_entry(pgd, PAGE_OFFSET), master_pmd_entry(PAGE_OFFSET));
	EXPECT_NE(test, pmd_entry(pgd, PKMAP_BASE), 0);
	EXPECT_NE(test, pmd_entry(pgd, FIXADDR_START), 0);
	mmget(mm);
	mmput(mm);
	EXPECT_EQ(test, atomic_read(&mm->mm_users), 1);
	mmput(mm);
}

enum { S_TOUCH = 1, S_FREED, S_DONE, S_ABORT };

struct sync_ctx {
	struct ktest *test;
	struct mm_struct *mm;
	u32 *area;
	bool borrower_touches;	/* else the thread that owns the mm does */
	volatile int stage;	/* the test's */
	volatile int owner_stage, borrower_stage;
};

/* Waits (sleeping or yielding) until the test reaches stage; false on timeout. */
static bool thread_wait(struct sync_ctx *c, int stage, bool stay_runnable)
{
	unsigned long end = jiffies + ms_to_jiffies(2 * WAIT_MS);

	while (READ_ONCE(c->stage) < stage) {
		if (time_after(jiffies, end))
			return false;
		if (stay_runnable)
			yield();
		else
			msleep(1);
	}
	return true;
}

/*
 * The first touch of an area in a 2 MiB region this address space has no
 * PMD entry for: exactly one vmalloc fault copies the master's entry (none
 * when the kernel PMD is shared); the second touch finds it there.
 * Called in mm (current's page tables), with preemption off.
 */
static void touch_new_area(struct ktest *test, struct mm_struct *mm, u32 *area)
{
	unsigned long addr = (unsigned long)area, want = shared_kernel_pmd ? 0 : 1;
	unsigned long faults = vmalloc_fault_count, mm_faults = mm->vmalloc_faults;
	unsigned long fixups = extable_fixups, last = SYNC_SIZE / 4 - 1;
	pgd_t *pgd = (pgd_t *)mm->pgd;

	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(mm->pgd));
	EXPECT_NE(test, master_pmd_entry(addr), 0);
	EXPECT_EQ(test, pmd_entry(pgd, addr), shared_kernel_pmd ? master_pmd_entry(addr) : 0);
	EXPECT_EQ(test, READ_ONCE(area[0]), pattern(SYNC_TAG, 0));
	EXPECT_EQ(test, vmalloc_fault_count, faults + want);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults + want);
	EXPECT_EQ(test, pmd_entry(pgd, addr), master_pmd_entry(addr));
	EXPECT_EQ(test, READ_ONCE(area[last]), pattern(SYNC_TAG, last));
	area[1] = 0x600d;
	EXPECT_EQ(test, vmalloc_fault_count, faults + want);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults + want);
	EXPECT_EQ(test, extable_fixups, fixups);
}

/* After vfree: the copied entry stays, and an access is caught. */
static void probe_freed_area(struct ktest *test, struct mm_struct *mm, u32 *area)
{
	unsigned long addr = (unsigned long)area, faults = vmalloc_fault_count;
	unsigned long mm_faults = mm->vmalloc_faults;

	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(mm->pgd));
	EXPECT_NE(test, pmd_entry((pgd_t *)mm->pgd, addr), 0);
	EXPECT_EQ(test, pmd_entry((pgd_t *)mm->pgd, addr), master_pmd_entry(addr));
	EXPECT_TRUE(test, probe_faults(area));
	EXPECT_TRUE(test, probe_faults(area + SYNC_SIZE / 4 - 1));
	EXPECT_EQ(test, vmalloc_fault_count, faults);
	EXPECT_EQ(test, mm->vmalloc_faults, mm_faults);
}

/* A kernel thread that adopts the address space and stays in it. */
static int sync_owner_fn(void *data)
{
	struct sync_ctx *c = data;
	struct ktest *test = c->test;

	kthread_use_mm(c->mm);
	EXPECT_PTR_EQ(test, current->mm, c->mm);
	EXPECT_PTR_EQ(test, current->active_mm, c->mm);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(c->mm->pgd));
	c->owner_stage = 1;
	if (!c->borrower_touches) {
		if (thread_wait(c, S_TOUCH, false) && c->stage < S_DONE) {
			preempt_disable();
			touch_new_area(test, c->mm, c->area);
			preempt_enable();
		}
		c->owner_stage = 2;
		if (thread_wait(c, S_FREED, false) && c->stage < S_DONE) {
			preempt_disable();
			probe_freed_area(test, c->mm, c->area);
			preempt_enable();
		}
		c->owner_stage = 3;
	}
	/* Runnable in the mm until told: a thread without one borrows it. */
	thread_wait(c, S_DONE, true);
	kthread_unuse_mm(c->mm);
	EXPECT_PTR_EQ(test, current->mm, NULL);
	EXPECT_PTR_EQ(test, current->active_mm, &init_mm);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(swapper_pg_dir));
	c->owner_stage = 4;
	return 0;
}

/*
 * Comes back with preemption off, running on c->mm's page tables as a
 * borrowed active_mm: yields until it follows the owner (or a task that
 * borrowed from it).
 */
static bool borrow(struct sync_ctx *c)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	for (;;) {
		preempt_disable();
		if (current->active_mm == c->mm)
			return true;
		preempt_enable();
		if (time_after(jiffies, end) || c->stage >= S_ABORT)
			return false;
		yield();
	}
}

/* A kernel thread with no mm of its own. */
static int sync_borrower_fn(void *data)
{
	struct sync_ctx *c = data;
	struct ktest *test = c->test;

	if (thread_wait(c, S_TOUCH, true) && c->stage < S_DONE && borrow(c)) {
		EXPECT_PTR_EQ(test, current->mm, NULL);
		EXPECT_PTR_EQ(test, current->active_mm, c->mm);
		touch_new_area(test, c->mm, c->area);
		preempt_enable();
	} else {
		ktest_fail_msg(test, __FILE__, __LINE__, "never ran with the mm borrowed");
	}
	c->borrower_stage = 1;
	if (thread_wait(c, S_FREED, true) && c->stage < S_DONE && borrow(c)) {
		EXPECT_PTR_EQ(test, current->mm, NULL);
		probe_freed_area(test, c->mm, c->area);
		preempt_enable();
	}
	c->borrower_stage = 2;
	return 0;
}

/* Sleeps until current no longer runs on mm's page tables, then a bit more. */
static void leave_mm(struct ktest *test, struct mm_struct *mm)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (READ_ONCE(current->active_mm) == mm && time_before(jiffies, end))
		msleep(1);
	EXPECT_TRUE(test, current->active_mm != mm);
	msleep(20);	/* the threads that exited are reaped */
}

/*
 * Writes what fill() would through each page's own mapping (the direct
 * map, or kmap for highmem), never through the area's address: a task
 * that may be running on a private kernel PMD copy must not be the one to
 * take the area's first vmalloc fault.
 */
static void fill_through_pages(void *area, unsigned long size, unsigned long tag)
{
	unsigned long off, i;

	for (off = 0; off < size; off += PAGE_SIZE) {
		struct page *page = vmalloc_to_page((char *)area + off);
		u32 *k = kmap(page);

		for (i = 0; i < PAGE_SIZE / 4; i++)
			k[i] = pattern(tag, off / 4 + i);
		kunmap(page);
	}
}

/*
 * An address space made first; then an area in a 2 MiB region its copy
 * of the kernel PMD has no entry for; then a touch from that space.
 *
 * Without a borrower: the test, running in init_mm, makes and fills the
 * area before the owner thread adopts the space (a task that has been
 * sleeping while another task ran in a private mm comes back on that mm:
 * lazy TLB); the owner touches it.
 *
 * With a borrower: the owner adopts the space first and stays runnable in
 * it; the test makes the area wherever the lazy TLB left it (possibly on
 * that very mm: vmalloc must not touch its tables), fills it through the
 * pages, and a second thread, without an mm of its own, touches the area
 * while borrowing the owner's mm as active_mm.
 */
static void run_sync(struct ktest *test, bool borrower)
{
	static struct sync_ctx c;
	unsigned long want = shared_kernel_pmd ? 0 : 1, faults, addr = 0;
	struct task_struct *owner = NULL, *b = NULL;
	size_t mark = printk_log_pos();
	struct mm_struct *mm;
	u32 *area = NULL;
	enum pg_level level;
	bool ok = true;
	pte_t *pte;

	memset(&c, 0, sizeof(c));
	c.test = test;
	c.borrower_touches = borrower;
	c.mm = mm = mm_alloc();
	ASSERT_NOT_NULL(test, mm);
	if (!borrower) {
		if (run_in_active_mm(&init_mm)) {
			faults = vmalloc_fault_count;
			area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)mm->pgd);
			if (area)
				fill(area, SYNC_SIZE, SYNC_TAG);
			preempt_enable();
			/* The master has the entry: no fault for init_mm. */
			EXPECT_EQ(test, vmalloc_fault_count, faults);
			ok = area != NULL;
		} else {
			ktest_fail_msg(test, __FILE__, __LINE__, "never ran in init_mm");
			ok = false;
		}
	}
	if (ok) {
		owner = kthread_run(sync_owner_fn, &c, borrower ? "vm_lender" : "vm_owner");
		ok = owner != NULL;
	}
	ok = ok && wait_stage(&c.owner_stage, 1);
	if (ok && borrower) {
		faults = vmalloc_fault_count;
		area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)mm->pgd);
		if (area)
			fill_through_pages(area, SYNC_SIZE, SYNC_TAG);
		EXPECT_EQ(test, vmalloc_fault_count, faults);
		ok = area != NULL;
	}
	if (ok) {
		addr = (unsigned long)area;
		/* vmalloc filled in the master only. */
		EXPECT_NE(test, master_pmd_entry(addr), 0);
		EXPECT_EQ(test, pmd_entry((pgd_t *)mm->pgd, addr),
			  shared_kernel_pmd ? master_pmd_entry(addr) : 0);
		EXPECT_EQ(test, mm->vmalloc_faults, 0);
		c.area = area;
		if (borrower)
			ok = (b = kthread_run(sync_borrower_fn, &c, "vm_borrower")) != NULL;
		c.stage = S_TOUCH;
		ok = ok && (borrower ? wait_stage(&c.borrower_stage, 1)
				     : wait_stage(&c.owner_stage, 2));
	}
	if (ok) {
		vfree(area);
		area = NULL;
		/* The master keeps the PMD entry; the PTEs are gone. */
		EXPECT_NE(test, master_pmd_entry(addr), 0);
		pte = lookup_address(addr, &level);
		EXPECT_TRUE(test, pte && level == PG_LEVEL_4K && pte_none(*pte));
		c.stage = S_FREED;
		ok = borrower ? wait_stage(&c.borrower_stage, 2)
			      : wait_stage(&c.owner_stage, 3);
	}
	EXPECT_TRUE(test, ok);
	c.stage = ok ? S_DONE : S_ABORT;
	if (owner)
		EXPECT_TRUE(test, wait_stage(&c.owner_stage, 4));
	if (b)
		EXPECT_TRUE(test, wait_stage(&c.borrower_stage, 2));
	if (ok)
		EXPECT_EQ(test, mm->vmalloc_faults, want);
	EXPECT_FALSE(test, printk_log_find(mark, "Oops"));
	vfree(area);
	mmput(mm);
	leave_mm(test, mm);
}

static void test_sync_thread_in_mm(struct ktest *test)
{
	run_sync(test, false);
}

static void test_sync_borrowed_active_mm(struct ktest *test)
{
	run_sync(test, true);
}

/* Another address space's copy is not touched by anything here. */
static void test_sync_two_mms(struct ktest *test)
{
	struct mm_struct *a = mm_alloc(), *b = mm_alloc();
	unsigned long addr, want = shared_kernel_pmd ? 0 : 1, faults;
	u32 *area;

	if (!a || !b) {
		if (a)
			mmput(a);
		if (b)
			mmput(b);
		ASSERT_TRUE(test, false);
	}
	kthread_use_mm(a);
	area = vmalloc_in_empty_region(test, SYNC_SIZE, (pgd_t *)b->pgd);
	if (area) {
		addr = (unsigned long)area;
		preempt_disable();
		faults = vmalloc_fault_count;
		fill(area, SYNC_SIZE, SYNC_TAG);
		EXPECT_EQ(test, vmalloc_fault_count, faults + want);
		preempt_enable();
		EXPECT_EQ(test, a->vmalloc_faults, want);
		EXPECT_EQ(test, pmd_entry((pgd_t *)a->pgd, addr), master_pmd_entry(addr));
		/* b was made earlier and has not run: still without the entry. */
		EXPECT_EQ(test, pmd_entry((pgd_t *)b->pgd, addr),
			  shared_kernel_pmd ? master_pmd_entry(addr) : 0);
		EXPECT_EQ(test, b->vmalloc_faults, 0);
		vfree(area);
	}
	kthread_unuse_mm(a);
	EXPECT_PTR_EQ(test, current->active_mm, &init_mm);
	mmput(a);
	mmput(b);
}

KTEST_SUITE(vmalloc_sync,
	    KTEST_CASE(test_mm_page_tables),
	    KTEST_CASE(test_sync_thread_in_mm),
	    KTEST_CASE(test_sync_borrowed_active_mm),
	    KTEST_CASE(test_sync_two_mms));

/* ==================== fault ==================== */

static void do_read(void *arg)
{
	(void)*(volatile u8 *)arg;
}

static void do_write(void *arg)
{
	*(volatile u8 *)arg = 0x5a;
}

static void do_call(void *arg)
{
	((void (*)(void))arg)();
}

/* The oops tests compare counters: run them in init_mm, synced. */
static void settle_in_init_mm(struct ktest *test)
{
	if (run_in_active_mm(&init_mm))
		preempt_enable();
	else
		ktest_fail_msg(test, __FILE__, __LINE__, "never ran in init_mm");
}

/*
 * Runs fn(addr) expecting an oops for a page fault at addr; checks it was
 * an oops (no fixup, no vmalloc fault) and the error code lines.
 */
static bool provoke(struct ktest *test, void (*fn)(void *), void *addr,
		    unsigned long want_code, const char *access, const char *reason,
		    size_t *mark)
{
	unsigned long faults = vmalloc_fault_count, fixups = extable_fixups, cr2 = 0;
	struct pt_regs regs;
	char line[96];

	*mark = printk_log_pos();
	if (!expect_trap(X86_TRAP_PF, fn, addr, &regs, &cr2)) {
		ktest_fail_msg(test, __FILE__, __LINE__, "no page fault");
		return false;
	}
	EXPECT_EQ(test, cr2, (unsigned long)addr);
	EXPECT_EQ(test, regs.error_code, want_code);
	EXPECT_EQ(test, extable_fixups, fixups);
	EXPECT_EQ(test, vmalloc_fault_count, faults);
	snprintf(line, sizeof(line), "#PF: supervisor %s in kernel mode", access);
	if (!printk_log_find(*mark, line))
		ktest_fail_str(test, __FILE__, __LINE__, "logged", "(missing)", "line", line);
	snprintf(line, sizeof(line), "#PF: error_code(0x%04lx) - %s", (unsigned long)regs.error_code, reason);
	if (!printk_log_find(*mark, line))
		ktest_fail_str(test, __FILE__, __LINE__, "logged", "(missing)", "line", line);
	snprintf(line, sizeof(line), "Oops: %04lx [#", (unsigned long)regs.error_code);
	if (!printk_log_find(*mark, line))
		ktest_fail_str(test, __FILE__, __LINE__, "logged", "(missing)", "line", line);
	EXPECT_LOGGED(test, *mark, "---[ end trace (expected by a test) ]---");
	return true;
}

/*
 * The page-table walk the oops printed: the PDPT entry of the current
 * address space, the master's PMD entry (the fault would have copied it)
 * and the PTE we expect there.
 */
static void expect_walk(struct ktest *test, size_t mark, unsigned long addr,
			u64 pte)
{
	char line[96];

	snprintf(line, sizeof(line), "*pdpt = %016llx *pde = %016llx *pte = %016llx \n",
		 pgd_val(current_pgd()[pgd_index(addr)]), master_pmd_entry(addr), pte);
	if (!printk_log_find(mark, line))
		ktest_fail_str(test, __FILE__, __LINE__, "logged", "(missing)", "walk", line);
}

static void expect_logged_fmt(struct ktest *test, size_t mark, const char *line)
{
	if (!printk_log_find(mark, line))
		ktest_fail_str(test, __FILE__, __LINE__, "logged", "(missing)", "line", line);
}

static void test_null_pointer(struct ktest *test)
{
	size_t mark;

	settle_in_init_mm(test);
	if (provoke(test, do_read, NULL, 0x0000, "read access", "not-present page", &mark)) {
		EXPECT_LOGGED(test, mark, "BUG: kernel NULL pointer dereference, address: 00000000\n");
		EXPECT_LOGGED(test, mark, "*pdpt = 0000000000000000 \n");
		EXPECT_LOGGED(test, mark, "EIP: do_read+");
	}
	if (provoke(test, do_write, (void *)0x10, 0x0002, "write access",
		    "not-present page", &mark)) {
		EXPECT_LOGGED(test, mark, "BUG: kernel NULL pointer dereference, address: 00000010\n");
		EXPECT_LOGGED(test, mark, "*pdpt = 0000000000000000 \n");
		EXPECT_LOGGED(test, mark, "EIP: do_write+");
	}
}

static void test_guard_page_oops(struct ktest *test)
{
	char *p = vmalloc(2 * PAGE_SIZE), line[160];
	unsigned long guard;
	size_t mark;

	ASSERT_NOT_NULL(test, p);
	settle_in_init_mm(test);
	guard = (unsigned long)p + 2 * PAGE_SIZE;
	if (provoke(test, do_read, (void *)guard, 0x0000, "read access",
		    "not-present page", &mark)) {
		snprintf(line, sizeof(line), "BUG: unable to handle page fault for address: %08lx\n", guard);
		expect_logged_fmt(test, mark, line);
		expect_walk(test, mark, guard, 0);
		snprintf(line, sizeof(line),
			 "vmalloc: %08lx is in the guard page of the area 0x%08lx-0x%08lx (12288 bytes) from test_guard_page_oops+0x",
			 guard, (unsigned long)p, guard + PAGE_SIZE);
		expect_logged_fmt(test, mark, line);
	}
	if (provoke(test, do_write, (void *)(guard + PAGE_SIZE - 1), 0x0002,
		    "write access", "not-present page", &mark))
		EXPECT_LOGGED(test, mark, "in the guard page of the area");
	vfree(p);
}

static void test_freed_area_oops(struct ktest *test)
{
	char *p = vmalloc(PAGE_SIZE), line[128];
	size_t mark;

	ASSERT_NOT_NULL(test, p);
	*p = 1;
	vfree(p);
	settle_in_init_mm(test);
	if (provoke(test, do_write, p, 0x0002, "write access", "not-present page", &mark)) {
		snprintf(line, sizeof(line), "BUG: unable to handle page fault for address: %08lx\n",
			 (unsigned long)p);
		expect_logged_fmt(test, mark, line);
		snprintf(line, sizeof(line),
			 "vmalloc: %08lx is in no vmalloc area (never allocated, or freed)",
			 (unsigned long)p);
		expect_logged_fmt(test, mark, line);
		expect_walk(test, mark, (unsigned long)p, 0);
	}
}

/* One page mapped once more by vmap with prot; NULL if that failed. */
static u8 *map_with(struct ktest *test, struct page *page, u64 prot)
{
	u8 *v = vmap(&page, 1, 0, __pgprot(prot));

	if (!v)
		ktest_fail_msg(test, __FILE__, __LINE__, "vmap failed");
	return v;
}

static void test_write_read_only(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u8 *low, *v;
	char line[128];
	size_t mark;

	ASSERT_NOT_NULL(test, page);
	low = page_address(page);
	memset(low, 0x77, PAGE_SIZE);
	v = map_with(test, page, __PAGE_KERNEL_RO);
	if (v) {
		settle_in_init_mm(test);
		EXPECT_EQ(test, v[123], 0x77);	/* reading is fine */
		if (provoke(test, do_write, v + 123, 0x0003, "write access",
			    "permissions violation", &mark)) {
			snprintf(line, sizeof(line),
				 "BUG: unable to handle page fault for address: %08lx\n",
				 (unsigned long)v + 123);
			expect_logged_fmt(test, mark, line);
			expect_walk(test, mark, (unsigned long)v + 123,
				    PFN_PHYS(page_to_pfn(page)) | __PAGE_KERNEL_RO);
			snprintf(line, sizeof(line), "vmalloc: %08lx is inside of the area 0x%08lx-0x%08lx",
				 (unsigned long)v + 123, (unsigned long)v,
				 (unsigned long)v + 2 * PAGE_SIZE);
			expect_logged_fmt(test, mark, line);
		}
		EXPECT_EQ(test, low[123], 0x77);	/* the write did not happen */
		vunmap(v);
	}
	__free_page(page);
}

static void test_reserved_bit(struct ktest *test)
{
	const u64 rsvd = 1ULL << 40;	/* above MAXPHYADDR (36) */
	struct page *page = alloc_page(GFP_KERNEL);
	size_t mark = 0;
	unsigned long cr2 = 0;
	struct pt_regs regs;
	char line[96];
	u8 *v;

	ASSERT_NOT_NULL(test, page);
	v = map_with(test, page, __PAGE_KERNEL | rsvd);
	if (v) {
		settle_in_init_mm(test);
		mark = printk_log_pos();
		/*
		 * The SDM says RSVD faults also set P; QEMU's TCG leaves it
		 * clear.  Either way RSVD is set and the report says so.
		 */
		EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_read, v + 8, &regs, &cr2));
		EXPECT_EQ(test, cr2, (unsigned long)v + 8);
		EXPECT_EQ(test, regs.error_code & ~(unsigned long)X86_PF_PROT, X86_PF_RSVD);
		snprintf(line, sizeof(line), "#PF: error_code(0x%04lx) - reserved bit violation",
			 (unsigned long)regs.error_code);
		expect_logged_fmt(test, mark, line);
		EXPECT_LOGGED(test, mark, "#PF: supervisor read access in kernel mode");
		expect_walk(test, mark, (unsigned long)v + 8,
			    PFN_PHYS(page_to_pfn(page)) | __PAGE_KERNEL | rsvd);
		vunmap(v);
	}
	__free_page(page);
}

static void test_nx_instruction_fetch(struct ktest *test)
{
	struct page *page;
	struct pt_regs regs;
	size_t mark;
	u8 *x, *nx;

	if (!boot_cpu_has_nx())
		KTEST_SKIP(test, "the CPU has no NX");
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	memset(page_address(page), 0xc3, PAGE_SIZE);	/* ret */
	x = map_with(test, page, __PAGE_KERNEL);
	nx = map_with(test, page, __PAGE_KERNEL | _PAGE_NX);
	if (x && nx) {
		settle_in_init_mm(test);
		/* The same bytes run where the mapping allows it. */
		EXPECT_FALSE(test, expect_trap(X86_TRAP_PF, do_call, x + 5, NULL, NULL));
		mark = printk_log_pos();
		if (provoke(test, do_call, nx + 5, 0x0011, "instruction fetch",
			    "permissions violation", &mark)) {
			EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, do_call, nx + 7, &regs, NULL));
			EXPECT_EQ(test, regs.ip, (unsigned long)nx + 7);
			expect_walk(test, mark, (unsigned long)nx + 5,
				    PFN_PHYS(page_to_pfn(page)) | __PAGE_KERNEL | _PAGE_NX);
		}
	}
	vunmap(x);
	vunmap(nx);
	__free_page(page);
}

/* Probes turn faults into -EFAULT: counted, and no oops printed. */
static void test_extable_fixups(struct ktest *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long fixups, faults;
	u8 *p, *ro = NULL, buf[8], one = 1;
	size_t mark;
	u32 val;

	ASSERT_NOT_NULL(test, page);
	p = vmalloc(PAGE_SIZE);
	if (p)
		ro = map_with(test, page, __PAGE_KERNEL_RO);
	if (!p || !ro) {
		vfree(p);
		__free_page(page);
		ASSERT_TRUE(test, false);
	}
	memset(p, 0x42, PAGE_SIZE);
	memset(page_address(page), 0x24, PAGE_SIZE);
	settle_in_init_mm(test);
	mark = printk_log_pos();
	fixups = extable_fixups;
	faults = vmalloc_fault_count;

	EXPECT_EQ(test, get_kernel_nofault(val, (u32 *)p), 0);	/* mapped: no fixup */
	EXPECT_EQ(test, val, 0x42424242);
	EXPECT_EQ(test, extable_fixups, fixups);
	EXPECT_EQ(test, get_kernel_nofault(val, (u32 *)NULL), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 1);
	EXPECT_EQ(test, get_kernel_nofault(val, (u32 *)(p + PAGE_SIZE)), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 2);
	/* Across the end: the bytes before the guard page arrive, then -EFAULT. */
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(test, copy_from_kernel_nofault(buf, p + PAGE_SIZE - 3, 8), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 3);
	EXPECT_TRUE(test, buf[0] == 0x42 && buf[1] == 0x42 && buf[2] == 0x42 && buf[3] == 0);
	/* Writes: a read-only mapping, a guard page. */
	EXPECT_EQ(test, copy_to_kernel_nofault(ro + 9, &one, 1), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 4);
	EXPECT_EQ(test, ((u8 *)page_address(page))[9], 0x24);
	EXPECT_EQ(test, copy_to_kernel_nofault(p + PAGE_SIZE, &one, 1), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 5);
	EXPECT_EQ(test, copy_to_kernel_nofault(p + 9, &one, 1), 0);
	EXPECT_EQ(test, p[9], 1);
	EXPECT_EQ(test, extable_fixups, fixups + 5);
	/* Freed: the same. */
	vfree(p);
	EXPECT_EQ(test, get_kernel_nofault(val, (u32 *)p), -EFAULT);
	EXPECT_EQ(test, extable_fixups, fixups + 6);

	EXPECT_EQ(test, vmalloc_fault_count, faults);
	EXPECT_FALSE(test, printk_log_find(mark, "Oops"));
	EXPECT_FALSE(test, printk_log_find(mark, "BUG:"));
	EXPECT_FALSE(test, printk_log_find(mark, "#PF:"));
	vunmap(ro);
	__free_page(page);
}

/*
 * The vmalloc fault counter: this thread adopts a new address space, an
 * area appears in a region the space has no PMD entry for, and the first
 * touch is one silent vmalloc fault (none with a shared kernel PMD).
 * Faults that are not vmalloc faults (every oops above, the probes) were
 * checked not to count.
 */
static void test_vmalloc_fault_counter(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long want = shared_kernel_pmd ? 0 : 1, faults, fixups;
	pgd_t *pgd;
	size_t mark;
	u32 *p;

	ASSERT_NOT_NULL(test, mm);
	pgd = (pgd_t *)mm->pgd;
	EXPECT_PTR_EQ(test, current->mm, NULL);
	kthread_use_mm(mm);
	EXPECT_PTR_EQ(test, current->mm, mm);
	EXPECT_PTR_EQ(test, current->active_mm, mm);
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 2);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(pgd));
	mark = printk_log_pos();
	p = vmalloc_in_empty_region(test, SYNC_SIZE, pgd);
	if (p) {
		unsigned long addr = (unsigned long)p;

		/* vmalloc itself, running in mm, filled in the master only. */
		EXPECT_EQ(test, pmd_entry(pgd, addr), shared_kernel_pmd ? master_pmd_entry(addr) : 0);
		preempt_disable();
		faults = vmalloc_fault_count;
		fixups = extable_fixups;
		p[0] = 0xfeed;
		EXPECT_EQ(test, vmalloc_fault_count, faults + want);
		EXPECT_EQ(test, mm->vmalloc_faults, want);
		EXPECT_EQ(test, pmd_entry(pgd, addr), master_pmd_entry(addr));
		p[SYNC_SIZE / 4 - 1] = 0xbeef;
		EXPECT_EQ(test, vmalloc_fault_count, faults + want);
		/* The guard page: the entry is there now, so a plain fixup. */
		EXPECT_TRUE(test, probe_faults(p + SYNC_SIZE / 4));
		EXPECT_EQ(test, vmalloc_fault_count, faults + want);
		EXPECT_EQ(test, extable_fixups, fixups + 1);
		preempt_enable();
		EXPECT_EQ(test, p[0], 0xfeed);
		EXPECT_FALSE(test, printk_log_find(mark, "Oops"));
		EXPECT_FALSE(test, printk_log_find(mark, "#PF:"));
		vfree(p);
	}
	kthread_unuse_mm(mm);
	EXPECT_PTR_EQ(test, current->mm, NULL);
	EXPECT_PTR_EQ(test, current->active_mm, &init_mm);
	EXPECT_EQ(test, read_cr3() & ~0x1fUL, __pa(swapper_pg_dir));
	EXPECT_EQ(test, atomic_read(&mm->mm_count), 1);
	EXPECT_EQ(test, mm->vmalloc_faults, want);
	mmput(mm);
}

KTEST_SUITE(fault,
	    KTEST_CASE(test_null_pointer),
	    KTEST_CASE(test_guard_page_oops),
	    KTEST_CASE(test_freed_area_oops),
	    KTEST_CASE(test_write_read_only),
	    KTEST_CASE(test_reserved_bit),
	    KTEST_CASE(test_nx_instruction_fetch),
	    KTEST_CASE(test_extable_fixups),
	    KTEST_CASE(test_vmalloc_fault_counter));
