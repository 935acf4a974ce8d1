/*
 * Resource limits (Linux: include/uapi/linux/resource.h, asm-generic's
 * numbers, and include/linux/sched/signal.h's rlimit()).
 */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

#include <linux/types.h>

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)
#define _STK_LIM		(8UL << 20)	/* RLIMIT_STACK's default: 8 MiB */

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

struct rlimit64 {
	u64 rlim_cur, rlim_max;
};

/*
 * The current task's soft limit (Linux: rlimit()).  The memory code
 * honours RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK through it; the host
 * tests supply one that says "no limit".
 */
unsigned long rlimit(unsigned int resource);

#endif /* _LINUX_RESOURCE_H */
