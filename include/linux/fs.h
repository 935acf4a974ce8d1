/*
 * Open files (Linux: include/linux/fs.h, fdtable.h).  A struct file is an
 * open instance: the ramfs inode it reads (NULL for the console) and the
 * position.  Each task has a small table of them, indexed by file
 * descriptor; fork shares the files (references), exec keeps them, exit
 * closes them.  fds 0-2 of a process are the serial console.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/atomic.h>
#include <linux/ramfs.h>

#define NR_OPEN_DEFAULT	32	/* descriptors per task (then -EMFILE) */

struct file {
	atomic_t f_count;
	struct inode *f_inode;		/* NULL: the console */
	loff_t f_pos;
	unsigned int f_flags;		/* O_* as opened */
	void *private_data;		/* a /proc file's text (proc_fs.h) */
};

/* The *at() calls' dfd and flags (Linux's values). */
#define AT_FDCWD		(-100)	/* relative to the working directory */
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000	/* "" names dfd itself */
#define AT_STATX_SYNC_TYPE	0x6000

/* Device numbers as the kernel keeps them (Linux: include/linux/kdev_t.h). */
#define MINORBITS	20
#define MKDEV(ma, mi)	(((u32)(ma) << MINORBITS) | (mi))

/*
 * The ramfs's device, which stat and /proc/PID/maps both print: an
 * anonymous device of its own, as every Linux superblock has (00:01 is
 * the shmem mount's, include/linux/shmem_fs.h).
 */
#define RAMFS_DEV	MKDEV(0, 2)
#define MAJOR(dev)	((u32)(dev) >> MINORBITS)
#define MINOR(dev)	((u32)(dev) & ((1U << MINORBITS) - 1))

/* What stat, fstat and statx report (Linux: include/linux/stat.h). */
struct kstat {
	u32 result_mask;		/* STATX_* fields filled */
	umode_t mode;
	u32 nlink;
	u32 blksize;
	u64 attributes, attributes_mask;	/* STATX_ATTR_* */
	u64 ino;
	u32 dev, rdev;			/* MKDEV */
	loff_t size;
	u64 blocks;			/* 512-byte units */
	u32 mtime;			/* also atime and ctime */
	u64 mnt_id;
};

struct task_struct;

/* The console on fds 0, 1 and 2 if they are free (a new process). */
int files_init_console(struct task_struct *tsk);
/* dst gets src's open files, each one more reference (fork). */
void files_copy(struct task_struct *dst, struct task_struct *src);
/* Every descriptor of tsk closed (exit). */
void files_close_all(struct task_struct *tsk);
/* The file behind fd in the current task, or NULL. */
struct file *fget(unsigned int fd);
/* Drops a reference; the last closes the file. */
void fput(struct file *f);

/*
 * Path walks for the system calls (kernel/file.c; Linux: fs/namei.c).
 * name is a kernel string, absolute or relative to the directory open
 * on dfd (AT_FDCWD: "/", every task's working directory); /proc paths
 * go to kernel/proc.c.  Returns the inode, to be released with iput()
 * (a /proc inode is made for the lookup), or NULL with *err set.
 */
struct inode *path_lookupat(int dfd, const char *name, bool follow, int *err);
void iput(struct inode *inode);
/* A user path into buf (PATH_MAX bytes): 0, -EFAULT, -ENOENT for "". */
long getname(const char *upath, char *buf);

/*
 * Opens name read-only as open(2) would (Linux: filp_open, file_open_root)
 * without a descriptor: the file, or NULL with *err set.  fput() closes it.
 */
struct file *do_filp_open(int dfd, const char *name, unsigned int flags,
			  int *err);
/* Reads from *pos, advancing it: bytes read, 0 at the end, or -errno. */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);

/*
 * kernel/stat.c (Linux: fs/stat.c).  vfs_statx fills *stat for name
 * (or with AT_EMPTY_PATH and "", for the file on dfd); vfs_readlink puts
 * a symlink's target in buf without a NUL, at most size bytes, returning
 * its length, -EINVAL for a non-link.
 */
int vfs_getattr(const struct inode *inode, struct kstat *stat);
int vfs_statx(int dfd, const char *name, int flags, struct kstat *stat);
int vfs_readlink(int dfd, const char *name, char *buf, int size);

#endif /* _LINUX_FS_H */
