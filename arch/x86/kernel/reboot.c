/*
 * Power off, restart, halt (Linux: arch/x86/kernel/reboot.c).
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>

#define ISA_DEBUG_EXIT_PORT	0xf4
#define KBD_STATUS_PORT		0x64
#define KBD_CMD_PULSE_RESET	0xfe

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		native_halt();
}

void machine_power_off(int code)
{
	local_irq_disable();
	outl(POWEROFF_EXIT_BASE + code, ISA_DEBUG_EXIT_PORT);
	/* Still here: no debug-exit device, so not under our QEMU setup. */
	pr_emerg("reboot: Power down\n");
	machine_halt();
}

/* The keyboard controller's reset line, then a triple fault. */
void machine_restart(void)
{
	static const struct { u16 size; u32 addr; } __attribute__((packed))
		no_idt = { 0, 0 };
	int i;

	local_irq_disable();
	pr_emerg("reboot: Restarting system\n");
	for (i = 0; i < 100 && (inb(KBD_STATUS_PORT) & 0x02); i++)
		io_delay();
	outb(KBD_CMD_PULSE_RESET, KBD_STATUS_PORT);
	__asm__ __volatile__("lidt %0; int3" : : "m"(no_idt));
	machine_halt();
}
