/*
 * munmap and mprotect split a VMA where they cut it, and mprotect back
 * (or a new mapping with the same flags) merges the pieces again, as
 * /proc/self/maps shows.  Three read-write pages sit between two
 * PROT_NONE pages, so no neighbour merges with them; their contents
 * survive every split and merge.
 */
#include <sys/mman.h>
#include "ktap.h"

static char *a;		/* the three pages */
#define P(i)	((unsigned long)a + (i) * PAGE)

static int intact(void)
{
	return a[0] == 'x' && a[2 * PAGE] == 'z' &&
	       (maps_find(P(1), &(struct vma){ 0 }) != 1 || a[PAGE] == 'y');
}

static void test_setup(void)
{
	char *g = mmap(NULL, 5 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(g != MAP_FAILED))
		return;
	a = mmap(g + PAGE, 3 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (!EXPECT(a == g + PAGE)) {
		a = NULL;
		return;
	}
	a[0] = 'x', a[PAGE] = 'y', a[2 * PAGE] = 'z';
	EXPECT(maps_is(P(0), P(3), "rw-p"));
	EXPECT(maps_is(P(-1), P(0), "---p"));
}

static void test_mprotect_splits(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(mprotect(a + PAGE, PAGE, PROT_READ) == 0);
	EXPECT(maps_is(P(0), P(1), "rw-p"));
	EXPECT(maps_is(P(1), P(2), "r--p"));
	EXPECT(maps_is(P(2), P(3), "rw-p"));
	EXPECT(intact());
}

static void test_mprotect_merges(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(mprotect(a + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0);
	EXPECT(maps_is(P(0), P(3), "rw-p"));
	EXPECT(intact());
}

static int read_page(void *i)
{
	return a[(long)i * PAGE];	/* 'x' for page 0, a fault for a missing one */
}

/* MADV_DONTFORK's VM_DONTCOPY: its own VMA, and not there in a child. */
static void test_dontfork(void)
{
	int status;

	if (!a)
		return ktap_skip("no mapping");
	EXPECT(madvise(a + PAGE, PAGE, MADV_DONTFORK) == 0);
	EXPECT(maps_is(P(0), P(1), "rw-p"));
	EXPECT(maps_is(P(1), P(2), "rw-p"));
	EXPECT(maps_is(P(2), P(3), "rw-p"));
	EXPECT(exited_with(run_child(read_page, (void *)0), 'x'));
	status = run_child(read_page, (void *)1);
	EXPECT(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	EXPECT(madvise(a + PAGE, PAGE, MADV_DOFORK) == 0);
	EXPECT(maps_is(P(0), P(3), "rw-p"));
	EXPECT(exited_with(run_child(read_page, (void *)1), 'y'));
	EXPECT(madvise(a, PAGE, 99) == -1 && errno == EINVAL);
	EXPECT(intact());
}

static void test_munmap_splits(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(munmap(a + PAGE, PAGE) == 0);
	EXPECT(maps_is(P(0), P(1), "rw-p"));
	EXPECT(maps_overlapping(P(1), P(2)) == 0);
	EXPECT(maps_is(P(2), P(3), "rw-p"));
	EXPECT(intact());
}

static void test_mmap_fills_and_merges(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(mmap(a + PAGE, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == a + PAGE);
	EXPECT(maps_is(P(0), P(3), "rw-p"));
	EXPECT(a[PAGE] == 0);	/* a new page */
	a[PAGE] = 'y';
	EXPECT(intact());
}

static void test_mprotect_hole(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(munmap(a + PAGE, PAGE) == 0);
	errno = 0;
	EXPECT(mprotect(a, 3 * PAGE, PROT_READ) == -1 && errno == ENOMEM);
	EXPECT(mprotect(a + PAGE, PAGE, PROT_READ) == -1 && errno == ENOMEM);
}

static void test_munmap_across(void)
{
	if (!a)
		return ktap_skip("no mapping");
	EXPECT(munmap(a - PAGE, 5 * PAGE) == 0);
	EXPECT(maps_overlapping(P(-1), P(4)) == 0);
	EXPECT(munmap(a - PAGE, 5 * PAGE) == 0);	/* nothing there: fine */
}

static void test_bad_arguments(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	errno = 0;
	EXPECT(munmap(p + 1, PAGE) == -1 && errno == EINVAL);
	EXPECT(munmap(p, 0) == -1 && errno == EINVAL);
	EXPECT(mprotect(p + 1, PAGE, PROT_READ) == -1 && errno == EINVAL);
	EXPECT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	       MAP_FAILED && errno == EINVAL);
	EXPECT(mmap(p + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		    -1, 0) == MAP_FAILED && errno == EINVAL);
	EXPECT(mmap(p, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
		    MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST);
	EXPECT(munmap(p, PAGE) == 0);
}

static const struct ktap_case cases[] = {
	{ "three pages between two PROT_NONE guards: one line", test_setup },
	{ "mprotect of the middle page splits it into three", test_mprotect_splits },
	{ "mprotect back merges them into one", test_mprotect_merges },
	{ "madvise DONTFORK splits, the child lacks the page; DOFORK merges", test_dontfork },
	{ "munmap of the middle page leaves two lines", test_munmap_splits },
	{ "mmap MAP_FIXED into the hole merges back into one", test_mmap_fills_and_merges },
	{ "mprotect over a hole is ENOMEM", test_mprotect_hole },
	{ "munmap across several lines removes them all", test_munmap_across },
	{ "misaligned or empty ranges are EINVAL, NOREPLACE is EEXIST",
	  test_bad_arguments },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
