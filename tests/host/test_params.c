/*
 * Host tests for the command-line code: next_arg() and parse_args() of
 * kernel/params.c against a table local to this file, the real
 * early_param()/__setup() section through parse_early_param() and
 * parse_late_param(), and the number parsers of kernel/kstrtox.c.
 *
 * host-test-sources: kernel/params.c kernel/kstrtox.c
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

/* What the handlers saw, so each case can check who was called with what. */
struct call_log {
	int calls;
	char last[64];
	bool last_null;
};

static struct call_log mem_log, loglevel_log, selftest_log, quiet_log;

static void log_call(struct call_log *log, const char *val)
{
	log->calls++;
	log->last_null = !val;
	strlcpy(log->last, val ? val : "", sizeof(log->last));
}

/*
 * Like the real ones, mem= and loglevel= call a value that is not a number
 * malformed, and refuse a number out of their range with their own line.
 */
static int fake_mem(char *val)
{
	char *end;

	log_call(&mem_log, val);
	if (!val || !*val)
		return -EINVAL;
	if (memparse(val, &end) < (16ULL << 20) && !*end) {
		pr_warn("mem=%s: need a size of at least 16M\n", val);
		return -ERANGE;
	}
	return *end ? -EINVAL : 0;
}

static int fake_loglevel(char *val)
{
	unsigned int v;

	log_call(&loglevel_log, val);
	if (!val || kstrtouint(val, 0, &v))
		return -EINVAL;
	if (v > 8) {
		pr_warn("loglevel=%s: out of range (0-8), ignored\n", val);
		return -ERANGE;
	}
	return 0;
}

static int fake_selftest(char *val)
{
	log_call(&selftest_log, val);
	return 0;
}

static int fake_quiet(char *val)
{
	log_call(&quiet_log, val);
	return val ? -EINVAL : 0;	/* a flag: takes no value */
}

static const struct obs_kernel_param p_mem = { "mem", fake_mem, true };
static const struct obs_kernel_param p_loglevel = {
	"loglevel", fake_loglevel, true };
static const struct obs_kernel_param p_selftest = {
	"selftest", fake_selftest, false };
static const struct obs_kernel_param p_quiet = { "quiet", fake_quiet, false };

static const struct obs_kernel_param *const table[] = {
	&p_mem, &p_loglevel, &p_selftest, &p_quiet,
};

static void reset_logs(void)
{
	memset(&mem_log, 0, sizeof(mem_log));
	memset(&loglevel_log, 0, sizeof(loglevel_log));
	memset(&selftest_log, 0, sizeof(selftest_log));
	memset(&quiet_log, 0, sizeof(quiet_log));
}

/* parse_args over the local table, on a writable copy of line. */
static int run_parse(const char *line, bool early)
{
	static char buf[COMMAND_LINE_SIZE];

	reset_logs();
	strlcpy(buf, line, sizeof(buf));
	return parse_args(early ? "early test" : "late test", buf, table,
			  table + ARRAY_SIZE(table), early);
}

/*
 * "No value" is checked as EXPECT_FALSE(test, val): EXPECT_NULL expands to
 * a comparison under "!!", which gcc's -Wlogical-not-parentheses rejects.
 */
static void test_next_arg_plain(struct ktest *test)
{
	char line[] = "  foo bar=1\tbaz=  last";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	EXPECT_STREQ(test, param, "foo");
	EXPECT_FALSE(test, val);
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "bar");
	EXPECT_STREQ(test, val, "1");
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "baz");
	EXPECT_STREQ(test, val, "");
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "last");
	EXPECT_FALSE(test, val);
	EXPECT_STREQ(test, rest, "");
}

/*
 * Quotes group words and vanish:
 *
 *	p="a b" q        ->  p = a b,   then q
 *	"p=a b" q        ->  p = a b,   then q
 *	"two words" x    ->  two words (no value), then x
 *	k=v=w            ->  k = v=w    (only the first '=' splits)
 */
