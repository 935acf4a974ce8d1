/*
 * What a task switch changes besides the stack (Linux: asm/switch_to.h,
 * arch/x86/kernel/process_32.c), and entering user mode.
 */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

#include <linux/sched.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>

/*
 * The registers a task's kernel stack holds at its very top while the
 * task runs in user mode: the CPU pushes ss, sp, flags, cs, ip there at
 * every interrupt (tss.sp0 points just above), entry.asm the rest.
 */
static inline struct pt_regs *task_pt_regs(struct task_struct *tsk)
{
	return (struct pt_regs *)((char *)tsk->stack + THREAD_SIZE) - 1;
}

/* The kernel stack the CPU switches to on an interrupt from user mode. */
void update_task_stack(struct task_struct *next);
/* next's thread-local storage descriptors into the GDT. */
void load_TLS(struct task_struct *next);

/*
 * The kernel never uses %fs and %gs, so they still hold the user's
 * selectors (glibc's TLS in %gs) when a task is switched away from:
 * saved for prev, and next's loaded after its TLS entries are in the GDT
 * (Linux's lazy %gs handling in __switch_to).  Also moves tss.sp0.
 */
void switch_fs_gs(struct task_struct *prev, struct task_struct *next);

/*
 * Sets regs up to start user code at ip with stack sp: user segments,
 * interrupts on, every other register zero, as a fresh exec has them.
 */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);

/*
 * Leaves the kernel for user mode with *task_pt_regs(current) and never
 * returns: the current task is a process from now on, entering the
 * kernel only through interrupts, exceptions and int 0x80.
 */
__noreturn void enter_user_mode(void);

#endif /* _ASM_X86_SWITCH_TO_H */
