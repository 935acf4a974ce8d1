/*
 * The registers saved on entry to an exception or interrupt, in the order
 * arch/x86/kernel/entry.asm pushes them (pusha, then the segments, then the
 * vector and error code, then what the CPU pushed).  Linux's i386 pt_regs
 * holds the same registers in a different order.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#include <linux/types.h>

struct pt_regs {
	u32 di, si, bp, __sp_pusha, bx, dx, cx, ax;
	u32 ds, es, fs, gs;
	u32 vector;
	u32 error_code;
	u32 ip, cs, flags;
	u32 sp, ss;		/* pushed by the CPU only when from user mode */
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

/* A trap from kernel mode pushes no SP/SS: the stack was at &regs->sp. */
static inline unsigned long kernel_stack_pointer(const struct pt_regs *regs)
{
	return user_mode(regs) ? regs->sp : (unsigned long)&regs->sp;
}

#endif /* _ASM_X86_PTRACE_H */