static void test_next_arg_quotes(struct ktest *test)
{
	char line[] = "p=\"a b\" \"q=c d\" \"two words\" k=v=w";
	char *param, *val, *rest;

	rest = next_arg(line, &param, &val);
	EXPECT_STREQ(test, param, "p");
	EXPECT_STREQ(test, val, "a b");
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "q");
	EXPECT_STREQ(test, val, "c d");
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "two words");
	EXPECT_FALSE(test, val);
	rest = next_arg(rest, &param, &val);
	EXPECT_STREQ(test, param, "k");
	EXPECT_STREQ(test, val, "v=w");
	EXPECT_STREQ(test, rest, "");
}

/* An unclosed quote runs to the end of the line; "=v" has an empty name. */
static void test_next_arg_odd_quotes(struct ktest *test)
{
	char line1[] = "p=\"a b c";
	char line2[] = "=v x";
	char line3[] = "q=\"\"";
	char *param, *val, *rest;

	rest = next_arg(line1, &param, &val);
	EXPECT_STREQ(test, param, "p");
	EXPECT_STREQ(test, val, "a b c");
	EXPECT_STREQ(test, rest, "");

	rest = next_arg(line2, &param, &val);
	EXPECT_STREQ(test, param, "");
	EXPECT_STREQ(test, val, "v");
	EXPECT_STREQ(test, rest, "x");

	next_arg(line3, &param, &val);
	EXPECT_STREQ(test, param, "q");
	EXPECT_STREQ(test, val, "");
}

/* The early pass calls early handlers only, and never complains. */
static void test_parse_args_early_pass(struct ktest *test)
{
	size_t mark = printk_log_pos();
	int warnings;

	warnings = run_parse("mem=512M selftest=a,b loglevel=7 bogus", true);
	EXPECT_EQ(test, warnings, 0);
	EXPECT_EQ(test, mem_log.calls, 1);
	EXPECT_STREQ(test, mem_log.last, "512M");
	EXPECT_EQ(test, loglevel_log.calls, 1);
	EXPECT_STREQ(test, loglevel_log.last, "7");
	EXPECT_EQ(test, selftest_log.calls, 0);
	EXPECT_FALSE(test, printk_log_find(mark, "Unknown"));
	EXPECT_FALSE(test, printk_log_find(mark, "Malformed"));
}

/* The late pass: late handlers, early ones skipped, unknown ones warned. */
static void test_parse_args_late_pass(struct ktest *test)
{
	size_t mark = printk_log_pos();
	int warnings;

	warnings = run_parse("mem=512M selftest=a,b loglevel=7 bogus", false);
	EXPECT_EQ(test, warnings, 1);
	EXPECT_EQ(test, mem_log.calls, 0);
	EXPECT_EQ(test, loglevel_log.calls, 0);
	EXPECT_EQ(test, selftest_log.calls, 1);
	EXPECT_STREQ(test, selftest_log.last, "a,b");
	EXPECT_LOGGED(test, mark,
		"Unknown kernel command line parameter \"bogus\", ignored\n");
	EXPECT_FALSE(test, printk_log_find(mark, "\"mem"));
	EXPECT_FALSE(test, printk_log_find(mark, "\"loglevel"));
}

static void test_unknown_with_value(struct ktest *test)
{
	size_t mark = printk_log_pos();

	EXPECT_EQ(test, run_parse("foo=bar baz=\"x y\"", false), 2);
	EXPECT_LOGGED(test, mark,
		"Unknown kernel command line parameter \"foo=bar\", ignored\n");
	EXPECT_LOGGED(test, mark,
		"Unknown kernel command line parameter \"baz=x y\", ignored\n");
}

/*
 * A handler's -EINVAL is reported by the pass that ran it, once: the
 * early pass for mem=, the late pass for quiet=.
 */
