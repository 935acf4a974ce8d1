/*
 * Boot-time self-tests: `selftest` on the command line runs every ktest
 * suite (`selftest=a,b` only those), then powers off with the result as the
 * exit status, which scripts/run-tests.sh reads back from QEMU.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/string.h>
#include <asm/reboot.h>

extern bool panic_poweroff;

static bool selftest_requested;
static char selftest_filter[256];

static int __init selftest_setup(char *val)
{
	selftest_requested = true;
	panic_poweroff = true;
	if (val && strlcpy(selftest_filter, val, sizeof(selftest_filter)) >=
	    sizeof(selftest_filter)) {
		selftest_filter[0] = '\0';
		return -EINVAL;		/* too long to honour: run them all */
	}
	return 0;
}
early_param("selftest", selftest_setup);

void run_selftests_if_requested(void)
{
	int failed;

	if (!selftest_requested)
		return;
	pr_info("selftest: running %s\n",
		selftest_filter[0] ? selftest_filter : "all suites");
	failed = ktest_run_all(selftest_filter);
	pr_info("selftest: %d case%s failed\n", failed, failed == 1 ? "" : "s");
	machine_power_off(failed ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
}
