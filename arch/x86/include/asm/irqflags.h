/* Interrupt flag control (Linux: asm/irqflags.h, linux/irqflags.h). */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <asm/processor.h>

static inline unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl; popl %0" : "=r"(flags) : : "memory");
	return flags;
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void native_restore_fl(unsigned long flags)
{
	__asm__ __volatile__("pushl %0; popfl" : : "g"(flags) : "memory", "cc");
}

static inline bool irqs_disabled(void)
{
	return !(native_save_fl() & X86_EFLAGS_IF);
}

/* Waits for the next interrupt with interrupts enabled, atomically. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

#define local_irq_save(flags) \
	do { (flags) = native_save_fl(); local_irq_disable(); } while (0)
#define local_irq_restore(flags)	native_restore_fl(flags)

#endif /* _ASM_X86_IRQFLAGS_H */