static void test_malformed(struct ktest *test)
{
	size_t mark = printk_log_pos();

	EXPECT_EQ(test, run_parse("mem=lots quiet=1", true), 1);
	EXPECT_EQ(test, mem_log.calls, 1);
	EXPECT_LOGGED(test, mark,
		"Malformed kernel command line parameter \"mem=lots\", ignored\n");
	EXPECT_FALSE(test, printk_log_find(mark, "quiet"));

	mark = printk_log_pos();
	EXPECT_EQ(test, run_parse("mem=lots quiet=1", false), 1);
	EXPECT_EQ(test, mem_log.calls, 0);
	EXPECT_EQ(test, quiet_log.calls, 1);
	EXPECT_LOGGED(test, mark,
		"Malformed kernel command line parameter \"quiet=1\", ignored\n");
	EXPECT_FALSE(test, printk_log_find(mark, "mem=lots"));

	/* A bare mem (no '=') is malformed too, and printed without one. */
	mark = printk_log_pos();
	EXPECT_EQ(test, run_parse("mem", true), 1);
	EXPECT_TRUE(test, mem_log.last_null);
	EXPECT_LOGGED(test, mark,
		"Malformed kernel command line parameter \"mem\", ignored\n");
}

/*
 * A handler that refuses a well-formed value says why and returns -ERANGE:
 * its line is the only one.  A value that is no number stays malformed.
 */
static void test_refused_value(struct ktest *test)
{
	size_t mark = printk_log_pos();

	EXPECT_EQ(test, run_parse("loglevel=99 mem=1K mem=lots", true), 3);
	EXPECT_LOGGED(test, mark, "loglevel=99: out of range (0-8), ignored\n");
	EXPECT_LOGGED(test, mark, "mem=1K: need a size of at least 16M\n");
	EXPECT_LOGGED(test, mark,
		"Malformed kernel command line parameter \"mem=lots\", ignored\n");
	EXPECT_FALSE(test, printk_log_find(mark, "\"loglevel=99\""));
	EXPECT_FALSE(test, printk_log_find(mark, "\"mem=1K\""));
	EXPECT_FALSE(test, printk_log_find(mark, "mem=lots:"));
}

/* "--" ends the kernel's part of the line, in both passes. */
static void test_double_dash(struct ktest *test)
{
	size_t mark = printk_log_pos();

	EXPECT_EQ(test, run_parse("selftest=x -- bogus selftest=y", false), 0);
	EXPECT_EQ(test, selftest_log.calls, 1);
	EXPECT_STREQ(test, selftest_log.last, "x");
	EXPECT_FALSE(test, printk_log_find(mark, "bogus"));

	EXPECT_EQ(test, run_parse("loglevel=1 -- mem=1G", true), 0);
	EXPECT_EQ(test, mem_log.calls, 0);
	EXPECT_EQ(test, loglevel_log.calls, 1);

	/* "--=x" has a value, so it is an ordinary (unknown) parameter. */
	EXPECT_EQ(test, run_parse("--=x selftest", false), 1);
	EXPECT_EQ(test, selftest_log.calls, 1);
	EXPECT_TRUE(test, selftest_log.last_null);
}

static void test_empty_and_blank_lines(struct ktest *test)
{
	EXPECT_EQ(test, run_parse("", false), 0);
	EXPECT_EQ(test, run_parse(" \t\n ", false), 0);
	EXPECT_EQ(test, run_parse("\"\" quiet", false), 0);
	EXPECT_EQ(test, quiet_log.calls, 1);
}

/* Registered in the real kparam_setup section, as kernel code does. */
static int host_early_calls, host_late_calls;
static const char *host_late_val;

static int host_early(char *val)
{
	(void)val;
	host_early_calls++;
	return 0;
}

static int host_late(char *val)
{
	host_late_calls++;
	host_late_val = val;		/* kept: the buffer must live on */
	return 0;
}

early_param("hosttest_early", host_early);
__setup("hosttest_late", host_late);

static void test_section_passes(struct ktest *test)
{
	const char *line = "hosttest_late=kept hosttest_early=1 nobody";
	size_t mark;

	host_early_calls = host_late_calls = 0;
	EXPECT_EQ(test, parse_early_param(line), 0);
	EXPECT_EQ(test, host_early_calls, 1);
	EXPECT_EQ(test, host_late_calls, 0);

	mark = printk_log_pos();
	EXPECT_EQ(test, parse_late_param(line), 1);
	EXPECT_EQ(test, host_early_calls, 1);
	EXPECT_EQ(test, host_late_calls, 1);
	EXPECT_LOGGED(test, mark,
		"Unknown kernel command line parameter \"nobody\", ignored\n");

	/* Another early pass must not clobber what the late pass kept. */
	parse_early_param("hosttest_early=2 hosttest_late=clobbered");
	EXPECT_STREQ(test, host_late_val, "kept");
}

