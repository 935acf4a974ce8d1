/*
 * File-backed private mappings and mremap from user space.  The file is
 * the program's own (/proc/self/exe: utests, the multi-call binary of
 * all test programs), which exists in our initramfs and on the host
 * alike.  A read maps the file's bytes; a write copies the page, so
 * neither the file nor another mapping of it sees the write, and a fork
 * shares the copy until one side writes.  Past the end of
 * the file the last page reads zero and a page wholly beyond it is
 * SIGBUS.  mremap shrinks, grows in place, moves, and keeps a file
 * mapping's name and offset in /proc/self/maps.
 *
 * The mremap cases build their own neighbourhood between PROT_NONE
 * guards, so no other mapping touches or merges with the one tested:
 *
 *	guard | mapping (2 pages) | hole (2 pages) | guard
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "ktap.h"

#define P(n)		((long)(n) * (long)PAGE)
#define SELF		"/proc/self/exe"

static int fd = -1;		/* the program's file, O_RDONLY */
static long fsize;		/* its size */
static char exe_name[128];	/* its name in /proc/self/maps */

/* ---- the file and the maps lines ---- */

/*
 * Do the len bytes at p equal the file's at off, as read gives them?
 * (lseek and read: our kernel has no pread64.)
 */
static int same_as_file(const char *p, long off, long len)
{
	static char buf[4 * PAGE];
	long n;

	if (lseek(fd, off, SEEK_SET) != off)
		return 0;
	for (; len > 0; p += n, len -= n) {
		n = len < (long)sizeof(buf) ? len : (long)sizeof(buf);
		if (read(fd, buf, n) != n || memcmp(p, buf, n))
			return 0;
	}
	return 1;
}

static int all_zero(const char *p, long len)
{
	while (len--)
		if (*p++)
			return 0;
	return 1;
}

/*
 * Is the line of /proc/self/maps holding start exactly [start, end)
 * with perms, mapping the program's file from offset off?
 */
static int file_line_is(const void *start, const void *end, const char *perms,
			long off)
{
	static char buf[65536];
	unsigned long s, e, o, addr = (unsigned long)start;
	char *line, *next, pr[5];
	int name;

	if (read_file("/proc/self/maps", buf, sizeof(buf)) < 0)
		return 0;
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		name = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %n", &s, &e, pr, &o,
			   &name) < 4 || addr < s || addr >= e)
			continue;
		if (s == addr && e == (unsigned long)end && !strcmp(pr, perms) &&
		    o == (unsigned long)off && name && !strcmp(line + name, exe_name))
			return 1;
		ktap_diag("%s", line);
		ktap_diag("expected %08lx-%08lx %s %08lx %s", addr,
			  (unsigned long)end, perms, off, exe_name);
		return 0;
	}
	ktap_diag("no line holds %08lx", addr);
	return 0;
}

static char *map_file(void *addr, long len, int prot, int flags, long off)
{
	char *p = mmap(addr, len, prot, flags, fd, off);

	return p == MAP_FAILED ? NULL : p;
}

/* A child that reads (or writes) the byte at arg: its status. */
static int touch_read(void *arg)
{
	return *(volatile char *)arg;
}

static int touch_write(void *arg)
{
	*(volatile char *)arg = 1;
	return 0;
}

static int killed_by(int status, int sig)
{
	if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig)
		return 1;
	if (status != -1 && WIFSIGNALED(status))
		ktap_diag("child killed by signal %d, expected %d", WTERMSIG(status), sig);
	else
		ktap_diag("child not killed (status %#x), expected signal %d", status, sig);
	return 0;
}

/* ---- mapping the file ---- */

static void test_setup(void)
{
	struct stat st;
	struct vma text;

	fd = open(SELF, O_RDONLY);
	if (!EXPECT(fd >= 0) || !EXPECT(fstat(fd, &st) == 0))
		return;
	fsize = st.st_size;
	EXPECT(fsize > P(16));	/* the cases map up to its ninth page */
	if (EXPECT(maps_find((unsigned long)test_setup, &text) == 1))
		snprintf(exe_name, sizeof(exe_name), "%s", text.name);
	EXPECT(exe_name[0] == '/');
}

