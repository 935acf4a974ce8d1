/*
 * File descriptors and the calls that use them (Linux: fs/file.c,
 * fs/open.c, fs/read_write.c, fs/stat.c), over the read-only ramfs and
 * the serial console.  Everything a process can open is read-only: a
 * request to write or create is -EROFS.  The console reads as end of file
 * (the monitor owns the serial input) and writes to the serial line.
 * Paths under /proc go to kernel/proc.c, whose files are text made at
 * open and then read like any other.  Stat and readlink: kernel/stat.c.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/proc_fs.h>
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

void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	proc_release(f);
	iput(f->f_inode);
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
long getname(const char *upath, char *buf)
{
	long n = strncpy_from_user(buf, upath, PATH_MAX);

	if (n == PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	return n < 0 ? n : 0;
}

void iput(struct inode *inode)
{
	if (is_proc_inode(inode))
		proc_free_inode(inode);
}

/*
 * name as an absolute path in out (PATH_MAX bytes): name itself if it
 * starts with '/'; else below dfd's directory, where AT_FDCWD is the
 * root, every task's working directory (Linux: path_init).
 */
static int abs_path(int dfd, const char *name, char *out)
{
	struct file *f;
	size_t len;
	char *p;

	if (name[0] == '/' || dfd == AT_FDCWD) {
		len = strlcpy(out, name[0] == '/' ? name : "/", PATH_MAX);
		if (name[0] != '/')
			len += strlcpy(out + len, name, PATH_MAX - len);
		return len >= PATH_MAX ? -ENAMETOOLONG : 0;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!f->f_inode || !S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	p = d_path(f->f_inode, out, PATH_MAX);
	if (!p)
		return -ENAMETOOLONG;
	len = strlen(p);
	memmove(out, p, len + 1);
	if (len + 1 + strlen(name) >= PATH_MAX)
		return -ENAMETOOLONG;
	out[len] = '/';
	strlcpy(out + len + 1, name, PATH_MAX - len - 1);
	return 0;
}

struct inode *path_lookupat(int dfd, const char *name, bool follow, int *err)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;
	const char *rest;

	*err = path ? abs_path(dfd, name, path) : -ENOMEM;
	if (!*err) {
		if ((rest = proc_path(path)))
			inode = proc_lookup(rest, follow, err);
		else if (follow)
			inode = ramfs_lookup(path, err);
		else
			inode = ramfs_lookup_nofollow(path, err);
	}
	kfree(path);
	return inode;
}

/* Checks open's flags against what inode is; a new file for it, or NULL. */
static struct file *do_dentry_open(struct inode *inode, unsigned int flags,
				   int *err)
{
	struct file *f = NULL;

	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		*err = -EROFS;
	else if (S_ISLNK(inode->i_mode))
		*err = -ELOOP;		/* O_NOFOLLOW met a symlink */
	else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		*err = -ENOTDIR;
	else if (!(f = file_alloc(inode, flags)))
		*err = -ENOMEM;
	else if ((*err = proc_open(f)) != 0)
		fput(f);		/* which puts the inode too */
	else
		return f;
	if (!f)
		iput(inode);
	return NULL;
}

struct file *do_filp_open(int dfd, const char *name, unsigned int flags,
			  int *err)
{
	struct inode *inode = path_lookupat(dfd, name, !(flags & O_NOFOLLOW), err);

	if (!inode) {
		if (flags & O_CREAT)
			*err = -EROFS;
		return NULL;
	}
	return do_dentry_open(inode, flags, err);
}

static long do_sys_open(int dfd, const char *upath, unsigned int flags)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct file *f = NULL;
	int err;

	err = path ? getname(upath, path) : -ENOMEM;
	if (!err)
		f = do_filp_open(dfd, path, flags, &err);
	if (f && (err = fd_install(f)) < 0)
		fput(f);
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(open, const char *, filename, int, flags, int, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags);
}

SYSCALL_DEFINE4(openat, int, dfd, const char *, filename, int, flags, int, mode)
{
	return do_sys_open(dfd, filename, flags);
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

/*
 * Up to count bytes of f from *pos into the kernel buffer buf, *pos
 * advanced (Linux: kernel_read).  The console reads as end of file.
 */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	ssize_t got;

	if (!f->f_inode)
		return 0;
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	got = f->private_data ? proc_read(f, buf, count, *pos)
			      : ramfs_read(f->f_inode, buf, count, *pos);
	if (got > 0)
		*pos += got;
	return got;
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
		loff_t pos = f->f_pos;

		n = min(count - done, (size_t)PAGE_SIZE);
		got = kernel_read(f, page, n, &pos);
		if (got <= 0)
			break;
		if (copy_to_user(buf + done, page, got)) {
			if (!done)
				done = (size_t)-EFAULT;
			break;
		}
		f->f_pos = pos;
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
	case SEEK_END:
		if (f->private_data)
			return -EINVAL;	/* as seq_lseek: a /proc text has no end */
		pos = f->f_inode->i_size + offset;
		break;
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
