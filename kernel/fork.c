/*
 * Address spaces: creation, reference counts, adoption by kernel threads
 * (Linux: kernel/fork.c's mm_alloc/mmput/mmdrop, kernel/kthread.c's
 * kthread_use_mm).
 */
#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <asm/pgtable.h>

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
