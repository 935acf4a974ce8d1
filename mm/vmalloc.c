/*
 * vmalloc, vmap, ioremap (Linux: mm/vmalloc.c, arch/x86/mm/ioremap.c).
 *
 * An area is a range from mm/vmap_area.c -- size plus one guard page --
 * whose PTEs point at pages that may lie anywhere, highmem included.  The
 * PTEs go into the master kernel page table (swapper_pg_dir) only: when a
 * new PTE page has to be hooked into the master kernel PMD, the other
 * address spaces, with their own copies of that PMD, learn about it on
 * their first access, through vmalloc_fault() in arch/x86/mm/fault.c.
 * Unmapping clears PTEs and keeps the page tables, so a PMD entry once
 * synced never goes stale.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/preempt.h>
#include <linux/sched/debug.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

/* mm/vmap_area.c */
void vmap_area_init(void);
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align);
void free_vmap_area(struct vmap_area *va);
struct vmap_area *find_vmap_area(unsigned long addr);
struct list_head *vmap_area_list_head(void);
extern bool vmap_area_locked;

void vmalloc_init(void)
{
	vmap_area_init();
	pgd_cache_init();
}

bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* ---- page tables ---- */

static pmd_t *master_pmd(unsigned long addr)
{
	return &pgd_page_vaddr(swapper_pg_dir[pgd_index(addr)])[pmd_index(addr)];
}

/*
 * The PTE for addr in the master table; a PMD entry still empty gets the
 * PTE page set aside for it at boot (see vmalloc_pte_pages).
 */
static pte_t *pte_alloc_kernel(unsigned long addr)
{
	pmd_t *pmd = master_pmd(addr);

	if (pmd_none(*pmd)) {
		pte_t *pte_page = vmalloc_pte_pages[pmd_index(addr)];

		if (WARN_ON(!pte_page))
			return NULL;
		set_pmd(pmd, __pmd(__pa(pte_page) | _KERNPG_TABLE));
	}
	return &pmd_page_vaddr(*pmd)[pte_index(addr)];
}

/*
 * Maps pfns (from pages[], or consecutive from pfn) at [addr, addr +
 * nr pages).  Never maps over a present PTE.  Returns 0 or -ENOMEM.
 */
static int vmap_range(unsigned long addr, unsigned int nr, struct page **pages,
		      unsigned long pfn, pgprot_t prot)
{
	unsigned int i;

	for (i = 0; i < nr; i++, addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc_kernel(addr);

		if (!pte)
			return -ENOMEM;
		if (WARN_ON(!pte_none(*pte)))
			return -EBUSY;
		set_pte(pte, pfn_pte(pages ? page_to_pfn(pages[i]) : pfn + i, prot));
	}
	return 0;
}

/* Clears the PTEs (the page tables stay) and flushes the range. */
static void vunmap_range(unsigned long start, unsigned long end)
{
	unsigned long addr;
	enum pg_level level;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = lookup_address(addr, &level);

		if (pte && level == PG_LEVEL_4K)
			pte_clear(pte);
	}
	/* Linux's flush_tlb_kernel_range: a few pages one by one, else all. */
	if ((end - start) >> PAGE_SHIFT > 32)
		__flush_tlb_all();
	else
		for (addr = start; addr < end; addr += PAGE_SIZE)
			__flush_tlb_one(addr);
}

/* ---- areas ---- */

static struct vm_struct *__get_vm_area(unsigned long size, unsigned long flags,
				       const void *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	if (!size)
		return NULL;
	/*
	 * More than the whole space never fits; such a size stays as asked,
	 * since aligning it or adding the guard page could wrap it around to
	 * a small one (~0UL aligned to 0 and failed silently; 0xfffff000 plus
	 * the guard page asked alloc_vmap_area for 0 bytes).
	 */
	if (size <= VMALLOC_END - VMALLOC_START)
		size = PAGE_ALIGN(size);
	area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	va = size <= VMALLOC_END - VMALLOC_START ?
	     alloc_vmap_area(size + PAGE_SIZE, PAGE_SIZE) : NULL;	/* + guard */
	if (!va) {
		pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to increase size (largest free range %lu)\n",
			size, vmalloc_largest_free());
		dump_stack();
		kfree(area);
		return NULL;
	}
	area->addr = (void *)va->va_start;
	area->size = size + PAGE_SIZE;
	area->flags = flags;
	area->caller = caller;
	va->vm = area;
	return area;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area(size, flags, __builtin_return_address(0));
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? va->vm : NULL;
}

