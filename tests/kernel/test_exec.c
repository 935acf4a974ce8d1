/*
 * execve of real programs from the initramfs (kernel/execve.c): static
 * glibc i386 binaries built by `make` from tests/user/, the same files
 * make test also runs on the host's Linux.  Suite "exec".
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/monitor.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "test_util.h"

static char out[1024];

static bool have_hello(void)
{
	int err;

	return ramfs_lookup("/bin/hello", &err) != NULL;
}

/*
 * Runs path (argv[0] = path) with its output captured into out, quietly
 * (a program's own KTAP lines must not mix with the kernel's); checks it
 * started and exited with status 0.
 */
static void run_captured(struct ktest *test, const char *path)
{
	const char *argv[] = { path, NULL };
	int status = -1, pid;

	monitor_capture_quiet(out, sizeof(out));
	pid = run_program(path, argv, &status);
	monitor_capture(NULL, 0);
	EXPECT_GT(test, pid, 1);
	EXPECT_EQ(test, status, 0);
	if (status)
		printk("%s", out);	/* what it said, after the fact */
}

/* /bin/hello: glibc's start-up, printf, exit -- the output and status. */
static void test_hello(struct ktest *test)
{
	unsigned long threads = nr_threads;

	if (!have_hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	run_captured(test, "/bin/hello");
	EXPECT_STREQ(test, out, "Hello from user space!\n");
	EXPECT_EQ(test, nr_threads, threads);
}

/* /bin/fileio: open, read, lseek, fstat, close as glibc makes them. */
static void test_fileio(struct ktest *test)
{
	if (!have_hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	run_captured(test, "/bin/fileio");	/* status: its failures */
	EXPECT_NOT_NULL(test, strstr(out, "\nok 9 fstat of stdout works\n"));
	EXPECT_NULL(test, strstr(out, "not ok"));
}

/* Files that are no program: refused before anything changes. */
static void test_not_a_program(struct ktest *test)
{
	static const struct {
		const char *path;
		int err;
	} cases[] = {
		{ "/nonexistent", -ENOENT },
		{ "/bin", -EACCES },
		{ "relative", -EINVAL },
	};
	const char *argv[2] = { NULL, NULL };
	unsigned int i;
	int status;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		argv[0] = cases[i].path;
		EXPECT_EQ(test, run_program(cases[i].path, argv, &status),
			  cases[i].err);
	}
}

KTEST_SUITE(exec,
	    KTEST_CASE(test_hello),
	    KTEST_CASE(test_fileio),
	    KTEST_CASE(test_not_a_program));
