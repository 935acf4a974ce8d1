/*
 * Page sizes and the direct map (Linux: asm/page.h, asm/page_32_types.h).
 * Until paging_init() builds the real direct map, only the first
 * EARLY_MAP_SIZE bytes (asm/setup.h) are reachable through __va().
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))

#define __PAGE_OFFSET	0xC0000000UL
#define PAGE_OFFSET	__PAGE_OFFSET
#define TASK_SIZE	PAGE_OFFSET

/* Valid only for the direct map (lowmem). */
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))

#endif /* _ASM_X86_PAGE_H */
