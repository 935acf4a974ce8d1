/*
 * ktest: a small in-kernel test framework in the manner of Linux's KUnit,
 * reporting in KTAP version 1.  The same source runs inside the kernel (over
 * serial) and in the host tests (tests/host), so the macros only need printk.
 *
 *	static void test_something(struct ktest *test)
 *	{
 *		EXPECT_EQ(test, 1 + 1, 2);
 *	}
 *	KTEST_SUITE(example, KTEST_CASE(test_something));
 *
 * EXPECT_* records a failure and carries on; ASSERT_* records it and returns
 * from the test function, so use ASSERT_* only in the case's own body.
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/types.h>

enum ktest_status { KTEST_PASS, KTEST_FAIL, KTEST_SKIP };

struct ktest {
	const char *name;
	enum ktest_status status;
	const char *skip_reason;
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *test);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;	/* ends with an empty entry */
	int (*init)(void);		/* optional; non-zero skips the suite */
};

#define KTEST_CASE(fn)	{ .name = #fn, .run = fn }

/* As with kernel parameters, the section holds pointers to the suites. */
#define KTEST_SUITE(sname, ...)						\
	static const struct ktest_case sname##_ktest_cases[] = {	\
		__VA_ARGS__, { NULL, NULL } };				\
	static const struct ktest_suite sname##_ktest_suite = {		\
		.name = #sname, .cases = sname##_ktest_cases };		\
	static const struct ktest_suite *const sname##_ktest_ptr	\
		__used __section("ktest_suites") = &sname##_ktest_suite

extern const struct ktest_suite *const __start_ktest_suites[];
extern const struct ktest_suite *const __stop_ktest_suites[];

void ktest_fail_cmp(struct ktest *test, const char *file, int line,
		    const char *what, const char *left, long long lv,
		    const char *right, long long rv);
void ktest_fail_str(struct ktest *test, const char *file, int line,
		    const char *left, const char *lv,
		    const char *right, const char *rv);
void ktest_fail_msg(struct ktest *test, const char *file, int line,
		    const char *msg);
void ktest_skip(struct ktest *test, const char *reason);

/*
 * Leak check: when the kernel provides ktest_take_snapshot() (mm does:
 * free pages per zone and per order, after draining the per-CPU lists),
 * every suite gets one more case, "free_pages_unchanged", that compares
 * the snapshot before the suite with the one after.  The weak default
 * takes no snapshot (n = 0) and adds no case.
 */
#define KTEST_SNAPSHOT_MAX	64
struct ktest_snapshot {
	int n;
	unsigned long v[KTEST_SNAPSHOT_MAX];
	const char *name[KTEST_SNAPSHOT_MAX];
};
void ktest_take_snapshot(struct ktest_snapshot *s);

/*
 * Runs every suite whose name is in filter (comma-separated; NULL or "" runs
 * all) and prints the KTAP stream, each suite closed by KUnit's
 * "# NAME: pass:P fail:F skip:S total:T" and "# Totals: ..." lines.
 * Returns the number of failed cases, or -ENOENT, having run and printed
 * nothing, when a name in filter names no suite: the caller says which.
 */
int ktest_run_all(const char *filter);
/* The command line asked for the self-tests (kernel/selftest.c). */
extern bool selftest_requested;
/* The same over the suites [first, end) (the host tests' own tables). */
int ktest_run_suites(const struct ktest_suite *const *first,
		     const struct ktest_suite *const *end, const char *filter);

#define __KTEST_CMP(test, l, op, r, fail_ret) do {			\
	long long __l = (long long)(l), __r = (long long)(r);		\
	if (!(__l op __r)) {						\
		ktest_fail_cmp(test, __FILE__, __LINE__, #op,		\
			       #l, __l, #r, __r);			\
		fail_ret;						\
	}								\
} while (0)

