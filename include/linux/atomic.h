/* Atomic integers (Linux: include/linux/atomic.h); the x86 code is asm/atomic.h. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <asm/atomic.h>

#endif /* _LINUX_ATOMIC_H */
