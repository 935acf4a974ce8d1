/*
 * Address-space lifetime (Linux: include/linux/sched/mm.h, kernel/fork.c)
 * and switching (arch/x86/include/asm/mmu_context.h).
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/atomic.h>
#include <linux/mm_types.h>

/* A new address space: its own PDPT and kernel PMD; NULL if no memory. */
struct mm_struct *mm_alloc(void);
static inline void mmgrab(struct mm_struct *mm) { atomic_inc(&mm->mm_count); }
static inline void mmget(struct mm_struct *mm) { atomic_inc(&mm->mm_users); }
void mmdrop(struct mm_struct *mm);	/* last mm_count frees it */
void mmput(struct mm_struct *mm);	/* last mm_users: mmdrop */

struct task_struct;
/* kernel/pid.c: a process's mm with an mm_users reference, or NULL. */
struct mm_struct *get_task_mm(struct task_struct *task);

/* Page tables of an address space (arch/x86/mm/pgtable.c). */
void pgd_cache_init(void);
u64 *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, u64 *pgd);
extern bool shared_kernel_pmd;

/* Loads next's PDPT; kernel mappings are global and stay in the TLB. */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

/* A kernel thread adopting an address space, and leaving it. */
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

#endif /* _LINUX_SCHED_MM_H */
