/*
 * The FPU and SSE registers of processes (Linux: arch/x86/kernel/fpu/).
 *
 * The kernel is built without x87, MMX or SSE code, so these registers
 * belong to user space alone.  Each task keeps a 512-byte FXSAVE image;
 * every switch saves the outgoing task's registers and loads the
 * incoming one's (Linux's eager switching).  glibc picks SSE2 string
 * functions when CPUID offers SSE2, which only run once CR4.OSFXSR says
 * the OS saves that state; without FXSR the CPU is left as it was and a
 * program that uses the FPU dies with a trap report.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/fpu.h>
#include <asm/processor.h>

#define X86_FEATURE_FXSR	(1U << 24)
#define X86_FEATURE_XMM		(1U << 25)
#define X86_CR0_MP		(1UL << 1)
#define X86_CR0_EM		(1UL << 2)
#define X86_CR0_TS		(1UL << 3)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR4_OSFXSR		(1UL << 9)
#define X86_CR4_OSXMMEXCPT	(1UL << 10)

static bool fpu_on;

void fpu__init_cpu(void)
{
	if (!boot_cpu_has(X86_FEATURE_FXSR))
		return;
	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP | X86_CR0_NE);
	write_cr4(read_cr4() | X86_CR4_OSFXSR |
		  (boot_cpu_has(X86_FEATURE_XMM) ? X86_CR4_OSXMMEXCPT : 0));
	fpu_on = true;
}

static void fxsave(struct fxregs_state *fx)
{
	__asm__ __volatile__("fxsave %0" : "=m"(*fx));
}

static void fxrstor(const struct fxregs_state *fx)
{
	__asm__ __volatile__("fxrstor %0" : : "m"(*fx));
}

void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!fpu_on)
		return;
	fxsave(&prev->thread.fpu);
	fxrstor(&next->thread.fpu);
}

/* The state after FNINIT, with SSE exceptions masked: what exec gives. */
void fpu_reset(struct task_struct *tsk)
{
	memset(&tsk->thread.fpu, 0, sizeof(tsk->thread.fpu));
	tsk->thread.fpu.cwd = 0x037f;
	tsk->thread.fpu.mxcsr = 0x1f80;
	if (fpu_on && tsk == current)
		fxrstor(&tsk->thread.fpu);
}

/* A forked child starts with the parent's registers as they are now. */
void fpu_copy(struct task_struct *dst, struct task_struct *src)
{
	if (fpu_on && src == current)
		fxsave(&src->thread.fpu);
	dst->thread.fpu = src->thread.fpu;
}
