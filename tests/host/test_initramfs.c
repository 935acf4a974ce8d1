/*
 * Host tests for kernel/initramfs.c and kernel/ramfs.c: a table of newc
 * archives, good and damaged, each unpacked from a heap block of exactly
 * its bytes (a read past them lands in an ASan redzone), each with the
 * one report line it must produce and what must, and must not, have been
 * unpacked; then path lookup, read and get_page at their edges.  Every
 * case ends with the tree emptied and every page and kmalloc returned.
 *
 * host-test-sources: kernel/initramfs.c kernel/ramfs.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/multiboot2.h>
#include <linux/ramfs.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/setup.h>

/* ---- what the two files need from the kernel ---- */

struct host_page {
	struct page page;
	u8 data[PAGE_SIZE];
};

static long pages_out, kmallocs_out;
static long fail_page_after = -1;	/* >= 0: that many succeed, then NULL */

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct host_page *hp;

	if (order || fail_page_after == 0)
		return NULL;
	if (fail_page_after > 0)
		fail_page_after--;
	hp = calloc(1, sizeof(*hp));
	memset(hp->data, 0x6b, PAGE_SIZE);	/* not zeroed, as GFP_HIGHUSER */
	pages_out++;
	return &hp->page;
}

void __free_pages(struct page *page, unsigned int order)
{
	pages_out--;
	free(container_of(page, struct host_page, page));
}

void *kmap_atomic(struct page *page)
{
	return container_of(page, struct host_page, page)->data;
}

void kunmap_atomic(void *addr)
{
}

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p = malloc(size);

	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	kmallocs_out += p != NULL;
	return p;
}

void kfree(const void *p)
{
	kmallocs_out -= p != NULL;
	free((void *)p);
}

void mon_printf(const char *fmt, ...)
{
}

/* The boot half (populate_rootfs) is tested by tests/kernel instead. */
struct mb2_info boot_info;
struct page *mem_map;
unsigned long max_mapnr, max_low_pfn, totalram_pages, totalhigh_pages;
char _text[1], _end[1];

void __free_pages_core(struct page *page, unsigned int order)
{
}

pg_data_t contig_page_data;

unsigned long zone_free_pages(const struct zone *zone)
{
	return 0;
}

int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return 0;
}

void setup_per_zone_wmarks(void)
{
}

/* ---- building archives ---- */

#define HDR	110		/* a newc header */
#define F_MODE	1		/* field numbers, as in the header */
#define F_FILESIZE 6
#define F_NAMESIZE 11

struct archive {
	u8 buf[16384];
	size_t len;
	size_t bad;		/* the damaged entry's offset */
	char expect[200];	/* the report it must produce, or "" */
};

/* Appends one well-formed entry; returns its offset. */
static size_t add(struct archive *a, const char *name, u32 mode,
		  const void *data, u32 size)
{
	size_t off = a->len;
	u32 namesize = strlen(name) + 1;
	char hdr[HDR + 1];

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 (u32)off, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, namesize, 0);
	memcpy(a->buf + off, hdr, HDR);
	memcpy(a->buf + off + HDR, name, namesize);
	a->len = ALIGN(off + HDR + namesize, 4);
	memcpy(a->buf + a->len, data, size);
	a->len = ALIGN(a->len + size, 4);
	return off;
}

static size_t add_file(struct archive *a, const char *name, const char *text)
{
	return add(a, name, S_IFREG | 0644, text, strlen(text));
}

static void trailer(struct archive *a)
{
	add(a, "TRAILER!!!", 0, "", 0);
}

/* Overwrites header field nr of the entry at off with 8 characters. */
static void patch(struct archive *a, size_t off, int nr, const char *eight)
{
	memcpy(a->buf + off + 6 + 8 * nr, eight, 8);
}

static void patch_hex(struct archive *a, size_t off, int nr, u32 v)
{
	char s[9];

	snprintf(s, sizeof(s), "%08X", v);
	patch(a, off, nr, s);
}

