/*
 * System calls (Linux: include/linux/syscalls.h, arch/x86's
 * syscall_wrapper.h).  SYSCALL_DEFINEn(name, type, arg, ...) defines
 * sys_name with its n typed arguments, and the entry the table calls,
 * __ia32_sys_name(regs), which takes them from the registers of Linux's
 * i386 ABI: ebx, ecx, edx, esi, edi, ebp.  The result goes back in eax:
 * a value, or a negative errno.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <asm/ptrace.h>

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);

#define __SC_ARGS0(r)
#define __SC_ARGS1(r, t1)	(t1)(r)->bx
#define __SC_ARGS2(r, t1, t2)	__SC_ARGS1(r, t1), (t2)(r)->cx
#define __SC_ARGS3(r, t1, t2, t3) __SC_ARGS2(r, t1, t2), (t3)(r)->dx
#define __SC_ARGS4(r, t1, t2, t3, t4) __SC_ARGS3(r, t1, t2, t3), (t4)(r)->si
#define __SC_ARGS5(r, t1, t2, t3, t4, t5)				\
	__SC_ARGS4(r, t1, t2, t3, t4), (t5)(r)->di
#define __SC_ARGS6(r, t1, t2, t3, t4, t5, t6)				\
	__SC_ARGS5(r, t1, t2, t3, t4, t5), (t6)(r)->bp

#define SYSCALL_DEFINE0(name)						\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(void);					\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ (void)regs; return sys_##name(); }				\
	static long sys_##name(void)

#define SYSCALL_DEFINE1(name, t1, a1)					\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1);					\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS1(regs, t1)); }			\
	static long sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1, t2 a2);				\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS2(regs, t1, t2)); }		\
	static long sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1, t2 a2, t3 a3);			\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS3(regs, t1, t2, t3)); }		\
	static long sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);		\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS4(regs, t1, t2, t3, t4)); }	\
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);	\
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS5(regs, t1, t2, t3, t4, t5)); }	\
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	long __ia32_sys_##name(const struct pt_regs *regs);		\
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	long __ia32_sys_##name(const struct pt_regs *regs)		\
	{ return sys_##name(__SC_ARGS6(regs, t1, t2, t3, t4, t5, t6)); } \
	static long sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

/* The int 0x80 handler (arch/x86/kernel/syscall_32.c). */
void do_int80_syscall_32(struct pt_regs *regs);

/* How many calls returned -ENOSYS so far (tests). */
extern unsigned long syscall_enosys_count;

#endif /* _LINUX_SYSCALLS_H */
