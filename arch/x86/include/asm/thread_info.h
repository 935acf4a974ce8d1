/* Kernel stacks. */
#ifndef _ASM_X86_THREAD_INFO_H
#define _ASM_X86_THREAD_INFO_H

#define THREAD_SIZE	16384	/* boot/head.asm reserves one for the boot CPU */
#define THREAD_SIZE_ORDER	2	/* in pages, as a buddy order */

#endif /* _ASM_X86_THREAD_INFO_H */
