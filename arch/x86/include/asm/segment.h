/*
 * GDT layout.  Flat 4 GiB segments: paging does all the protection.  The
 * TSS slot is filled by cpu_init_tss(); user segments are here for the user
 * processes that come later.
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS	1
#define GDT_ENTRY_KERNEL_DS	2
#define GDT_ENTRY_USER_CS	3
#define GDT_ENTRY_USER_DS	4
#define GDT_ENTRY_TSS		5
#define GDT_ENTRIES		6	/* boot/head.asm loads this many */

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)
#define GDT_ENTRY_TSS_SEL	(GDT_ENTRY_TSS * 8)

#endif /* _ASM_X86_SEGMENT_H */