/* The area that starts at addr, or a report naming the caller's mistake. */
static struct vmap_area *area_at(const void *addr, const char *what)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	if (!va || va->va_start != (unsigned long)addr) {
		WARN(1, "Trying to %s() nonexistent vm area (%p)\n", what, addr);
		return NULL;
	}
	return va;
}

/*
 * Unmaps an area and frees its address range and descriptor; with
 * free_pages also the pages vmalloc allocated for it (nr of them).
 */
static void free_area(struct vmap_area *va, bool free_pages, unsigned int nr)
{
	struct vm_struct *area = va->vm;

	vunmap_range(va->va_start, va->va_end - PAGE_SIZE);
	free_vmap_area(va);
	if (free_pages) {
		while (nr--)
			__free_page(area->pages[nr]);
		kfree(area->pages);
	}
	kfree(area);
}

/* ---- vmalloc ---- */

static void *__vmalloc_node(unsigned long size, gfp_t gfp, const void *caller)
{
	struct vm_struct *area;
	unsigned int nr, i;

	if (WARN_ON(in_interrupt()))
		return NULL;
	area = __get_vm_area(size, VM_ALLOC, caller);
	if (!area)
		return NULL;
	nr = (area->size - PAGE_SIZE) >> PAGE_SHIFT;
	i = 0;
	area->pages = kcalloc(nr, sizeof(struct page *), GFP_KERNEL);
	if (!area->pages)
		goto fail_area;
	for (i = 0; i < nr; i++) {
		area->pages[i] = alloc_page(gfp);
		if (!area->pages[i])
			goto fail_pages;
	}
	area->nr_pages = nr;
	if (vmap_range((unsigned long)area->addr, nr, area->pages, 0,
		       __pgprot(__PAGE_KERNEL)))
		goto fail_pages;
	return area->addr;

fail_pages:
	pr_warn("vmalloc: allocation failure: %lu bytes, mode:%#x\n", size, gfp);
fail_area:
	free_area(find_vmap_area((unsigned long)area->addr), true, i);
	return NULL;
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return __vmalloc_node(size, gfp, __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, GFP_KERNEL | __GFP_HIGHMEM,
			      __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO,
			      __builtin_return_address(0));
}

