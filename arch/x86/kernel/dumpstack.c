/*
 * Stack traces and register dumps (Linux: arch/x86/kernel/dumpstack*.c),
 * and the WARN/BUG reports built on them.  The kernel is compiled with frame
 * pointers, so a trace follows the EBP chain: each frame holds the caller's
 * EBP and, above it, the return address.  The walk stays inside the stack
 * it started on, so a corrupt chain ends the trace instead of faulting.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/thread_info.h>
#include <asm/traps.h>
#include <linux/sched/debug.h>

#define MAX_TRACE_DEPTH	32

/* Is bp on the current task's kernel stack (with room for a frame)? */
static bool on_stack(unsigned long bp, unsigned long *lo, unsigned long *hi)
{
	*lo = (unsigned long)current->stack;
	*hi = *lo + THREAD_SIZE;
	return bp >= *lo && bp + 8 <= *hi;
}

/* Prints one line per return address found above frame pointer bp. */
void show_trace(unsigned long bp)
{
	unsigned long lo, hi;
	int depth = 0;

	while (bp && on_stack(bp, &lo, &hi) && depth++ < MAX_TRACE_DEPTH) {
		unsigned long *frame = (unsigned long *)bp;
		unsigned long ret = frame[1];

		if (ret)
			printk(KERN_EMERG " %pB\n", (void *)ret);
		/* Frames must move up the stack, or the chain is corrupt. */
		if (frame[0] <= bp)
			break;
		bp = frame[0];
	}
}

void show_stack(unsigned long bp)
{
	printk(KERN_EMERG "Call Trace:\n");
	show_trace(bp);
}

/*
 * Linux's dump_stack(): who is running and how it got here.  The trace
 * starts at dump_stack's caller, which is noinline for that reason.
 */
noinline void dump_stack(void)
{
	printk(KERN_EMERG "CPU: 0 PID: %d Comm: %s\n", current->pid,
	       current->comm);
	show_stack(read_ebp());
}

static bool kernel_text_address(unsigned long addr)
{
	return (addr >= (unsigned long)_text && addr < (unsigned long)_etext) ||
	       (addr >= (unsigned long)__init_begin &&
		addr < (unsigned long)__init_end);
}

/*
 * gcc builds leaf functions without a frame even with frame pointers, and
 * then the EBP chain skips the leaf's caller.  If the word on top of the
 * trapped stack looks like a return address, print it marked "? " as
 * Linux does for entries it cannot vouch for.
 */
static void show_leaf_caller(struct pt_regs *regs)
{
	unsigned long top = *(unsigned long *)kernel_stack_pointer(regs);

	if (!user_mode(regs) && kernel_text_address(top))
		printk(KERN_EMERG " ? %pB\n", (void *)top);
}

void show_regs(struct pt_regs *regs)
{
	printk(KERN_EMERG "CPU: 0 PID: %d Comm: %s\n", current->pid,
	       current->comm);
	printk(KERN_EMERG "EIP: %pS\n", (void *)regs->ip);
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
	       regs->ax, regs->bx, regs->cx, regs->dx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08lx\n",
	       regs->si, regs->di, regs->bp, kernel_stack_pointer(regs));
	printk(KERN_EMERG "DS: %04x ES: %04x FS: %04x GS: %04x SS: %04x EFLAGS: %08x\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff,
	       regs->gs & 0xffff, user_mode(regs) ? regs->ss & 0xffff : 0x10,
	       regs->flags);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	/* The trapped function is the first entry; its callers follow. */
	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " %pS\n", (void *)regs->ip);
	show_leaf_caller(regs);
	show_trace(regs->bp);
}
