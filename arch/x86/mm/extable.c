/*
 * Exception-table fixups (Linux: arch/x86/mm/extable.c) and the nofault
 * copies built on the probe routines of arch/x86/kernel/probe.asm.
 */
#include <linux/errno.h>
#include <linux/nofault.h>
#include <asm/extable.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

unsigned long extable_fixups;

/* The table is short; a linear search keeps it obviously right. */
static const struct exception_table_entry *search_exception_tables(unsigned long ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == ip)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return false;
	regs->ip = e->fixup;
	extable_fixups++;
	return true;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (size--)
		if (probe_read_byte(s++, d++))
			return -EFAULT;
	return 0;
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (size--)
		if (probe_write_byte(d++, *s++))
			return -EFAULT;
	return 0;
}
