/* Leaving the machine (Linux: arch/x86/kernel/reboot.c). */
#ifndef _ASM_X86_REBOOT_H
#define _ASM_X86_REBOOT_H

#include <linux/compiler.h>

/*
 * Under QEMU with isa-debug-exit at port 0xf4, QEMU exits with status
 * (code << 1) | 1; scripts/qemu.sh turns that back into code.  Elsewhere
 * the CPU halts for good.
 */
__noreturn void machine_power_off(int code);
__noreturn void machine_restart(void);
__noreturn void machine_halt(void);

#define POWEROFF_SUCCESS	0
#define POWEROFF_FAILURE	1	/* tests failed */
#define POWEROFF_PANIC		2	/* panic() in a test boot */
#define POWEROFF_BOOT_FAILURE	3	/* boot/head.asm gave up (no PAE, ...) */

#endif /* _ASM_X86_REBOOT_H */
