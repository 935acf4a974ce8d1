/*
 * Interrupt masking for generic code: the architecture's on the kernel,
 * nothing on the host (the host tests have no interrupts).
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#ifdef __KERNEL__
#include <asm/irqflags.h>
#else
#define local_irq_save(flags)		((flags) = 0)
#define local_irq_restore(flags)	((void)(flags))
#endif

#endif /* _LINUX_IRQFLAGS_H */
