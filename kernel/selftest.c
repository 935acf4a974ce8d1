/*
 * Boot-time self-tests: `selftest` on the command line runs every ktest
 * suite (`selftest=a,b` only those), then powers off with the result as the
 * exit status, which scripts/run-tests.sh reads back from QEMU.  A name
 * that is no suite runs nothing and fails.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/monitor.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/reboot.h>

extern bool panic_poweroff;

bool selftest_requested;
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

static bool is_suite(const char *name, size_t n)
{
	const struct ktest_suite *const *s;

	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		if (strlen((*s)->name) == n &&
		    strncmp((*s)->name, name, n) == 0)
			return true;
	return false;
}

/* "boot buddy ...": every suite's name, for the message below. */
static const char *suite_names(void)
{
	const struct ktest_suite *const *s;
	static char names[512];
	size_t len = 0;

	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		len += scnprintf(names + len, sizeof(names) - len, "%s%s",
				 len ? " " : "", (*s)->name);
	return names;
}

/*
 * A name that matches no suite is a typo that would otherwise run less
 * than was asked for.  Says which, with the list to choose from, in one
 * line; returns false then.
 */
static bool selftest_filter_valid(const char *filter)
{
	const char *end;
	size_t n;

	while (*filter) {
		end = strchr(filter, ',');
		n = end ? (size_t)(end - filter) : strlen(filter);
		if (n && !is_suite(filter, n)) {
			pr_err("selftest: no test suite named \"%.*s\"; the suites are: %s\n",
			       (int)n, filter, suite_names());
			return false;
		}
		filter += n + (end != NULL);
	}
	return true;
}

void run_selftests_if_requested(void)
{
	int failed;

	if (!selftest_requested)
		return;
	if (!selftest_filter_valid(selftest_filter))
		machine_power_off(POWEROFF_FAILURE);
	pr_info("selftest: running %s\n",
		selftest_filter[0] ? selftest_filter : "all suites");
	failed = ktest_run_all(selftest_filter);
	pr_info("selftest: %d case%s failed\n", failed, failed == 1 ? "" : "s");
	machine_power_off(failed ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
}

/*
 * `selftest [suite,...]` at the prompt: the same KTAP as at boot, and
 * the monitor carries on afterwards.  Suites that leave the machine in a
 * test state are the boot's business; each suite's free_pages_unchanged
 * case still checks that it gave back what it took.
 */
static int cmd_selftest(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : "";
	int failed;

	if (!selftest_filter_valid(filter))
		return -ENOENT;
	failed = ktest_run_all(filter);
	mon_printf("selftest: %d case%s failed\n", failed, failed == 1 ? "" : "s");
	return failed ? -EINVAL : 0;
}
DEFINE_MONITOR_CMD("selftest", "selftest [SUITE,...]", "run ktest suites (all, or those named) and print their KTAP", cmd_selftest);
