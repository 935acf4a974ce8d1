/*
 * Looking at one page frame (Linux: mm/debug.c, where dump_page lives;
 * ours stays beside bad_page in page_alloc.c, which the host tests build
 * alone).  `page PFN` decodes a struct page and says where the frame is:
 * in a free buddy block or on a per-CPU list, in a slab, in a compound
 * block, mapped in the pkmap window or a kmap_atomic slot, a page table
 * of the kernel or of a process, mapped in user space.  One fact per
 * line, "what: detail", after dump_page's two.  mm-page
 * (scripts/gdb/page.py) prints the same lines from the kernel's
 * structures; the GDB test compares the two line for line.
 *
 * `touch ADDR` reads one byte the way the probe routines do: through the
 * exception table, so a fault is a report and not an oops.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/monitor.h>
#include <linux/nofault.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/vmalloc.h>
#include <asm/extable.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include "slab.h"

extern unsigned long vmalloc_fault_count;	/* arch/x86/mm/fault.c */

enum page_free_state page_free_state(unsigned long pfn, unsigned long *head,
				     unsigned int *order)
{
	struct zone *zone = page_zone(pfn_to_page(pfn));
	enum page_free_state state = PAGE_NOT_FREE;
	struct page *page;
	unsigned long flags;
	unsigned int o;

	/* A block of order k is aligned to 2^k: try each alignment. */
	spin_lock_irqsave(&zone->lock, flags);
	for (o = 0; o < MAX_ORDER && state == PAGE_NOT_FREE; o++) {
		page = pfn_to_page(pfn & ~((1UL << o) - 1));
		if (PageBuddy(page) && page->private >= o) {
			*head = page_to_pfn(page);
			*order = page->private;
			state = PAGE_FREE_BUDDY;
		}
	}
	if (state == PAGE_NOT_FREE)
		list_for_each_entry(page, &zone->pcp.list, lru)
			if (page_to_pfn(page) == pfn) {
				*head = pfn;
				*order = 0;
				state = PAGE_FREE_PCP;
			}
	spin_unlock_irqrestore(&zone->lock, flags);
	return state;
}

/* ---- page tables that may hold the frame ---- */

static unsigned long entry_pfn(u64 val)
{
	return (unsigned long)((val & PTE_PFN_MASK) >> PAGE_SHIFT);
}

/*
 * Is pfn one of pgd's PMD pages or PTE pages?  owner names the address
 * space in the line printed for a hit.
 */
static void find_page_table(pgd_t *pgd, unsigned long pfn, const char *owner)
{
	unsigned int i, j;

	for (i = 0; i < PTRS_PER_PGD; i++) {
		pmd_t *pmd;

		if (!pgd_present(pgd[i]))
			continue;
		if (entry_pfn(pgd_val(pgd[i])) == pfn)
			mon_printf("page table: PMD page of %s for 0x%08lx-0x%08lx\n",
				   owner, (unsigned long)i << PGDIR_SHIFT,
				   ((unsigned long)i << PGDIR_SHIFT) + ((1UL << PGDIR_SHIFT) - 1));
		pmd = pgd_page_vaddr(pgd[i]);
		for (j = 0; j < PTRS_PER_PMD; j++) {
			unsigned long va = ((unsigned long)i << PGDIR_SHIFT) |
					   ((unsigned long)j << PMD_SHIFT);

			if (pmd_present(pmd[j]) && !pmd_large(pmd[j]) &&
			    entry_pfn(pmd_val(pmd[j])) == pfn)
				mon_printf("page table: PTE page of %s for 0x%08lx-0x%08lx\n",
					   owner, va, va + (PMD_SIZE - 1));
		}
	}
}

/* How a user PTE maps its page, as mm-page says it. */
static const char *user_access(pte_t pte, const struct vm_area_struct *vma)
{
	if (pte_val(pte) & _PAGE_RW)
		return "rw";
	if (vma && (vma->vm_flags & VM_WRITE) && !(vma->vm_flags & VM_MAYSHARE))
		return "ro, copy-on-write";
	return "ro";
}

/*
 * The user addresses at which mm maps pfn (its PTE pages may be
 * highmem).  There is no reverse map, so the page tables are searched;
 * an address space whose mmap_lock is held is skipped, saying so.
 */
