/*
 * The read-only root filesystem (Linux: fs/ramfs, with the path walk of
 * fs/namei.c and the page-cache reads of mm/filemap.c cut down to what a
 * tree built once at boot needs).  See include/linux/ramfs.h for the
 * model; the monitor's `ls` and `cat` at the end show the tree.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/ramfs.h>
#include <linux/slab.h>
#include <linux/string.h>

static struct inode root_inode = {
	.i_mode = S_IFDIR | 0755,
	.i_ino = 1,
	.i_name = "",
	.i_parent = &root_inode,
	.i_child = LIST_HEAD_INIT(root_inode.i_child),
	.i_subdirs = LIST_HEAD_INIT(root_inode.i_subdirs),
};
static unsigned long last_ino = 1;
static struct ramfs_stats stats = { .inodes = 1 };

static struct inode *find_child(struct inode *dir, const char *name,
				size_t len)
{
	struct inode *child;

	list_for_each_entry(child, &dir->i_subdirs, i_child)
		if (strlen(child->i_name) == len &&
		    !memcmp(child->i_name, name, len))
			return child;
	return NULL;
}

/*
 * Walks len bytes of path from dir (from "/" if it starts with '/').
 * *links counts the symlinks followed so far across the nested walks a
 * link's target starts, so a cycle ends in -ELOOP after MAXSYMLINKS.  A
 * trailing slash makes the last component a directory that must exist
 * (as Linux's LOOKUP_DIRECTORY), so it is followed even with !follow.
 */
