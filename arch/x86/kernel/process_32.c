/*
 * What a process needs from the CPU (Linux: arch/x86/kernel/process_32.c,
 * tls.c): the kernel stack the CPU switches to when user code is
 * interrupted, the thread-local-storage descriptors of the running task,
 * and the way into user mode.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/switch_to.h>
#include <asm/thread_info.h>


/*
 * tss.sp0 is the top of the running task's stack: the first thing an
 * interrupt from user mode does is push ss:sp there.  A kernel thread
 * never runs user code, so for it the value does not matter.
 */
void update_task_stack(struct task_struct *next)
{
	if (next->stack)
		cpu_tss.sp0 = (unsigned long)next->stack + THREAD_SIZE;
}

void load_TLS(struct task_struct *next)
{
	unsigned int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_page[GDT_ENTRY_TLS_MIN + i] = next->thread.tls_array[i];
}

void load_fs_gs(unsigned long fs, unsigned long gs);	/* switch_to.asm */

void switch_fs_gs(struct task_struct *prev, struct task_struct *next)
{
	unsigned long fs, gs;

	__asm__ __volatile__("mov %%fs, %0; mov %%gs, %1" : "=r"(fs), "=r"(gs));
	prev->thread.fs = fs & 0xffff;
	prev->thread.gs = gs & 0xffff;
	update_task_stack(next);
	load_TLS(next);
	load_fs_gs(next->thread.fs, next->thread.gs);
	fpu_switch(prev, next);
}

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->cs = __USER_CS;
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->ip = ip;
	regs->sp = sp;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
}

void asm_enter_user_mode(struct pt_regs *regs);	/* entry.asm */

__noreturn void enter_user_mode(void)
{
	struct pt_regs *regs = task_pt_regs(current);

	BUG_ON(preempt_count() || !current->mm || !user_mode(regs));
	update_task_stack(current);
	asm_enter_user_mode(regs);
	__builtin_unreachable();
}

/* ---- set_thread_area / get_thread_area (Linux: arch/x86/kernel/tls.c) ---- */

/* Linux's struct user_desc, as glibc passes it. */
struct user_desc {
	u32 entry_number;
	u32 base_addr;
	u32 limit;
	u32 seg_32bit:1;
	u32 contents:2;
	u32 read_exec_only:1;
	u32 limit_in_pages:1;
	u32 seg_not_present:1;
	u32 useable:1;
};

/* A GDT descriptor for u: user privilege, data (or code) segment. */
static u64 tls_descriptor(const struct user_desc *u)
{
	u64 base = u->base_addr, limit = u->limit;
	u64 type = (u->contents << 2) | (!u->read_exec_only << 1);

	if (u->seg_not_present && u->read_exec_only && !u->base_addr &&
	    !u->limit && !u->seg_32bit && !u->limit_in_pages && !u->useable)
		return 0;		/* Linux's "empty" descriptor */
	return (limit & 0xffff) | ((base & 0xffffff) << 16) |
	       ((0x10 | type) << 40) |			/* S=1, type */
	       (3ULL << 45) |				/* DPL 3 */
	       ((u64)!u->seg_not_present << 47) |
	       (((limit >> 16) & 0xf) << 48) |
	       ((u64)u->useable << 52) | ((u64)u->seg_32bit << 54) |
	       ((u64)u->limit_in_pages << 55) | ((base >> 24) << 56);
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc *, uptr)
{
	struct user_desc u;
	int idx;
	unsigned int i;

	if (copy_from_user(&u, uptr, sizeof(u)))
		return -EFAULT;
	idx = (int)u.entry_number;
	if (idx == -1) {		/* pick a free slot and say which */
		for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
			if (!current->thread.tls_array[i])
				break;
		if (i == GDT_ENTRY_TLS_ENTRIES)
			return -ESRCH;
		idx = GDT_ENTRY_TLS_MIN + i;
		if (put_user((u32)idx, &uptr->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	if (u.contents == 3 && !u.seg_not_present)
		return -EINVAL;		/* a code segment: Linux refuses too */
	preempt_disable();
	current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] = tls_descriptor(&u);
	load_TLS(current);
	preempt_enable();
	return 0;
}

SYSCALL_DEFINE1(get_thread_area, struct user_desc *, uptr)
{
	struct user_desc u;
	u64 d;
	int idx;

	if (get_user(idx, (int *)&uptr->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	d = current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN];
	memset(&u, 0, sizeof(u));
	u.entry_number = idx;
	u.base_addr = (u32)(((d >> 16) & 0xffffff) | ((d >> 56) << 24));
	u.limit = (u32)((d & 0xffff) | (((d >> 48) & 0xf) << 16));
	u.seg_32bit = (d >> 54) & 1;
	u.contents = (d >> 42) & 3;
	u.read_exec_only = !((d >> 41) & 1);
	u.limit_in_pages = (d >> 55) & 1;
	u.seg_not_present = !((d >> 47) & 1);
	u.useable = (d >> 52) & 1;
	return copy_to_user(uptr, &u, sizeof(u)) ? -EFAULT : 0;
}