/* What every row starts with: /bin/ok must survive the damage after it. */
static void start(struct archive *a)
{
	add(a, ".", S_IFDIR | 0755, "", 0);
	add(a, "bin", S_IFDIR | 0755, "", 0);
	add_file(a, "bin/ok", "ok\n");
}

/* The damaged entry at a->bad; then one more file, which must not appear. */
static void finish(struct archive *a, const char *what)
{
	add_file(a, "after", "x");
	trailer(a);
	snprintf(a->expect, sizeof(a->expect),
		 "initramfs: test: %s at offset %zu, rest of the archive skipped\n",
		 what, a->bad);
}

#define BAD(a, what, ...)						\
	snprintf((a)->expect, sizeof((a)->expect),			\
		 "initramfs: test: " what ", rest of the archive skipped\n", \
		 __VA_ARGS__)

static void arc_good(struct archive *a)
{
	start(a);
	add(a, "./bin/link", S_IFLNK | 0777, "ok", 2);
	add_file(a, "after", "x");
	trailer(a);
}

static void arc_bad_magic(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	memcpy(a->buf + a->bad, "070702", 6);
	finish(a, "bad magic (not 070701)");
}

static void arc_not_hex(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	patch(a, a->bad, F_FILESIZE, "0000000g");
	finish(a, "c_filesize is not 8 hex digits");
	BAD(a, "c_filesize is not 8 hex digits at offset %zu", a->bad + 6 + 8 * F_FILESIZE);
}

static void arc_truncated_header(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	a->len = a->bad + 50;
	BAD(a, "truncated header (50 of 110 bytes) at offset %zu", a->bad);
}

static void arc_size_past_end(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	trailer(a);
	patch_hex(a, a->bad, F_FILESIZE, 0x10000000);
	BAD(a, "c_filesize 268435456 past the end (%zu bytes left) at offset %zu",
	    a->len - (a->bad + HDR + 2), a->bad);	/* "x\0": no padding */
}

static void arc_size_wraps(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	trailer(a);
	patch_hex(a, a->bad, F_FILESIZE, 0xfffffffc);
	BAD(a, "c_filesize 4294967292 past the end (%zu bytes left) at offset %zu",
	    a->len - (a->bad + HDR + 2), a->bad);	/* "x\0": no padding */
}

static void arc_size_just_past_end(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "abcd");
	a->len = a->bad + HDR + 2 + 2;		/* half the data */
	BAD(a, "c_filesize 4 past the end (2 bytes left) at offset %zu", a->bad);
}

static void arc_name_no_nul(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	patch_hex(a, a->bad, F_NAMESIZE, 3);
	finish(a, "");
	BAD(a, "name not ending at its only NUL at offset %zu", a->bad + HDR);
}

static void arc_name_inner_nul(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abcdef", "x");
	a->buf[a->bad + HDR + 2] = 0;
	finish(a, "");
	BAD(a, "name not ending at its only NUL at offset %zu", a->bad + HDR);
}

static void arc_name_empty(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "", "x");
	finish(a, "empty name");
	BAD(a, "empty name at offset %zu", a->bad + HDR);
}

static void arc_namesize_zero(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	patch_hex(a, a->bad, F_NAMESIZE, 0);
	finish(a, "c_namesize 0 out of range");
}

static void arc_namesize_huge(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	patch_hex(a, a->bad, F_NAMESIZE, 0x7fffffff);
	finish(a, "c_namesize 2147483647 out of range");
}

static void arc_name_past_end(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	patch_hex(a, a->bad, F_NAMESIZE, 4000);
	BAD(a, "name of 4000 bytes past the end at offset %zu", a->bad + HDR);
	a->len = a->bad + HDR + 8;
}

static void arc_mode_absurd(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	patch(a, a->bad, F_MODE, "FFFFFFFF");
	finish(a, "absurd c_mode 37777777777");
}

