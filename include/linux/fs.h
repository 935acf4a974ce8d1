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

#endif /* _LINUX_FS_H */