/*
 * A 3000-byte line: the late buffer keeps 2047 bytes, so the value of
 * the single parameter is cut to 2047 - strlen("hosttest_late=").
 */
static void test_cmdline_truncated(struct ktest *test)
{
	static char line[3000];
	size_t mark = printk_log_pos();
	size_t prefix = strlen("hosttest_late=");

	memset(line, 'x', sizeof(line) - 1);
	memcpy(line, "hosttest_late=", prefix);
	EXPECT_EQ(test, parse_late_param(line), 1);
	EXPECT_LOGGED(test, mark,
		"cmdline: Booting kernel: command line is 2999 bytes, truncated to 2047\n");
	ASSERT_TRUE(test, host_late_val);
	EXPECT_EQ(test, strlen(host_late_val), COMMAND_LINE_SIZE - 1 - prefix);
	EXPECT_EQ(test, parse_late_param(NULL), 0);
}

KTEST_SUITE(params,
	KTEST_CASE(test_next_arg_plain),
	KTEST_CASE(test_next_arg_quotes),
	KTEST_CASE(test_next_arg_odd_quotes),
	KTEST_CASE(test_parse_args_early_pass),
	KTEST_CASE(test_parse_args_late_pass),
	KTEST_CASE(test_unknown_with_value),
	KTEST_CASE(test_malformed),
	KTEST_CASE(test_refused_value),
	KTEST_CASE(test_double_dash),
	KTEST_CASE(test_empty_and_blank_lines),
	KTEST_CASE(test_section_passes),
	KTEST_CASE(test_cmdline_truncated));

static void test_kstrtoull_bases(struct ktest *test)
{
	unsigned long long v = 0;

	EXPECT_EQ(test, kstrtoull("0", 0, &v), 0);
	EXPECT_EQ(test, v, 0);
	EXPECT_EQ(test, kstrtoull("123", 0, &v), 0);
	EXPECT_EQ(test, v, 123);
	EXPECT_EQ(test, kstrtoull("0x1f", 0, &v), 0);
	EXPECT_EQ(test, v, 31);
	EXPECT_EQ(test, kstrtoull("0X1F", 0, &v), 0);
	EXPECT_EQ(test, v, 31);
	EXPECT_EQ(test, kstrtoull("017", 0, &v), 0);
	EXPECT_EQ(test, v, 15);
	EXPECT_EQ(test, kstrtoull("017", 10, &v), 0);
	EXPECT_EQ(test, v, 17);
	EXPECT_EQ(test, kstrtoull("1f", 16, &v), 0);
	EXPECT_EQ(test, v, 31);
	EXPECT_EQ(test, kstrtoull("0x1f", 16, &v), 0);
	EXPECT_EQ(test, v, 31);
	EXPECT_EQ(test, kstrtoull("101", 2, &v), 0);
	EXPECT_EQ(test, v, 5);
	EXPECT_EQ(test, kstrtoull("+5", 10, &v), 0);
	EXPECT_EQ(test, v, 5);
	EXPECT_EQ(test, kstrtoull("42\n", 10, &v), 0);
	EXPECT_EQ(test, v, 42);
}

/* Garbage is -EINVAL and leaves the result alone. */
static void test_kstrtoull_garbage(struct ktest *test)
{
	static const char *const bad[] = {
		"", "\n", " 1", "1 ", "12a", "0x", "0xg", "-1", "1\n\n",
		"08", "+", "++1", "1.5", "0b101",
	};
	unsigned long long v = 77;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (kstrtoull(bad[i], 0, &v) != -EINVAL)
			printk("    # \"%s\" was accepted\n", bad[i]);
		EXPECT_EQ(test, kstrtoull(bad[i], 0, &v), -EINVAL);
	}
	EXPECT_EQ(test, v, 77);
	EXPECT_EQ(test, kstrtoull("1", 17, &v), -EINVAL);
	EXPECT_EQ(test, kstrtoull("2", 2, &v), -EINVAL);
}

