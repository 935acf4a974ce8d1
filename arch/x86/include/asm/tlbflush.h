/* TLB maintenance (Linux: asm/tlbflush.h). */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <asm/processor.h>

static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* Reloading CR3 drops non-global entries and re-reads the PDPT. */
static inline void __flush_tlb(void)
{
	write_cr3(read_cr3());
}

/*
 * Toggling CR4.PGE drops global entries too.  Interrupts off, so nothing
 * runs (and no switch happens) with PGE half-way.
 */
static inline void __flush_tlb_all(void)
{
	unsigned long cr4, flags;

	__asm__ __volatile__("pushfl; popl %0; cli" : "=r"(flags) : : "memory");
	cr4 = read_cr4();
	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);
		write_cr4(cr4);
	} else {
		__flush_tlb();
	}
	__asm__ __volatile__("pushl %0; popfl" : : "g"(flags) : "memory", "cc");
}

#endif /* _ASM_X86_TLBFLUSH_H */
