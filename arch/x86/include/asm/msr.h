/* Model-specific registers (Linux: asm/msr.h, asm/msr-index.h) and the TSC. */
#ifndef _ASM_X86_MSR_H
#define _ASM_X86_MSR_H

#include <linux/types.h>

#define MSR_EFER	0xc0000080
#define EFER_NX		(1ULL << 11)	/* NXE: honour the NX bit in PTEs */

static inline u64 rdmsrl(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsrl(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr"
			     : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32))
			     : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#endif /* _ASM_X86_MSR_H */
