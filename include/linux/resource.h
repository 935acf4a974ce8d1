/* Resource limits (Linux: include/uapi/linux/resource.h, asm-generic). */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

#define _STK_LIM	(8UL << 20)	/* RLIMIT_STACK's default: 8 MiB */

#endif /* _LINUX_RESOURCE_H */