#define EXPECT_EQ(t, l, r)	__KTEST_CMP(t, l, ==, r, (void)0)
#define EXPECT_NE(t, l, r)	__KTEST_CMP(t, l, !=, r, (void)0)
#define EXPECT_LT(t, l, r)	__KTEST_CMP(t, l, <, r, (void)0)
#define EXPECT_LE(t, l, r)	__KTEST_CMP(t, l, <=, r, (void)0)
#define EXPECT_GT(t, l, r)	__KTEST_CMP(t, l, >, r, (void)0)
#define EXPECT_GE(t, l, r)	__KTEST_CMP(t, l, >=, r, (void)0)
#define ASSERT_EQ(t, l, r)	__KTEST_CMP(t, l, ==, r, return)
#define ASSERT_NE(t, l, r)	__KTEST_CMP(t, l, !=, r, return)
#define ASSERT_LT(t, l, r)	__KTEST_CMP(t, l, <, r, return)
#define ASSERT_LE(t, l, r)	__KTEST_CMP(t, l, <=, r, return)
#define ASSERT_GT(t, l, r)	__KTEST_CMP(t, l, >, r, return)
#define ASSERT_GE(t, l, r)	__KTEST_CMP(t, l, >=, r, return)

/* Pointers compared as pointers (KUnit's KUNIT_EXPECT_PTR_EQ). */
#define __KTEST_PTR(test, l, op, r, fail_ret) do {			\
	const void *__lp = (l), *__rp = (r);				\
	if (!(__lp op __rp)) {						\
		ktest_fail_cmp(test, __FILE__, __LINE__, #op, #l,	\
			       (long long)(unsigned long)__lp, #r,	\
			       (long long)(unsigned long)__rp);		\
		fail_ret;						\
	}								\
} while (0)

#define EXPECT_PTR_EQ(t, l, r)	__KTEST_PTR(t, l, ==, r, (void)0)
#define EXPECT_PTR_NE(t, l, r)	__KTEST_PTR(t, l, !=, r, (void)0)
#define ASSERT_PTR_EQ(t, l, r)	__KTEST_PTR(t, l, ==, r, return)

#define __KTEST_BOOL(test, cond, want, fail_ret) do {			\
	if ((bool)(cond) != (want)) {					\
		ktest_fail_msg(test, __FILE__, __LINE__,		\
			       want ? "Expected " #cond " to be true"	\
				    : "Expected " #cond " to be false");\
		fail_ret;						\
	}								\
} while (0)

#define EXPECT_TRUE(t, c)	__KTEST_BOOL(t, c, true, (void)0)
#define EXPECT_FALSE(t, c)	__KTEST_BOOL(t, c, false, (void)0)
#define ASSERT_TRUE(t, c)	__KTEST_BOOL(t, c, true, return)
#define ASSERT_FALSE(t, c)	__KTEST_BOOL(t, c, false, return)
#define EXPECT_NULL(t, p)	__KTEST_BOOL(t, (p) == NULL, true, (void)0)
#define EXPECT_NOT_NULL(t, p)	__KTEST_BOOL(t, (p) != NULL, true, (void)0)
#define ASSERT_NOT_NULL(t, p)	__KTEST_BOOL(t, (p) != NULL, true, return)

#define __KTEST_STR(test, l, r, fail_ret) do {				\
	const char *__ls = (l), *__rs = (r);				\
	if (!__ls || !__rs || strcmp(__ls, __rs) != 0) {		\
		ktest_fail_str(test, __FILE__, __LINE__, #l, __ls,	\
			       #r, __rs);				\
		fail_ret;						\
	}								\
} while (0)

#define EXPECT_STREQ(t, l, r)	__KTEST_STR(t, l, r, (void)0)
#define ASSERT_STREQ(t, l, r)	__KTEST_STR(t, l, r, return)

/* The report a test provoked must be in the log since its mark. */
#define EXPECT_LOGGED(t, mark, s) do {					\
	if (!printk_log_find(mark, s))					\
		ktest_fail_msg(t, __FILE__, __LINE__,			\
			       "Expected the log to contain \"" s "\"");\
} while (0)

#define KTEST_SKIP(t, reason)	do { ktest_skip(t, reason); return; } while (0)

#endif /* _LINUX_KTEST_H */
