/*
 * execve of real programs from the initramfs (kernel/execve.c): static
 * glibc i386 binaries built by `make` from tests/user/, the same files
 * make test also runs on the host's Linux.  Suite "exec".
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/ktest.h>
#include <linux/monitor.h>
#include <linux/ramfs.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "test_util.h"

/* A program's whole output; a test program's KTAP is a few KiB. */
static char out[32768];

static bool have_hello(void)
{
	int err;

	return ramfs_lookup("/bin/hello", &err) != NULL;
}

/*
 * Runs path (argv[0] = path) with its output captured into out, quietly
 * (a program's own KTAP lines must not mix with the kernel's).  Returns
 * its pid (or -errno) and its wait status in *status.
 */
static int run_captured(const char *path, int *status)
{
	const char *argv[] = { path, NULL };
	int pid;

	*status = -1;
	monitor_capture_quiet(out, sizeof(out));
	pid = run_program(path, argv, status);
	monitor_capture(NULL, 0);
	return pid;
}

/* /bin/hello: glibc's start-up, printf, exit -- the output and status. */
static void test_hello(struct ktest *test)
{
	unsigned long threads = nr_threads;
	int status;

	if (!have_hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	EXPECT_GT(test, run_captured("/bin/hello", &status), 1);
	EXPECT_EQ(test, status, 0);
	EXPECT_STREQ(test, out, "Hello from user space!\n");
	EXPECT_EQ(test, nr_threads, threads);
}

/*
 * /bin/mmdemo, the learner's walk through malloc and fork: it runs to
 * the end and shows each step (its prose is no KTAP, so it is no test
 * program of /tests, and its text is checked here).
 */
static void test_mmdemo(struct ktest *test)
{
	static const char *const steps[] = {
		" [heap]\n", " [stack]\n", "and brk moved from",
		"(brk stayed at", "the child sees 2, the parent 1",
		"mmdemo: done.\n",
	};
	unsigned int i;
	int status;

	if (!have_hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	EXPECT_GT(test, run_captured("/bin/mmdemo", &status), 1);
	EXPECT_EQ(test, status, 0);
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		if (!strstr(out, steps[i]))
			ktest_fail_msg(test, __FILE__, __LINE__, steps[i]);
	if (test->status == KTEST_FAIL)
		printk("%s", out);	/* what it said, after the fact */
}

/* ---- the test programs of /tests ---- */

#define INDENT	"        "	/* a case's subtests: 8 spaces */

/* The number of an "ok N ..." or "not ok N ..." line, else -1. */
static int result_number(const char *line)
{
	int nr = 0;

	if (!strncmp(line, "not ", 4))
		line += 4;
	if (strncmp(line, "ok ", 3) || line[3] < '0' || line[3] > '9')
		return -1;
	for (line += 3; *line >= '0' && *line <= '9'; line++)
		nr = nr * 10 + *line - '0';
	return *line == ' ' || !*line ? nr : -1;
}

/*
 * Prints a program's KTAP nested under the current case's subtests, as
 * KUnit nests them (its "KTAP version 1", a "# Subtest:" line, its plan
 * and results, each line indented once more), and checks it: a version
 * line first, a plan, and exactly that many results numbered in order.
 * Returns whether it was whole; if not, a diagnostic line says why.
 */
static bool print_nested(const char *name, char *text, bool cut_off)
{
	int plan = -1, results = 0, misnumbered = 0;
	bool version = false;
	char *line, *p = text;

	printk(KERN_INFO INDENT "    KTAP version 1\n");
	printk(KERN_INFO INDENT "    # Subtest: %s\n", name);
	while ((line = strsep(&p, "\n")) != NULL) {
		if (!p && !*line)
			break;		/* after the last newline */
		if (!version && !results && !strcmp(line, "KTAP version 1")) {
			version = true;
			continue;
		}
		printk(KERN_INFO INDENT "    %s\n", line);
		if (plan < 0 && !strncmp(line, "1..", 3))
			kstrtoint(line + 3, 10, &plan);
		else if (result_number(line) > 0)
			misnumbered += result_number(line) != ++results;
	}
	if (version && plan >= 0 && results == plan && !misnumbered && !cut_off)
		return true;
	printk(KERN_INFO INDENT "# %s: %s, plan %d, %d results (%d out of order)%s\n",
	       name, version ? "KTAP version 1" : "no KTAP version line", plan,
	       results, misnumbered, cut_off ? ", output cut off" : "");
	return false;
}

/*
 * How many counters of ktest's snapshot (free pages per zone and free
 * blocks per order, with the slabs shrunk and the per-CPU lists drained)
 * differ from before, each said in a diagnostic line.
 */
static int snapshot_diff(const char *name, const struct ktest_snapshot *before)
{
	static struct ktest_snapshot now;
	int i, diff = 0;

	ktest_take_snapshot(&now);
	for (i = 0; i < before->n && i < now.n; i++) {
		if (before->v[i] == now.v[i])
			continue;
		printk(KERN_INFO INDENT "# %s: %s was %lu, now %lu\n", name,
		       before->name[i], before->v[i], now.v[i]);
		diff++;
	}
	return diff;
}

/*
 * Runs one program of /tests and nests its KTAP: it passes when it
 * exited with 0 (its failures: none), printed its whole plan, and left
 * every free page count and the number of tasks as they were -- all its
 * pages, page tables and children returned.  Returns its status.
 */
static enum ktest_status run_test_program(const char *name)
{
	static struct ktest_snapshot before;
	unsigned long threads = nr_threads;
	char path[64];
	bool whole;
	int status, pid, leaked;

	snprintf(path, sizeof(path), "/tests/%s", name);
	ktest_take_snapshot(&before);
	pid = run_captured(path, &status);
	whole = print_nested(name, out, strlen(out) + 1 >= sizeof(out));
	leaked = snapshot_diff(name, &before);
	if (pid < 0)
		printk(KERN_INFO INDENT "# %s: execve failed: %d\n", name, pid);
	else if (status)
		printk(KERN_INFO INDENT "# %s: wait status %#x\n", name, status);
	if (leaked)
		printk(KERN_INFO INDENT "# %s: %d free counts changed\n", name, leaked);
	if (nr_threads != threads)
		printk(KERN_INFO INDENT "# %s: %lu tasks left\n", name,
		       nr_threads - threads);
	return pid > 1 && !status && whole && !leaked && nr_threads == threads ?
		KTEST_PASS : KTEST_FAIL;
}

/*
 * Every entry of /tests, one subtest each (a parametrised case, in
 * KUnit's terms): adding tests/user/NAME.c is all it takes to run it
 * here at every self-test boot and count its cases in make test.  Each
 * is a symbolic link to /bin/utests, the multi-call binary that runs
 * the test argv[0] names: execve follows the link and argv[0] stays the
 * /tests path.
 */
static void test_programs(struct ktest *test)
{
	struct inode *dir, *prog = NULL;
	int err, n = 0, nr = 0, failed = 0;

	if (!have_hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	dir = ramfs_lookup("/tests", &err);
	ASSERT_NOT_NULL(test, dir);
	while ((prog = ramfs_next_child(dir, prog)))
		n++;
	EXPECT_GT(test, n, 0);
	printk(KERN_INFO INDENT "KTAP version 1\n");
	printk(KERN_INFO INDENT "# Subtest: %s\n", test->name);
	printk(KERN_INFO INDENT "1..%d\n", n);
	while ((prog = ramfs_next_child(dir, prog))) {
		bool ok = run_test_program(prog->i_name) == KTEST_PASS;

		printk(KERN_INFO INDENT "%s %d %s\n", ok ? "ok" : "not ok", ++nr,
		       prog->i_name);
		failed += !ok;
	}
	EXPECT_EQ(test, failed, 0);
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
		{ "relative", -ENOENT },	/* from "/", every task's cwd */
		{ "/data/not-elf", -ENOEXEC },
		{ "/proc/self/maps", -EACCES },	/* no execute bit */
		{ "/proc/1/exe", -ENOENT },	/* a kernel thread's */
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
	    KTEST_CASE(test_mmdemo),
	    KTEST_CASE(test_programs),
	    KTEST_CASE(test_not_a_program));
