/*
 * System calls given bad pointers return -1 with errno EFAULT, and the
 * process lives on: NULL, the first kernel address of this kernel's
 * 3G/1G split (0xc0000000, unmapped user space to a 32-bit process on a
 * 64-bit Linux), and a page that was just unmapped.  The calls go
 * through syscall() where glibc would touch the pointer itself first.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include "ktap.h"

static const char *self;	/* argv[0] */
static void *bad[3];
static const char *const bad_name[3] = { "NULL", "0xc0000000", "an unmapped page" };

/* Each call with one bad pointer; returns what the system call did. */
static long call_write(void *p) { return syscall(SYS_write, 1, p, 8); }
static long call_open(void *p) { return syscall(SYS_open, p, O_RDONLY); }
static long call_stat_path(void *p) { return syscall(SYS_stat64, p, bad[2]); }
static long call_uname(void *p) { return syscall(SYS_uname, p); }
static long call_clock(void *p) { return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p); }
static long call_getrandom(void *p) { return syscall(SYS_getrandom, p, 16, 0); }
static long call_nanosleep(void *p) { return syscall(SYS_nanosleep, p, NULL); }
static long call_execve(void *p) { return syscall(SYS_execve, p, NULL, NULL); }

static long call_stat_buf(void *p)
{
	return syscall(SYS_stat64, self, p);
}

static long call_fstat(void *p)
{
	return syscall(SYS_fstat64, 1, p);
}

static long call_read(void *p)
{
	int fd = open(self, O_RDONLY);
	long ret = syscall(SYS_read, fd, p, 64);

	close(fd);
	return ret;
}

static long call_execve_argv(void *p)
{
	return syscall(SYS_execve, self, p, NULL);
}

/* first: the first bad pointer to try (execve takes a NULL argv as empty). */
static const struct {
	const char *name;
	long (*call)(void *p);
	int first;
} calls[] = {
	{ "write(1, BAD, 8)", call_write, 0 },
	{ "read(fd, BAD, 64)", call_read, 0 },
	{ "open(BAD, O_RDONLY)", call_open, 0 },
	{ "stat64(BAD, buf)", call_stat_path, 0 },
	{ "stat64(argv[0], BAD)", call_stat_buf, 0 },
	{ "fstat64(1, BAD)", call_fstat, 0 },
	{ "uname(BAD)", call_uname, 0 },
	{ "clock_gettime(CLOCK_MONOTONIC, BAD)", call_clock, 0 },
	{ "getrandom(BAD, 16, 0)", call_getrandom, 0 },
	{ "nanosleep(BAD, NULL)", call_nanosleep, 0 },
	{ "execve(BAD, NULL, NULL)", call_execve, 0 },
	{ "execve(argv[0], BAD, NULL)", call_execve_argv, 1 },
};

static int current;	/* the calls[] entry of the running case */

static void test_call(void)
{
	int i;
	long ret;

	for (i = calls[current].first; i < 3; i++) {
		errno = 0;
		ret = calls[current].call(bad[i]);
		if (!EXPECT(ret == -1 && errno == EFAULT))
			ktap_diag("with %s: returned %ld", bad_name[i], ret);
	}
	current++;
}

/* The same calls, with good pointers, work (the cases can tell). */
static void test_good_pointers(void)
{
	struct stat st;
	struct utsname u;
	struct timespec ts;
	char buf[16];

	EXPECT(syscall(SYS_stat64, self, &st) == 0);
	EXPECT(syscall(SYS_uname, &u) == 0 && !strcmp(u.sysname, "Linux"));
	EXPECT(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) == 0);
	EXPECT(syscall(SYS_getrandom, buf, sizeof(buf), 0) == sizeof(buf));
}

int main(int argc, char **argv)
{
	static struct ktap_case cases[KTAP_N(calls) + 1];
	int i;

	(void)argc;
	self = argv[0];
	bad[1] = (void *)0xc0000000UL;
	bad[2] = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(bad[2], PAGE);
	for (i = 0; i < KTAP_N(calls); i++)
		cases[i] = (struct ktap_case){ calls[i].name, test_call };
	cases[i] = (struct ktap_case){ "the same calls with good pointers work",
				       test_good_pointers };
	return ktap_run(cases, KTAP_N(cases));
}
