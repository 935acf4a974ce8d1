/*
 * The preemption counter (Linux: include/linux/preempt.h).  One word per
 * CPU: the low byte counts preempt_disable() nesting, bits 16-19 count
 * hard interrupts being handled.  Nonzero means "atomic": the scheduler
 * must not switch away, and nothing here may sleep.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>

#define PREEMPT_MASK	0x000000ff
#define HARDIRQ_SHIFT	16
#define HARDIRQ_OFFSET	(1 << HARDIRQ_SHIFT)
#define HARDIRQ_MASK	(0xf << HARDIRQ_SHIFT)

extern int __preempt_count;	/* per-CPU when SMP comes */

static inline int preempt_count(void)
{
	return READ_ONCE(__preempt_count);
}

void preempt_schedule(void);
bool need_resched(void);
/* Reports a preempt_enable() without its preempt_disable() (kernel/sched.c). */
void preempt_count_underflow(void);

#define preempt_disable() do { __preempt_count++; barrier(); } while (0)
/*
 * An unbalanced enable is refused, as Linux's DEBUG_PREEMPT does: a
 * count below zero would make every later preempt_disable() section
 * preemptible.
 */
#define preempt_enable_no_resched() do {				\
	barrier();							\
	if (unlikely(!(__preempt_count & PREEMPT_MASK)))		\
		preempt_count_underflow();				\
	else								\
		__preempt_count--;					\
} while (0)
/* Re-enabling may be the moment a pending reschedule can happen. */
#define preempt_enable() do {						\
	preempt_enable_no_resched();					\
	if (unlikely(__preempt_count == 0 && need_resched()))		\
		preempt_schedule();					\
} while (0)

#define in_irq()	(preempt_count() & HARDIRQ_MASK)
#define in_interrupt()	in_irq()
#define in_atomic()	(preempt_count() != 0)

#endif /* _LINUX_PREEMPT_H */