static struct inode *walk(struct inode *dir, const char *path, size_t len,
			  bool follow, int *links, int *err)
{
	struct inode *cur = dir;
	size_t i = 0;

	if (len && path[0] == '/')
		cur = &root_inode;
	while (i < len) {
		size_t start, n;
		bool last, slash;

		while (i < len && path[i] == '/')
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && path[i] != '/')
			i++;
		n = i - start;
		slash = i < len;
		last = true;
		for (size_t j = i; j < len; j++)
			if (path[j] != '/')
				last = false;
		if (!S_ISDIR(cur->i_mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		if (n > NAME_MAX) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		if (n == 1 && path[start] == '.')
			continue;
		if (n == 2 && path[start] == '.' && path[start + 1] == '.') {
			cur = cur->i_parent;
			continue;
		}
		dir = cur;
		cur = find_child(dir, path + start, n);
		if (!cur) {
			*err = -ENOENT;
			return NULL;
		}
		if (S_ISLNK(cur->i_mode) && (!last || follow || slash)) {
			if (++*links > MAXSYMLINKS) {
				*err = -ELOOP;
				return NULL;
			}
			cur = walk(dir, cur->i_link, strlen(cur->i_link), true,
				   links, err);
			if (!cur)
				return NULL;
		}
		if (last && slash && !S_ISDIR(cur->i_mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
	}
	return cur;
}

static struct inode *lookup(const char *path, bool follow, int *err)
{
	size_t len;
	int links = 0;

	if (!path || path[0] != '/') {
		*err = -EINVAL;
		return NULL;
	}
	len = strnlen(path, PATH_MAX);
	if (len == PATH_MAX) {
		*err = -ENAMETOOLONG;
		return NULL;
	}
	*err = 0;
	return walk(&root_inode, path, len, follow, &links, err);
}

struct inode *ramfs_lookup(const char *path, int *err)
{
	return lookup(path, true, err);
}

struct inode *ramfs_lookup_nofollow(const char *path, int *err)
{
	return lookup(path, false, err);
}

struct page *ramfs_get_page(struct inode *inode, pgoff_t index)
{
	if (!S_ISREG(inode->i_mode) || index >= inode->i_nrpages)
		return NULL;
	return inode->i_pages[index];
}

ssize_t ramfs_read(struct inode *inode, void *buf, size_t len, loff_t pos)
{
	size_t done = 0;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || pos < 0)
		return -EINVAL;
	if (pos >= inode->i_size)
		return 0;
	if ((u64)len > (u64)(inode->i_size - pos))
		len = inode->i_size - pos;
	while (done < len) {
		size_t off = (pos + done) & (PAGE_SIZE - 1);
		size_t n = min(len - done, PAGE_SIZE - off);
		u8 *kaddr = kmap_atomic(inode->i_pages[(pos + done) >> PAGE_SHIFT]);

		memcpy((u8 *)buf + done, kaddr + off, n);
		kunmap_atomic(kaddr);
		done += n;
	}
	return done;
}

struct inode *ramfs_next_child(struct inode *dir, struct inode *prev)
{
	struct list_head *next;

	if (!S_ISDIR(dir->i_mode))
		return NULL;
	next = prev ? prev->i_child.next : dir->i_subdirs.next;
	if (next == &dir->i_subdirs)
		return NULL;
	return list_entry(next, struct inode, i_child);
}

void ramfs_get_stats(struct ramfs_stats *out)
{
	*out = stats;
}

/* ---- building the tree ---- */

static void free_data(struct inode *inode)
{
	unsigned long i;

	for (i = 0; i < inode->i_nrpages; i++)
		if (inode->i_pages[i])
			__free_page(inode->i_pages[i]);
	stats.data_pages -= inode->i_nrpages;
	kfree(inode->i_pages);
	kfree(inode->i_link);
	kfree(inode->i_name);
}

/*
 * File data goes to pages from highmem first: lowmem (896 MiB at most,
 * shared with every kernel structure) is the scarce kind, and a program
 * of 700 KB would otherwise sit in it for the whole uptime.  Unless the
 * HighMem zone is tiny (224 pages at -m 897M): the file would then take
 * most of it, for good, from what kmap and user pages need highmem for;
 * so highmem only while the file is at most a quarter of its free pages.
 */
static gfp_t data_gfp(unsigned long nr_pages)
{
	const struct zone *high = &NODE_DATA(0)->node_zones[ZONE_HIGHMEM];

	return zone_free_pages(high) >= 4 * nr_pages ? GFP_HIGHUSER : GFP_KERNEL;
}

static int fill_pages(struct inode *inode, const u8 *data, size_t size)
{
	unsigned long i, n = DIV_ROUND_UP(size, PAGE_SIZE);
	gfp_t gfp = data_gfp(n);

	inode->i_pages = kzalloc(max(n, 1UL) * sizeof(struct page *), GFP_KERNEL);
	if (!inode->i_pages)
		return -ENOMEM;
	inode->i_nrpages = n;
	stats.data_pages += n;
	for (i = 0; i < n; i++) {
		size_t chunk = min(size - i * PAGE_SIZE, PAGE_SIZE);
		u8 *kaddr;

		inode->i_pages[i] = alloc_page(gfp);
		if (!inode->i_pages[i])
			return -ENOMEM;
		kaddr = kmap_atomic(inode->i_pages[i]);
		memcpy(kaddr, data + i * PAGE_SIZE, chunk);
		memset(kaddr + chunk, 0, PAGE_SIZE - chunk);
		kunmap_atomic(kaddr);
	}
	return 0;
}

static int fill_inode(struct inode *inode, const char *name, size_t len,
		      const void *data, size_t size)
{
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, name, len);
	copy[len] = '\0';
	inode->i_name = copy;
	if (S_ISREG(inode->i_mode))
		return fill_pages(inode, data, size);
	if (S_ISLNK(inode->i_mode)) {
		inode->i_link = kmalloc(size + 1, GFP_KERNEL);
		if (!inode->i_link)
			return -ENOMEM;
		memcpy(inode->i_link, data, size);
		inode->i_link[size] = '\0';
	}
	return 0;
}

/* Keeps a directory's entries sorted, so ls needs no sort of its own. */
static void add_child(struct inode *dir, struct inode *inode)
{
	struct inode *pos;

	list_for_each_entry(pos, &dir->i_subdirs, i_child)
		if (strcmp(pos->i_name, inode->i_name) > 0)
			break;
	list_add_tail(&inode->i_child, &pos->i_child);
	inode->i_parent = dir;
}

int ramfs_create(const char *path, umode_t mode, u32 mtime, const void *data,
		 size_t size)
{
	size_t len = strnlen(path, PATH_MAX), slash;
	struct inode *dir, *inode;
	int links = 0, err = 0;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	while (len > 1 && path[len - 1] == '/')
		len--;
	for (slash = len; slash > 0 && path[slash - 1] != '/'; slash--)
		;
	if (len - slash == 0 || (len - slash == 1 && path[slash] == '.') ||
	    (len - slash == 2 && !memcmp(path + slash, "..", 2)))
		return -EINVAL;
	if (len - slash > NAME_MAX)
		return -ENAMETOOLONG;
	if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode))
		return -EINVAL;
	dir = walk(&root_inode, path, slash, true, &links, &err);
	if (!dir)
		return err;
	if (!S_ISDIR(dir->i_mode))
		return -ENOTDIR;
	if (find_child(dir, path + slash, len - slash))
		return -EEXIST;
	inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!inode)
		return -ENOMEM;
	inode->i_mode = mode;
	inode->i_mtime = mtime;
	inode->i_size = S_ISDIR(mode) ? 0 : size;
	INIT_LIST_HEAD(&inode->i_subdirs);
	err = fill_inode(inode, path + slash, len - slash, data, size);
	if (err) {
		free_data(inode);
		kfree(inode);
		return err;
	}
	inode->i_ino = ++last_ino;
	stats.inodes++;
	add_child(dir, inode);
	return 0;
}

