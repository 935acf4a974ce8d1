/*
 * Legacy interrupts: the two 8259 PICs, remapped so IRQ 0-15 arrive on
 * vectors 0x20-0x2f (the CPU's exceptions own 0-0x1f).
 */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#include <asm/ptrace.h>

typedef void (*irq_handler_t)(struct pt_regs *regs);

void init_IRQ(void);
/* Installs handler for irq and unmasks it; one handler per line. */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name);
void do_IRQ(struct pt_regs *regs, unsigned int irq);

/* How many interrupts each line has delivered (for tests and `irqs`). */
extern unsigned long irq_count[16];
extern unsigned long spurious_irq_count;

/* Interrupt context is counted in the preempt count (linux/preempt.h). */
#include <linux/preempt.h>

#endif /* _ASM_X86_IRQ_H */
