/*
 * A small read-only /proc (kernel/proc.c; Linux: fs/proc).  It is not in
 * the ramfs tree: path walks route "/proc..." here (proc_path), and each
 * lookup makes a struct proc_inode that lives as long as its user (an
 * open file, or one stat call) and is freed by iput().  A file's text is
 * made when it is opened, as seq_file's single_open does, and kept in
 * file->private_data; reads are served from it until close.
 *
 *   /proc/self         symlink to the caller's pid
 *   /proc/meminfo      mm/vmstat.c's meminfo_proc_show
 *   /proc/PID/maps     mm/task_mmu.c's show_maps, with the files' paths
 *   /proc/PID/status   Name .. PPid, task_mem's Vm* lines, switches
 *   /proc/PID/exe      symlink to the program's file
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/fs.h>
#include <linux/ramfs.h>

/*
 * /proc's inode numbers start at Linux's PROC_DYNAMIC_FIRST, far above
 * any the ramfs hands out, which is how an inode is known to be one.
 */
#define PROC_DYNAMIC_FIRST	0xF0000000UL
#define PROC_ROOT_INO		PROC_DYNAMIC_FIRST
#define PROC_DEV		MKDEV(0, 4)	/* an anonymous device, as Linux's */

static inline bool is_proc_inode(const struct inode *inode)
{
	return inode && inode->i_ino >= PROC_DYNAMIC_FIRST;
}

/* For an absolute path under /proc, the part after "/proc"; else NULL. */
const char *proc_path(const char *path);
/*
 * rest is what proc_path returned: the inode it names (a ramfs inode when
 * a followed link such as exe leads out of /proc), or NULL with *err.
 */
struct inode *proc_lookup(const char *rest, bool follow, int *err);
void proc_free_inode(struct inode *inode);
/* The error mmap of a /proc file gets, as Linux's (none can be mapped). */
int proc_reg_mmap(const struct inode *inode);

/* Makes the text of f if it is a /proc file (0, or -errno); frees it. */
int proc_open(struct file *f);
void proc_release(struct file *f);
ssize_t proc_read(struct file *f, void *buf, size_t count, loff_t pos);

/*
 * The path of a ramfs (or /proc) inode, built at the end of buf (Linux:
 * d_path); returns where it starts, or NULL if it does not fit.
 */
char *d_path(const struct inode *inode, char *buf, int buflen);

/* The texts, for the monitor too: length printed, or -errno. */
int meminfo_proc_show(char *buf, size_t size);	/* mm/vmstat.c */
int proc_pid_maps(struct task_struct *task, char *buf, size_t size);
int proc_pid_status(struct task_struct *task, char *buf, size_t size);

#endif /* _LINUX_PROC_FS_H */
