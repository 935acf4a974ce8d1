/*
 * fork and copy-on-write: after fork, parent and child share every
 * private page read-only; the first write of either side gets that side a
 * copy, so each sees only its own writes.  The children report what
 * they saw through their exit status; when the order of two writes
 * matters, a MAP_SHARED page carries a flag from one side to the other.
 */
#include <sys/mman.h>
#include <time.h>
#include "ktap.h"

#define NPAGES	4

static char data[NPAGES * PAGE] __attribute__((aligned(4096)));
static volatile int *flag;	/* shared by parent and child */

/* Is every byte of page i of data c? */
static int page_is(int i, char c)
{
	unsigned long j;

	for (j = 0; j < PAGE; j++)
		if (data[i * PAGE + j] != c)
			return 0;
	return 1;
}

static void fill(char c)
{
	memset(data, c, sizeof(data));
}

/* Waits (10 s at most) until *flag is v; 0 if it never came. */
static int wait_flag(int v)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000 && *flag != v; i++)
		nanosleep(&ms, NULL);
	return *flag == v;
}

static int child_writes_page0(void *arg)
{
	(void)arg;
	memset(data, 'C', PAGE);
	return !(page_is(0, 'C') && page_is(1, 'A') && page_is(NPAGES - 1, 'A'));
}

static void test_child_write_private(void)
{
	fill('A');
	EXPECT(exited_with(run_child(child_writes_page0, NULL), 0));
	EXPECT(page_is(0, 'A'));
}

/* The parent writes while the child waits, then the child looks. */
static int child_looks_after_parent(void *arg)
{
	(void)arg;
	if (!wait_flag(1))
		return 2;
	return !(page_is(0, 'A') && page_is(1, 'A'));
}

static void test_parent_write_private(void)
{
	pid_t pid;
	int status;

	fill('A');
	*flag = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_looks_after_parent(NULL));
	memset(data + PAGE, 'P', PAGE);
	*flag = 1;
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid);
	EXPECT(exited_with(status, 0));
	EXPECT(page_is(1, 'P') && page_is(0, 'A'));
}

/* Both write the same page, in turn; each keeps seeing its own bytes. */
static int child_writes_in_turn(void *arg)
{
	(void)arg;
	memset(data, 'C', PAGE);
	*flag = 1;
	if (!wait_flag(2))
		return 2;
	return !page_is(0, 'C');
}

static void test_both_write_same_page(void)
{
	pid_t pid;
	int status, ok;

	fill('A');
	*flag = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_writes_in_turn(NULL));
	ok = wait_flag(1) && page_is(0, 'A');
	memset(data, 'P', PAGE);
	*flag = 2;
	EXPECT(ok);
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid);
	EXPECT(exited_with(status, 0));
	EXPECT(page_is(0, 'P'));
}

/* Child and grandchild write the same page after the grandchild's fork. */
static int grandchild(void *arg)
{
	(void)arg;
	memset(data, 'G', PAGE);
	return !page_is(0, 'G');
}

static int child_forks_again(void *arg)
{
	int status = run_child(grandchild, arg);

	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		return 2;
	if (!page_is(0, 'A'))
		return 3;
	memset(data, 'C', PAGE);
	return !page_is(0, 'C');
}

static void test_three_generations(void)
{
	fill('A');
	EXPECT(exited_with(run_child(child_forks_again, NULL), 0));
	EXPECT(page_is(0, 'A'));
}

/*
 * A page whose other user has gone is reused by the next write, not
 * copied: with the child waited for, writing every page of a region
 * shared at fork leaves RssAnon where it was (a copy kept alongside the
 * old page would add the region again).
 */
#define REGION	(256 * PAGE)

static int child_exits(void *arg)
{
	(void)arg;
	return 0;
}

static void test_sole_user_reuses(void)
{
	char *r = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long rss0, rss1;
	unsigned long i, bad = 0;

	if (!EXPECT(r != MAP_FAILED))
		return;
	memset(r, 'A', REGION);
	rss0 = proc_kb("/proc/self/status", "RssAnon");
	EXPECT(exited_with(run_child(child_exits, NULL), 0));
	for (i = 0; i < REGION; i += PAGE)
		r[i] = 'B';
	rss1 = proc_kb("/proc/self/status", "RssAnon");
	for (i = 0; i < REGION; i += PAGE)
		bad += r[i] != 'B' || r[i + 1] != 'A';
	EXPECT(bad == 0);
	EXPECT(rss0 >= (long)(REGION / 1024));
	if (!EXPECT(rss1 >= 0 && rss1 < rss0 + (long)(REGION / 1024 / 4)))
		ktap_diag("RssAnon %ld kB before, %ld kB after", rss0, rss1);
	EXPECT(munmap(r, REGION) == 0);
}

static const struct ktap_case cases[] = {
	{ "the child's write stays in the child", test_child_write_private },
	{ "the parent's write stays in the parent", test_parent_write_private },
	{ "both write the same page: each sees its own", test_both_write_same_page },
	{ "child and grandchild: three copies of one page", test_three_generations },
	{ "a page whose other user exited is reused: RssAnon does not grow",
	  test_sole_user_reuses },
};

int main(void)
{
	flag = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	if (flag == MAP_FAILED)
		return 99;
	return ktap_run(cases, KTAP_N(cases));
}
