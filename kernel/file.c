/*
 * File descriptors and the calls that use them (Linux: fs/file.c,
 * fs/open.c, fs/read_write.c, fs/stat.c), over the read-only ramfs and
 * the serial console.  Everything a process can open is read-only: a
 * request to write or create is -EROFS.  The console reads as end of file
 * (the monitor owns the serial input) and writes to the serial line.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_CREAT		00000100
#define O_TRUNC		00001000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define AT_FDCWD	(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EMPTY_PATH	0x1000
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

static struct file *file_alloc(struct inode *inode, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f) {
		atomic_set(&f->f_count, 1);
		f->f_inode = inode;
		f->f_flags = flags;
	}
	return f;
}

static void fput(struct file *f)
{
	if (atomic_dec_and_test(&f->f_count))
		kfree(f);
}

struct file *fget(unsigned int fd)
{
	return fd < NR_OPEN_DEFAULT ? current->fdt[fd] : NULL;
}

/* The lowest free descriptor for f, or -EMFILE. */
static int fd_install(struct file *f)
{
	int fd;

	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (!current->fdt[fd]) {
			current->fdt[fd] = f;
			return fd;
		}
	return -EMFILE;
}

int files_init_console(struct task_struct *tsk)
{
	int fd;

	for (fd = 0; fd < 3; fd++) {
		if (tsk->fdt[fd])
			continue;
		tsk->fdt[fd] = file_alloc(NULL, fd ? 1 : O_RDONLY);
		if (!tsk->fdt[fd])
			return -ENOMEM;
	}
	return 0;
}

void files_copy(struct task_struct *dst, struct task_struct *src)
{
	int fd;

	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++) {
		dst->fdt[fd] = src->fdt[fd];
		if (dst->fdt[fd])
			atomic_inc(&dst->fdt[fd]->f_count);
	}
}

void files_close_all(struct task_struct *tsk)
{
	int fd;

	for (fd = 0; fd < NR_OPEN_DEFAULT; fd++)
		if (tsk->fdt[fd]) {
			fput(tsk->fdt[fd]);
			tsk->fdt[fd] = NULL;
		}
}

/* A user path into a kernel buffer of PATH_MAX bytes. */
static long getname(const char *upath, char *buf)
{
	long n = strncpy_from_user(buf, upath, PATH_MAX);

	if (n == PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	return n < 0 ? n : 0;
}

static long do_open(const char *upath, unsigned int flags)
{
	struct inode *inode;
	struct file *f;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long err;
	int fd;

	if (!path)
		return -ENOMEM;
	err = getname(upath, path);
	if (err)
		goto out;
	inode = flags & O_NOFOLLOW ? ramfs_lookup_nofollow(path, &fd)
				   : ramfs_lookup(path, &fd);
	err = fd;
	if (!inode)
		err = flags & O_CREAT ? -EROFS : fd;
	else if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		err = -EROFS;
	else if (S_ISLNK(inode->i_mode))
		err = -ELOOP;		/* O_NOFOLLOW met a symlink */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		err = -ENOTDIR;
	else if (!(f = file_alloc(inode, flags)))
		err = -ENOMEM;
	else if ((err = fd_install(f)) < 0)
		fput(f);
out:
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(open, const char *, filename, int, flags, int, mode)
{
	return do_open(filename, flags);
}

/* Relative paths are relative to "/": every process's cwd is the root. */
SYSCALL_DEFINE4(openat, int, dfd, const char *, filename, int, flags, int, mode)
{
	return do_open(filename, flags);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->fdt[fd] = NULL;
	fput(f);
	return 0;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char *, buf, size_t, count)
{
	struct file *f = fget(fd);
	size_t done = 0, n;
	ssize_t got;
	char *page;

	if (!f)
		return -EBADF;
	if (!f->f_inode)
		return 0;			/* the console: end of file */
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (!access_ok(buf, count))
		return -EFAULT;
	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	while (done < count) {
		n = min(count - done, (size_t)PAGE_SIZE);
		got = ramfs_read(f->f_inode, page, n, f->f_pos);
		if (got <= 0)
			break;
		if (copy_to_user(buf + done, page, got)) {
			if (!done)
				done = (size_t)-EFAULT;
			break;
		}
		f->f_pos += got;
		done += got;
		if ((size_t)got < n)
			break;
	}
	kfree(page);
	return (long)done;
}

static long do_lseek(unsigned int fd, loff_t offset, unsigned int whence,
		     loff_t *result)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	if (!f->f_inode)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET: pos = offset; break;
	case SEEK_CUR: pos = f->f_pos + offset; break;
	case SEEK_END: pos = f->f_inode->i_size + offset; break;
	default: return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = *result = pos;
	return 0;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
	loff_t pos;
	long err = do_lseek(fd, offset, whence, &pos);

	if (err)
		return err;
	return pos > 0x7fffffff ? -EOVERFLOW : (long)pos;
}

SYSCALL_DEFINE5(_llseek, unsigned int, fd, unsigned long, high,
		unsigned long, low, loff_t *, result, unsigned int, whence)
{
	loff_t pos;
	long err = do_lseek(fd, ((loff_t)high << 32) | low, whence, &pos);

	if (err)
		return err;
	return copy_to_user(result, &pos, sizeof(pos)) ? -EFAULT : 0;
}

/* ---- stat (Linux: fs/stat.c, i386's struct stat64) ---- */

struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode, st_nlink, st_uid, st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec;
	u32 st_ctime, st_ctime_nsec;
	u64 st_ino;
} __attribute__((packed));