static void arc_mode_no_type(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	patch_hex(a, a->bad, F_MODE, 0170644);
	finish(a, "c_mode 170644 is no file type");
}

static void arc_mode_zero(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "x", "x");
	patch_hex(a, a->bad, F_MODE, 0);
	finish(a, "c_mode 0 is no file type");
}

static void arc_name_padding(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "ab", "x");	/* 110 + 3: one byte of padding */
	a->buf[a->bad + HDR + 3] = 'Z';
	finish(a, "");
	BAD(a, "non-zero padding after the name at offset %zu", a->bad + HDR + 3);
}

static void arc_data_padding(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	a->buf[a->bad + HDR + 6 + 2] = 'Z';	/* "abc\0", 2 of padding, "x" */
	finish(a, "");
	BAD(a, "non-zero padding after the data at offset %zu", a->bad + HDR + 6 + 2);
}

static void arc_padding_past_end(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "abc", "x");
	a->len = a->bad + HDR + 6 + 1;	/* the data, not its padding */
	BAD(a, "padding after the data past the end at offset %zu", a->len);
}

static void arc_duplicate(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "bin/ok", "again\n");
	finish(a, "duplicate name \"bin/ok\"");
}

static void arc_no_parent(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "nodir/x", "x");
	finish(a, "cannot create \"nodir/x\" (error -2)");
}

static void arc_parent_is_file(struct archive *a)
{
	start(a);
	a->bad = add_file(a, "bin/ok/x", "x");
	finish(a, "cannot create \"bin/ok/x\" (error -20)");
}

static void arc_dir_with_data(struct archive *a)
{
	start(a);
	a->bad = add(a, "d", S_IFDIR | 0755, "abcd", 4);
	finish(a, "directory \"d\" with 4 bytes of data");
}

static void arc_symlink_empty(struct archive *a)
{
	start(a);
	a->bad = add(a, "l", S_IFLNK | 0777, "", 0);
	finish(a, "symlink \"l\" with a target of 0 bytes");
}

static void arc_symlink_nul(struct archive *a)
{
	start(a);
	a->bad = add(a, "l", S_IFLNK | 0777, "a\0b", 3);
	finish(a, "");
	BAD(a, "symlink \"l\" with a NUL in its target at offset %zu", a->bad + HDR + 2);
}

static void arc_no_trailer(struct archive *a)
{
	start(a);
	BAD(a, "end of data before TRAILER!!! at offset %zu", a->len);
}

static void arc_empty(struct archive *a)
{
	BAD(a, "end of data before TRAILER!!! at offset %d", 0);
}

/* Unsupported types are reported and skipped; the archive goes on. */
static void arc_device(struct archive *a)
{
	start(a);
	add(a, "dev", S_IFDIR | 0755, "", 0);
	add(a, "dev/console", S_IFCHR | 0600, "", 0);
	add_file(a, "after", "x");
	trailer(a);
	snprintf(a->expect, sizeof(a->expect),
		 "initramfs: test: \"dev/console\" (mode 20600) skipped: only directories, files and symlinks\n");
}

/* Two archives, zero padding between and after, as Linux accepts. */
static void arc_concatenated(struct archive *a)
{
	start(a);
	trailer(a);
	a->len += 512;
	add_file(a, "after", "x");
	trailer(a);
	a->len += 100;
}

static void arc_unaligned_second(struct archive *a)
{
	start(a);
	trailer(a);
	a->len += 2;
	a->bad = a->len;
	add_file(a, "after", "x");
	trailer(a);
	BAD(a, "archive after TRAILER!!! not 4-byte aligned at offset %zu", a->bad);
}

struct archive_case {
	const char *name;
	void (*build)(struct archive *a);
	bool ok;		/* unpack_to_rootfs returns 0 */
	bool after;		/* /after was unpacked */
};

