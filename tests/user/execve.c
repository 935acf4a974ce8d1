/*
 * execve replaces the image: a forked child execs this same program with
 * arguments that make it check what it finds (fresh data, no old
 * mappings, the arguments and environment it was given, the same pid)
 * and exit with a code the parent's wait4 reads.  Files that are no
 * program are refused with Linux's errno, and the caller goes on.
 *
 * This program is a link to the tests' multi-call binary (utests), which
 * picks the test by argv[0]'s name: both re-execs pass our argv[0], so
 * that /proc/self/exe, utests itself, runs this test again.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include "ktap.h"

static int marker = 1;		/* .data: 1 in every fresh image */
static const char *self;	/* argv[0]: a link to utests named execve */

/* The new image: "exec-check PID ADDR" (and the environment X=1). */
static int check_image(int argc, char **argv)
{
	extern char **environ;
	unsigned long addr;

	if (argc != 5)
		return 10;
	addr = strtoul(argv[3], NULL, 16);
	if (strcmp(argv[4], "a b") || atoi(argv[2]) != getpid())
		return 10;
	if (!environ[0] || strcmp(environ[0], "X=1") || environ[1])
		return 11;
	if (marker != 1)
		return 12;
	/* The old image's mapping is gone: mprotect finds nothing there. */
	if (mprotect((void *)addr, PAGE, PROT_READ) != -1 || errno != ENOMEM)
		return 13;
	return 42;
}

/*
 * The old image's page is mapped far from where a fresh image maps
 * anything (brk just above the program, the mmap area top-down from
 * below the stack): Linux randomises the mmap area by only 256 pages for
 * an i386 program, so the new image's vDSO or vvar pages could land on a
 * page taken from there (a few runs in a hundred).  A hint, no
 * MAP_FIXED: taken if free.
 */
#define OLD_PAGE_HINT	((void *)0x40000000)

static int exec_self(void *path)
{
	char pid[16], addr[16];
	char *argv[] = { (char *)self, "exec-check", pid, addr, "a b", NULL };
	char *envp[] = { "X=1", NULL };
	void *p = mmap(OLD_PAGE_HINT, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	marker = 2;
	snprintf(pid, sizeof(pid), "%d", getpid());
	snprintf(addr, sizeof(addr), "%lx", (unsigned long)p);
	execve(path, argv, envp);
	return 99;	/* execve failed */
}

static void test_exec_argv0(void)
{
	EXPECT(exited_with(run_child(exec_self, (void *)self), 42));
}

static void test_exec_proc_self_exe(void)
{
	EXPECT(exited_with(run_child(exec_self, "/proc/self/exe"), 42));
}

/* execve that fails returns to the caller, which is unchanged. */
static void test_refused(void)
{
	static const struct {
		const char *path;
		int err;
	} bad[] = {
		{ "/nonexistent", ENOENT },
		{ "/nonexistent/dir/prog", ENOENT },
		{ "/", EACCES },
		{ "/proc/self/maps", EACCES },
		{ NULL, ENOTDIR },	/* argv[0]/x: not a directory */
	};
	char *argv[] = { "x", NULL }, path[256];
	int i;

	for (i = 0; i < KTAP_N(bad); i++) {
		snprintf(path, sizeof(path), "%s", bad[i].path ? bad[i].path : self);
		if (!bad[i].path)
			strcat(path, "/x");
		errno = 0;
		if (!EXPECT(execve(path, argv, argv + 1) == -1 && errno == bad[i].err))
			ktap_diag("execve(\"%s\"): errno %d, expected %d", path,
				  errno, bad[i].err);
	}
	EXPECT(marker == 1);
}

/*
 * An executable file that is no ELF program: ENOEXEC.  The initramfs
 * has /data/not-elf; on Linux the test makes one in /tmp.
 */
static void test_not_elf(void)
{
	char tmp[] = "/tmp/not-elf-XXXXXX", *argv[] = { "x", NULL };
	const char *path = "/data/not-elf";
	struct stat st;
	int fd = -1;

	if (stat(path, &st)) {
		fd = mkstemp(tmp);
		if (!EXPECT(fd >= 0 && write(fd, "text\n", 5) == 5 &&
			    fchmod(fd, 0755) == 0))
			return;
		close(fd);
		path = tmp;
	}
	errno = 0;
	EXPECT(execve(path, argv, argv + 1) == -1 && errno == ENOEXEC);
	if (fd >= 0)
		unlink(tmp);
}

static const struct ktap_case cases[] = {
	{ "execve of argv[0]: a fresh image with its arguments, same pid",
	  test_exec_argv0 },
	{ "execve of /proc/self/exe likewise", test_exec_proc_self_exe },
	{ "missing files, directories, non-executables: ENOENT, EACCES, ENOTDIR",
	  test_refused },
	{ "an executable file that is no ELF program: ENOEXEC", test_not_elf },
};

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1 && !strcmp(argv[1], "exec-check"))
		return check_image(argc, argv);
	return ktap_run(cases, KTAP_N(cases));
}