static void free_tree(struct inode *dir)
{
	struct inode *child, *next;

	list_for_each_entry_safe(child, next, &dir->i_subdirs, i_child) {
		free_tree(child);
		list_del(&child->i_child);
		free_data(child);
		kfree(child);
		stats.inodes--;
	}
}

void ramfs_reset(void)
{
	free_tree(&root_inode);
	last_ino = 1;
}

/* ---- the monitor's view ---- */

/* "drwxr-xr-x" as ls -l writes it. */
static void mode_string(umode_t mode, char *s)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	s[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : '-';
	for (i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

/* The few errors a lookup gives, in the words of Linux's strerror. */
static const char *err_string(int err)
{
	switch (err) {
	case -ENOENT: return "No such file or directory";
	case -ENOTDIR: return "Not a directory";
	case -EISDIR: return "Is a directory";
	case -ELOOP: return "Too many levels of symbolic links";
	case -ENAMETOOLONG: return "File name too long";
	case -EINVAL: return "Invalid argument";
	}
	return "error";
}

static void ls_line(struct inode *inode, const char *name)
{
	char mode[11];

	mode_string(inode->i_mode, mode);
	mon_printf("%s %5lu %8lld %s%s%s\n", mode, inode->i_ino,
		   (long long)inode->i_size,
		   name, inode->i_link ? " -> " : "",
		   inode->i_link ? inode->i_link : "");
}

static int cmd_ls(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	struct inode *inode, *child = NULL;
	int err;

	inode = ramfs_lookup_nofollow(path, &err);
	if (inode && S_ISLNK(inode->i_mode) && path[strlen(path) - 1] == '/')
		inode = ramfs_lookup(path, &err);
	if (!inode) {
		mon_printf("ls: cannot access '%s': %s\n", path, err_string(err));
		return err;
	}
	if (!S_ISDIR(inode->i_mode)) {
		ls_line(inode, path);
		return 0;
	}
	while ((child = ramfs_next_child(inode, child)))
		ls_line(child, child->i_name);
	return 0;
}
DEFINE_MONITOR_CMD("ls", "ls [PATH]", "list a directory of the initramfs (mode, inode, size, name)", cmd_ls);

#define CAT_MAX		65536	/* the console is slow: small files only */

/*
 * Text is what a terminal shows as is: printable ASCII and white space.
 * Returns the index of the first other byte, or -1.
 */
static long first_binary(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t' &&
		     p[i] != '\r') || p[i] >= 0x7f)
			return i;
	return -1;
}

static int cmd_cat(int argc, char **argv)
{
	char buf[256];
	struct inode *inode;
	loff_t pos;
	ssize_t n;
	int err;

	inode = ramfs_lookup(argv[1], &err);
	if (inode && !S_ISREG(inode->i_mode))
		err = S_ISDIR(inode->i_mode) ? -EISDIR : -EINVAL;
	if (err) {
		mon_printf("cat: %s: %s\n", argv[1], err_string(err));
		return err;
	}
	if (inode->i_size > CAT_MAX) {
		mon_printf("cat: %s: %lld bytes, more than cat shows (%d)\n",
			   argv[1], (long long)inode->i_size, CAT_MAX);
		return -EINVAL;
	}
	for (pos = 0; (n = ramfs_read(inode, buf, sizeof(buf), pos)) > 0; pos += n) {
		long bad = first_binary((u8 *)buf, n);

		if (bad >= 0) {
			mon_printf("cat: %s: binary file, not shown (byte 0x%02x at offset %lld)\n",
				   argv[1], (u8)buf[bad], (long long)(pos + bad));
			return -EINVAL;
		}
	}
	for (pos = 0; (n = ramfs_read(inode, buf, sizeof(buf), pos)) > 0; pos += n)
		mon_printf("%.*s", (int)n, buf);
	return 0;
}
DEFINE_MONITOR_CMD("cat", "cat PATH", "print a small text file of the initramfs", cmd_cat);
