/* Helpers every kernel file needs: sizes, alignment, min/max, container_of. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/types.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define SZ_1K	0x00000400
#define SZ_4K	0x00001000
#define SZ_1M	0x00100000
#define SZ_2M	0x00200000
#define SZ_16M	0x01000000
#define SZ_1G	0x40000000

__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#endif /* _LINUX_KERNEL_H */
