/*
 * The i386 system call table and the int 0x80 handler (Linux:
 * arch/x86/entry/syscall_32.c, common.c's do_int80_syscall_32, and the
 * numbers of arch/x86/entry/syscalls/syscall_32.tbl).  A number this
 * kernel does not implement returns -ENOSYS, as on Linux, and is logged
 * once, by name where the table knows it, so a program that fails for
 * want of a call says which.
 */
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

#define __NR_syscalls	451

#define SYSCALLS(X)							\
	X(1, exit) X(4, write) X(20, getpid) X(24, getuid)		\
	X(47, getgid) X(49, geteuid) X(50, getegid) X(122, uname)	\
	X(199, getuid32) X(200, getgid32) X(201, geteuid32)		\
	X(202, getegid32) X(224, gettid) X(243, set_thread_area)	\
	X(244, get_thread_area) X(252, exit_group)			\
	X(258, set_tid_address) X(355, getrandom) X(64, getppid)	\
	X(162, nanosleep) X(265, clock_gettime) X(267, clock_nanosleep)	\
	X(311, set_robust_list) X(403, clock_gettime64)			\
	X(407, clock_nanosleep_time64) X(7, waitpid) X(114, wait4)	\
	X(45, brk) X(90, mmap) X(91, munmap) X(125, mprotect)		\
	X(192, mmap2) X(219, madvise) X(2, fork) X(120, clone)		\
	X(11, execve) X(75, setrlimit) X(76, getrlimit) X(191, ugetrlimit) \
	X(340, prlimit64) X(3, read) X(5, open) X(6, close) X(19, lseek)	\
	X(140, _llseek) X(195, stat64) X(196, lstat64) X(197, fstat64)	\
	X(295, openat) X(300, fstatat64)				\
	X(85, readlink) X(305, readlinkat) X(383, statx) X(163, mremap)

/* Known to Linux, not (yet) here: named in the -ENOSYS line. */
#define NAMES_ONLY(X)							\
	X(13, time) X(33, access)				\
	X(37, kill) X(54, ioctl)					\
	X(146, writev)							\
	X(174, rt_sigaction)						\
	X(175, rt_sigprocmask)						\
	X(270, tgkill)							\
	X(384, arch_prctl) X(386, rseq)

#define DECLARE(nr, name) long __ia32_sys_##name(const struct pt_regs *regs);
SYSCALLS(DECLARE)

static const struct {
	sys_call_ptr_t fn;
	const char *name;
} sys_call_table[__NR_syscalls] = {
#define ENTRY(nr, name) [nr] = { __ia32_sys_##name, #name },
#define NAME(nr, name) [nr] = { NULL, #name },
	SYSCALLS(ENTRY)
	NAMES_ONLY(NAME)
};

unsigned long syscall_enosys_count;
/* One bit per number, and one more for every number beyond the table. */
static unsigned long enosys_logged[__NR_syscalls / 32 + 1];

static long sys_ni_syscall(unsigned long nr)
{
	unsigned long bit = min(nr, (unsigned long)__NR_syscalls);

	syscall_enosys_count++;
	if (!(enosys_logged[bit / 32] & (1UL << (bit % 32)))) {
		enosys_logged[bit / 32] |= 1UL << (bit % 32);
		if (nr < __NR_syscalls && sys_call_table[nr].name)
			pr_info("%s[%d]: system call %s (%lu) is not implemented: -ENOSYS\n",
				current->comm, current->pid,
				sys_call_table[nr].name, nr);
		else
			pr_info("%s[%d]: system call %lu is not implemented: -ENOSYS\n",
				current->comm, current->pid, nr);
	}
	return -ENOSYS;
}

/*
 * Entered from entry_INT80_32 with interrupts off (an interrupt gate).
 * The call runs with them on and may sleep; before going back to user
 * mode a pending reschedule is honoured, as Linux's exit_to_user_mode.
 */
void do_int80_syscall_32(struct pt_regs *regs)
{
	unsigned long nr = regs->ax;

	local_irq_enable();
	if (nr < __NR_syscalls && sys_call_table[nr].fn)
		regs->ax = sys_call_table[nr].fn(regs);
	else
		regs->ax = sys_ni_syscall(nr);
	if (need_resched())
		schedule();
	local_irq_disable();
}