static void find_user_mappings(struct task_struct *p, unsigned long pfn)
{
	struct mm_struct *mm = p->mm;
	unsigned long va;

	if (!mutex_trylock(&mm->mmap_lock)) {
		mon_printf("user: pid %d %s: its mmap_lock is held; not searched\n",
			   p->pid, p->comm);
		return;
	}
	for (va = 0; va < TASK_SIZE; va += PMD_SIZE) {
		pmd_t *pmd = &pgd_page_vaddr(((pgd_t *)mm->pgd)[pgd_index(va)])[pmd_index(va)];
		pte_t *pte;
		unsigned int k;

		if (!pmd_present(*pmd) || pmd_large(*pmd))
			continue;
		pte = pte_offset_map(pmd, va);
		for (k = 0; k < PTRS_PER_PTE; k++) {
			unsigned long addr = va + (k << PAGE_SHIFT);
			struct vm_area_struct *vma;

			if (!pte_present(pte[k]) || pte_pfn(pte[k]) != pfn)
				continue;
			vma = find_vma(mm, addr);
			if (vma && vma->vm_start > addr)
				vma = NULL;	/* install_user_page's, no VMA */
			mon_printf("user: pid %d %s at 0x%08lx %s", p->pid, p->comm,
				   addr, user_access(pte[k], vma));
			if (vma)
				mon_printf(", in %08lx-%08lx", vma->vm_start, vma->vm_end);
			mon_printf("\n");
		}
		pte_unmap(pte);
	}
	mutex_unlock(&mm->mmap_lock);
}

/*
 * The kernel's tables, then every process's: its private kernel PMD
 * copy, its user page tables and where they map the page.  They are
 * searched whatever _mapcount says: the zero page is mapped uncounted.
 * Interrupts stay off so no task leaves the list meanwhile.
 */
static void page_in_tables(unsigned long pfn)
{
	struct task_struct *p;
	unsigned long flags;
	char owner[32];

	find_page_table(swapper_pg_dir, pfn, "swapper_pg_dir");
	local_irq_save(flags);
	for_each_process(p) {
		if (!p->mm)
			continue;
		snprintf(owner, sizeof(owner), "pid %d %s", p->pid, p->comm);
		find_page_table((pgd_t *)p->mm->pgd, pfn, owner);
		find_user_mappings(p, pfn);
	}
	local_irq_restore(flags);
}

/* ---- the other owners ---- */

static void page_in_kmap(struct page *page, unsigned long pfn)
{
	unsigned int idx;

	if (PageHighMem(page)) {
		unsigned long va = (unsigned long)page_address_highmem(page);

		if (va)
			mon_printf("kmap: pkmap slot %lu at 0x%08lx, count %d\n",
				   (va - PKMAP_BASE) >> PAGE_SHIFT, va,
				   pkmap_count[(va - PKMAP_BASE) >> PAGE_SHIFT]);
	}
	for (idx = FIX_KMAP_BEGIN; idx <= FIX_KMAP_END; idx++) {
		enum pg_level level;
		pte_t *pte = lookup_address(__fix_to_virt(idx), &level);

		if (pte && pte_present(*pte) && pte_pfn(*pte) == pfn)
			mon_printf("kmap_atomic: slot %u at 0x%08lx\n",
				   idx - FIX_KMAP_BEGIN, __fix_to_virt(idx));
	}
}

/*
 * Objects in use: the CPU's active slab has its free ones on its list.
 * The walk trusts nothing: a double free can make the list a cycle and a
 * stray write can point it outside the slab, and this command is for
 * looking at exactly such states.  It stops at the first pointer that is
 * not an object of the slab, or after more steps than the slab has
 * objects; the count is then flagged with *corrupt.
 */
static unsigned int slab_in_use(struct page *slab, bool *active, bool *corrupt)
{
	struct kmem_cache *s = slab->slab_cache;
	unsigned int free = 0;
	unsigned long flags;
	void *p;

	*corrupt = false;
	local_irq_save(flags);
	*active = s->cpu_slab.page == slab;
	if (*active)
		for (p = s->cpu_slab.freelist; p; p = get_freepointer(s, p)) {
			if (!check_valid_pointer(s, slab, p) ||
			    free == slab->objects) {
				*corrupt = true;
				break;
			}
			free++;
		}
	local_irq_restore(flags);
	return *active ? slab->objects - free : slab->inuse;
}

static void page_owner(struct page *page, unsigned long pfn)
{
	struct page *head = compound_head(page);
	unsigned long first;
	unsigned int order;
	bool active;

	switch (page_free_state(pfn, &first, &order)) {
	case PAGE_FREE_BUDDY:
		mon_printf("free: in the buddy block of order %u at pfn 0x%lx\n",
			   order, first);
		return;
	case PAGE_FREE_PCP:
		mon_printf("free: on the per-CPU list of zone %s\n",
			   page_zone(page)->name);
		return;
	case PAGE_NOT_FREE:
		break;
	}
	if (PageReserved(page)) {
		mon_printf("reserved: never given to the buddy allocator\n");
	} else if (PageSlab(head)) {
		bool corrupt;
		unsigned int in_use = slab_in_use(head, &active, &corrupt);

		mon_printf("slab: cache %s, %u of %u objects in use%s%s\n",
			   kmem_cache_name(head->slab_cache), in_use,
			   head->objects, active ? ", the CPU's active slab" : "",
			   corrupt ? " (freelist corrupt: counted up to the bad pointer)" : "");
	} else if (PageHead(head))
		mon_printf("compound: order %u block, head pfn 0x%lx\n",
			   page_alloc_order(head), page_to_pfn(head));
	else if (page_count(page) > 0)
		mon_printf("allocated: order %u block\n", page_alloc_order(page));
	else
		mon_printf("allocated: inside a larger block (not its first page)\n");
}

