/*
 * Files from user space: open, read, lseek, fstat and close on the
 * program's own file, as glibc makes them.  The same binary runs on
 * Linux (make test runs it on the host) and on this kernel (the exec
 * suite), printing KTAP; the exit status is the number of failures.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int n, failed;

static void check(int ok, const char *what)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++n, what);
	failed += !ok;
}

int main(int argc, char **argv)
{
	struct stat st;
	char buf[8];
	int fd;

	(void)argc;
	printf("KTAP version 1\n1..9\n");
	fd = open(argv[0], O_RDONLY);
	check(fd >= 3, "open of the program itself gets a descriptor above 2");
	check(read(fd, buf, 4) == 4 && !memcmp(buf, "\177ELF", 4),
	      "read returns the ELF magic");
	check(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 4096,
	      "fstat: a regular file of some size");
	check(lseek(fd, 0, SEEK_END) == st.st_size,
	      "lseek to the end lands at fstat's size");
	check(read(fd, buf, sizeof(buf)) == 0, "read at the end returns 0");
	check(lseek(fd, 1, SEEK_SET) == 1 && read(fd, buf, 3) == 3 &&
	      !memcmp(buf, "ELF", 3), "lseek, then read from there");
	check(close(fd) == 0 && close(fd) == -1 && errno == EBADF,
	      "close, and a second close is EBADF");
	check(open("/nonexistent", O_RDONLY) == -1 && errno == ENOENT,
	      "a missing file is ENOENT");
	check(fstat(1, &st) == 0, "fstat of stdout works");
	return failed;
}
