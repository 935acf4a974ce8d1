/*
 * Non-local jumps for the kernel (arch/x86/kernel/setjmp.asm).  The only
 * user is expect_trap(): a test arms a jump buffer, and the exception
 * handler jumps back to it after printing its report.  EFLAGS is saved and
 * restored too, so the interrupt flag the test ran with comes back.
 */
#ifndef _ASM_X86_SETJMP_H
#define _ASM_X86_SETJMP_H

struct jmp_buf {
	unsigned long bx, si, di, bp, sp, ip, flags;
};

int ksetjmp(struct jmp_buf *buf) __attribute__((returns_twice));
__attribute__((noreturn)) void klongjmp(struct jmp_buf *buf, int val);

#endif /* _ASM_X86_SETJMP_H */
