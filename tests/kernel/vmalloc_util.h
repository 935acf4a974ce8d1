/*
 * Helpers shared by the vmalloc, vmap_area, ioremap, vmalloc_sync and
 * fault suites: area contents by pattern, probes that tell a mapped
 * address from an unmapped one, the PMD entries of an address space, and
 * steering a new area into a 2 MiB region no address space has an entry
 * for yet (so the first touch from an older address space is a vmalloc
 * fault).
 *
 * A guard page or a freed area is touched through get_kernel_nofault(),
 * which turns the fault into -EFAULT through the exception table; every
 * such probe adds one to extable_fixups.
 */
#ifndef _TESTS_KERNEL_VMALLOC_UTIL_H
#define _TESTS_KERNEL_VMALLOC_UTIL_H

#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <asm/pgtable.h>

extern unsigned long vmalloc_fault_count;	/* arch/x86/mm/fault.c */
extern unsigned long extable_fixups;		/* arch/x86/mm/extable.c */
struct list_head *vmap_area_list_head(void);	/* mm/vmap_area.c */

#define WAIT_MS		3000	/* the longest a case waits for a thread */
#define SYNC_SIZE	(16 * PAGE_SIZE)	/* an area in an empty region */

/*
 * Word i of the contents of the area tagged tag: fill_area() writes it,
 * check_area() counts the bytes that differ (words count as 4).
 */
u32 area_pattern(unsigned long tag, unsigned long i);
void fill_area(void *p, unsigned long size, unsigned long tag);
unsigned long check_area(const void *p, unsigned long size, unsigned long tag);

/*
 * Free pages per zone and per order, as the suite's free_pages_unchanged
 * compares them (empty slabs given back, per-CPU lists drained first):
 * snap_same() compares with the last snap_take().
 */
void snap_take(void);
bool snap_same(void);

/*
 * Can vmalloc(size) be met without taking any zone below its low
 * watermark: its pages, their page tables and its page array?
 */
bool vmalloc_fits(unsigned long size);

/* -EFAULT and exactly one exception-table fixup: the address is not mapped. */
bool probe_faults(const void *addr);
/* Readable without a fixup. */
bool probe_reads(const void *addr);

/* Sleeps until *v >= want; false if WAIT_MS pass first. */
bool wait_stage(volatile int *v, int want);

/*
 * Comes back with preemption disabled and current->active_mm == mm, or
 * false after WAIT_MS.  A task without an mm runs in whatever address
 * space the task before it left loaded (lazy TLB), so this sleeps until it
 * happens to follow the right one: for init_mm, the idle task.
 */
bool run_in_active_mm(struct mm_struct *mm);

/* The PMD entry of pgd for addr (0 when the PDPT entry is not present). */
u64 pmd_entry(pgd_t *pgd, unsigned long addr);
u64 master_pmd_entry(unsigned long addr);
/* The PDPT the CPU runs on now. */
pgd_t *current_pgd(void);

/*
 * vmalloc(size) at a start in a 2 MiB region whose PMD entry is empty
 * both in the master and in pgd; NULL (and a failure recorded) if the
 * vmalloc space has no such region left.
 */
void *vmalloc_in_empty_region(struct ktest *test, unsigned long size, pgd_t *pgd);

#endif /* _TESTS_KERNEL_VMALLOC_UTIL_H */