/* Pages a 32-bit device can reach: lowmem is below 4 GiB by definition. */
void *vmalloc_32(unsigned long size)
{
	return __vmalloc_node(size, GFP_KERNEL, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *area;

	if (!addr)
		return;
	va = area_at(addr, "vfree");
	if (!va)
		return;
	area = va->vm;
	if (WARN(!(area->flags & VM_ALLOC),
		 "vfree(%p): not a vmalloc area (use vunmap or iounmap)\n", addr))
		return;
	free_area(va, true, area->nr_pages);
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot)
{
	struct vm_struct *area;

	/* count << PAGE_SHIFT must not wrap: no area can be that big anyway. */
	if (count > (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT)
		return NULL;
	area = __get_vm_area((unsigned long)count << PAGE_SHIFT, flags | VM_MAP,
			     __builtin_return_address(0));
	if (!area)
		return NULL;
	area->nr_pages = count;
	if (vmap_range((unsigned long)area->addr, count, pages, 0, prot)) {
		free_area(find_vmap_area((unsigned long)area->addr), false, 0);
		return NULL;
	}
	return area->addr;
}

void vunmap(const void *addr)
{
	struct vmap_area *va = area_at(addr, "vunmap");

	if (va && !WARN(!(va->vm->flags & VM_MAP),
			"vunmap(%p): not a vmap area\n", addr))
		free_area(va, false, 0);
}

/* ---- ioremap ---- */

/*
 * The highest physical address bit an ioremap may use: the CPU's, and
 * never more than a PAE entry holds (__PHYSICAL_MASK_SHIFT).
 */
static bool ioremap_reachable(phys_addr_t last)
{
	unsigned int cpu = boot_cpu_data.x86_phys_bits;

	if (cpu <= __PHYSICAL_MASK_SHIFT)
		return !WARN(last >> cpu,
			     "ioremap: %pa is beyond the CPU's %u physical address bits\n",
			     &last, cpu);
	return !WARN(last >> __PHYSICAL_MASK_SHIFT,
		     "ioremap: %pa is beyond the %d physical address bits of a PAE page table\n",
		     &last, __PHYSICAL_MASK_SHIFT);
}

/*
 * Maps [phys, phys + size) with prot's cache attributes.  RAM is refused,
 * whoever owns it (Linux's message): an uncached alias of memory that is
 * cached through the direct map mixes memory types for one frame, which
 * the SDM leaves undefined.  RAM is what the firmware's map says it is.
 */
static void *__ioremap_caller(phys_addr_t phys, unsigned long size,
			      pgprot_t prot, const void *caller)
{
	/* 64-bit masks: PAGE_MASK would cut bits 32-43 of a PAE address. */
	phys_addr_t last = phys + size - 1;
	phys_addr_t start = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	unsigned long offset = phys & (PAGE_SIZE - 1);
	struct vm_struct *area;

	if (!size || last < phys || size > VMALLOC_END - VMALLOC_START ||
	    !ioremap_reachable(last))
		return NULL;
	if (e820__mapped_any(start, last + 1, E820_TYPE_RAM)) {
		WARN(1, "ioremap on RAM at %pa - %pa\n", &phys, &last);
		return NULL;
	}
	area = __get_vm_area(PAGE_ALIGN(size + offset), VM_IOREMAP, caller);
	if (!area)
		return NULL;
	area->phys_addr = start;
	if (vmap_range((unsigned long)area->addr,
		       (area->size - PAGE_SIZE) >> PAGE_SHIFT, NULL,
		       PHYS_PFN(start), prot)) {
		free_area(find_vmap_area((unsigned long)area->addr), false, 0);
		return NULL;
	}
	return (char *)area->addr + offset;
}

/* Device registers: uncached (PCD and PWT; no PAT here). */
void *ioremap(phys_addr_t phys, unsigned long size)
{
	return __ioremap_caller(phys, size,
				__pgprot(__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT),
				__builtin_return_address(0));
}

/*
 * Memory that is not RAM but may be cached (firmware tables in reserved
 * ranges, say): write-back, like the direct map.
 */
void *ioremap_cache(phys_addr_t phys, unsigned long size)
{
	return __ioremap_caller(phys, size, __pgprot(__PAGE_KERNEL),
				__builtin_return_address(0));
}

void iounmap(void *addr)
{
	struct vmap_area *va = area_at((void *)((unsigned long)addr & PAGE_MASK),
				       "iounmap");

	if (va && !WARN(!(va->vm->flags & VM_IOREMAP),
			"iounmap(%p): not an ioremap area\n", addr))
		free_area(va, false, 0);
}

/* ---- lookups ---- */

/* The frame mapped at addr (also for ioremap beyond RAM), or 0. */
unsigned long vmalloc_to_pfn(const void *addr)
{
	enum pg_level level;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	if (!pte || level != PG_LEVEL_4K || !pte_present(*pte))
		return 0;
	return pte_pfn(*pte);
}

/* Its struct page; NULL when unmapped or beyond mem_map (device memory). */
struct page *vmalloc_to_page(const void *addr)
{
	unsigned long pfn = vmalloc_to_pfn(addr);

	return pfn && pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

/* For the oops report: which area, or which area's guard page. */
void show_vm_area_of(unsigned long addr)
{
	struct vmap_area *va;

	if (vmap_area_locked) {
		pr_alert("vmalloc: the area tree was being changed; no lookup\n");
		return;
	}
	va = find_vmap_area(addr);
	if (!va) {
		pr_alert("vmalloc: %08lx is in no vmalloc area (never allocated, or freed)\n",
			 addr);
		return;
	}
	pr_alert("vmalloc: %08lx is %s of the area 0x%08lx-0x%08lx (%lu bytes) from %pS\n",
		 addr, addr >= va->va_end - PAGE_SIZE ? "in the guard page" : "inside",
		 va->va_start, va->va_end, va->va_end - va->va_start,
		 va->vm ? va->vm->caller : NULL);
}

/* /proc/vmallocinfo: range (guard included), size, caller, kind. */
static int cmd_vmallocinfo(int argc, char **argv)
{
	struct vmap_area *va;
	unsigned long flags;

	/* The serial console is polled, so printing with irqs off is fine. */
	local_irq_save(flags);
	list_for_each_entry(va, vmap_area_list_head(), list) {
		struct vm_struct *v = va->vm;

		if (!v)
			continue;
		mon_printf("0x%08lx-0x%08lx %7lu %pS", va->va_start, va->va_end,
			   v->size, v->caller);
		if (v->nr_pages)
			mon_printf(" pages=%u", v->nr_pages);
		if (v->flags & VM_IOREMAP)
			mon_printf(" phys=%pa ioremap", &v->phys_addr);
		if (v->flags & VM_ALLOC)
			mon_printf(" vmalloc");
		if (v->flags & VM_MAP)
			mon_printf(" vmap");
		mon_printf("\n");
	}
	local_irq_restore(flags);
	return 0;
}
DEFINE_MONITOR_CMD("vmallocinfo", "vmallocinfo", "vmalloc/vmap/ioremap areas, as /proc/vmallocinfo", cmd_vmallocinfo);
