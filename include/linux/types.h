/* Basic fixed-width types, shared by the kernel and the host test builds. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* PAE: physical addresses are 36 bits wide, so never squeeze them into 32. */
typedef u64 phys_addr_t;
typedef u64 resource_size_t;

#ifndef __ssize_t_defined
typedef long ssize_t;
#define __ssize_t_defined
#endif

#endif /* _LINUX_TYPES_H */
