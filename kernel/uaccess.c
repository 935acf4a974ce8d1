/*
 * The string half of user memory access (Linux: lib/strncpy_from_user.c).
 * The byte copies themselves are arch/x86/kernel/usercopy.asm.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>

long strncpy_from_user(char *dst, const char *src, long count)
{
	unsigned long max, len;
	long n;

	if (count <= 0)
		return 0;
	if ((unsigned long)src >= TASK_SIZE)
		return -EFAULT;
	max = min((unsigned long)count, TASK_SIZE - (unsigned long)src);
	n = __strnlen_user(src, max);
	if (n < 0)
		return -EFAULT;
	len = (unsigned long)n;
	if (len > max) {		/* no NUL in the first max bytes */
		if (max < (unsigned long)count)
			return -EFAULT;	/* the string runs into the kernel */
		return __copy_user(dst, src, max) ? -EFAULT : count;
	}
	if (__copy_user(dst, src, len))
		return -EFAULT;
	dst[len - 1] = '\0';	/* another thread may have changed it since */
	return (long)len - 1;
}
