/*
 * kallsyms: the kernel's own symbol table, generated at build time by
 * scripts/kallsyms.py from a first link and linked into the final image, so
 * stack traces and %pS print function+offset/size as Linux does.
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

#define KSYM_NAME_LEN		128
#define KSYM_SYMBOL_LEN		(KSYM_NAME_LEN + 32)

/*
 * Finds the function that contains addr.  Returns its name and fills in its
 * size and addr's offset into it, or returns NULL when addr is in no known
 * function.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);

/* The address of a symbol by name, or 0 (used by tests and the monitor). */
unsigned long kallsyms_lookup_name(const char *name);

#endif /* _LINUX_KALLSYMS_H */
