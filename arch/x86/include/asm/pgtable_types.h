/*
 * PAE page-table entries (Linux: asm/pgtable_types.h, pgtable-3level*.h).
 * Every level is 64 bits wide: PDPT (4 entries) -> PMD (512) -> PTE (512).
 * The types are structs so that an entry cannot be mixed up with a plain
 * number, or one level with another, without the compiler noticing.
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include <linux/types.h>
#include <asm/page.h>

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7	/* 2 MiB page, in a PMD entry */
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_NX		63

#define _PAGE_PRESENT	(1ULL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1ULL << _PAGE_BIT_RW)
#define _PAGE_USER	(1ULL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1ULL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1ULL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1ULL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1ULL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1ULL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL	(1ULL << _PAGE_BIT_GLOBAL)
#define _PAGE_NX	(1ULL << _PAGE_BIT_NX)

/*
 * Bits 12..43 of an entry hold the frame, as Linux's PAE mask has it: the
 * format allows 52, a 32-bit pfn reaches 44.  RAM stops at 64 GiB
 * (MAX_ARCH_PFN, e820.h), but device memory of a CPU with more than 36
 * address bits can sit higher, and a narrower mask would map it to the
 * wrong frame.
 */
#define __PHYSICAL_MASK_SHIFT	44
#define PTE_PFN_MASK	(((1ULL << __PHYSICAL_MASK_SHIFT) - 1) & ~0xfffULL)
#define PMD_PAGE_MASK	(((1ULL << __PHYSICAL_MASK_SHIFT) - 1) & ~(PMD_SIZE - 1ULL))

typedef struct { u64 pte; } pte_t;
typedef struct { u64 pmd; } pmd_t;
typedef struct { u64 pgd; } pgd_t;	/* a PDPT entry */
typedef struct { u64 pgprot; } pgprot_t;

#define __pte(x)	((pte_t){ (x) })
#define __pmd(x)	((pmd_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })
#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)

#define PTRS_PER_PGD	4
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512
#define PGDIR_SHIFT	30
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)

#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
/* A user PMD entry: the PTE decides, so the PMD allows everything. */
#define _PAGE_TABLE	(_KERNPG_TABLE | _PAGE_USER)
/*
 * The PTE bits this CPU understands (Linux's __supported_pte_mask):
 * _PAGE_NX only once EFER.NXE is on (arch/x86/kernel/cpu.c).
 */
extern u64 __supported_pte_mask;

#define PAGE_READONLY	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_SHARED	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW)
#define __PAGE_KERNEL	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
			 _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO	(__PAGE_KERNEL & ~_PAGE_RW)
#define __PAGE_KERNEL_LARGE	(__PAGE_KERNEL | _PAGE_PSE)

#endif /* _ASM_X86_PGTABLE_TYPES_H */
