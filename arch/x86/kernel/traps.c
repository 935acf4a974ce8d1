/*
 * Exception handling (Linux: arch/x86/kernel/traps.c).  Every exception in
 * kernel mode is a bug, so each one ends in die(), which prints Linux's
 * oops report; the only way back is a test that asked for the trap with
 * expect_trap().  Page faults go through do_page_fault() first, which later
 * issues teach to fix up vmalloc and exception-table faults.
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/setjmp.h>
#include <asm/traps.h>

static const char *const trap_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = "divide error",
	[X86_TRAP_DB] = "debug",
	[X86_TRAP_NMI] = "nmi",
	[X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow",
	[X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode",
	[X86_TRAP_NM] = "device not available",
	[X86_TRAP_DF] = "double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS] = "invalid TSS",
	[X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment",
	[X86_TRAP_GP] = "general protection fault",
	[X86_TRAP_PF] = "page fault",
	[X86_TRAP_SPURIOUS] = "spurious interrupt bug",
	[X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check",
	[X86_TRAP_MC] = "machine check",
	[X86_TRAP_XF] = "simd exception",
	[X86_TRAP_VE] = "virtualization exception",
	[X86_TRAP_CP] = "control protection",
};

const char *trap_name(unsigned int vector)
{
	if (vector < NR_EXCEPTION_VECTORS && trap_names[vector])
		return trap_names[vector];
	return "reserved";
}

/* The one trap a test is waiting for, if any (see expect_trap()). */
static struct {
	bool armed;
	int preempt_count;	/* a trap inside an IRQ handler is not ours */
	unsigned int vector;
	struct jmp_buf env;
	struct pt_regs regs;
	unsigned long cr2;
} trap_expect;

bool expect_trap(unsigned int vector, void (*fn)(void *), void *arg,
		 struct pt_regs *regs, unsigned long *cr2)
{
	trap_expect.vector = vector;
	trap_expect.preempt_count = preempt_count();
	trap_expect.armed = true;
	if (ksetjmp(&trap_expect.env) == 0) {
		fn(arg);
		trap_expect.armed = false;
		return false;
	}
	if (regs)
		*regs = trap_expect.regs;
	if (cr2)
		*cr2 = trap_expect.cr2;
	return true;
}

static int die_counter;
extern int oops_in_progress;

/*
 * The oops: what happened, the registers, the call trace.  When a test is
 * waiting for exactly this trap it gets control back (klongjmp) after the
 * report; otherwise the kernel stops.
 */
void die(const char *str, struct pt_regs *regs, long err)
{
	printk(KERN_EMERG "%s: %04lx [#%d]\n", str, err & 0xffff,
	       ++die_counter);
	show_regs(regs);
	if (trap_expect.armed && trap_expect.vector == regs->vector &&
	    trap_expect.preempt_count == preempt_count()) {
		trap_expect.armed = false;
		trap_expect.regs = *regs;
		trap_expect.cr2 = read_cr2();
		printk(KERN_EMERG "---[ end trace (expected by a test) ]---\n");
		klongjmp(&trap_expect.env, 1);
	}
	oops_in_progress = 1;
	panic("Fatal exception");
}

/*
 * An exception in user code is the process's fault, not the kernel's: the
 * process is killed with the signal Linux would send (there are no signal
 * handlers yet), after Linux's one-line report, and the kernel goes on.
 */
static __noreturn void do_trap_user(struct pt_regs *regs)
{
	int sig = SIGSEGV;

	if (regs->vector == X86_TRAP_DE)
		sig = SIGFPE;
	else if (regs->vector == X86_TRAP_UD)
		sig = SIGILL;
	else if (regs->vector == X86_TRAP_BP || regs->vector == X86_TRAP_DB)
		sig = SIGTRAP;
	if (regs->vector == X86_TRAP_GP)
		pr_info("traps: %s[%d] general protection fault ip:%x sp:%x error:%x\n",
			current->comm, current->pid, regs->ip, regs->sp,
			regs->error_code);
	else
		pr_info("traps: %s[%d] trap %s ip:%x sp:%x error:%x\n",
			current->comm, current->pid, trap_name(regs->vector),
			regs->ip, regs->sp, regs->error_code);
	local_irq_enable();
	do_exit(sig);
}

void do_trap_entry(struct pt_regs *regs)
{
	unsigned int vector = regs->vector;

	if (vector == IA32_SYSCALL_VECTOR) {
		do_int80_syscall_32(regs);
		return;
	}
	if (vector >= FIRST_EXTERNAL_VECTOR) {
		do_IRQ(regs, vector - FIRST_EXTERNAL_VECTOR);
		return;
	}
	if (vector == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
		return;
	}
	if (user_mode(regs))
		do_trap_user(regs);
	/* A segment load the exception table expects (entry.asm's pops). */
	if ((vector == X86_TRAP_GP || vector == X86_TRAP_NP ||
	     vector == X86_TRAP_SS) && fixup_exception(regs))
		return;
	die(trap_name(vector), regs, regs->error_code);
}