/* `page PFN` */
static int cmd_page(int argc, char **argv)
{
	unsigned long pfn;
	struct page *page;
	char names[128];

	if (mon_arg_ulong(argv[1], "PFN", max_mapnr - 1, &pfn))
		return -EINVAL;
	page = pfn_to_page(pfn);
	format_page_flags(names, sizeof(names), page->flags);
	mon_printf("page:%p refcount:%d mapcount:%d pfn:0x%lx\n", page,
		   page_count(page), page_mapcount(page), pfn);
	mon_printf("flags: 0x%lx(%s)\n", page->flags, names);
	mon_printf("zone: %s\n", page_zone(page)->name);
	mon_printf("phys: 0x%llx\n", (unsigned long long)PFN_PHYS(pfn));
	page_owner(page, pfn);
	page_in_kmap(page, pfn);
	page_in_tables(pfn);
	if (!PageHighMem(page))
		mon_printf("lowmem: direct map at 0x%08lx\n",
			   (unsigned long)lowmem_page_address(page));
	monitor_objects_of_pfn(pfn);
	return 0;
}
DEFINE_MONITOR_CMD("page", "page PFN", "decode a struct page: flags, counts, who owns the frame", cmd_page);

/* ---- touch ---- */

/*
 * The monitor's own address space, made at the first touch.  Its kernel
 * PMD is a copy of the master's from that moment (unless
 * shared_kernel_pmd=1), so an area vmalloc'ed later in a 2 MiB region
 * that was empty then is met, on the first touch, by a vmalloc fault --
 * as a process meets it.  The monitor itself runs on swapper_pg_dir,
 * where that cannot happen.
 */
static struct mm_struct *touch_mm;

/* Why a kernel read of addr faulted: what the master page table lacks. */
static void fault_reason(unsigned long addr, char *buf, size_t size)
{
	static const char *const missing[] = {
		[PG_LEVEL_NONE] = "no PDPT entry", [PG_LEVEL_1G] = "no page table (PMD entry empty)",
		[PG_LEVEL_2M] = "a 2M page", [PG_LEVEL_4K] = "no PTE",
	};
	struct vm_struct *area = is_vmalloc_addr((void *)addr) ?
				 find_vm_area((void *)addr) : NULL;
	enum pg_level level;
	pte_t *pte = lookup_address(addr, &level);
	size_t n;

	n = scnprintf(buf, size, "%s", pte && pte_present(*pte) ?
		      "mapped in swapper_pg_dir" : missing[level]);
	if (area)
		scnprintf(buf + n, size - n, "; %s the area 0x%08lx-0x%08lx",
			  addr >= (unsigned long)area->addr + area->size - PAGE_SIZE ?
			  "the guard page of" : "inside",
			  (unsigned long)area->addr,
			  (unsigned long)area->addr + area->size);
	else if (is_vmalloc_addr((void *)addr))
		scnprintf(buf + n, size - n, "; in no vmalloc area (never allocated, or freed)");
}

/* Reads *addr in the monitor's address space; counts what happened. */
static int touch_read(unsigned long addr, unsigned char *val,
		      unsigned long *faults, unsigned long *fixups)
{
	bool own;
	int err;

	if (!touch_mm && !current->mm)
		touch_mm = mm_alloc();
	own = touch_mm && !current->mm;
	if (own)
		kthread_use_mm(touch_mm);
	*faults = vmalloc_fault_count;
	*fixups = extable_fixups;
	err = probe_read_byte((const void *)addr, val);
	*faults = vmalloc_fault_count - *faults;
	*fixups = extable_fixups - *fixups;
	if (own)
		kthread_unuse_mm(touch_mm);
	return err;
}

static int cmd_touch(int argc, char **argv)
{
	unsigned long addr, faults, fixups;
	unsigned char val;
	char why[128];

	if (mon_arg_addr(argv[1], "ADDR", &addr))
		return -EINVAL;
	if (addr < TASK_SIZE)
		return mon_bad_arg("0x%08lx is a user address; touch reads kernel addresses",
				   addr);
	if (touch_read(addr, &val, &faults, &fixups) == 0)
		mon_printf("touch: 0x%08lx (%s): read 0x%02x\n", addr,
			   mon_addr_area(addr), val);
	else {
		fault_reason(addr, why, sizeof(why));
		mon_printf("touch: 0x%08lx (%s): fault: %s; fixed up by the exception table (%lu)\n",
			   addr, mon_addr_area(addr), why, fixups);
	}
	if (faults)
		mon_printf("touch: vmalloc fault: the PMD entry for 0x%08lx-0x%08lx was copied from swapper_pg_dir\n",
			   addr & PMD_MASK, (addr & PMD_MASK) + (PMD_SIZE - 1));
	return 0;
}
DEFINE_MONITOR_CMD("touch", "touch ADDR", "read a byte at a kernel address through the exception table", cmd_touch);
