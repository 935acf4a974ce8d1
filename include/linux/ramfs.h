/*
 * The read-only in-memory root filesystem the initramfs is unpacked into
 * (kernel/ramfs.c; Linux: fs/ramfs plus the few VFS pieces it leans on,
 * folded together).  There is one tree, rooted at "/", built once at boot
 * by kernel/initramfs.c and never changed afterwards, so nothing here
 * takes a lock and inodes are never freed while the kernel runs.
 *
 * An inode is also its own directory entry (no hard links, no renames):
 * i_name is its last path component, i_parent the directory holding it.
 * A regular file's data lives in i_pages, one struct page per PAGE_SIZE
 * of data as in Linux's page cache, taken from highmem when there is
 * plenty (GFP_HIGHUSER), so reach it through ramfs_read() or kmap_atomic().
 * The tail of the last page beyond i_size is zero.
 */
#ifndef _LINUX_RAMFS_H
#define _LINUX_RAMFS_H

#include <linux/list.h>
#include <linux/types.h>

typedef unsigned short umode_t;
typedef unsigned long pgoff_t;
#ifdef HOST_TEST
#include <sys/types.h>		/* the host's loff_t, 64 bits too */
#else
typedef long long loff_t;
#endif

struct page;

/* File types in i_mode, with Linux's (and stat's) values. */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)

#define PATH_MAX	4096	/* bytes in a path, with its NUL */
#define NAME_MAX	255	/* bytes in one component */
#define MAXSYMLINKS	40	/* links followed in one lookup, then -ELOOP */

struct inode {
	umode_t i_mode;			/* S_IFxxx | permission bits */
	unsigned long i_ino;		/* 1 for "/", then in creation order */
	loff_t i_size;			/* bytes: file data or link target */
	u32 i_mtime;			/* seconds since 1970, from the cpio */
	const char *i_name;		/* last component ("" for "/") */
	struct inode *i_parent;		/* ".." ("/" is its own) */
	struct list_head i_child;	/* in i_parent->i_subdirs, by name */
	struct list_head i_subdirs;	/* a directory's entries */
	struct page **i_pages;		/* a regular file's data */
	unsigned long i_nrpages;
	char *i_link;			/* a symlink's target, NUL-terminated */
};

/*
 * Lookup by absolute path: "/" and repeated slashes name the root, "."
 * stays, ".." goes to the parent ("/.." is "/"), symlinks are followed
 * in the middle and at the end, at most MAXSYMLINKS of them.  Returns the
 * inode, or NULL with *err set: -ENOENT, -ENOTDIR (a non-directory in the
 * middle), -ELOOP, -ENAMETOOLONG, -EINVAL (not absolute).
 */
struct inode *ramfs_lookup(const char *path, int *err);

/* The same, but a symlink as the last component is returned itself (lstat). */
struct inode *ramfs_lookup_nofollow(const char *path, int *err);

/*
 * Copies up to len bytes of a regular file from offset pos into the
 * kernel buffer buf.  Returns the bytes copied (0 at or past the end),
 * -EISDIR for a directory, -EINVAL for a symlink or a negative pos.
 */
ssize_t ramfs_read(struct inode *inode, void *buf, size_t len, loff_t pos);

/*
 * The page holding bytes [index * PAGE_SIZE, (index + 1) * PAGE_SIZE) of
 * a regular file, or NULL past its end or for a non-file.  The page
 * belongs to the file and must never be written: a MAP_PRIVATE mapping
 * maps it read-only and copies it on the first write.  Whoever keeps a
 * pointer to it (a page table) takes a reference with get_page().
 */
struct page *ramfs_get_page(struct inode *inode, pgoff_t index);

/* A directory's entries in name order: first with prev NULL; NULL ends. */
struct inode *ramfs_next_child(struct inode *dir, struct inode *prev);

/*
 * Building the tree (kernel/initramfs.c).  ramfs_create makes path (its
 * parent must exist) as a directory, a regular file holding the size
 * bytes at data, or a symlink whose target is those bytes.  Returns 0,
 * -EEXIST, -ENOENT or -ENOTDIR (for the parent), -EINVAL (a type other
 * than those three, or a name that is empty, "." or ".."), -ENAMETOOLONG
 * or -ENOMEM (nothing is left half-made).
 */
int ramfs_create(const char *path, umode_t mode, u32 mtime, const void *data,
		 size_t size);

/* Counts of what the tree holds, for the boot line and the tests. */
struct ramfs_stats {
	unsigned long inodes;
	unsigned long data_pages;
};
void ramfs_get_stats(struct ramfs_stats *stats);

/* Frees the whole tree but "/" (host tests start each case empty). */
void ramfs_reset(void);

/* kernel/initramfs.c: unpacks every boot module that is a cpio archive. */
void populate_rootfs(void);
/* Unpacks one newc archive; 0, or -EINVAL after reporting the damage. */
int unpack_to_rootfs(const u8 *buf, size_t len, const char *name);

#endif /* _LINUX_RAMFS_H */
