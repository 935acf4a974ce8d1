/*
 * The exception table (Linux: arch/x86/include/asm/extable.h,
 * arch/x86/mm/extable.c).  Each entry pairs the address of an instruction
 * that may fault on purpose with where to continue if it does.  The page
 * fault handler looks the faulting EIP up before calling it an oops.
 */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

#include <asm/ptrace.h>

struct exception_table_entry {
	unsigned long insn, fixup;
};

/* Moves regs->ip to the fixup if there is one; returns true if so. */
bool fixup_exception(struct pt_regs *regs);

/* How many faults the table has fixed up (tests, `faults`). */
extern unsigned long extable_fixups;

#endif /* _ASM_X86_EXTABLE_H */
