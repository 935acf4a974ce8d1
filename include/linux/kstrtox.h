/*
 * Strict string-to-number conversion and memory sizes (kernel/kstrtox.c,
 * mirrors include/linux/kstrtox.h and lib/cmdline.c's memparse).
 *
 * kstrto*(s, base, res): the whole of s must be one number, optionally
 * followed by a single '\n' (so values read from a line work).  base 0
 * means "0x"/"0X" -> 16, a leading "0" -> 8, otherwise 10; base 16 also
 * accepts a "0x" prefix.  A leading '+' is allowed, '-' only for the signed
 * ones, no spaces anywhere.  Returns 0 and sets *res, or -EINVAL for
 * anything that is not a number (*res untouched), or -ERANGE when the
 * number does not fit the type.
 */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H

#include <linux/types.h>

int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);

/*
 * Linux's loose boolean: looks only at the first one or two characters.
 * y/Y/t/T/1/"on" are true, n/N/f/F/0/"off" are false, anything else (and
 * NULL) is -EINVAL.
 */
int kstrtobool(const char *s, bool *res);

/*
 * Parses a size such as "512M", "0x1000", "4g": a number in base 0
 * followed by an optional K, M, G, T, P or E suffix (either case, powers of
 * 1024).  Stores the first unparsed character in *retptr when retptr is not
 * NULL; with no digits at all it returns 0 and *retptr == ptr.  Unlike
 * Linux, which silently wraps, a value too big for 64 bits saturates to
 * ULLONG_MAX, so "mem=99999999999T" means "no limit" rather than garbage.
 */
unsigned long long memparse(const char *ptr, char **retptr);

#endif /* _LINUX_KSTRTOX_H */
