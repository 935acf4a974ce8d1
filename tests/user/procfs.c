/*
 * /proc, statx and readlink from user space: the program reads its own
 * /proc/self/maps (the heap after a malloc, the stack, its text line
 * named after its file), /proc/self/status (VmRSS grows after memory is
 * touched), /proc/meminfo, statx of a file and of fd 1, and readlink of
 * /proc/self/exe.  Run here by the exec suite and on the host's Linux.
 *
 * The program's file is the multi-call binary of the tests (utests), run
 * through a symbolic link named after this test: argv[0] is the link,
 * and the file the kernel names (the maps line, /proc/self/exe) is where
 * the link leads, which realpath finds by reading the links itself.
 */
#define _GNU_SOURCE
#include "ktap.h"
#include <limits.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define TOUCH_BYTES	(1 << 20)

static const char *prog;	/* argv[0]: the path we were run by */
static char exe[PATH_MAX];	/* prog with every link resolved: our file */

/* The line of /proc/self/maps holding addr, named name (a suffix). */
static int line_named(unsigned long addr, const char *perms, const char *name)
{
	struct vma v;

	if (maps_find(addr, &v) != 1)
		return 0;
	if ((!perms || !strcmp(v.perms, perms)) &&
	    strlen(v.name) >= strlen(name) &&
	    !strcmp(v.name + strlen(v.name) - strlen(name), name))
		return 1;
	ktap_diag("%08lx-%08lx %s %s, expected %s %s", v.start, v.end, v.perms,
		  v.name, perms ? perms : "", name);
	return 0;
}

static void test_heap_and_stack(void)
{
	char *small = malloc(100);
	int local = 0;

	small[0] = 1;
	EXPECT(line_named((unsigned long)small, NULL, "[heap]"));
	EXPECT(line_named((unsigned long)&local, NULL, "[stack]"));
	free(small);
}

static void test_text_names_the_file(void)
{
	EXPECT(exe[0] == '/' &&
	       line_named((unsigned long)test_text_names_the_file, "r-xp", exe));
}

static void test_status(void)
{
	static char text[4096];

	EXPECT(read_file("/proc/self/status", text, sizeof(text)) > 0);
	EXPECT(proc_kb("/proc/self/status", "Pid") == getpid());
	EXPECT(proc_kb("/proc/self/status", "PPid") == getppid());
	EXPECT(strstr(text, "\nState:\tR (running)\n") != NULL);
}

static void test_vmrss_grows(void)
{
	long before = proc_kb("/proc/self/status", "VmRSS"), after, i;
	char *big = malloc(TOUCH_BYTES);

	for (i = 0; big && i < TOUCH_BYTES; i += PAGE)
		big[i] = 1;
	after = proc_kb("/proc/self/status", "VmRSS");
	EXPECT(before > 0 && after - before >= TOUCH_BYTES / 1024 * 3 / 4);
	free(big);
}

static void test_meminfo_and_missing_pid(void)
{
	EXPECT(proc_kb("/proc/meminfo", "MemTotal") > 0);
	EXPECT(open("/proc/2147483647/status", O_RDONLY) == -1 && errno == ENOENT);
}

static void test_statx(void)
{
	struct statx stx, *volatile bad = (struct statx *)8;
	struct stat st;

	EXPECT(statx(AT_FDCWD, prog, 0, STATX_BASIC_STATS, &stx) == 0 &&
	       stat(prog, &st) == 0);
	EXPECT((stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS &&
	       S_ISREG(stx.stx_mode) && (off_t)stx.stx_size == st.st_size &&
	       stx.stx_ino == st.st_ino);
	EXPECT(statx(1, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) == 0 &&
	       fstat(1, &st) == 0);
	EXPECT(stx.stx_mode == st.st_mode && stx.stx_ino == st.st_ino &&
	       makedev(stx.stx_rdev_major, stx.stx_rdev_minor) == st.st_rdev);
	EXPECT(statx(AT_FDCWD, prog, AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
		     STATX_BASIC_STATS, &stx) == -1 && errno == EINVAL);
	EXPECT(statx(AT_FDCWD, prog, 0, STATX_BASIC_STATS, bad) == -1 &&
	       errno == EFAULT);
}

/*
 * /proc/self/exe is our file: by name (argv[0] resolved) and by inode.
 * argv[0] is a link whose size is its target's length; a file that is
 * no link is EINVAL.
 */
static void test_readlink(void)
{
	char buf[4096], pid[16], *volatile bad = (char *)8;
	ssize_t len = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	struct stat st, self;

	buf[len > 0 ? len : 0] = '\0';
	if (!EXPECT(len > 0 && !strcmp(buf, exe)))
		ktap_diag("/proc/self/exe -> %s, argv[0] %s leads to %s", buf, prog, exe);
	EXPECT(stat("/proc/self/exe", &self) == 0 && stat(prog, &st) == 0 &&
	       st.st_ino == self.st_ino && st.st_dev == self.st_dev);
	if (lstat(prog, &st) == 0 && S_ISLNK(st.st_mode))
		EXPECT(readlink(prog, buf, sizeof(buf)) == st.st_size);
	snprintf(pid, sizeof(pid), "%d", getpid());
	len = readlink("/proc/self", buf, sizeof(buf));
	EXPECT(len == (ssize_t)strlen(pid) && !memcmp(buf, pid, len));
	EXPECT(readlink(exe, buf, sizeof(buf)) == -1 && errno == EINVAL);
	EXPECT(readlink("/proc/self", bad, 64) == -1 && errno == EFAULT);
	EXPECT(readlink("/proc/self", buf, 0) == -1 && errno == EINVAL);
}

static const struct ktap_case cases[] = {
	{ "/proc/self/maps: a small malloc in [heap], a local in [stack]", test_heap_and_stack },
	{ "/proc/self/maps: the text line is r-xp and names the program's file", test_text_names_the_file },
	{ "/proc/self/status: Pid, PPid, State", test_status },
	{ "/proc/self/status: VmRSS grows by what was touched", test_vmrss_grows },
	{ "/proc/meminfo has MemTotal; a pid that does not exist is ENOENT", test_meminfo_and_missing_pid },
	{ "statx of the program and of fd 1 agree with stat; EINVAL, EFAULT", test_statx },
	{ "readlink of /proc/self/exe and /proc/self; EINVAL, EFAULT", test_readlink },
};

int main(int argc, char **argv)
{
	prog = argc > 0 ? argv[0] : "";
	if (!realpath(prog, exe))
		exe[0] = '\0';
	return ktap_run(cases, KTAP_N(cases));
}
