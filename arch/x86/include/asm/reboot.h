/* Leaving the machine (Linux: arch/x86/kernel/reboot.c). */
#ifndef _ASM_X86_REBOOT_H
#define _ASM_X86_REBOOT_H

#include <linux/compiler.h>

/*
 * Under QEMU with isa-debug-exit at port 0xf4, writing v makes QEMU exit
 * with status (v << 1) | 1.  We write POWEROFF_EXIT_BASE + code, so that
 * no kernel status can look like QEMU's own exit 0 or its error status 1;
 * scripts/qemu.sh turns the status back into code.  Elsewhere the CPU
 * halts for good.
 */
__noreturn void machine_power_off(int code);
__noreturn void machine_restart(void);
__noreturn void machine_halt(void);

#define POWEROFF_EXIT_BASE	0x10	/* boot/head.asm and qemu.sh know it */
#define POWEROFF_SUCCESS	0
#define POWEROFF_FAILURE	1	/* tests failed */
#define POWEROFF_PANIC		2	/* panic() in a test boot */
#define POWEROFF_BOOT_FAILURE	3	/* boot/head.asm gave up (no PAE, ...) */

#endif /* _ASM_X86_REBOOT_H */
