/*
 * stat, statx and readlink (Linux: fs/stat.c).  One struct kstat is
 * filled per inode (vfs_getattr) and copied out in each call's format:
 * i386's struct stat64 or struct statx.  Three kinds of file answer: the
 * ramfs, /proc (kernel/proc.c) and the console on fds 0-2, which is
 * ttyS0 as Linux's devtmpfs shows it.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

/* statx's mask bits and attributes (Linux: include/uapi/linux/stat.h). */
#define STATX_BASIC_STATS	0x000007ffU	/* type .. blocks */
#define STATX_MNT_ID		0x00001000U
#define STATX__RESERVED		0x80000000U
#define STATX_ATTR_AUTOMOUNT	0x00001000
#define STATX_ATTR_MOUNT_ROOT	0x00002000
#define STATX_ATTR_DAX		0x00200000

/* Where each kind of file lives: device numbers and mount ids. */
#define DEVTMPFS_DEV	MKDEV(0, 6)	/* "00:06", where /dev/ttyS0 is */
#define CONSOLE_RDEV	MKDEV(4, 64)	/* ttyS0: major 4, minor 64 */
#define CONSOLE_INO	3
enum { RAMFS_MNT_ID = 1, PROC_MNT_ID, DEVTMPFS_MNT_ID };

int vfs_getattr(const struct inode *inode, struct kstat *stat)
{
	memset(stat, 0, sizeof(*stat));
	stat->result_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	stat->attributes_mask = STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT |
				STATX_ATTR_DAX;
	stat->blksize = PAGE_SIZE;
	stat->nlink = 1;
	if (!inode) {
		stat->mode = S_IFCHR | 0620;
		stat->dev = DEVTMPFS_DEV;
		stat->rdev = CONSOLE_RDEV;
		stat->ino = CONSOLE_INO;
		stat->mnt_id = DEVTMPFS_MNT_ID;
		return 0;
	}
	stat->mode = inode->i_mode;
	stat->ino = inode->i_ino;
	stat->nlink = S_ISDIR(inode->i_mode) ? 2 : 1;
	stat->size = inode->i_size;
	stat->mtime = inode->i_mtime;
	if (is_proc_inode(inode)) {
		stat->dev = PROC_DEV;
		stat->blksize = 1024;		/* as Linux's proc inodes */
		stat->mnt_id = PROC_MNT_ID;
		if (inode->i_ino == PROC_ROOT_INO)
			stat->attributes |= STATX_ATTR_MOUNT_ROOT;
		return 0;
	}
	stat->dev = RAMFS_DEV;
	stat->blocks = (inode->i_size + 511) / 512;
	stat->mnt_id = RAMFS_MNT_ID;
	if (inode->i_parent == inode)			/* "/" */
		stat->attributes |= STATX_ATTR_MOUNT_ROOT;
	return 0;
}

/*
 * The path's inode, or with AT_EMPTY_PATH and "" the file open on dfd
 * (AT_FDCWD: the working directory, "/").
 */
int vfs_statx(int dfd, const char *name, int flags, struct kstat *stat)
{
	struct inode *inode;
	struct file *f;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && !name[0] && dfd != AT_FDCWD) {
		f = fget(dfd);
		return f ? vfs_getattr(f->f_inode, stat) : -EBADF;
	}
	if ((flags & AT_EMPTY_PATH) && !name[0])
		name = "/";
	inode = path_lookupat(dfd, name, !(flags & AT_SYMLINK_NOFOLLOW), &err);
	if (!inode)
		return err;
	err = vfs_getattr(inode, stat);
	iput(inode);
	return err;
}

/*
 * A user path for the *at() calls: with AT_EMPTY_PATH an empty one is
 * allowed (Linux's LOOKUP_EMPTY), and anything else as getname() says.
 */
static int getname_at(const char *upath, int flags, char *buf)
{
	long err = getname(upath, buf);

	if (err == -ENOENT && (flags & AT_EMPTY_PATH))
		return 0;
	return err;
}

/* user_statx(): the fstatat/statx core with a user path. */
static int user_statx(int dfd, const char *upath, int flags, struct kstat *stat)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	int err;

	if (!path)
		return -ENOMEM;
	err = getname_at(upath, flags, path);
	if (!err)
		err = vfs_statx(dfd, path, flags, stat);
	kfree(path);
	return err;
}

/* ---- i386's struct stat64 ---- */

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

/* The user's view of a device number (Linux: new_encode_dev). */
static u32 new_encode_dev(u32 dev)
{
	return (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) |
	       ((MINOR(dev) & ~0xffU) << 12);
}

