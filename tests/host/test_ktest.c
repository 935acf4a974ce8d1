/*
 * Host tests for the test runner itself (kernel/ktest.c): the KTAP it
 * prints for sample suites that pass, fail, skip and fail to initialise --
 * KUnit's "# NAME: pass:..." and "# Totals: ..." lines included -- and a
 * filter naming no suite, which must be an error that runs nothing.  The
 * sample suites are a table local to this file, not in the ktest_suites
 * section, and their KTAP goes to the log only (stdout is muted while they
 * run), so this binary's own stream stays clean.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sprintf.h>

static void sample_pass(struct ktest *test)
{
}

static void sample_fail(struct ktest *test)
{
	EXPECT_EQ(test, 1, 2);
}

static void sample_skip(struct ktest *test)
{
	KTEST_SKIP(test, "not here");
}

static int sample_init_fails(void)
{
	return -ENOMEM;
}

static const struct ktest_case mixed_cases[] = {
	KTEST_CASE(sample_pass), KTEST_CASE(sample_fail),
	KTEST_CASE(sample_skip), { NULL, NULL } };
static const struct ktest_case single_cases[] = {
	KTEST_CASE(sample_pass), { NULL, NULL } };
static const struct ktest_case skipped_cases[] = {
	KTEST_CASE(sample_skip), KTEST_CASE(sample_skip), { NULL, NULL } };

static const struct ktest_suite mixed = {
	.name = "sample_mixed", .cases = mixed_cases };
static const struct ktest_suite single = {
	.name = "sample_single", .cases = single_cases };
static const struct ktest_suite skipped = {
	.name = "sample_skipped", .cases = skipped_cases };
static const struct ktest_suite broken = {
	.name = "sample_broken", .cases = mixed_cases, .init = sample_init_fails };

static const struct ktest_suite *const samples[] = {
	&mixed, &single, &skipped, &broken,
};

/* Runs the samples under filter with stdout muted; returns the log mark. */
static size_t run_samples(const char *filter, int *ret)
{
	size_t mark = printk_log_pos();
	int saved, null;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	null = open("/dev/null", O_WRONLY);
	dup2(null, STDOUT_FILENO);
	*ret = ktest_run_suites(samples, samples + ARRAY_SIZE(samples), filter);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(null);
	return mark;
}

/*
 * The log since mark holds these lines, one after the other.  A failure
 * lists them one diagnostic line each, so that the report stays valid KTAP.
 */
static void expect_lines(struct ktest *test, int line, size_t mark,
			 const char *const *lines)
{
	char text[512];
	size_t len = 0, i;

	for (i = 0; lines[i]; i++)
		len += scnprintf(text + len, sizeof(text) - len, "%s\n", lines[i]);
	if (printk_log_find(mark, text))
		return;
	ktest_fail_msg(test, __FILE__, line,
		       "Expected the log to contain, one after the other:");
	for (i = 0; lines[i]; i++)
		printk(KERN_INFO "    #   %s\n", lines[i]);
}

#define EXPECT_LINES(t, mark, ...)					\
	expect_lines(t, __LINE__, mark, (const char *const[]){ __VA_ARGS__, NULL })

/* KUnit's two count lines close a suite, at the top level, before its result. */
static void test_totals_close_each_suite(struct ktest *test)
{
	int ret;
	size_t mark = run_samples(NULL, &ret);

	EXPECT_EQ(test, ret, 1);	/* sample_fail; broken's cases are skipped */
	EXPECT_LINES(test, mark, "KTAP version 1", "1..4");
	EXPECT_LINES(test, mark, "    ok 3 sample_skip # SKIP not here",
		     "# sample_mixed: pass:1 fail:1 skip:1 total:3",
		     "# Totals: pass:1 fail:1 skip:1 total:3",
		     "not ok 1 sample_mixed");
	EXPECT_LINES(test, mark, "    ok 2 sample_skip # SKIP not here",
		     "# sample_skipped: pass:0 fail:0 skip:2 total:2",
		     "# Totals: pass:0 fail:0 skip:2 total:2",
		     "ok 3 sample_skipped # SKIP all cases skipped");
}

/* As KUnit's default stats_enabled=1: no counts for a one-case suite. */
static void test_no_totals_for_one_case(struct ktest *test)
{
	int ret;
	size_t mark = run_samples(NULL, &ret);

	EXPECT_LINES(test, mark, "    ok 1 sample_pass", "ok 2 sample_single");
}

/* A suite whose init fails reports every case skipped, and counts them. */
static void test_init_failure_counts_skips(struct ktest *test)
{
	int ret;
	size_t mark = run_samples("sample_broken", &ret);

	EXPECT_EQ(test, ret, 0);
	EXPECT_LINES(test, mark, "KTAP version 1", "1..1");
	EXPECT_LINES(test, mark, "    ok 3 sample_skip # SKIP suite init failed",
		     "# sample_broken: pass:0 fail:0 skip:3 total:3",
		     "# Totals: pass:0 fail:0 skip:3 total:3",
		     "ok 1 sample_broken # SKIP suite init failed");
}

/* The filter picks suites by exact name, in the order they are listed. */
static void test_filter_selects(struct ktest *test)
{
	int ret;
	size_t mark = run_samples("sample_skipped,sample_single", &ret);

	EXPECT_EQ(test, ret, 0);
	EXPECT_LINES(test, mark, "KTAP version 1", "1..2");
	EXPECT_LINES(test, mark, "ok 1 sample_single");
	EXPECT_LINES(test, mark, "ok 2 sample_skipped # SKIP all cases skipped");
	EXPECT_FALSE(test, printk_log_find(mark, "sample_mixed"));
}

/* Not "1..0" and a count of failures: -ENOENT, and nothing printed. */
static void test_unknown_name_is_an_error(struct ktest *test)
{
	static const char *const filters[] = {
		"nosuch", "sample_single,nosuch", "sample", "sample_single,x",
		"sample_single_and_a_name_longer_than_the_runner_buffer_of_64_bytes",
	};
	size_t i, mark;
	int ret;

	for (i = 0; i < ARRAY_SIZE(filters); i++) {
		mark = run_samples(filters[i], &ret);
		EXPECT_EQ(test, ret, -ENOENT);
		EXPECT_EQ(test, printk_log_pos(), mark);
	}
	/* An empty name (a trailing comma) names nothing and is ignored. */
	mark = run_samples("sample_single,", &ret);
	EXPECT_EQ(test, ret, 0);
	EXPECT_LINES(test, mark, "1..1");
}

KTEST_SUITE(ktest,
	    KTEST_CASE(test_totals_close_each_suite),
	    KTEST_CASE(test_no_totals_for_one_case),
	    KTEST_CASE(test_init_failure_counts_skips),
	    KTEST_CASE(test_filter_selects),
	    KTEST_CASE(test_unknown_name_is_an_error));
