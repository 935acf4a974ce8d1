/*
 * Page-fault disabling (Linux: include/linux/uaccess.h): code holding a
 * kmap_atomic mapping must not take a fault that could sleep.  Kernel
 * faults never sleep here; the user-mode fault path (with processes) will
 * have to look at this count before it may.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/sched.h>

static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
	barrier();
}

static inline void pagefault_enable(void)
{
	barrier();
	/* Never below zero: that would hide the next pagefault_disable(). */
	if (WARN(current->pagefault_disabled <= 0,
		 "pagefault_enable() without pagefault_disable()\n"))
		return;
	current->pagefault_disabled--;
}

static inline bool pagefault_disabled(void)
{
	return current->pagefault_disabled != 0;
}

#endif /* _LINUX_UACCESS_H */
