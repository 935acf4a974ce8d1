/*
 * User memory access and page-fault disabling (Linux:
 * include/linux/uaccess.h).  Code holding a
 * kmap_atomic mapping must not take a fault that could sleep.  Kernel
 * faults never sleep here; the user-mode fault path (with processes) will
 * have to look at this count before it may.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/errno.h>
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


/* ---- user memory (Linux: include/linux/uaccess.h, asm/uaccess.h) ---- */

#include <linux/string.h>
#include <asm/page.h>

/*
 * Is [addr, addr + size) entirely user space?  Checked before every
 * access: below TASK_SIZE the page tables decide (a fault is fixed up
 * through __ex_table), above it is the kernel, which user pointers may
 * never name.  Written so that addr + size cannot overflow.
 */
static inline bool access_ok(const void *addr, unsigned long size)
{
	return size <= TASK_SIZE && (unsigned long)addr <= TASK_SIZE - size;
}

unsigned long __copy_user(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void *to, unsigned long n);
long __strnlen_user(const char *s, unsigned long n);

/*
 * Both return the number of bytes not copied (0: all of them), as in
 * Linux.  copy_from_user zeroes what it could not copy, so a caller that
 * ignores a short copy at least never reads stale kernel data.
 */
static inline unsigned long copy_from_user(void *to, const void *from,
					   unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = __copy_user(to, from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

static inline unsigned long copy_to_user(void *to, const void *from,
					 unsigned long n)
{
	return access_ok(to, n) ? __copy_user(to, from, n) : n;
}

static inline unsigned long clear_user(void *to, unsigned long n)
{
	return access_ok(to, n) ? __clear_user(to, n) : n;
}

/* 0 or -EFAULT; x and *ptr have the same type. */
#define get_user(x, ptr)						\
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0;	\
})

/*
 * Copies the string at src (at most count bytes) into dst.  Returns its
 * length without the NUL, count if it did not end within count bytes (dst
 * is then not terminated, as in Linux), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char *src, long count);

#endif /* _LINUX_UACCESS_H */
