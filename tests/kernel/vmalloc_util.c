/* Helpers shared by the vmalloc family of suites (see vmalloc_util.h). */
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/nofault.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/processor.h>
#include "test_util.h"
#include "vmalloc_util.h"

u32 area_pattern(unsigned long tag, unsigned long i)
{
	return (u32)(tag * 0x9e3779b1UL) ^ (u32)(i * 0x85ebca6bUL) ^ 0x5a5a5a5a;
}

void fill_area(void *p, unsigned long size, unsigned long tag)
{
	u32 *w = p;
	unsigned long i;

	for (i = 0; i < size / 4; i++)
		w[i] = area_pattern(tag, i);
	for (i = size & ~3UL; i < size; i++)
		((u8 *)p)[i] = (u8)area_pattern(tag, i);
}

unsigned long check_area(const void *p, unsigned long size, unsigned long tag)
{
	const u32 *w = p;
	unsigned long i, bad = 0;

	for (i = 0; i < size / 4; i++)
		bad += w[i] != area_pattern(tag, i) ? 4 : 0;
	for (i = size & ~3UL; i < size; i++)
		bad += ((const u8 *)p)[i] != (u8)area_pattern(tag, i);
	return bad;
}

static struct ktest_snapshot snap_before, snap_after;

void snap_take(void)
{
	ktest_take_snapshot(&snap_before);
}

bool snap_same(void)
{
	ktest_take_snapshot(&snap_after);
	return snap_before.n == snap_after.n &&
	       !memcmp(snap_before.v, snap_after.v,
		       snap_before.n * sizeof(snap_before.v[0]));
}

bool vmalloc_fits(unsigned long size)
{
	unsigned long nr = PAGE_ALIGN(size) >> PAGE_SHIFT;

	return vmalloc_largest_free() >= PAGE_ALIGN(size) + PAGE_SIZE &&
	       nr + nr / 256 + 8 <= pages_above_low(GFP_KERNEL | __GFP_HIGHMEM);
}

bool probe_faults(const void *addr)
{
	unsigned long before = extable_fixups;
	unsigned char c;

	return get_kernel_nofault(c, addr) == -EFAULT &&
	       extable_fixups == before + 1;
}

bool probe_reads(const void *addr)
{
	unsigned long before = extable_fixups;
	unsigned char c;

	return get_kernel_nofault(c, addr) == 0 && extable_fixups == before;
}

bool wait_stage(volatile int *v, int want)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);

	while (READ_ONCE(*v) < want) {
		if (time_after(jiffies, end))
			return false;
		msleep(1);
	}
	return true;
}

bool run_in_active_mm(struct mm_struct *mm)
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

u64 pmd_entry(pgd_t *pgd, unsigned long addr)
{
	pgd_t e = pgd[pgd_index(addr)];

	if (!pgd_present(e))
		return 0;
	return pmd_val(pgd_page_vaddr(e)[pmd_index(addr)]);
}

u64 master_pmd_entry(unsigned long addr)
{
	return pmd_entry(swapper_pg_dir, addr);
}

/* Is the 2 MiB region of addr without a PMD entry in pgd? */
static bool region_empty(pgd_t *pgd, unsigned long addr)
{
	enum pg_level level;

	return !lookup_address_in_pgd(pgd, addr, &level) && level == PG_LEVEL_1G;
}

pgd_t *current_pgd(void)
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

void *vmalloc_in_empty_region(struct ktest *test, unsigned long size, pgd_t *pgd)
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
