/*
 * Compile-time virtual addresses at the top of the address space (Linux:
 * arch/x86/include/asm/fixmap.h).  Slot i lives at FIXADDR_TOP - i pages,
 * so the enum counts downwards in memory.  All slots share one PTE page:
 * the last PMD entry (0xffe00000-0xffffffff) covers them.
 */
#ifndef _ASM_X86_FIXMAP_H
#define _ASM_X86_FIXMAP_H

#include <asm/page.h>

#define NR_CPUS		1	/* per-CPU slots are sized for SMP later */
#define KM_TYPE_NR	20	/* kmap_atomic nesting depth per CPU */
#define NR_FIX_BTMAPS	64	/* early ioremap: pages per slot */
#define FIX_BTMAPS_SLOTS 4

enum fixed_addresses {
	FIX_HOLE,		/* the page at FIXADDR_TOP stays unmapped */
	FIX_KMAP_BEGIN,		/* kmap_atomic slots ([M4]); [M2] zeroes
				 * highmem pages through the first one */
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	FIX_BTMAP_END,		/* early ioremap, before vmalloc exists */
	FIX_BTMAP_BEGIN = FIX_BTMAP_END + NR_FIX_BTMAPS * FIX_BTMAPS_SLOTS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_TOP	0xfffff000UL
#define FIXADDR_SIZE	((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START	(FIXADDR_TOP - FIXADDR_SIZE)

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x)	((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)

/* A constant index out of range does not compile. */
#define fix_to_virt(idx) ({						\
	_Static_assert((idx) < __end_of_fixed_addresses,		\
		       "fixmap index out of range");			\
	__fix_to_virt(idx);						\
})

#ifndef __ASSEMBLER__
#include <asm/pgtable_types.h>

void __set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pgprot_t prot);
#define set_fixmap(idx, phys)	__set_fixmap(idx, phys, __pgprot(__PAGE_KERNEL))
#define set_fixmap_nocache(idx, phys) \
	__set_fixmap(idx, phys, __pgprot(__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT))
#define clear_fixmap(idx)	__set_fixmap(idx, 0, __pgprot(0))
#define virt_to_fix(x)		__virt_to_fix(x)
#endif

#endif /* _ASM_X86_FIXMAP_H */