static const struct archive_case archive_cases[] = {
	{ "good", arc_good, true, true },
	{ "bad magic", arc_bad_magic, false, false },
	{ "field not hex", arc_not_hex, false, false },
	{ "truncated header", arc_truncated_header, false, false },
	{ "file size past the end", arc_size_past_end, false, false },
	{ "file size wrapping around", arc_size_wraps, false, false },
	{ "file size 2 bytes past the end", arc_size_just_past_end, false, false },
	{ "name without NUL", arc_name_no_nul, false, false },
	{ "NUL inside the name", arc_name_inner_nul, false, false },
	{ "empty name", arc_name_empty, false, false },
	{ "name size 0", arc_namesize_zero, false, false },
	{ "name size huge", arc_namesize_huge, false, false },
	{ "name past the end", arc_name_past_end, false, false },
	{ "absurd mode", arc_mode_absurd, false, false },
	{ "mode without a type", arc_mode_no_type, false, false },
	{ "mode 0", arc_mode_zero, false, false },
	{ "padding after the name", arc_name_padding, false, false },
	{ "padding after the data", arc_data_padding, false, false },
	{ "padding past the end", arc_padding_past_end, false, false },
	{ "duplicate name", arc_duplicate, false, false },
	{ "no parent directory", arc_no_parent, false, false },
	{ "parent is a file", arc_parent_is_file, false, false },
	{ "directory with data", arc_dir_with_data, false, false },
	{ "empty symlink", arc_symlink_empty, false, false },
	{ "NUL in a symlink", arc_symlink_nul, false, false },
	{ "no trailer", arc_no_trailer, false, false },
	{ "empty module", arc_empty, false, false },
	{ "device skipped", arc_device, true, true },
	{ "concatenated archives", arc_concatenated, true, true },
	{ "unaligned second archive", arc_unaligned_second, false, false },
};

static bool exists(const char *path)
{
	int err;

	return ramfs_lookup(path, &err) != NULL;
}

/* Empties the tree; nothing may be left allocated. */
static void reset(struct ktest *test)
{
	ramfs_reset();
	EXPECT_EQ(test, pages_out, 0);
	EXPECT_EQ(test, kmallocs_out, 0);
}

static void test_archives(struct ktest *test)
{
	static struct archive a;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(archive_cases); i++) {
		const struct archive_case *c = &archive_cases[i];
		size_t mark = printk_log_pos();
		u8 *exact;
		int ret;

		memset(&a, 0, sizeof(a));
		c->build(&a);
		printk("# archive: %s\n", c->name);
		mark = printk_log_pos();
		exact = malloc(a.len + 1);	/* +1: malloc(0) may be NULL */
		memcpy(exact, a.buf, a.len);
		ret = unpack_to_rootfs(exact, a.len, "test");
		free(exact);
		EXPECT_EQ(test, ret, c->ok ? 0 : -EINVAL);
		if (a.expect[0] && !printk_log_find(mark, a.expect)) {
			printk("# expected: %s", a.expect);
			ktest_fail_msg(test, __FILE__, __LINE__,
				       "the expected report is missing");
		} else if (!a.expect[0])
			EXPECT_FALSE(test, printk_log_find(mark, "initramfs:"));
		if (c->build != arc_empty)
			EXPECT_TRUE(test, exists("/bin/ok"));
		EXPECT_EQ(test, exists("/after"), c->after);
		if (test->status == KTEST_FAIL) {
			printk("# ... in archive \"%s\"\n", c->name);
			reset(test);
			return;
		}
		reset(test);
	}
}

/* ---- lookup, read, get_page ---- */

#define BIG_SIZE	(2 * PAGE_SIZE + 100)
static u8 big_data[BIG_SIZE];	/* /bin/big's content */

static int mk(const char *path, umode_t mode, const char *data)
{
	size_t size = data ? strlen(data) : 0;

	return ramfs_create(path, mode, 0, data, size);
}