static long cp_new_stat64(const struct kstat *stat, struct stat64 *ubuf)
{
	struct stat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = new_encode_dev(stat->dev);
	st.st_rdev = new_encode_dev(stat->rdev);
	st.st_ino = stat->ino;
	st.__st_ino = (u32)stat->ino;
	st.st_mode = stat->mode;
	st.st_nlink = stat->nlink;
	st.st_size = stat->size;
	st.st_blksize = stat->blksize;
	st.st_blocks = stat->blocks;
	st.st_atime = st.st_mtime = st.st_ctime = stat->mtime;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long stat64_at(int dfd, const char *upath, int flags,
		      struct stat64 *ubuf)
{
	struct kstat stat;
	int err = user_statx(dfd, upath, flags, &stat);

	return err ? err : cp_new_stat64(&stat, ubuf);
}

SYSCALL_DEFINE2(fstat64, unsigned int, fd, struct stat64 *, statbuf)
{
	struct file *f = fget(fd);
	struct kstat stat;

	if (!f)
		return -EBADF;
	vfs_getattr(f->f_inode, &stat);
	return cp_new_stat64(&stat, statbuf);
}

SYSCALL_DEFINE2(stat64, const char *, filename, struct stat64 *, statbuf)
{
	return stat64_at(AT_FDCWD, filename, 0, statbuf);
}

SYSCALL_DEFINE2(lstat64, const char *, filename, struct stat64 *, statbuf)
{
	return stat64_at(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, statbuf);
}

/* glibc's fstat/stat: AT_EMPTY_PATH with a descriptor, else a path. */
SYSCALL_DEFINE4(fstatat64, int, dfd, const char *, filename,
		struct stat64 *, statbuf, int, flag)
{
	return stat64_at(dfd, filename, flag, statbuf);
}

/* ---- statx ---- */

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 __spare3[12];
};

static long cp_statx(const struct kstat *stat, struct statx *ubuf)
{
	struct statx tmp;

	BUILD_BUG_ON(sizeof(tmp) != 0x100);
	memset(&tmp, 0, sizeof(tmp));
	tmp.stx_mask = stat->result_mask;
	tmp.stx_blksize = stat->blksize;
	tmp.stx_attributes = stat->attributes;
	tmp.stx_nlink = stat->nlink;
	tmp.stx_mode = stat->mode;
	tmp.stx_ino = stat->ino;
	tmp.stx_size = stat->size;
	tmp.stx_blocks = stat->blocks;
	tmp.stx_attributes_mask = stat->attributes_mask;
	tmp.stx_atime.tv_sec = tmp.stx_ctime.tv_sec = stat->mtime;
	tmp.stx_mtime.tv_sec = stat->mtime;
	tmp.stx_rdev_major = MAJOR(stat->rdev);
	tmp.stx_rdev_minor = MINOR(stat->rdev);
	tmp.stx_dev_major = MAJOR(stat->dev);
	tmp.stx_dev_minor = MINOR(stat->dev);
	tmp.stx_mnt_id = stat->mnt_id;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/* Every field is always there, so mask asks for nothing more or less. */
SYSCALL_DEFINE5(statx, int, dfd, const char *, filename, unsigned int, flags,
		unsigned int, mask, struct statx *, buffer)
{
	struct kstat stat;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = user_statx(dfd, filename, flags, &stat);
	return err ? err : cp_statx(&stat, buffer);
}

/* ---- readlink ---- */

int vfs_readlink(int dfd, const char *name, char *buf, int size)
{
	struct inode *inode;
	int err, len;

	if (size <= 0)
		return -EINVAL;
	inode = path_lookupat(dfd, name, false, &err);
	if (!inode)
		return err;
	if (!S_ISLNK(inode->i_mode))
		err = -EINVAL;
	else if (!inode->i_link)
		err = -ENOENT;		/* /proc/PID/exe of a kernel thread */
	else {
		len = min((int)strlen(inode->i_link), size);
		memcpy(buf, inode->i_link, len);
		err = len;
	}
	iput(inode);
	return err;
}

static long do_readlinkat(int dfd, const char *upath, char *ubuf, int bufsiz)
{
	char *path, *target;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	target = kmalloc(PATH_MAX, GFP_KERNEL);
	err = path && target ? getname(upath, path) : -ENOMEM;
	if (!err)
		err = vfs_readlink(dfd, path, target, min(bufsiz, PATH_MAX));
	if (err > 0 && copy_to_user(ubuf, target, err))
		err = -EFAULT;
	kfree(target);
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char *, path, char *, buf,
		int, bufsiz)
{
	return do_readlinkat(dfd, path, buf, bufsiz);
}
