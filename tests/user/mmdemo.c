/*
 * A walk through a process's address space for learners: `run
 * /bin/mmdemo` at the monitor (or run it on Linux) prints its own
 * /proc/self/maps after each step -- start, small blocks from malloc
 * (brk moves the [heap] end), a large block (glibc asks mmap for a new
 * mapping), fork and a copy-on-write write in the child.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SMALL	4096	/* below glibc's mmap threshold (128 KiB) */
#define NSMALL	64
#define LARGE	(1024 * 1024)

static int shared_value = 1;	/* in .data: one page, shared after fork */

/* /proc/self/maps, copied to stdout with open/read (stdio would malloc). */
static void show_maps(const char *who)
{
	char buf[4096];
	int fd = open("/proc/self/maps", O_RDONLY), n;

	printf("--- /proc/self/maps of the %s ---\n", who);
	fflush(stdout);
	if (fd < 0) {
		printf("(cannot open /proc/self/maps)\n");
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(1, buf, n) != n)
			break;
	close(fd);
	printf("\n");
}

int main(void)
{
	void *brk0, *brk1, *small[NSMALL], *large;
	int status, i;
	pid_t pid;

	printf("mmdemo: a process's memory, step by step.\n\n");
	printf("1. Just started: the program's code and data where the ELF file "
	       "says, [heap] above them, [stack] near the top.\n");
	show_maps("process");

	brk0 = sbrk(0);
	for (i = 0; i < NSMALL; i++)
		small[i] = malloc(SMALL);
	brk1 = sbrk(0);
	printf("2. %d small blocks of %d bytes from malloc, at %p to %p: glibc "
	       "carved them out of the heap, and brk %s from %p to %p.\n",
	       NSMALL, SMALL, small[0], small[NSMALL - 1],
	       brk1 != brk0 ? "moved" : "did NOT move", brk0, brk1);
	show_maps("process");

	large = malloc(LARGE);
	printf("3. One large block of %d KiB from malloc, at %p: above glibc's "
	       "mmap threshold, so it got a new mapping of its own, outside "
	       "[heap] (brk %s at %p).\n", LARGE / 1024, large,
	       sbrk(0) == brk1 ? "stayed" : "moved", sbrk(0));
	show_maps("process");

	printf("4. fork: the child gets a copy of the address space, but both "
	       "share every page, read-only, until one of them writes. The "
	       "child writes 2 to shared_value (%p): copy-on-write gives it a "
	       "page of its own.\n", (void *)&shared_value);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		shared_value = 2;
		show_maps("child");
		fflush(stdout);
		_exit(shared_value);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		printf("mmdemo: fork or waitpid failed\n");
		return 1;
	}
	printf("After the child's write, the child sees %d, the parent %d.\n",
	       WEXITSTATUS(status), shared_value);
	free(large);
	for (i = 0; i < NSMALL; i++)
		free(small[i]);
	printf("mmdemo: done.\n");
	return 0;
}
