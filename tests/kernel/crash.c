/*
 * crash=TYPE: end the boot in a chosen way, so the test runner can check
 * the fatal paths' reports end to end (Linux's LKDTM does the same job).
 * TYPE is pagefault (read an unmapped address: oops), bug (BUG()), or
 * panic.  Also a monitor command: `crash TYPE`.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/string.h>

/* Not mapped by the early page tables: PDPT entry 1 is not present. */
#define CRASH_UNMAPPED_ADDR	0x40000000UL

static noinline void crash_pagefault(void)
{
	(void)*(volatile unsigned long *)CRASH_UNMAPPED_ADDR;
}

static noinline void crash_bug(void)
{
	BUG();
}

static noinline void crash_panic(void)
{
	panic("crash=panic requested");
}

static const struct {
	const char *name;
	void (*fn)(void);
} crash_types[] = {
	{ "pagefault", crash_pagefault },
	{ "bug", crash_bug },
	{ "panic", crash_panic },
};

static int crash_run(const char *type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(crash_types); i++) {
		if (strcmp(type, crash_types[i].name) == 0) {
			pr_emerg("crash: %s, as requested\n", type);
			crash_types[i].fn();
			return 0;
		}
	}
	return -EINVAL;
}

extern bool panic_poweroff;

/*
 * Runs from parse_late_param(), after traps and the timer are set up.  A
 * crash= boot is a test, so its panic ends QEMU instead of halting.
 */
static int crash_setup(char *val)
{
	panic_poweroff = true;
	return val ? crash_run(val) : -EINVAL;
}
__setup("crash", crash_setup);

static int cmd_crash(int argc, char **argv)
{
	if (argc != 2 || crash_run(argv[1]) < 0) {
		mon_printf("usage: crash pagefault|bug|panic\n");
		return -EINVAL;
	}
	return 0;
}
DEFINE_MONITOR_CMD("crash", "crash pagefault|bug|panic", "crash the kernel on purpose", cmd_crash);
