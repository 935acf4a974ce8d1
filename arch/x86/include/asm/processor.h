/*
 * CPU registers and instructions (Linux: asm/processor.h,
 * asm/special_insns.h): CPUID, control registers, halt.
 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/types.h>

#define X86_CR0_PE	(1UL << 0)
#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_PG	(1UL << 31)
#define X86_CR4_PSE	(1UL << 4)
#define X86_CR4_PAE	(1UL << 5)
#define X86_CR4_PGE	(1UL << 7)

#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_FIXED	(1UL << 1)	/* always reads 1 */

static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c,
			       u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)				\
{									\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}

DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)

static inline void native_halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline unsigned long read_ebp(void)
{
	unsigned long bp;

	__asm__ __volatile__("mov %%ebp, %0" : "=r"(bp));
	return bp;
}

/* What CPUID told us at boot (arch/x86/kernel/cpu.c). */
struct cpuinfo_x86 {
	char x86_vendor_id[16];
	char x86_model_id[64];
	u32 x86;		/* family */
	u32 x86_model;
	u32 x86_stepping;
	u32 cpuid_level;
	u32 features_edx;	/* CPUID.1:EDX */
	u32 features_ecx;	/* CPUID.1:ECX */
	u32 ext_features_edx;	/* CPUID.80000001h:EDX */
	u32 x86_phys_bits;
};

extern struct cpuinfo_x86 boot_cpu_data;

#define X86_FEATURE_PSE		(1U << 3)
#define X86_FEATURE_TSC		(1U << 4)
#define X86_FEATURE_MSR		(1U << 5)
#define X86_FEATURE_PAE		(1U << 6)
#define X86_FEATURE_APIC	(1U << 9)
#define X86_FEATURE_PGE		(1U << 13)
#define X86_FEATURE_PSE36	(1U << 17)
#define X86_FEATURE_XMM2	(1U << 26)	/* SSE2: lfence, mfence */
#define X86_FEATURE_NX		(1U << 20)	/* in ext_features_edx */

#define boot_cpu_has(f)		(boot_cpu_data.features_edx & (f))
#define boot_cpu_has_nx()	(boot_cpu_data.ext_features_edx & X86_FEATURE_NX)

void early_cpu_init(void);
/* x86_model_id from the raw brand string or "" to what Linux prints. */
void cpu_model_name_init(struct cpuinfo_x86 *c);
void print_cpu_info(void);
/* " pse tsc pae ...": the features we know of that this CPU has. */
const char *cpu_flags_string(void);

#endif /* _ASM_X86_PROCESSOR_H */