/* "/c1" -> "c2" -> ... -> "c41" -> "/etc/motd": 41 links from /c1. */
static void make_tree(struct ktest *test)
{
	char name[8], target[16];
	size_t i;
	int err = 0;

	for (i = 0; i < BIG_SIZE; i++)
		big_data[i] = i * 7 + 1;
	err |= mk("/bin", S_IFDIR | 0755, NULL);
	err |= ramfs_create("/bin/big", S_IFREG | 0755, 0, big_data, BIG_SIZE);
	err |= mk("/bin/empty", S_IFREG | 0644, NULL);
	err |= mk("/etc", S_IFDIR | 0755, NULL);
	err |= mk("/etc/motd", S_IFREG | 0644, "hello\n");
	err |= mk("/rel", S_IFLNK | 0777, "bin/big");
	err |= mk("/abs", S_IFLNK | 0777, "/etc");
	err |= mk("/etc/up", S_IFLNK | 0777, "../bin");
	err |= mk("/dangling", S_IFLNK | 0777, "nowhere");
	err |= mk("/loop1", S_IFLNK | 0777, "loop2");
	err |= mk("/loop2", S_IFLNK | 0777, "/loop1");
	for (i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "/c%zu", i);
		if (i < 41)
			snprintf(target, sizeof(target), "c%zu", i + 1);
		else
			strcpy(target, "/etc/motd");
		err |= mk(name, S_IFLNK | 0777, target);
	}
	EXPECT_EQ(test, err, 0);
}

static const struct lookup_case {
	const char *path;
	const char *same_as;	/* the inode it must find, or NULL */
	int err;
	bool nofollow;
} lookup_cases[] = {
	{ "/", "/", 0, false },
	{ "//", "/", 0, false },
	{ "/.", "/", 0, false },
	{ "/..", "/", 0, false },
	{ "/../..//.", "/", 0, false },
	{ "/bin/..", "/", 0, false },
	{ "/bin/../bin/./big", "/bin/big", 0, false },
	{ "//bin///big", "/bin/big", 0, false },
	{ "/bin/", "/bin", 0, false },
	{ "/bin/big/", NULL, -ENOTDIR, false },
	{ "/bin/big/x", NULL, -ENOTDIR, false },
	{ "/bin/big/..", NULL, -ENOTDIR, false },
	{ "/nope", NULL, -ENOENT, false },
	{ "/bin/nope", NULL, -ENOENT, false },
	{ "bin", NULL, -EINVAL, false },
	{ "", NULL, -EINVAL, false },
	{ "/rel", "/bin/big", 0, false },
	{ "/abs/motd", "/etc/motd", 0, false },
	{ "/abs/../bin", "/bin", 0, false },		/* ".." of /etc, not of / */
	{ "/etc/up/big", "/bin/big", 0, false },
	{ "/dangling", NULL, -ENOENT, false },
	{ "/loop1", NULL, -ELOOP, false },
	{ "/loop1/x", NULL, -ELOOP, false },
	{ "/c2", "/etc/motd", 0, false },		/* 40 links: the limit */
	{ "/c1", NULL, -ELOOP, false },		/* 41 */
	{ "/c1", "/c1", 0, true },		/* not followed at the end */
	{ "/abs/", "/etc", 0, true },		/* a trailing slash follows */
	{ "/dangling", "/dangling", 0, true },
};

