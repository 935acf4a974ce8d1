/*
 * Address spaces: creation, reference counts, adoption by kernel threads
 * (Linux: kernel/fork.c's mm_alloc/mmput/mmdrop, kernel/kthread.c's
 * kthread_use_mm).
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/pgtable.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/pgtable.h>
#include <asm/switch_to.h>
#include <asm/tlbflush.h>

/* The kernel's own address space: the master page table. */
struct mm_struct init_mm = {
	.pgd = &swapper_pg_dir[0].pgd,
	.mm_users = ATOMIC_INIT(2),
	.mm_count = ATOMIC_INIT(1),
	.mmap_lock = __MUTEX_INITIALIZER(init_mm.mmap_lock),
};

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm_init_vmas(mm);
	arch_pick_mmap_layout(mm, _STK_LIM);
	return mm;
}

/*
 * Both counts drop in one atomic step, so of two racing last drops only
 * one frees.  A count already at zero is misuse reported without
 * touching the (possibly freed) structure further.
 */
void mmdrop(struct mm_struct *mm)
{
	if (WARN_ON(mm == &init_mm || atomic_read(&mm->mm_count) <= 0))
		return;
	if (atomic_dec_and_test(&mm->mm_count)) {
		pgd_free(mm, mm->pgd);
		kfree(mm);
	}
}

void mmput(struct mm_struct *mm)
{
	if (WARN_ON(atomic_read(&mm->mm_users) <= 0))
		return;
	if (atomic_dec_and_test(&mm->mm_users)) {
		exit_mmap(mm);
		mmdrop(mm);
	}
}

/*
 * The calling kernel thread runs in mm from now on: its own mm, not a
 * borrowed active_mm (which it gives back).
 */
void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old;
	unsigned long flags;

	WARN_ON(tsk->mm);
	mmgrab(mm);
	local_irq_save(flags);
	old = tsk->active_mm;
	tsk->mm = mm;
	tsk->active_mm = mm;
	switch_mm(old, mm);
	local_irq_restore(flags);
	if (old && old != &init_mm)
		mmdrop(old);
}

/* Back to borrowing: the kernel's own page tables from now on. */
void kthread_unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	WARN_ON(tsk->mm != mm);
	local_irq_save(flags);
	tsk->mm = NULL;
	tsk->active_mm = &init_mm;
	switch_mm(mm, &init_mm);
	local_irq_restore(flags);
	mmdrop(mm);
}

/* ---- fork (Linux: kernel/fork.c's dup_mm, dup_mmap, copy_process) ---- */

/*
 * A copy of oldmm: the same VMAs, and the same pages shared
 * copy-on-write (mm/memory.c's copy_page_range).  VM_DONTCOPY areas stay
 * behind.  NULL if memory runs out (nothing is left half-built).
 */
static struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma, *new;
	int err = 0;

	if (!mm)
		return NULL;
	mutex_lock(&oldmm->mmap_lock);
	mutex_lock(&mm->mmap_lock);	/* nobody else can see it yet */
	for (vma = oldmm->mmap; vma && !err; vma = vma->vm_next) {
		if (vma->vm_flags & VM_DONTCOPY)
			continue;
		new = vm_area_alloc(mm);
		if (!new) {
			err = -ENOMEM;
			break;
		}
		new->vm_start = vma->vm_start;
		new->vm_end = vma->vm_end;
		new->vm_flags = vma->vm_flags;
		new->vm_page_prot = vma->vm_page_prot;
		new->vm_pgoff = vma->vm_pgoff;
		new->vm_file = vma->vm_file;
		vm_file_get(new->vm_file);	/* Linux: get_file */
		err = insert_vm_struct(mm, new);
		if (err)
			vm_area_free(new);
		else
			err = copy_page_range(mm, oldmm, vma);
	}
	mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	mm->hiwater_vm = oldmm->hiwater_vm;
	mm->mmap_base = oldmm->mmap_base;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mutex_unlock(&mm->mmap_lock);
	mutex_unlock(&oldmm->mmap_lock);
	__flush_tlb();		/* the parent's pages are read-only now */
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/* The child's first steps: its tid where asked, then user mode. */
static int fork_child(void *data)
{
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
	enter_user_mode();
	return 0;	/* not reached */
}

/* The clone flags glibc's fork() uses, and plain fork(2)'s. */
#define CSIGNAL			0x000000ff
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

/*
 * A new process, a copy of the caller, returning 0 in the child and the
 * child's pid in the parent (Linux: kernel_clone).  Only what fork needs:
 * no threads, no shared files or signal handlers.
 */
static long kernel_clone(unsigned long flags, int *child_tidptr)
{
	struct task_struct *p;
	struct mm_struct *mm;
	unsigned long fs, gs;

	if (flags & ~(CSIGNAL | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID))
		return -EINVAL;
	if (!current->mm)
		return -EINVAL;
	mm = dup_mm(current->mm);
	if (!mm)
		return -ENOMEM;
	p = kthread_create(fork_child, NULL, current->comm);
	if (!p) {
		mmput(mm);
		return -ENOMEM;
	}
	p->flags &= ~PF_KTHREAD;
	p->mm = p->active_mm = mm;
	*task_pt_regs(p) = *task_pt_regs(current);
	task_pt_regs(p)->ax = 0;			/* fork() returns 0 */
	memcpy(p->thread.tls_array, current->thread.tls_array,
	       sizeof(p->thread.tls_array));
	fpu_copy(p, current);
	files_copy(p, current);
	__asm__ __volatile__("mov %%fs, %0; mov %%gs, %1" : "=r"(fs), "=r"(gs));
	p->thread.fs = fs & 0xffff;
	p->thread.gs = gs & 0xffff;
	p->exit_signal = flags & CSIGNAL;
	if (flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tidptr;
	if (flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tidptr;
	wake_up_process(p);
	return p->pid;
}

SYSCALL_DEFINE0(fork)
{
	return kernel_clone(SIGCHLD, NULL);
}

/* i386's argument order: flags, stack, parent_tid, tls, child_tid. */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int *, parent_tidptr, unsigned long, tls, int *, child_tidptr)
{
	if (newsp)
		return -EINVAL;		/* a new stack means a thread */
	return kernel_clone(clone_flags, child_tidptr);
}