static void test_kstrtoull_overflow(struct ktest *test)
{
	unsigned long long v = 0;

	EXPECT_EQ(test, kstrtoull("18446744073709551615", 10, &v), 0);
	EXPECT_EQ(test, v, ~0ULL);
	EXPECT_EQ(test, kstrtoull("0xffffffffffffffff", 0, &v), 0);
	EXPECT_EQ(test, v, ~0ULL);
	v = 5;
	EXPECT_EQ(test, kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	EXPECT_EQ(test, kstrtoull("0x10000000000000000", 0, &v), -ERANGE);
	EXPECT_EQ(test, kstrtoull("99999999999999999999999", 10, &v),
		  -ERANGE);
	/* Too big beats trailing garbage, as in Linux. */
	EXPECT_EQ(test, kstrtoull("99999999999999999999x", 10, &v), -ERANGE);
	EXPECT_EQ(test, v, 5);
}

static void test_kstrto_signed_and_narrow(struct ktest *test)
{
	long long ll = 0;
	unsigned int u = 0;
	int i = 0;

	EXPECT_EQ(test, kstrtoint("2147483647", 10, &i), 0);
	EXPECT_EQ(test, i, 2147483647);
	EXPECT_EQ(test, kstrtoint("-2147483648", 10, &i), 0);
	EXPECT_EQ(test, i, (int)-2147483647 - 1);
	EXPECT_EQ(test, kstrtoint("2147483648", 10, &i), -ERANGE);
	EXPECT_EQ(test, kstrtoint("-2147483649", 10, &i), -ERANGE);
	EXPECT_EQ(test, kstrtoint("-0", 10, &i), 0);
	EXPECT_EQ(test, i, 0);
	EXPECT_EQ(test, kstrtoint("-0x10", 0, &i), 0);
	EXPECT_EQ(test, i, -16);
	EXPECT_EQ(test, kstrtoint("-+5", 10, &i), -EINVAL);
	EXPECT_EQ(test, kstrtoint("+-5", 10, &i), -EINVAL);
	EXPECT_EQ(test, kstrtoint("--5", 10, &i), -EINVAL);

	EXPECT_EQ(test, kstrtouint("4294967295", 10, &u), 0);
	EXPECT_EQ(test, u, 4294967295u);
	EXPECT_EQ(test, kstrtouint("4294967296", 10, &u), -ERANGE);
	EXPECT_EQ(test, kstrtouint("-1", 10, &u), -EINVAL);

	EXPECT_EQ(test, kstrtoll("-9223372036854775808", 10, &ll), 0);
	EXPECT_EQ(test, ll, INT64_MIN);
	EXPECT_EQ(test, kstrtoll("9223372036854775807", 10, &ll), 0);
	EXPECT_EQ(test, ll, INT64_MAX);
	EXPECT_EQ(test, kstrtoll("-9223372036854775809", 10, &ll), -ERANGE);
	EXPECT_EQ(test, kstrtoll("9223372036854775808", 10, &ll), -ERANGE);
}

/* unsigned long is 32 or 64 bits depending on where this runs. */
static void test_kstrtoul(struct ktest *test)
{
	unsigned long ul = 0;
	long l = 0;

	EXPECT_EQ(test, kstrtoul("4294967295", 0, &ul), 0);
	EXPECT_EQ(test, ul, 4294967295ul);
	EXPECT_EQ(test, kstrtol("-2147483648", 0, &l), 0);
	EXPECT_EQ(test, l, -2147483647l - 1);
	if (sizeof(long) == 4) {
		EXPECT_EQ(test, kstrtoul("4294967296", 0, &ul), -ERANGE);
		EXPECT_EQ(test, kstrtol("2147483648", 0, &l), -ERANGE);
	} else {
		EXPECT_EQ(test, kstrtoul("4294967296", 0, &ul), 0);
		EXPECT_EQ(test, ul, 4294967296ul);
		EXPECT_EQ(test, kstrtoul("18446744073709551616", 0, &ul),
			  -ERANGE);
	}
}

static void test_kstrtobool(struct ktest *test)
{
	static const char *const yes[] = { "y", "Y", "yes", "1", "t", "true",
					   "on", "ON", "On" };
	static const char *const no[] = { "n", "N", "no", "0", "f", "false",
					  "off", "OFF" };
	static const char *const bad[] = { "", "o", "x", "2", "maybe", "-1" };
	bool b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		EXPECT_EQ(test, kstrtobool(yes[i], &b), 0);
		EXPECT_TRUE(test, b);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		EXPECT_EQ(test, kstrtobool(no[i], &b), 0);
		EXPECT_FALSE(test, b);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(test, kstrtobool(bad[i], &b), -EINVAL);
	EXPECT_EQ(test, kstrtobool(NULL, &b), -EINVAL);
}

/* The value, and what is left after it, for one memparse() call. */
#define CHECK_MEMPARSE(test, str, value, rest) do {			\
	const char *__s = (str);					\
	char *__end = NULL;						\
	EXPECT_EQ(test, memparse(__s, &__end), (value));		\
	EXPECT_STREQ(test, __end, rest);				\
} while (0)

