/*
 * ktest runner: walks the suites registered in the "ktest_suites" section
 * and reports in KTAP version 1 (Linux's Documentation/dev-tools/ktap.rst):
 * suites are indented subtests, failures carry "# " diagnostic lines before
 * their result, and a "# start:" line before each case tells the test runner
 * which case was running if the kernel dies inside it.
 */
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

/* Runs one suite as a KTAP subtest; returns its number of failed cases. */
static int ktest_run_suite(const struct ktest_suite *suite, int nr)
{
	int n = ktest_count_cases(suite), failed = 0, skipped = 0, i;
	static struct ktest_snapshot before, after;
	enum ktest_status status;

	ktest_take_snapshot(&before);
	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", suite->name);
	printk(KERN_INFO "    1..%d\n", n + (before.n > 0));
	if (suite->init && suite->init() != 0) {
		for (i = 0; i < n + (before.n > 0); i++)
			ktest_print_result(i + 1, "    ", i < n ?
					   suite->cases[i].name :
					   "free_pages_unchanged",
					   KTEST_SKIP, "suite init failed");
		ktest_print_result(nr, "", suite->name, KTEST_SKIP,
				   "suite init failed");
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct ktest test = { .name = suite->cases[i].name };

		printk(KERN_INFO "    # start: %s\n", test.name);
		suite->cases[i].run(&test);
		ktest_print_result(i + 1, "    ", test.name, test.status,
				   test.skip_reason);
		failed += test.status == KTEST_FAIL;
		skipped += test.status == KTEST_SKIP;
	}
	if (before.n) {
		ktest_take_snapshot(&after);
		status = ktest_compare_snapshots(&before, &after);
		ktest_print_result(++n, "    ", "free_pages_unchanged", status,
				   NULL);
		failed += status == KTEST_FAIL;
	}
	status = failed ? KTEST_FAIL : (skipped == n ? KTEST_SKIP : KTEST_PASS);
	ktest_print_result(nr, "", suite->name, status, "all cases skipped");
	return failed;
}

/*
 * A name in the filter that matches no suite is a mistake (a typo would
 * otherwise run nothing and pass): each one counts as a failure.
 */
static int ktest_unknown_names(const char *filter)
{
	const struct ktest_suite *const *s;
	char name[64];
	int unknown = 0;

	while (filter && *filter) {
		const char *end = strchr(filter, ',');
		size_t n = end ? (size_t)(end - filter) : strlen(filter);
		bool found = false;

		strlcpy(name, filter, min(n + 1, sizeof(name)));
		for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
			found |= strcmp((*s)->name, name) == 0;
		if (!found && n) {
			printk(KERN_ERR "# ktest: no test suite named \"%s\"\n", name);
			unknown++;
		}
		filter = end ? end + 1 : NULL;
	}
	return unknown;
}

int ktest_run_all(const char *filter)
{
	const struct ktest_suite *const *s;
	int nr = 0, failed = ktest_unknown_names(filter);

	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		nr += ktest_selected(filter, (*s)->name);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%d\n", nr);
	nr = 0;
	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		if (ktest_selected(filter, (*s)->name))
			failed += ktest_run_suite(*s, ++nr);
	return failed;
}
