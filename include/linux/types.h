/* Basic fixed-width types, shared by the kernel and the host test builds. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Spelled out rather than taken from <stdint.h>: i686-elf-gcc makes
 * uint32_t an unsigned long, which would make "%x" wrong for a u32 with
 * one compiler and right with the others.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

/* PAE: physical addresses are 36 bits wide, so never squeeze them into 32. */
typedef u64 phys_addr_t;
typedef u64 resource_size_t;

/* Changed only through <linux/atomic.h> (Linux keeps it in types.h too). */
typedef struct {
	int counter;
} atomic_t;

#ifndef __ssize_t_defined
typedef long ssize_t;
#define __ssize_t_defined
#endif

#endif /* _LINUX_TYPES_H */
