/*
 * Shared anonymous memory: mmap(MAP_SHARED | MAP_ANONYMOUS) is one
 * piece of memory for every process that maps it, whichever process
 * touches a page first and whenever, before fork or after.  Linux backs
 * it with a shmem object ("/dev/zero (deleted)" in maps, RssShmem in
 * status); munmap, mprotect and mremap of part of it keep the rest
 * shared, and MADV_DONTNEED drops only the mapping, never the data.
 * Each case maps fresh memory that no one touches before the fork, so
 * a write in one process is seen by the other only if the page really
 * is shared.
 */
#define _GNU_SOURCE		/* mremap */
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include "ktap.h"

static char *map_shared(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	EXPECT(p != MAP_FAILED);
	return p == MAP_FAILED ? NULL : p;
}

/* Waits (10 s at most) until *flag is v; 0 if it never came. */
static int wait_flag(volatile char *flag, char v)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000 && *flag != v; i++)
		nanosleep(&ms, NULL);
	return *flag == v;
}

/* The child writes 'C' at each offset of the list (ending with -1). */
struct writes {
	char *base;
	long off[6];
};

static int child_writes(void *arg)
{
	struct writes *w = arg;
	int i;

	for (i = 0; w->off[i] >= 0; i++)
		w->base[w->off[i]] = 'C';
	return 0;
}

/* Does the parent see every one of the child's writes? */
static int sees_writes(const struct writes *w)
{
	int i, ok = 1;

	for (i = 0; w->off[i] >= 0; i++)
		if (w->base[w->off[i]] != 'C') {
			ktap_diag("offset %ld: %#x, not the child's 'C'", w->off[i],
				  w->base[w->off[i]]);
			ok = 0;
		}
	return ok;
}

/* Runs child_writes in a child, checks the parent sees it all, unmaps. */
static void check_child_writes(struct writes *w, unsigned long pages)
{
	EXPECT(exited_with(run_child(child_writes, w), 0));
	EXPECT(sees_writes(w));
	EXPECT(munmap(w->base, pages * PAGE) == 0);
}

static void test_child_write_seen(void)
{
	struct writes w = { map_shared(2), { 0, PAGE + 7, -1 } };

	if (w.base)
		check_child_writes(&w, 2);
}

/* The parent writes after the fork; the child, waiting, sees it. */
static int child_waits_for_parent(void *arg)
{
	char *p = arg;

	if (!wait_flag(p, 1))
		return 2;
	return p[PAGE] == 'P' ? 0 : 3;
}

static void test_parent_write_seen(void)
{
	char *p = map_shared(2);
	int status;
	pid_t pid;

	if (!p)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_waits_for_parent(p));
	p[PAGE] = 'P';
	p[0] = 1;
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid);
	EXPECT(exited_with(status, 0));
	EXPECT(munmap(p, 2 * PAGE) == 0);
}

/* A page read first (by both) and written afterwards is still one page. */
static int child_reads_then_writes(void *arg)
{
	char *p = arg;

	if (p[0] != 0)
		return 2;
	p[0] = 'C';
	return 0;
}

static void test_read_then_write(void)
{
	char *p = map_shared(1);

	if (!p)
		return;
	EXPECT(p[0] == 0);	/* the parent reads it before the fork */
	EXPECT(exited_with(run_child(child_reads_then_writes, p), 0));
	EXPECT(p[0] == 'C');
	EXPECT(munmap(p, PAGE) == 0);
}

/* Two children and a grandchild each write their own byte of one page. */
static int grandchild_writes(void *arg)
{
	((char *)arg)[2] = 'G';
	return 0;
}

static int child_forks_and_writes(void *arg)
{
	char *p = arg;
	int status = run_child(grandchild_writes, p);

	if (!(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0))
		return 2;
	if (p[2] != 'G')	/* the grandchild's write, seen by its parent */
		return 3;
	p[1] = 'C';
	return 0;
}

static int child_writes_first(void *arg)
{
	((char *)arg)[0] = 'C';
	return 0;
}

static void test_children_and_grandchild(void)
{
	char *p = map_shared(1);

	if (!p)
		return;
	EXPECT(exited_with(run_child(child_writes_first, p), 0));
	EXPECT(exited_with(run_child(child_forks_and_writes, p), 0));
	EXPECT(p[0] == 'C' && p[1] == 'C' && p[2] == 'G');
	EXPECT(munmap(p, PAGE) == 0);
}

/* munmap of the middle page: the two pieces left stay one object. */
static void test_munmap_middle(void)
{
	struct writes w = { map_shared(3), { 0, 2 * PAGE + 1, -1 } };

	if (!w.base)
		return;
	w.base[2 * PAGE] = 'x';
	EXPECT(munmap(w.base + PAGE, PAGE) == 0);
	EXPECT(maps_is((unsigned long)w.base, (unsigned long)w.base + PAGE, "rw-s"));
	EXPECT(exited_with(run_child(child_writes, &w), 0));
	EXPECT(sees_writes(&w) && w.base[2 * PAGE] == 'x');
	EXPECT(munmap(w.base, 3 * PAGE) == 0);
}

