/*
 * Symbol lookup (Linux: kernel/kallsyms.c, without the name compression).
 * scripts/kallsyms.py writes the tables: every function's address, sorted,
 * the offset of its name in one string blob, and each function's size.
 */
#include <linux/kallsyms.h>
#include <linux/string.h>

extern const unsigned long kallsyms_addresses[];
extern const unsigned long kallsyms_sizes[];
extern const unsigned int kallsyms_name_offsets[];
extern const char kallsyms_names[];
extern const unsigned int kallsyms_num_syms;

/* Index of the last symbol at or below addr, or -1. */
static int kallsyms_find(unsigned long addr)
{
	int lo = 0, hi = (int)kallsyms_num_syms - 1, found = -1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	int i = kallsyms_find(addr);

	if (i < 0 || addr - kallsyms_addresses[i] >= kallsyms_sizes[i])
		return NULL;
	*symbolsize = kallsyms_sizes[i];
	*offset = addr - kallsyms_addresses[i];
	return &kallsyms_names[kallsyms_name_offsets[i]];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < kallsyms_num_syms; i++)
		if (strcmp(&kallsyms_names[kallsyms_name_offsets[i]], name) == 0)
			return kallsyms_addresses[i];
	return 0;
}
