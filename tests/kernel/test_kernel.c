/*
 * The kernel's own services: printk's log and timestamps, WARN, kallsyms,
 * the timer interrupt, the monitor, the string functions.
 */
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/moduleparam.h>
#include <linux/monitor.h>
#include <linux/sprintf.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/msr.h>
#include <asm/setup.h>

static void test_printk_log(struct ktest *test)
{
	size_t mark = printk_log_pos();

	pr_info("ktest: marker %d\n", 4242);
	EXPECT_GT(test, printk_log_pos(), mark);
	EXPECT_LOGGED(test, mark, "ktest: marker 4242\n");
	EXPECT_FALSE(test, printk_log_find(mark, "ktest: marker 4243"));
	EXPECT_FALSE(test, printk_log_find(printk_log_pos(), "ktest: marker"));
}

static void test_printk_timestamp_and_cont(struct ktest *test)
{
	size_t mark = printk_log_pos();

	u64 t0 = sched_clock();

	pr_info("ktest: first half");
	pr_cont(" and second half\n");
	EXPECT_LOGGED(test, mark, "] ktest: first half and second half\n");
	/* "[%5lu.%06lu] ": the continuation got no stamp of its own. */
	EXPECT_FALSE(test, printk_log_find(mark, "] and second half"));
	EXPECT_GT(test, t0, 0);
	udelay(100);
	EXPECT_GE(test, sched_clock() - t0, 100000);
}

static noinline void warn_here(int x)
{
	WARN_ON(x == 42);
}

static void test_warn_reports_and_continues(struct ktest *test)
{
	static bool warned_once;
	size_t mark = printk_log_pos();
	int once = 0, i;

	warn_here(42);
	EXPECT_LOGGED(test, mark, "------------[ cut here ]------------");
	EXPECT_LOGGED(test, mark, "WARNING: CPU: 0 PID: 1 at tests/kernel/test_kernel.c:");
	/* gcc may clone it as warn_here.constprop.0 */
	EXPECT_LOGGED(test, mark, " warn_here");
	EXPECT_LOGGED(test, mark, "Call Trace:");
	EXPECT_LOGGED(test, mark, "test_warn_reports_and_continues+");
	EXPECT_LOGGED(test, mark, "---[ end trace");
	mark = printk_log_pos();
	for (i = 0; i < 3; i++)
		once += WARN_ON_ONCE(i >= 0);
	EXPECT_EQ(test, once, 3);		/* the value every time... */
	/* ...one report per boot: none when `selftest` runs this again. */
	EXPECT_EQ(test, printk_log_count(mark, "WARNING:"), !warned_once);
	warned_once = true;
	mark = printk_log_pos();
	EXPECT_FALSE(test, WARN_ON(0));
	EXPECT_FALSE(test, printk_log_find(mark, "WARNING:"));
}

static void test_kallsyms(struct ktest *test)
{
	unsigned long addr = kallsyms_lookup_name("start_kernel"), size, off;
	const char *name;
	char buf[KSYM_SYMBOL_LEN];

	ASSERT_NE(test, addr, 0);
	name = kallsyms_lookup(addr + 3, &size, &off);
	ASSERT_NOT_NULL(test, name);
	EXPECT_STREQ(test, name, "start_kernel");
	EXPECT_EQ(test, off, 3);
	EXPECT_GT(test, size, 3);
	snprintf(buf, sizeof(buf), "%pS", (void *)(addr + 3));
	EXPECT_TRUE(test, strncmp(buf, "start_kernel+0x3/0x", 19) == 0);
	EXPECT_EQ(test, kallsyms_lookup_name("test_kallsyms"),
		  (unsigned long)test_kallsyms);
	EXPECT_NULL(test, kallsyms_lookup(0x1000, &size, &off));
	EXPECT_EQ(test, kallsyms_lookup_name("no_such_symbol"), 0);
}

/*
 * Timer interrupts wake the halted CPU, each one IRQ 0 and one jiffy.
 * How long three ticks take is not checked: on a loaded host QEMU
 * delivers ticks late or merges missed ones, and the TSC keeps host time
 * (its calibration too can be off by however long the host stalled), so
 * any bound in TSC time depends on the host's speed.  A timer that never
 * ticks leaves the CPU halted for good: the runner's timeout reports it.
 */
