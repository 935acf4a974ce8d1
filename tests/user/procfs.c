/*
 * /proc, statx and readlink from user space: the program reads its own
 * /proc/self/maps (the heap after a malloc, the stack, its text line
 * named after its file), /proc/self/status (VmRSS grows after memory is
 * touched), /proc/meminfo, statx of a file and of fd 1, and readlink of
 * /proc/self/exe.  The same binary runs on Linux (make test runs it on
 * the host) and on this kernel (the proc suite), printing KTAP; the exit
 * status is the number of failures.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define NR_CHECKS	18
#define TOUCH_BYTES	(1 << 20)

static int n, failed;
static char text[65536];

static void check(int ok, const char *what)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++n, what);
	failed += !ok;
}

/* The whole of a (/proc) file into text; its length, or -1. */
static long slurp(const char *path)
{
	long len = 0, got;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (len < (long)sizeof(text) - 1 &&
	       (got = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
		len += got;
	close(fd);
	text[len] = '\0';
	return len;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * The maps line whose range holds addr, copied into line; 1 if found.
 * Each line is "start-end perms offset dev inode [name]".
 */
static int maps_line(unsigned long addr, char *line, size_t size)
{
	const char *p = text;
	unsigned long start, end;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (sscanf(p, "%lx-%lx", &start, &end) == 2 &&
		    start <= addr && addr < end && len < size) {
			memcpy(line, p, len);
			line[len] = '\0';
			return 1;
		}
		p += len + (nl != NULL);
	}
	return 0;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

/* The value of "Key:\t N" in text, or -1. */
static long field(const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

static void test_maps(const char *prog)
{
	char *small = malloc(100), line[512], want[64];
	int local = 0;

	snprintf(want, sizeof(want), "/%s", base_name(prog));
	small[0] = 1;
	check(slurp("/proc/self/maps") > 0, "/proc/self/maps can be read");
	check(maps_line((unsigned long)small, line, sizeof(line)) &&
	      ends_with(line, " [heap]"), "a small malloc is in [heap]");
	check(maps_line((unsigned long)&local, line, sizeof(line)) &&
	      ends_with(line, " [stack]"), "a local variable is in [stack]");
	check(maps_line((unsigned long)test_maps, line, sizeof(line)) &&
	      strstr(line, " r-xp ") && ends_with(line, want),
	      "the text line is r-xp and names the program's file");
	free(small);
}

static void test_status(void)
{
	long before, after, i;
	char *big;

	check(slurp("/proc/self/status") > 0 && field("Pid:\t") == getpid() &&
	      field("PPid:\t") == getppid(), "/proc/self/status: Pid and PPid");
	check(strstr(text, "\nState:\tR (running)\n") != NULL,
	      "/proc/self/status: the reader is running");
	before = field("VmRSS:\t");
	big = malloc(TOUCH_BYTES);
	for (i = 0; big && i < TOUCH_BYTES; i += 4096)
		big[i] = 1;
	slurp("/proc/self/status");
	after = field("VmRSS:\t");
	check(before > 0 && after - before >= TOUCH_BYTES / 1024 * 3 / 4,
	      "VmRSS grows by what was touched");
	free(big);
	check(slurp("/proc/meminfo") > 0 && field("MemTotal:") > 0,
	      "/proc/meminfo has MemTotal");
	check(open("/proc/2147483647/status", O_RDONLY) == -1 && errno == ENOENT,
	      "a pid that does not exist is ENOENT");
}

static void test_statx(const char *prog)
{
	struct statx stx, *volatile bad = (struct statx *)8;
	struct stat st;

	check(statx(AT_FDCWD, prog, 0, STATX_BASIC_STATS, &stx) == 0 &&
	      stat(prog, &st) == 0 &&
	      (stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS &&
	      S_ISREG(stx.stx_mode) && (off_t)stx.stx_size == st.st_size &&
	      stx.stx_ino == st.st_ino, "statx of the program agrees with stat");
	check(statx(1, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) == 0 &&
	      fstat(1, &st) == 0 && stx.stx_mode == st.st_mode &&
	      stx.stx_ino == st.st_ino &&
	      makedev(stx.stx_rdev_major, stx.stx_rdev_minor) == st.st_rdev,
	      "statx of fd 1 agrees with fstat");
	check(statx(AT_FDCWD, prog, AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
		    STATX_BASIC_STATS, &stx) == -1 && errno == EINVAL,
	      "statx with both sync flags is EINVAL");
	check(statx(AT_FDCWD, prog, 0, STATX_BASIC_STATS, bad) == -1 &&
	      errno == EFAULT, "statx into a bad pointer is EFAULT");
}

static void test_readlink(const char *prog)
{
	char buf[4096], pid[16], *volatile bad = (char *)8;
	ssize_t len;

	len = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	buf[len > 0 ? len : 0] = '\0';
	check(len > 0 && buf[0] == '/' && !strcmp(base_name(buf), base_name(prog)),
	      "readlink /proc/self/exe is the program's path");
	snprintf(pid, sizeof(pid), "%d", getpid());
	len = readlink("/proc/self", buf, sizeof(buf));
	check(len == (ssize_t)strlen(pid) && !memcmp(buf, pid, len),
	      "readlink /proc/self is the pid");
	check(readlink(prog, buf, sizeof(buf)) == -1 && errno == EINVAL,
	      "readlink of a regular file is EINVAL");
	check(readlink("/proc/self", bad, 64) == -1 && errno == EFAULT,
	      "readlink into a bad pointer is EFAULT");
	check(readlink("/proc/self", buf, 0) == -1 && errno == EINVAL,
	      "readlink with no room is EINVAL");
}

int main(int argc, char **argv)
{
	(void)argc;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n1..%d\n", NR_CHECKS);
	test_maps(argv[0]);
	test_status();
	test_statx(argv[0]);
	test_readlink(argv[0]);
	return failed;
}
