/*
 * panic(), BUG() and WARN() (Linux: kernel/panic.c, lib/bug.c).  A WARN
 * reports and returns; BUG and panic do not return.  In a self-test boot
 * panic powers the machine off with a distinct status so the test runner
 * sees the failure at once instead of waiting for its timeout.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sprintf.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/reboot.h>
#include <asm/traps.h>

bool panic_poweroff;		/* set by selftest: exit QEMU on panic */
int oops_in_progress;		/* die() printed the trace already */
static bool in_panic;

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list args;

	local_irq_disable();
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!in_panic && !oops_in_progress) {
		in_panic = true;
		dump_stack();
	}
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	if (panic_poweroff)
		machine_power_off(POWEROFF_PANIC);
	machine_halt();
}

void __warn(const char *file, int line, const char *cond)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: 0 PID: %d at %s:%d %pB\n", current->pid, file,
		line, __builtin_return_address(0));
	/* The trace starts at the function that hit the WARN, as in Linux. */
	pr_warn("CPU: 0 PID: %d Comm: %s\n", current->pid, current->comm);
	show_stack(read_ebp());
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

/* BUG() says where; its ud2 then brings the oops (linux/bug.h). */
void __bug(const char *file, int line)
{
	pr_emerg("------------[ cut here ]------------\n");
	pr_emerg("kernel BUG at %s:%d!\n", file, line);
}