/*
 * mprotect splits the mapping and gives write access back: a page
 * written before and after keeps being the one page (no copy-on-write
 * in a shared mapping).
 */
static void test_mprotect_round_trip(void)
{
	struct writes w = { map_shared(3), { 0, PAGE, 2 * PAGE, -1 } };

	if (!w.base)
		return;
	w.base[PAGE] = 'x';
	EXPECT(mprotect(w.base + PAGE, PAGE, PROT_READ) == 0);
	EXPECT(maps_is((unsigned long)w.base + PAGE,
		       (unsigned long)w.base + 2 * PAGE, "r--s"));
	EXPECT(mprotect(w.base + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0);
	check_child_writes(&w, 3);
}

/*
 * mremap grows the mapping (moving it if need be): what was there stays
 * shared.  The object keeps its first size, so a touch beyond it is
 * SIGBUS, as in Linux.
 */
static int child_touches_beyond(void *arg)
{
	((char *)arg)[2 * PAGE] = 'C';
	return 0;
}

static void test_mremap_grow(void)
{
	char *p = map_shared(2), *q;
	struct writes w = { NULL, { 0, PAGE + 3, -1 } };
	int status;

	if (!p)
		return;
	p[0] = 'x';
	q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	if (!EXPECT(q != MAP_FAILED))
		return;
	EXPECT(q[0] == 'x');
	w.base = q;
	EXPECT(exited_with(run_child(child_writes, &w), 0));
	EXPECT(sees_writes(&w));
	status = run_child(child_touches_beyond, q);
	if (!EXPECT(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS))
		ktap_diag("wait status %#x, expected SIGBUS", status);
	EXPECT(munmap(q, 4 * PAGE) == 0);
}

/* MADV_DONTNEED drops the mapping only: the next read finds the data. */
static void test_madv_dontneed_keeps_data(void)
{
	char *p = map_shared(2);

	if (!p)
		return;
	memset(p, 'd', 2 * PAGE);
	EXPECT(madvise(p, 2 * PAGE, MADV_DONTNEED) == 0);
	EXPECT(p[0] == 'd' && p[2 * PAGE - 1] == 'd');
	EXPECT(munmap(p, 2 * PAGE) == 0);
}

/* The maps line: shared, and named after the object's file. */
static void test_maps_line(void)
{
	char *p = map_shared(3);
	struct vma v;

	if (!p)
		return;
	EXPECT(maps_is((unsigned long)p, (unsigned long)p + 3 * PAGE, "rw-s"));
	if (EXPECT(maps_find((unsigned long)p, &v) == 1) &&
	    !EXPECT(!strcmp(v.name, "/dev/zero (deleted)")))
		ktap_diag("named \"%s\"", v.name);
	EXPECT(munmap(p, 3 * PAGE) == 0);
}

/* Touched pages count in RssShmem (and VmRSS), not in RssAnon. */
static void test_rss_shmem(void)
{
	const long pages = 16, kb = pages * PAGE / 1024;
	long shmem0 = proc_kb("/proc/self/status", "RssShmem"), shmem1;
	long anon0 = proc_kb("/proc/self/status", "RssAnon"), anon1;
	char *p = map_shared(pages);
	long i;

	if (!p)
		return;
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	shmem1 = proc_kb("/proc/self/status", "RssShmem");
	anon1 = proc_kb("/proc/self/status", "RssAnon");
	if (!EXPECT(shmem0 >= 0 && shmem1 == shmem0 + kb))
		ktap_diag("RssShmem %ld kB, then %ld kB", shmem0, shmem1);
	EXPECT(anon1 < anon0 + kb);
	EXPECT(munmap(p, pages * PAGE) == 0);
	EXPECT(proc_kb("/proc/self/status", "RssShmem") == shmem0);
}

static const struct ktap_case cases[] = {
	{ "the child writes a page untouched before fork: the parent sees it",
	  test_child_write_seen },
	{ "the parent writes after fork: the waiting child sees it",
	  test_parent_write_seen },
	{ "a page read by both, then written by the child", test_read_then_write },
	{ "two children and a grandchild write one page", test_children_and_grandchild },
	{ "munmap of the middle keeps the rest shared", test_munmap_middle },
	{ "mprotect read-only and back keeps the pages shared", test_mprotect_round_trip },
	{ "mremap grow keeps the pages shared, SIGBUS past the object",
	  test_mremap_grow },
	{ "MADV_DONTNEED keeps the data", test_madv_dontneed_keeps_data },
	{ "maps says rw-s /dev/zero (deleted)", test_maps_line },
	{ "touched pages count in RssShmem", test_rss_shmem },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
