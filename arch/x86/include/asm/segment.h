/*
 * GDT layout.  Flat 4 GiB segments: paging does all the protection.  The
 * TSS slot is filled by cpu_init_tss(); the user segments are what ring 3
 * runs with (Linux numbers them 14 and 15; programs never look).
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#define GDT_ENTRY_KERNEL_CS	1
#define GDT_ENTRY_KERNEL_DS	2
#define GDT_ENTRY_USER_CS	3
#define GDT_ENTRY_USER_DS	4
#define GDT_ENTRY_TSS		5
/*
 * Thread-local storage: three entries per task, set by set_thread_area()
 * and written into the GDT at every switch.  6-8 are Linux's numbers, so
 * glibc's %gs selector (6 * 8 + 3 = 0x33) is the one it has on Linux.
 */
#define GDT_ENTRY_TLS_MIN	6
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRY_TLS_MAX	(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRIES		9	/* boot/head.asm loads this many */

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)
#define GDT_ENTRY_TSS_SEL	(GDT_ENTRY_TSS * 8)

#endif /* _ASM_X86_SEGMENT_H */