static void test_timer_ticks(struct ktest *test)
{
	unsigned long flags, j0, irq0, ticks, irqs;
	u64 t0 = rdtsc();

	ASSERT_FALSE(test, irqs_disabled());
	local_irq_save(flags);
	j0 = jiffies;
	irq0 = irq_count[0];
	local_irq_restore(flags);
	while (jiffies < j0 + 3)
		safe_halt();
	local_irq_save(flags);
	ticks = jiffies - j0;
	irqs = irq_count[0] - irq0;
	local_irq_restore(flags);
	EXPECT_GE(test, ticks, 3);
	EXPECT_EQ(test, irqs, ticks);
	EXPECT_GT(test, rdtsc(), t0);
	EXPECT_EQ(test, preempt_count(), 0);
}

static void test_irq_save_restore(struct ktest *test)
{
	unsigned long outer, inner;

	local_irq_save(outer);
	EXPECT_TRUE(test, irqs_disabled());
	local_irq_save(inner);
	local_irq_restore(inner);
	EXPECT_TRUE(test, irqs_disabled());	/* nested restore keeps it off */
	local_irq_restore(outer);
	EXPECT_FALSE(test, irqs_disabled());
}

static void test_monitor_commands(struct ktest *test)
{
	static char out[8192], want[COMMAND_LINE_SIZE + 1];

	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("help"), 0);
	monitor_capture(NULL, 0);
	/* All of it fitted in the buffer. */
	EXPECT_LT(test, strlen(out), sizeof(out) - 1);
	EXPECT_TRUE(test, strstr(out, "vmalloc") != NULL);
	EXPECT_TRUE(test, strstr(out, "cpuinfo") != NULL);
	EXPECT_TRUE(test, strstr(out, "e820") != NULL);
	EXPECT_TRUE(test, strstr(out, "poweroff") != NULL);

	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("  cmdline  "), 0);
	monitor_capture(NULL, 0);
	snprintf(want, sizeof(want), "%s\n", boot_command_line);
	EXPECT_STREQ(test, out, want);

	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("cpuinfo"), 0);
	monitor_capture(NULL, 0);
	EXPECT_TRUE(test, strstr(out, "flags\t\t: pse tsc pae") != NULL);

	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("no-such-command x"), -ENOENT);
	monitor_capture(NULL, 0);
	EXPECT_STREQ(test, out, "no-such-command: unknown command; try 'help'\n");
	EXPECT_EQ(test, monitor_exec(""), 0);
}

static void test_string_functions(struct ktest *test)
{
	char buf[32];
	unsigned int i;

	for (i = 0; i < 11; i++) {	/* every tail length of rep movsl/stosl */
		memset(buf, 'x', sizeof(buf));
		memset(buf + 1, 'a', i);
		EXPECT_EQ(test, buf[0], 'x');
		EXPECT_EQ(test, buf[1 + i], 'x');
		EXPECT_EQ(test, i ? buf[i] : 'a', 'a');
	}
	memcpy(buf, "0123456789", 11);
	memmove(buf + 2, buf, 8);		/* overlapping, forwards */
	EXPECT_STREQ(test, buf, "0101234567");
	memmove(buf, buf + 2, 9);		/* overlapping, backwards */
	EXPECT_STREQ(test, buf, "01234567");
	EXPECT_EQ(test, strlcpy(buf, "truncate me", 5), 11);
	EXPECT_STREQ(test, buf, "trun");
	EXPECT_LT(test, strcmp("abc", "abd"), 0);
	EXPECT_EQ(test, strncmp("abcX", "abcY", 3), 0);
	EXPECT_TRUE(test, strstr("find the needle", "needle") != NULL);
	EXPECT_NULL(test, strstr("haystack", "needle"));
	EXPECT_LT(test, memcmp("\x01", "\xff", 1), 0);	/* unsigned bytes */
}

KTEST_SUITE(kernel,
	    KTEST_CASE(test_printk_log),
	    KTEST_CASE(test_printk_timestamp_and_cont),
	    KTEST_CASE(test_warn_reports_and_continues),
	    KTEST_CASE(test_kallsyms),
	    KTEST_CASE(test_timer_ticks),
	    KTEST_CASE(test_irq_save_restore),
	    KTEST_CASE(test_monitor_commands),
	    KTEST_CASE(test_string_functions));
