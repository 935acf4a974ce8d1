/*
 * Exceptions and their reports (arch/x86/kernel/traps.c).
 */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <linux/compiler.h>
#include <asm/ptrace.h>

enum x86_trap_vectors {
	X86_TRAP_DE = 0,	/* divide error */
	X86_TRAP_DB,		/* debug */
	X86_TRAP_NMI,
	X86_TRAP_BP,		/* int3 */
	X86_TRAP_OF,		/* overflow */
	X86_TRAP_BR,		/* bound range */
	X86_TRAP_UD,		/* invalid opcode */
	X86_TRAP_NM,		/* device not available */
	X86_TRAP_DF,		/* double fault */
	X86_TRAP_OLD_MF,	/* coprocessor segment overrun */
	X86_TRAP_TS,		/* invalid TSS */
	X86_TRAP_NP,		/* segment not present */
	X86_TRAP_SS,		/* stack segment */
	X86_TRAP_GP,		/* general protection */
	X86_TRAP_PF,		/* page fault */
	X86_TRAP_SPURIOUS,
	X86_TRAP_MF,		/* x87 floating point */
	X86_TRAP_AC,		/* alignment check */
	X86_TRAP_MC,		/* machine check */
	X86_TRAP_XF,		/* SIMD floating point */
	X86_TRAP_VE,		/* virtualization */
	X86_TRAP_CP,		/* control protection */
	NR_EXCEPTION_VECTORS = 32,
};

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define X86_PF_PROT	(1 << 0)	/* 0: not present, 1: protection */
#define X86_PF_WRITE	(1 << 1)
#define X86_PF_USER	(1 << 2)
#define X86_PF_RSVD	(1 << 3)	/* a reserved bit was set in an entry */
#define X86_PF_INSTR	(1 << 4)

const char *trap_name(unsigned int vector);

/* Prints the oops report for regs and ends the kernel. */
__noreturn void die(const char *str, struct pt_regs *regs, long err);

/* Prints registers and the call trace for regs (no verdict). */
void show_regs(struct pt_regs *regs);

/* Print the call chain above frame pointer bp, with or without a header. */
void show_stack(unsigned long bp);
void show_trace(unsigned long bp);

/* The C side of every exception and interrupt (entry.asm). */
void do_trap_entry(struct pt_regs *regs);

/* arch/x86/mm/fault.c */
void do_page_fault(struct pt_regs *regs, unsigned long address);

/*
 * Tests that provoke a trap on purpose: expect_trap(vector, fn, arg) runs
 * fn(arg); if fn raises exception `vector`, the usual report is printed and
 * expect_trap returns true with the trap's registers in *regs (and CR2 in
 * *cr2) instead of ending the kernel.  If fn returns normally it returns
 * false.  Any other exception while armed is fatal as usual.
 */
bool expect_trap(unsigned int vector, void (*fn)(void *), void *arg,
		 struct pt_regs *regs, unsigned long *cr2);

#endif /* _ASM_X86_TRAPS_H */