static void test_lookup(struct ktest *test)
{
	char long_name[NAME_MAX + 3];
	struct inode *root, *want, *got;
	size_t i;
	int err;

	make_tree(test);
	root = ramfs_lookup("/", &err);
	ASSERT_NOT_NULL(test, root);
	for (i = 0; i < ARRAY_SIZE(lookup_cases); i++) {
		const struct lookup_case *c = &lookup_cases[i];

		want = c->same_as ? ramfs_lookup_nofollow(c->same_as, &err) : NULL;
		err = 12345;
		got = c->nofollow ? ramfs_lookup_nofollow(c->path, &err) :
				    ramfs_lookup(c->path, &err);
		EXPECT_PTR_EQ(test, got, want);
		EXPECT_EQ(test, got ? 0 : err, c->err);
		if (test->status == KTEST_FAIL) {
			printk("# ... looking up \"%s\"\n", c->path);
			break;
		}
	}
	long_name[0] = '/';
	memset(long_name + 1, 'a', NAME_MAX + 1);
	long_name[NAME_MAX + 2] = '\0';
	EXPECT_NULL(test, ramfs_lookup(long_name, &err));
	EXPECT_EQ(test, err, -ENAMETOOLONG);
	EXPECT_EQ(test, ramfs_create(long_name, S_IFREG, 0, "", 0), -ENAMETOOLONG);
	reset(test);
}

static void test_attributes(struct ktest *test)
{
	struct inode *root, *bin, *big, *rel, *child;
	int err;

	make_tree(test);
	root = ramfs_lookup("/", &err);
	bin = ramfs_lookup("/bin", &err);
	big = ramfs_lookup("/bin/big", &err);
	rel = ramfs_lookup_nofollow("/rel", &err);
	ASSERT_TRUE(test, root && bin && big && rel);
	EXPECT_EQ(test, root->i_mode, S_IFDIR | 0755);
	EXPECT_EQ(test, root->i_ino, 1);
	EXPECT_EQ(test, bin->i_ino, 2);
	EXPECT_EQ(test, big->i_ino, 3);
	EXPECT_EQ(test, big->i_mode, S_IFREG | 0755);
	EXPECT_EQ(test, big->i_size, BIG_SIZE);
	EXPECT_EQ(test, rel->i_mode, S_IFLNK | 0777);
	EXPECT_EQ(test, rel->i_size, strlen("bin/big"));
	EXPECT_STREQ(test, rel->i_link, "bin/big");
	EXPECT_PTR_EQ(test, big->i_parent, bin);
	/* Entries come in name order: big, empty. */
	child = ramfs_next_child(bin, NULL);
	EXPECT_PTR_EQ(test, child, big);
	child = ramfs_next_child(bin, child);
	ASSERT_NOT_NULL(test, child);
	EXPECT_STREQ(test, child->i_name, "empty");
	EXPECT_NULL(test, ramfs_next_child(bin, child));
	EXPECT_NULL(test, ramfs_next_child(big, NULL));
	/* Names that cannot be created. */
	EXPECT_EQ(test, mk("/bin/.", S_IFDIR, NULL), -EINVAL);
	EXPECT_EQ(test, mk("/bin/..", S_IFDIR, NULL), -EINVAL);
	EXPECT_EQ(test, mk("/", S_IFDIR, NULL), -EINVAL);
	EXPECT_EQ(test, mk("/fifo", S_IFIFO | 0644, NULL), -EINVAL);
	EXPECT_EQ(test, mk("/bin/big", S_IFREG, NULL), -EEXIST);
	EXPECT_EQ(test, mk("/bin/", S_IFDIR, NULL), -EEXIST);
	reset(test);
}

