/*
 * The kernel's printf family (kernel/vsprintf.c, mirrors lib/vsprintf.c and
 * include/linux/sprintf.h).  The host tests rename these (tests/host/host.h)
 * so that they do not clash with libc's.
 *
 * Return conventions, as C and Linux:
 *   vsnprintf/snprintf   the length the whole output would have had, so
 *                        "ret >= size" means it was truncated;
 *   vscnprintf/scnprintf the number of characters actually stored in buf,
 *                        which is what code appending piece by piece wants.
 * All of them accept size 0 (nothing is written) and, when size > 0, always
 * leave buf NUL-terminated.
 *
 * Besides the C conversions (%d %i %u %x %X %o %c %s %%, flags "-0+ #",
 * width, precision, "*", hh h l ll z t) the kernel extensions are:
 *   %p  %px  the pointer as zero-padded hex, pointer-width, no "0x"
 *   %pS      symbol+0xoffset/0xsize (kallsyms), or 0x%08lx when unknown
 *   %ps      symbol name only
 *   %pa      *(phys_addr_t *) as 0x followed by 16 hex digits
 */
#ifndef _LINUX_SPRINTF_H
#define _LINUX_SPRINTF_H

#include <linux/compiler.h>
#include <linux/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#endif /* _LINUX_SPRINTF_H */