static void test_memparse_suffixes(struct ktest *test)
{
	CHECK_MEMPARSE(test, "512M", 512ULL << 20, "");
	CHECK_MEMPARSE(test, "512m", 512ULL << 20, "");
	CHECK_MEMPARSE(test, "4G", 4ULL << 30, "");
	CHECK_MEMPARSE(test, "4g", 4ULL << 30, "");
	CHECK_MEMPARSE(test, "1k", 1024, "");
	CHECK_MEMPARSE(test, "3T", 3ULL << 40, "");
	CHECK_MEMPARSE(test, "2P", 2ULL << 50, "");
	CHECK_MEMPARSE(test, "1E", 1ULL << 60, "");
	CHECK_MEMPARSE(test, "4096", 4096, "");
	CHECK_MEMPARSE(test, "0x1000", 4096, "");
	CHECK_MEMPARSE(test, "0x10M", 16ULL << 20, "");
	CHECK_MEMPARSE(test, "010", 8, "");	/* base 0: octal */
	CHECK_MEMPARSE(test, "64M,rest", 64ULL << 20, ",rest");
	CHECK_MEMPARSE(test, "64MB", 64ULL << 20, "B");
	EXPECT_EQ(test, memparse("16K", NULL), 16384);
}

/*
 * No digits: 0 and nothing consumed.  Too big, by digits or by suffix:
 * saturated to ~0, everything consumed.
 */
static void test_memparse_overflow_and_garbage(struct ktest *test)
{
	CHECK_MEMPARSE(test, "abc", 0, "abc");
	CHECK_MEMPARSE(test, "", 0, "");
	CHECK_MEMPARSE(test, "-1", 0, "-1");
	CHECK_MEMPARSE(test, "K", 0, "K");
	CHECK_MEMPARSE(test, "12x", 12, "x");
	CHECK_MEMPARSE(test, "0x", 0, "x");
	CHECK_MEMPARSE(test, "16E", ~0ULL, "");
	CHECK_MEMPARSE(test, "15E", 15ULL << 60, "");
	CHECK_MEMPARSE(test, "17179869184G", ~0ULL, "");
	CHECK_MEMPARSE(test, "17179869183G", 17179869183ULL << 30, "");
	CHECK_MEMPARSE(test, "99999999999999999999999", ~0ULL, "");
}

KTEST_SUITE(kstrtox,
	KTEST_CASE(test_kstrtoull_bases),
	KTEST_CASE(test_kstrtoull_garbage),
	KTEST_CASE(test_kstrtoull_overflow),
	KTEST_CASE(test_kstrto_signed_and_narrow),
	KTEST_CASE(test_kstrtoul),
	KTEST_CASE(test_kstrtobool),
	KTEST_CASE(test_memparse_suffixes),
	KTEST_CASE(test_memparse_overflow_and_garbage));
