/*
 * What every user test program shares: KTAP output, a table of cases,
 * reading /proc/self/maps, /proc/self/status and /proc/meminfo, and
 * running a function in a forked child.  A program whose main returns
 * ktap_run is a test: make links it into the multi-call binary utests
 * (main becomes NAME_main: keep every other global static) and packs a
 * link /tests/NAME to it, the exec suite runs every entry there and
 * nests its KTAP under its own, and make test runs it on the host's
 * Linux too (build/user/tests/NAME), so each case checks Linux's
 * behaviour.
 *
 *	static void test_x(void) { EXPECT(1 + 1 == 2); }
 *	static const struct ktap_case cases[] = { { "x", test_x } };
 *	int main(void) { return ktap_run(cases, KTAP_N(cases)); }
 *
 * The exit status is the number of failed cases (0: all passed).
 * Files are read with open/read into static buffers, never stdio, so
 * that looking at the heap does not move it.
 */
#ifndef TESTS_USER_KTAP_H
#define TESTS_USER_KTAP_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define KTAP_N(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define PAGE		4096UL

struct ktap_case {
	const char *name;
	void (*run)(void);
};

/* The state of the case running now. */
static int ktap_case_failed;
static const char *ktap_skip_reason;

/* A diagnostic line of the current case, before its result. */
static inline void __attribute__((format(printf, 1, 2))) ktap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
}

/* Records a failure (with the condition and the line) unless ok; returns ok. */
#define EXPECT(cond)	ktap_expect(!!(cond), #cond, __LINE__)
static inline int ktap_expect(int ok, const char *what, int line)
{
	if (!ok) {
		ktap_diag("line %d: expected %s (errno %d: %s)", line, what,
			  errno, strerror(errno));
		ktap_case_failed = 1;
	}
	return ok;
}

/* The case ends as "ok N name # SKIP reason" (return right after). */
static inline void ktap_skip(const char *reason)
{
	ktap_skip_reason = reason;
}

/*
 * Prints the header and plan, runs each case and prints its result.
 * Line-buffered stdout, so that a child's output and the parent's keep
 * their order and no buffer is duplicated by fork.
 */
static inline int ktap_run(const struct ktap_case *cases, int n)
{
	int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n1..%d\n", n);
	for (i = 0; i < n; i++) {
		ktap_case_failed = 0;
		ktap_skip_reason = NULL;
		cases[i].run();
		if (ktap_case_failed) {
			printf("not ok %d %s\n", i + 1, cases[i].name);
			failed++;
		} else if (ktap_skip_reason) {
			printf("ok %d %s # SKIP %s\n", i + 1, cases[i].name,
			       ktap_skip_reason);
		} else {
			printf("ok %d %s\n", i + 1, cases[i].name);
		}
	}
	fflush(stdout);
	return failed;
}

/* ---- children ---- */

/*
 * Runs fn(arg) in a forked child and returns its wait status (as wait4
 * fills it), or -1 when fork or wait4 failed.  The child ends with
 * _exit(fn's return), so nothing of the parent's stdio runs twice.
 */
static inline int run_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int ret = fn(arg);

		fflush(stdout);
		_exit(ret);
	}
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return status;
}

/* Did the child exit normally with code? (Says what happened if not.) */
static inline int exited_with(int status, int code)
{
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code)
		return 1;
	if (status == -1)
		ktap_diag("fork or wait4 failed");
	else if (WIFSIGNALED(status))
		ktap_diag("child killed by signal %d, expected exit %d",
			  WTERMSIG(status), code);
	else
		ktap_diag("child exited with %d, expected %d",
			  WEXITSTATUS(status), code);
	return 0;
}

/* ---- /proc files ---- */

/* Reads a whole (small) file into buf, NUL-terminated; its length or -1. */
static inline int read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY), len = 0, n;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/*
 * The "Field:  N kB" value of a /proc file (/proc/self/status or
 * /proc/meminfo) in kB, or -1 when the file or the field is missing.
 */
static inline long proc_kb(const char *path, const char *field)
{
	static char buf[8192];
	size_t len = strlen(field);
	char *p = buf;

	if (read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, field, len) && p[len] == ':')
			return strtol(p + len + 1, NULL, 10);
	return -1;
}

/* One line of /proc/PID/maps. */
struct vma {
	unsigned long start, end;
	char perms[5];
	char name[128];
};

#define MAPS_MAX	256

/* Parses /proc/self/maps into v (at most MAPS_MAX); the count, or -1. */
static inline int maps_read(struct vma *v)
{
	static char buf[65536];
	char *line = buf, *next;
	int n = 0, off;

	if (read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return -1;
	for (; *line && n < MAPS_MAX; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		off = 0;
		if (sscanf(line, "%lx-%lx %4s %*s %*s %*s%n", &v[n].start,
			   &v[n].end, v[n].perms, &off) < 3)
			return -1;
		while (line[off] == ' ')
			off++;
		snprintf(v[n].name, sizeof(v[n].name), "%s", line + off);
		n++;
	}
	return n;
}

/* /proc/self/maps into a static table; the count, or -1 (said once). */
static inline int maps_load(struct vma **out)
{
	static struct vma v[MAPS_MAX];
	int n = maps_read(v);

	if (n < 0)
		ktap_diag("/proc/self/maps: %s", strerror(errno));
	*out = v;
	return n;
}

/*
 * The line covering addr: 1 and *out filled, 0 when none does, -1 when
 * /proc/self/maps cannot be read (said once per case as a diagnostic).
 */
static inline int maps_find(unsigned long addr, struct vma *out)
{
	struct vma *v;
	int n = maps_load(&v), i;

	for (i = 0; i < n; i++)
		if (v[i].start <= addr && addr < v[i].end) {
			*out = v[i];
			return 1;
		}
	return n < 0 ? -1 : 0;
}

/* The first line named name ("[heap]", "[stack]"): as maps_find. */
static inline int maps_named(const char *name, struct vma *out)
{
	struct vma *v;
	int n = maps_load(&v), i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].name, name)) {
			*out = v[i];
			return 1;
		}
	return n < 0 ? -1 : 0;
}

/* How many lines of /proc/self/maps overlap [start, end); -1 on error. */
static inline int maps_overlapping(unsigned long start, unsigned long end)
{
	struct vma *v;
	int n = maps_load(&v), i, count = 0;

	for (i = 0; i < n; i++)
		count += v[i].start < end && start < v[i].end;
	return n < 0 ? -1 : count;
}

/* Is [start, end) exactly one line with these permissions ("rw-p")? */
static inline int maps_is(unsigned long start, unsigned long end,
			  const char *perms)
{
	struct vma v;

	if (maps_find(start, &v) != 1)
		return 0;
	if (v.start == start && v.end == end && !strcmp(v.perms, perms))
		return 1;
	ktap_diag("%08lx-%08lx %s, expected %08lx-%08lx %s", v.start, v.end,
		  v.perms, start, end, perms);
	return 0;
}

#endif /* TESTS_USER_KTAP_H */