/* Read-only mappings at offset 0 and at page-aligned offsets. */
static void test_read_only(void)
{
	static const struct { long off_pages, pages; } maps[] = {
		{ 0, 1 }, { 0, 4 }, { 2, 3 }, { 5, 1 },
	};
	int i;

	for (i = 0; i < KTAP_N(maps); i++) {
		long off = P(maps[i].off_pages), len = P(maps[i].pages);
		char *p = map_file(NULL, len, PROT_READ, MAP_PRIVATE, off);

		if (!EXPECT(p))
			continue;
		EXPECT(same_as_file(p, off, len));
		EXPECT(file_line_is(p, p + len, "r--p", off));
		EXPECT(munmap(p, len) == 0);
	}
}

static void test_private_write(void)
{
	char *p = map_file(NULL, P(2), PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	char *q = map_file(NULL, P(2), PROT_READ, MAP_PRIVATE, 0);

	if (!EXPECT(p && q))
		return;
	EXPECT(file_line_is(p, p + P(2), "rw-p", 0));
	memcpy(p + 1, "written", 7);
	p[P(1) + 7] = 'x';
	EXPECT(!memcmp(p + 1, "written", 7) && p[P(1) + 7] == 'x');
	EXPECT(!same_as_file(p, 0, 8));
	EXPECT(same_as_file(p + 8, 8, P(1) - 8));	/* the rest of the copy */
	EXPECT(same_as_file(q, 0, P(2)));		/* the other mapping */
	EXPECT(munmap(p, P(2)) == 0);
	/* The write is gone with the mapping: a new one is the file again. */
	p = map_file(NULL, P(2), PROT_READ, MAP_PRIVATE, 0);
	EXPECT(p && same_as_file(p, 0, P(2)));
	EXPECT(!p || munmap(p, P(2)) == 0);
	EXPECT(munmap(q, P(2)) == 0);
}

/* A read-only private mapping may become writable; a write copies. */
static void test_mprotect_then_write(void)
{
	char *p = map_file(NULL, P(1), PROT_READ, MAP_PRIVATE, P(1));

	if (!EXPECT(p))
		return;
	EXPECT(same_as_file(p, P(1), P(1)));
	EXPECT(mprotect(p, P(1), PROT_READ | PROT_WRITE) == 0);
	p[0] = ~p[0];
	EXPECT(!same_as_file(p, P(1), 1) && same_as_file(p + 1, P(1) + 1, P(1) - 1));
	EXPECT(file_line_is(p, p + P(1), "rw-p", P(1)));
	EXPECT(munmap(p, P(1)) == 0);
}

static char *forked;	/* two private writable pages of the file, for the child */

static int child_of_private(void *arg)
{
	(void)arg;
	if (memcmp(forked, "parent", 6))
		return 1;			/* the pre-fork write */
	if (!same_as_file(forked + P(1), P(1), P(1)))
		return 2;			/* the untouched page */
	memcpy(forked, "child!", 6);
	forked[P(1)] = ~forked[P(1)];
	return memcmp(forked, "child!", 6) ? 3 : 0;
}

static void test_fork(void)
{
	forked = map_file(NULL, P(2), PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	if (!EXPECT(forked))
		return;
	memcpy(forked, "parent", 6);
	EXPECT(exited_with(run_child(child_of_private, NULL), 0));
	EXPECT(!memcmp(forked, "parent", 6));
	EXPECT(same_as_file(forked + 6, 6, P(2) - 6));
	EXPECT(munmap(forked, P(2)) == 0);
}

/* ---- past the end of the file ---- */

static void test_past_eof(void)
{
	long last = fsize & ~(PAGE - 1), tail = fsize - last;
	char *p;

	if (!tail)
		return ktap_skip("the file's size is a multiple of the page size");
	/* The file's last page and one wholly beyond it. */
	p = map_file(NULL, P(2), PROT_READ | PROT_WRITE, MAP_PRIVATE, last);
	if (!EXPECT(p))
		return;
	EXPECT(same_as_file(p, last, tail));
	EXPECT(all_zero(p + tail, PAGE - tail));
	p[PAGE - 1] = 'z';	/* a private copy of the last page: fine */
	EXPECT(same_as_file(p, last, tail));
	EXPECT(killed_by(run_child(touch_read, p + PAGE), SIGBUS));
	EXPECT(killed_by(run_child(touch_write, p + P(2) - 1), SIGBUS));
	EXPECT(file_line_is(p, p + P(2), "rw-p", last));
	EXPECT(munmap(p, P(2)) == 0);
	/* A mapping that starts beyond the end: SIGBUS at once. */
	p = map_file(NULL, P(1), PROT_READ, MAP_PRIVATE, last + P(1));
	if (EXPECT(p)) {
		EXPECT(killed_by(run_child(touch_read, p), SIGBUS));
		EXPECT(munmap(p, P(1)) == 0);
	}
}

/* ---- mmap's errors ---- */

enum { FD_FILE, FD_CLOSED, FD_NONE, FD_DIR };

static const struct mmap_error {
	const char *what;
	int which_fd, prot, flags;
	long len, off;
	int err;
} mmap_errors[] = {
	{ "offset not page-aligned", FD_FILE, PROT_READ, MAP_PRIVATE, P(1), 100, EINVAL },
	{ "zero length", FD_FILE, PROT_READ, MAP_PRIVATE, 0, 0, EINVAL },
	{ "neither shared nor private", FD_FILE, PROT_READ, 0, P(1), 0, EINVAL },
	{ "writable shared on an O_RDONLY fd", FD_FILE, PROT_READ | PROT_WRITE,
	  MAP_SHARED, P(1), 0, EACCES },
	{ "closed fd", FD_CLOSED, PROT_READ, MAP_PRIVATE, P(1), 0, EBADF },
	{ "fd -1 without MAP_ANONYMOUS", FD_NONE, PROT_READ, MAP_PRIVATE, P(1), 0, EBADF },
	{ "a directory", FD_DIR, PROT_READ, MAP_PRIVATE, P(1), 0, ENODEV },
};

static int open_kind(int which)
{
	int f;

	switch (which) {
	case FD_FILE:
		return open(SELF, O_RDONLY);
	case FD_CLOSED:
		f = open(SELF, O_RDONLY);
		close(f);
		return f;
	case FD_DIR:
		return open("/", O_RDONLY);
	}
	return -1;
}

static void test_mmap_errors(void)
{
	int i, f;

	for (i = 0; i < KTAP_N(mmap_errors); i++) {
		const struct mmap_error *e = &mmap_errors[i];
		void *p;

		f = open_kind(e->which_fd);
		if (e->which_fd != FD_CLOSED && e->which_fd != FD_NONE &&
		    !EXPECT(f >= 0))
			continue;
		errno = 0;
		p = mmap(NULL, e->len, e->prot, e->flags, f, e->off);
		if (!EXPECT(p == MAP_FAILED && errno == e->err)) {
			ktap_diag("%s: got %p errno %d, expected errno %d", e->what,
				  p, errno, e->err);
			if (p != MAP_FAILED)
				munmap(p, e->len);
		}
		if (f >= 0)
			close(f);
	}
}

/* A /proc file has text made at open, no pages to map: ENODEV as a directory. */
static void test_mmap_proc(void)
{
	int f = open("/proc/self/maps", O_RDONLY);
	char *p;

	if (!EXPECT(f >= 0))
		return;
	errno = 0;
	p = mmap(NULL, P(1), PROT_READ, MAP_PRIVATE, f, 0);
	if (!EXPECT(p == MAP_FAILED && errno == ENODEV) && p != MAP_FAILED)
		munmap(p, P(1));
	close(f);
}

/* glibc refuses an unaligned offset itself; the kernel's old mmap too. */
static void test_old_mmap_unaligned(void)
{
	unsigned long args[6] = { 0, P(1), PROT_READ, MAP_PRIVATE, fd, 100 };

	errno = 0;
	EXPECT(syscall(SYS_mmap, args) == -1 && errno == EINVAL);
	args[5] = P(1);
	args[0] = syscall(SYS_mmap, args);
	if (EXPECT(args[0] != (unsigned long)-1)) {
		EXPECT(same_as_file((char *)args[0], P(1), P(1)));
		EXPECT(munmap((void *)args[0], P(1)) == 0);
	}
}

/* A shared read-only mapping works ("r--s"), but never becomes writable. */
static void test_shared_read_only(void)
{
	char *p = map_file(NULL, P(2), PROT_READ, MAP_SHARED, P(1));

	if (!EXPECT(p))
		return;
	EXPECT(same_as_file(p, P(1), P(2)));
	EXPECT(file_line_is(p, p + P(2), "r--s", P(1)));
	errno = 0;
	EXPECT(mprotect(p, P(2), PROT_READ | PROT_WRITE) == -1 && errno == EACCES);
	EXPECT(killed_by(run_child(touch_write, p), SIGSEGV));
	EXPECT(munmap(p, P(2)) == 0);
}

/* ---- mremap ---- */

static char *guard_lo, *m;	/* the layout's guards and mapping */

/* guard | m: pages of the file from off (or anonymous) | hole | guard */
static int layout(int file, int prot, long off)
{
	int flags = MAP_PRIVATE | MAP_FIXED;

	guard_lo = mmap(NULL, P(6), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(guard_lo != MAP_FAILED))
		return 0;
	m = file ? map_file(guard_lo + P(1), P(2), prot, flags, off) :
		   mmap(guard_lo + P(1), P(2), prot, flags | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(m == guard_lo + P(1)))
		return 0;
	return EXPECT(munmap(m + P(2), P(2)) == 0);
}

static void layout_free(void)
{
	EXPECT(munmap(guard_lo, P(6)) == 0);
}

static void test_mremap_shrink(void)
{
	char *p;

	if (!layout(1, PROT_READ, P(1)))
		return;
	p = mremap(m, P(2), P(1), 0);
	EXPECT(p == m);
	EXPECT(file_line_is(m, m + P(1), "r--p", P(1)));
	EXPECT(maps_overlapping((unsigned long)m + P(1), (unsigned long)m + P(2)) == 0);
	EXPECT(same_as_file(m, P(1), P(1)));
	EXPECT(killed_by(run_child(touch_read, m + P(1)), SIGSEGV));
	layout_free();
}

static void test_mremap_grow_anon(void)
{
	char *p;

	if (!layout(0, PROT_READ | PROT_WRITE, 0))
		return;
	m[0] = 'a', m[P(2) - 1] = 'b';
	p = mremap(m, P(2), P(4), 0);
	EXPECT(p == m);
	EXPECT(maps_is((unsigned long)m, (unsigned long)m + P(4), "rw-p"));
	EXPECT(m[0] == 'a' && m[P(2) - 1] == 'b');
	EXPECT(all_zero(m + P(2), P(2)));
	layout_free();
}

static void test_mremap_grow_file(void)
{
	char *p;

	if (!layout(1, PROT_READ | PROT_WRITE, P(2)))
		return;
	m[0] = ~m[0];
	p = mremap(m, P(2), P(4), 0);
	EXPECT(p == m);
	EXPECT(file_line_is(m, m + P(4), "rw-p", P(2)));
	EXPECT(!same_as_file(m, P(2), 1));		/* the private copy */
	EXPECT(same_as_file(m + 1, P(2) + 1, P(4) - 1));	/* the file after */
	layout_free();
}

/* Without room, ENOMEM unless it may move; moved, the old range is gone. */
static void test_mremap_move(void)
{
	char *p;

	if (!layout(1, PROT_READ | PROT_WRITE, P(3)))
		return;
	memcpy(m + P(1), "moved", 5);
	errno = 0;
	EXPECT(mremap(m, P(2), P(5), 0) == MAP_FAILED && errno == ENOMEM);
	EXPECT(file_line_is(m, m + P(2), "rw-p", P(3)));
	p = mremap(m, P(2), P(5), MREMAP_MAYMOVE);
	if (EXPECT(p != MAP_FAILED && p != m)) {
		EXPECT(maps_overlapping((unsigned long)m, (unsigned long)m + P(2)) == 0);
		EXPECT(file_line_is(p, p + P(5), "rw-p", P(3)));
		EXPECT(same_as_file(p, P(3), P(1)) && !memcmp(p + P(1), "moved", 5));
		EXPECT(same_as_file(p + P(1) + 5, P(4) + 5, P(4) - 5));
		EXPECT(munmap(p, P(5)) == 0);
	}
	layout_free();
}

/* MREMAP_FIXED: to the chosen address, over what was there. */
static void test_mremap_fixed(void)
{
	char *target = mmap(NULL, P(3), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct vma v;
	char *p;

	if (!EXPECT(target != MAP_FAILED) || !layout(1, PROT_READ | PROT_WRITE, P(1)))
		return;
	m[0] = ~m[0];
	p = mremap(m, P(2), P(2), MREMAP_MAYMOVE | MREMAP_FIXED, target + P(1));
	EXPECT(p == target + P(1));
	EXPECT(maps_overlapping((unsigned long)m, (unsigned long)m + P(2)) == 0);
	EXPECT(file_line_is(p, p + P(2), "rw-p", P(1)));
	EXPECT(maps_find((unsigned long)target, &v) == 1 && !strcmp(v.perms, "---p") &&
	       v.end == (unsigned long)p);	/* the rest of the target */
	EXPECT(!same_as_file(p, P(1), 1) && same_as_file(p + 1, P(1) + 1, P(2) - 1));
	EXPECT(munmap(target, P(3)) == 0);
	layout_free();
}

/*
 * The second page of a file mapping, grown past the upper guard, moves
 * and keeps its own offset; the first stays.
 */
static void test_mremap_part(void)
{
	char *p;

	if (!layout(1, PROT_READ, P(4)))
		return;
	p = mremap(m + P(1), P(1), P(4), MREMAP_MAYMOVE);
	if (EXPECT(p != MAP_FAILED && p != m + P(1))) {
		EXPECT(file_line_is(m, m + P(1), "r--p", P(4)));
		EXPECT(maps_overlapping((unsigned long)m + P(1), (unsigned long)m + P(2)) == 0);
		EXPECT(file_line_is(p, p + P(4), "r--p", P(5)));
		EXPECT(same_as_file(p, P(5), P(4)));
		EXPECT(munmap(p, P(4)) == 0);
	}
	layout_free();
}

/* Errors on the layout, which each leaves as it was (m: 2 pages, then a hole). */
static const struct mremap_error {
	const char *what;
	long addr, old_len, new_len;	/* addr and new_addr: from m */
	int flags;
	long new_addr;
	int err;
} mremap_errors[] = {
	{ "an unknown flag", 0, P(2), P(3), 8, 0, EINVAL },
	{ "MREMAP_FIXED without MAYMOVE", 0, P(2), P(2), MREMAP_FIXED, P(2), EINVAL },
	{ "address not page-aligned", 1, P(1), P(2), MREMAP_MAYMOVE, 0, EINVAL },
	{ "new length zero", 0, P(2), 0, MREMAP_MAYMOVE, 0, EINVAL },
	{ "old length zero, private", 0, 0, P(1), MREMAP_MAYMOVE, 0, EINVAL },
	{ "FIXED to an unaligned address", 0, P(2), P(2),
	  MREMAP_MAYMOVE | MREMAP_FIXED, P(2) + 1, EINVAL },
	{ "FIXED onto an overlapping range", 0, P(2), P(2),
	  MREMAP_MAYMOVE | MREMAP_FIXED, P(1), EINVAL },
	{ "old range in the hole", P(2), P(1), P(2), 0, 0, EFAULT },
	{ "old range in the hole, MAYMOVE", P(2), P(1), P(2), MREMAP_MAYMOVE, 0, EFAULT },
	{ "old range past the mapping", 0, P(3), P(4), MREMAP_MAYMOVE, 0, EFAULT },
	{ "no room above, may not move", 0, P(2), P(5), 0, 0, ENOMEM },
};

static void test_mremap_errors(void)
{
	int i;

	if (!layout(1, PROT_READ, 0))
		return;
	for (i = 0; i < KTAP_N(mremap_errors); i++) {
		const struct mremap_error *e = &mremap_errors[i];
		void *p;

		errno = 0;
		p = mremap(m + e->addr, e->old_len, e->new_len, e->flags,
			   m + e->new_addr);
		if (!EXPECT(p == MAP_FAILED && errno == e->err))
			ktap_diag("%s: got %p errno %d, expected errno %d", e->what,
				  p, errno, e->err);
		if (!EXPECT(file_line_is(m, m + P(2), "r--p", 0)))
			break;
	}
	EXPECT(same_as_file(m, 0, P(2)));
	layout_free();
}

/*
 * Shrinking a range that is not mapped is EFAULT too: Linux 6 looks the
 * VMA up before it shrinks (early 5.x unmapped the tail and returned
 * the address, whatever was there).
 */
static void test_mremap_shrink_hole(void)
{
	char *p;

	if (!layout(1, PROT_READ, 0))
		return;
	errno = 0;
	p = mremap(m + P(2), P(2), P(1), 0);
	if (!EXPECT(p == MAP_FAILED && errno == EFAULT))
		ktap_diag("got %p errno %d, expected errno %d", p, errno, EFAULT);
	EXPECT(file_line_is(m, m + P(2), "r--p", 0));
	layout_free();
}

static const struct ktap_case cases[] = {
	{ "open " SELF ", its text line names the file", test_setup },
	{ "read-only private mappings hold the file's bytes, r--p at their offset", test_read_only },
	{ "a private write stays in the mapping: not in the file or another mapping", test_private_write },
	{ "mprotect makes a private file mapping writable; the write copies", test_mprotect_then_write },
	{ "fork: the child sees the parent's write, the parent not the child's", test_fork },
	{ "past EOF: the last page's tail reads zero, the next page is SIGBUS", test_past_eof },
	{ "mmap errors: EINVAL, EACCES, EBADF, ENODEV", test_mmap_errors },
	{ "mmap of /proc/self/maps is ENODEV", test_mmap_proc },
	{ "old mmap: an unaligned offset is EINVAL, an aligned one maps", test_old_mmap_unaligned },
	{ "MAP_SHARED read-only is r--s and never writable", test_shared_read_only },
	{ "mremap shrinks: the tail is unmapped, touching it is SIGSEGV", test_mremap_shrink },
	{ "mremap grows anonymous memory in place, the new part zero", test_mremap_grow_anon },
	{ "mremap grows a file mapping in place over the file's next pages", test_mremap_grow_file },
	{ "mremap without room: ENOMEM, with MREMAP_MAYMOVE it moves", test_mremap_move },
	{ "mremap MREMAP_FIXED moves to the chosen address", test_mremap_fixed },
	{ "mremap moves a file mapping's second page, which keeps its offset", test_mremap_part },
	{ "mremap errors: EINVAL, EFAULT, ENOMEM; the mapping stays", test_mremap_errors },
	{ "mremap shrinking an unmapped range is EFAULT", test_mremap_shrink_hole },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
