/*
 * High memory access (Linux: mm/highmem.c).  [M2] only needs to zero a
 * highmem page for __GFP_ZERO; it borrows the first kmap_atomic fixmap
 * slot with interrupts off, which is what kmap_atomic ([M4]) will do
 * properly, with a stack of slots.
 */
#include <linux/irqflags.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <asm/fixmap.h>

void clear_highpage(struct page *page)
{
	unsigned long flags;
	void *vaddr;

	if (!PageHighMem(page)) {
		memset(page_address(page), 0, PAGE_SIZE);
		return;
	}
	local_irq_save(flags);
	set_fixmap(FIX_KMAP_BEGIN, PFN_PHYS(page_to_pfn(page)));
	vaddr = (void *)fix_to_virt(FIX_KMAP_BEGIN);
	memset(vaddr, 0, PAGE_SIZE);
	clear_fixmap(FIX_KMAP_BEGIN);
	local_irq_restore(flags);
}
