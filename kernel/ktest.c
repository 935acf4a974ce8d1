/*
 * ktest runner: walks the suites registered in the "ktest_suites" section
 * and reports in KTAP version 1 (Linux's Documentation/dev-tools/ktap.rst):
 * suites are indented subtests, failures carry "# " diagnostic lines before
 * their result, and a "# start:" line before each case tells the test runner
 * which case was running if the kernel dies inside it.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/printk.h>
#include <linux/string.h>

static void ktest_diag(struct ktest *test, const char *file, int line)
{
	test->status = KTEST_FAIL;
	printk(KERN_INFO "    # %s: EXPECTATION FAILED at %s:%d\n",
	       test->name, file, line);
}

void ktest_fail_cmp(struct ktest *test, const char *file, int line,
		    const char *what, const char *left, long long lv,
		    const char *right, long long rv)
{
	ktest_diag(test, file, line);
	printk(KERN_INFO "    # Expected %s %s %s, but\n", left, what, right);
	printk(KERN_INFO "    #     %s == %lld (0x%llx)\n", left, lv,
	       (unsigned long long)lv);
	printk(KERN_INFO "    #     %s == %lld (0x%llx)\n", right, rv,
	       (unsigned long long)rv);
}

void ktest_fail_str(struct ktest *test, const char *file, int line,
		    const char *left, const char *lv,
		    const char *right, const char *rv)
{
	ktest_diag(test, file, line);
	printk(KERN_INFO "    # Expected %s == %s, but\n", left, right);
	printk(KERN_INFO "    #     %s == \"%s\"\n", left, lv ? lv : "(null)");
	printk(KERN_INFO "    #     %s == \"%s\"\n", right, rv ? rv : "(null)");
}

void ktest_fail_msg(struct ktest *test, const char *file, int line,
		    const char *msg)
{
	ktest_diag(test, file, line);
	printk(KERN_INFO "    # %s\n", msg);
}

void ktest_skip(struct ktest *test, const char *reason)
{
	if (test->status != KTEST_FAIL)
		test->status = KTEST_SKIP;
	test->skip_reason = reason;
}

/* Is name one of the comma-separated words of filter? */
static bool ktest_selected(const char *filter, const char *name)
{
	size_t len = strlen(name);
	const char *p = filter;

	if (!filter || !*filter)
		return true;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == len && strncmp(p, name, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

static int ktest_count_cases(const struct ktest_suite *suite)
{
	int n = 0;

	while (suite->cases[n].run)
		n++;
	return n;
}

__weak void ktest_take_snapshot(struct ktest_snapshot *s)
{
	s->n = 0;
}

/* The extra case: every counter in the snapshot as it was. */
static enum ktest_status ktest_compare_snapshots(const struct ktest_snapshot *a,
						 const struct ktest_snapshot *b)
{
	enum ktest_status status = KTEST_PASS;
	int i;

	for (i = 0; i < a->n && i < b->n; i++) {
		if (a->v[i] == b->v[i])
			continue;
		printk(KERN_INFO "    # free_pages_unchanged: %s was %lu, now %lu\n",
		       a->name[i], a->v[i], b->v[i]);
		status = KTEST_FAIL;
	}
	return status;
}

static void ktest_print_result(int nr, const char *indent, const char *name,
			       enum ktest_status status, const char *reason)
{
	if (status == KTEST_SKIP)
		printk(KERN_INFO "%sok %d %s # SKIP %s\n", indent, nr, name,
		       reason ? reason : "");
	else
		printk(KERN_INFO "%s%s %d %s\n", indent,
		       status == KTEST_PASS ? "ok" : "not ok", nr, name);
}

/* A suite's counts, as KUnit's struct kunit_result_stats. */
struct ktest_stats {
	int passed, failed, skipped, total;
};

static void ktest_count(struct ktest_stats *stats, enum ktest_status status)
{
	stats->passed += status == KTEST_PASS;
	stats->failed += status == KTEST_FAIL;
	stats->skipped += status == KTEST_SKIP;
	stats->total++;
}

/*
 * KUnit's closing lines of a suite, at the top level just before its
 * result, printed (with KUnit's default stats_enabled=1) only when the suite
 * has more than one case.  KUnit's "# Totals:" also counts each parameter of
 * a parameterised case; ktest has none, so both lines carry the same counts.
 */
static void ktest_print_stats(const char *suite, const struct ktest_stats *st)
{
	if (st->total <= 1)
		return;
	printk(KERN_INFO "# %s: pass:%d fail:%d skip:%d total:%d\n", suite,
	       st->passed, st->failed, st->skipped, st->total);
	printk(KERN_INFO "# Totals: pass:%d fail:%d skip:%d total:%d\n",
	       st->passed, st->failed, st->skipped, st->total);
}

/* The suite's own verdict follows from its cases, as KUnit decides it. */
static void ktest_end_suite(const struct ktest_suite *suite, int nr,
			    const struct ktest_stats *st, const char *reason)
{
	enum ktest_status status = KTEST_PASS;

	if (st->failed)
		status = KTEST_FAIL;
	else if (st->skipped == st->total)
		status = KTEST_SKIP;
	ktest_print_stats(suite->name, st);
	ktest_print_result(nr, "", suite->name, status, reason);
}

/* Runs one suite as a KTAP subtest; returns its number of failed cases. */
static int ktest_run_suite(const struct ktest_suite *suite, int nr)
{
	static struct ktest_snapshot before, after;
	int n = ktest_count_cases(suite), i;
	struct ktest_stats st = { 0 };
	enum ktest_status status;

	ktest_take_snapshot(&before);
	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", suite->name);
	printk(KERN_INFO "    1..%d\n", n + (before.n > 0));
	if (suite->init && suite->init() != 0) {
		for (i = 0; i < n + (before.n > 0); i++) {
			ktest_print_result(i + 1, "    ", i < n ?
					   suite->cases[i].name :
					   "free_pages_unchanged",
					   KTEST_SKIP, "suite init failed");
			ktest_count(&st, KTEST_SKIP);
		}
		ktest_end_suite(suite, nr, &st, "suite init failed");
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct ktest test = { .name = suite->cases[i].name };

		printk(KERN_INFO "    # start: %s\n", test.name);
		suite->cases[i].run(&test);
		ktest_print_result(i + 1, "    ", test.name, test.status,
				   test.skip_reason);
		ktest_count(&st, test.status);
	}
	if (before.n) {
		ktest_take_snapshot(&after);
		status = ktest_compare_snapshots(&before, &after);
		ktest_print_result(n + 1, "    ", "free_pages_unchanged", status,
				   NULL);
		ktest_count(&st, status);
	}
	ktest_end_suite(suite, nr, &st, "all cases skipped");
	return st.failed;
}

/* Does every comma-separated name in filter name one of the suites? */
static bool ktest_filter_valid(const struct ktest_suite *const *first,
			       const struct ktest_suite *const *end,
			       const char *filter)
{
	const struct ktest_suite *const *s;
	char name[64];

	while (filter && *filter) {
		const char *comma = strchr(filter, ',');
		size_t n = comma ? (size_t)(comma - filter) : strlen(filter);
		bool found = false;

		strlcpy(name, filter, min(n + 1, sizeof(name)));
		for (s = first; s < end; s++)
			found |= n < sizeof(name) && strcmp((*s)->name, name) == 0;
		if (!found && n)
			return false;
		filter = comma ? comma + 1 : NULL;
	}
	return true;
}

int ktest_run_suites(const struct ktest_suite *const *first,
		     const struct ktest_suite *const *end, const char *filter)
{
	const struct ktest_suite *const *s;
	int nr = 0, failed = 0;

	/* A typo would otherwise run nothing, or less than asked, and pass. */
	if (!ktest_filter_valid(first, end, filter))
		return -ENOENT;
	for (s = first; s < end; s++)
		nr += ktest_selected(filter, (*s)->name);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%d\n", nr);
	nr = 0;
	for (s = first; s < end; s++)
		if (ktest_selected(filter, (*s)->name))
			failed += ktest_run_suite(*s, ++nr);
	return failed;
}

int ktest_run_all(const char *filter)
{
	return ktest_run_suites(__start_ktest_suites, __stop_ktest_suites,
				filter);
}