static void test_read(struct ktest *test)
{
	static const struct { loff_t pos; size_t len; ssize_t ret; } reads[] = {
		{ 0, 10, 10 },
		{ PAGE_SIZE - 3, 10, 10 },		/* across a page */
		{ 0, BIG_SIZE, BIG_SIZE },
		{ 0, BIG_SIZE + 50, BIG_SIZE },		/* cut at the end */
		{ BIG_SIZE - 1, 10, 1 },
		{ BIG_SIZE, 10, 0 },
		{ BIG_SIZE + PAGE_SIZE, 10, 0 },
		{ 5, 0, 0 },
		{ -1, 10, -EINVAL },
	};
	static u8 buf[BIG_SIZE + 64];
	struct inode *big, *bin, *rel, *empty;
	size_t i;
	int err;

	make_tree(test);
	big = ramfs_lookup("/bin/big", &err);
	bin = ramfs_lookup("/bin", &err);
	rel = ramfs_lookup_nofollow("/rel", &err);
	empty = ramfs_lookup("/bin/empty", &err);
	ASSERT_TRUE(test, big && bin && rel && empty);
	for (i = 0; i < ARRAY_SIZE(reads); i++) {
		memset(buf, 0xee, sizeof(buf));
		EXPECT_EQ(test, ramfs_read(big, buf, reads[i].len, reads[i].pos),
			  reads[i].ret);
		if (reads[i].ret > 0)
			EXPECT_EQ(test, memcmp(buf, big_data + reads[i].pos, reads[i].ret), 0);
		EXPECT_EQ(test, buf[reads[i].ret > 0 ? reads[i].ret : 0], 0xee);
	}
	EXPECT_EQ(test, ramfs_read(bin, buf, 10, 0), -EISDIR);
	EXPECT_EQ(test, ramfs_read(rel, buf, 10, 0), -EINVAL);
	EXPECT_EQ(test, ramfs_read(empty, buf, 10, 0), 0);
	reset(test);
}

static void test_get_page(struct ktest *test)
{
	struct inode *big, *bin, *empty;
	struct page *page;
	u8 *kaddr;
	size_t i;
	int err;

	make_tree(test);
	big = ramfs_lookup("/bin/big", &err);
	bin = ramfs_lookup("/bin", &err);
	empty = ramfs_lookup("/bin/empty", &err);
	ASSERT_TRUE(test, big && bin && empty);
	EXPECT_EQ(test, big->i_nrpages, 3);
	page = ramfs_get_page(big, 1);
	ASSERT_NOT_NULL(test, page);
	kaddr = kmap_atomic(page);
	EXPECT_EQ(test, memcmp(kaddr, big_data + PAGE_SIZE, PAGE_SIZE), 0);
	kunmap_atomic(kaddr);
	/* The last page: the data, then zeros (it may be mapped whole). */
	page = ramfs_get_page(big, 2);
	ASSERT_NOT_NULL(test, page);
	kaddr = kmap_atomic(page);
	EXPECT_EQ(test, memcmp(kaddr, big_data + 2 * PAGE_SIZE, 100), 0);
	for (i = 100; i < PAGE_SIZE; i++)
		if (kaddr[i])
			break;
	EXPECT_EQ(test, i, PAGE_SIZE);
	kunmap_atomic(kaddr);
	EXPECT_NULL(test, ramfs_get_page(big, 3));
	EXPECT_NULL(test, ramfs_get_page(bin, 0));
	EXPECT_NULL(test, ramfs_get_page(empty, 0));
	reset(test);
}

/* Out of memory at each page of a file in turn: nothing half-made. */
static void test_enomem(struct ktest *test)
{
	long n;

	for (n = 0; n < 3; n++) {
		fail_page_after = n;
		EXPECT_EQ(test, ramfs_create("/big", S_IFREG | 0644, 0, big_data,
					     BIG_SIZE), -ENOMEM);
		fail_page_after = -1;
		EXPECT_FALSE(test, exists("/big"));
		EXPECT_EQ(test, pages_out, 0);
		EXPECT_EQ(test, kmallocs_out, 0);
	}
	EXPECT_EQ(test, ramfs_create("/big", S_IFREG | 0644, 0, big_data, BIG_SIZE), 0);
	EXPECT_TRUE(test, exists("/big"));
	reset(test);
}

KTEST_SUITE(initramfs,
	    KTEST_CASE(test_archives),
	    KTEST_CASE(test_lookup),
	    KTEST_CASE(test_attributes),
	    KTEST_CASE(test_read),
	    KTEST_CASE(test_get_page),
	    KTEST_CASE(test_enomem));