/* The console: ttyS0, a character device (major 4, minor 64). */
#define CONSOLE_RDEV	((4 << 8) | 64)
#define RAMFS_DEV	1		/* "00:01", as Linux's rootfs */

static void fill_stat64(struct stat64 *st, const struct inode *inode)
{
	memset(st, 0, sizeof(*st));
	st->st_blksize = PAGE_SIZE;
	st->st_nlink = 1;
	if (!inode) {
		st->st_mode = 0020620;		/* S_IFCHR | 0620 */
		st->st_rdev = CONSOLE_RDEV;
		st->st_dev = 6;			/* devtmpfs's "00:06" */
		st->st_ino = st->__st_ino = 3;
		return;
	}
	st->st_dev = RAMFS_DEV;
	st->st_ino = st->__st_ino = inode->i_ino;
	st->st_mode = inode->i_mode;
	st->st_nlink = S_ISDIR(inode->i_mode) ? 2 : 1;
	st->st_size = inode->i_size;
	st->st_blocks = (inode->i_size + 511) / 512;
	st->st_atime = st->st_mtime = st->st_ctime = inode->i_mtime;
}

static long stat_to_user(const struct inode *inode, struct stat64 *ubuf)
{
	struct stat64 st;

	fill_stat64(&st, inode);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long do_stat_path(const char *upath, bool follow, struct stat64 *ubuf)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;
	long err;
	int e;

	if (!path)
		return -ENOMEM;
	err = getname(upath, path);
	if (!err) {
		inode = follow ? ramfs_lookup(path, &e) : ramfs_lookup_nofollow(path, &e);
		err = inode ? stat_to_user(inode, ubuf) : e;
	}
	kfree(path);
	return err;
}

SYSCALL_DEFINE2(fstat64, unsigned int, fd, struct stat64 *, statbuf)
{
	struct file *f = fget(fd);

	return f ? stat_to_user(f->f_inode, statbuf) : -EBADF;
}

SYSCALL_DEFINE2(stat64, const char *, filename, struct stat64 *, statbuf)
{
	return do_stat_path(filename, true, statbuf);
}

SYSCALL_DEFINE2(lstat64, const char *, filename, struct stat64 *, statbuf)
{
	return do_stat_path(filename, false, statbuf);
}

/* glibc's fstat/stat: AT_EMPTY_PATH with a descriptor, else a path. */
SYSCALL_DEFINE4(fstatat64, int, dfd, const char *, filename,
		struct stat64 *, statbuf, int, flag)
{
	char c;

	if ((flag & AT_EMPTY_PATH) && !get_user(c, filename) && !c) {
		struct file *f = fget(dfd);

		return f ? stat_to_user(f->f_inode, statbuf) : -EBADF;
	}
	return do_stat_path(filename, !(flag & AT_SYMLINK_NOFOLLOW), statbuf);
}
