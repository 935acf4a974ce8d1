/*
 * Every kind of kernel page fault, provoked on purpose
 * (arch/x86/mm/fault.c, arch/x86/mm/extable.c): the oops report of each
 * class with its page-table walk, the exception-table fixups that turn a
 * fault into -EFAULT, and the counter of silent vmalloc faults.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/nofault.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include "test_util.h"
#include "vmalloc_util.h"

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
	EXPECT_EQ(test, mm->mm_count, 2);
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
	EXPECT_EQ(test, mm->mm_count, 1);
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
