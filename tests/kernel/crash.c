/*
 * crash=TYPE: end the boot in a chosen way, so the test runner can check
 * the fatal paths' reports end to end (Linux's LKDTM does the same job).
 * TYPE is pagefault (read an unmapped address: oops), bug (BUG()), or
 * panic.  Also a monitor command: `crash TYPE`.  Either way the crash is
 * a test, so its panic powers QEMU off with status 2 instead of halting.
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

/* How the crash was asked for ("crash=" or "crash "), for its message. */
static const char *crash_how = "crash=";

static noinline void crash_panic(void)
{
	panic("%spanic requested", crash_how);
}

static const struct {
	const char *name;
	void (*fn)(void);
} crash_types[] = {
	{ "pagefault", crash_pagefault },
	{ "bug", crash_bug },
	{ "panic", crash_panic },
};

extern bool panic_poweroff;

static int crash_run(const char *type, const char *how)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(crash_types); i++) {
		if (strcmp(type, crash_types[i].name) == 0) {
			crash_how = how;
			panic_poweroff = true;
			pr_emerg("crash: %s, as requested\n", type);
			crash_types[i].fn();
			return 0;
		}
	}
	return -EINVAL;
}

/* Runs from parse_late_param(), after traps and the timer are set up. */
static int crash_setup(char *val)
{
	return val ? crash_run(val, "crash=") : -EINVAL;
}
__setup("crash", crash_setup);

static int cmd_crash(int argc, char **argv)
{
	(void)argc;		/* monitor_exec checked: one argument */
	if (crash_run(argv[1], "crash ") < 0) {
		mon_printf("usage: crash pagefault|bug|panic\n");
		return -EINVAL;
	}
	return 0;
}
DEFINE_MONITOR_CMD("crash", "crash pagefault|bug|panic", "crash the kernel on purpose", cmd_crash);
