/*
 * Touching kernel memory that may not be there (Linux: include/linux/
 * uaccess.h's copy_from_kernel_nofault family): a fault becomes -EFAULT
 * through the exception table instead of an oops.  Tests use these to
 * probe guard pages and freed areas.
 */
#ifndef _LINUX_NOFAULT_H
#define _LINUX_NOFAULT_H

#include <linux/types.h>

int probe_read_byte(const void *src, unsigned char *dst);
int probe_write_byte(void *dst, unsigned char val);

/* 0, or -EFAULT at the first byte that cannot be read/written. */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr) \
	copy_from_kernel_nofault(&(val), (ptr), sizeof(val))

#endif /* _LINUX_NOFAULT_H */
