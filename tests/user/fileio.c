/*
 * Files from user space: open, read, lseek, fstat and close on the
 * program's own file, as glibc makes them.
 */
#include <sys/stat.h>
#include "ktap.h"

static const char *self;	/* argv[0]: this program's file */
static int fd = -1;
static struct stat st;

static void test_open(void)
{
	fd = open(self, O_RDONLY);
	EXPECT(fd >= 3);
}

static void test_read_magic(void)
{
	char buf[4];

	EXPECT(read(fd, buf, 4) == 4 && !memcmp(buf, "\177ELF", 4));
}

static void test_fstat(void)
{
	EXPECT(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 4096);
}

static void test_lseek_end(void)
{
	char buf[8];

	EXPECT(lseek(fd, 0, SEEK_END) == st.st_size);
	EXPECT(read(fd, buf, sizeof(buf)) == 0);
}

static void test_lseek_set(void)
{
	char buf[3];

	EXPECT(lseek(fd, 1, SEEK_SET) == 1 && read(fd, buf, 3) == 3 &&
	       !memcmp(buf, "ELF", 3));
}

static void test_close(void)
{
	EXPECT(close(fd) == 0);
	EXPECT(close(fd) == -1 && errno == EBADF);
}

static void test_missing(void)
{
	EXPECT(open("/nonexistent", O_RDONLY) == -1 && errno == ENOENT);
}

static void test_fstat_stdout(void)
{
	EXPECT(fstat(1, &st) == 0);
}

static const struct ktap_case cases[] = {
	{ "open of the program itself gets a descriptor above 2", test_open },
	{ "read returns the ELF magic", test_read_magic },
	{ "fstat: a regular file of some size", test_fstat },
	{ "lseek to the end lands at fstat's size, read there returns 0", test_lseek_end },
	{ "lseek, then read from there", test_lseek_set },
	{ "close, and a second close is EBADF", test_close },
	{ "a missing file is ENOENT", test_missing },
	{ "fstat of stdout works", test_fstat_stdout },
};

int main(int argc, char **argv)
{
	(void)argc;
	self = argv[0];
	return ktap_run(cases, KTAP_N(cases));
}
