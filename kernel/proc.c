/*
 * A small read-only /proc (Linux: fs/proc/base.c, root.c, self.c,
 * array.c, task_mmu.c), and the monitor commands that print the same
 * texts: ps, maps PID, status PID.  See include/linux/proc_fs.h for the
 * model: inodes made per lookup, text made at open.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

enum proc_kind {
	PROC_ROOT, PROC_SELF, PROC_MEMINFO,		/* /proc/NAME */
	PROC_PID, PROC_PID_MAPS, PROC_PID_STATUS, PROC_PID_EXE,	/* /proc/PID/NAME */
	NR_PROC_KINDS
};

static const struct {
	const char *name;
	umode_t mode;
} proc_entries[NR_PROC_KINDS] = {
	[PROC_ROOT] = { "proc", S_IFDIR | 0555 },
	[PROC_SELF] = { "self", S_IFLNK | 0777 },
	[PROC_MEMINFO] = { "meminfo", S_IFREG | 0444 },
	[PROC_PID] = { NULL, S_IFDIR | 0555 },
	[PROC_PID_MAPS] = { "maps", S_IFREG | 0444 },
	[PROC_PID_STATUS] = { "status", S_IFREG | 0444 },
	[PROC_PID_EXE] = { "exe", S_IFLNK | 0777 },
};

/* Linux: fs/proc/internal.h's proc_inode, the VFS inode inside. */
struct proc_inode {
	struct inode vfs_inode;
	enum proc_kind kind;
	int pid;
	char path[32];			/* "/proc/PID/status" at most */
};

static struct proc_inode *PROC_I(const struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* A file's text, made at open (Linux: the seq_file buffer). */
struct proc_text {
	size_t len;
	char buf[];
};

#define PROC_TEXT_MAX	(1UL << 20)	/* maps of a huge map_count: -ENOMEM */

/* ---- the program's file and paths ---- */

char *d_path(const struct inode *inode, char *buf, int buflen)
{
	char *p = buf + buflen;
	int len;

	if (is_proc_inode(inode)) {
		len = strlen(PROC_I(inode)->path) + 1;
		return len <= buflen ? memcpy(buf, PROC_I(inode)->path, len) : NULL;
	}
	if (buflen < 2)
		return NULL;
	*--p = '\0';
	for (; inode->i_parent != inode; inode = inode->i_parent) {
		len = strlen(inode->i_name);
		if (p - buf < len + 1)
			return NULL;
		p -= len;
		memcpy(p, inode->i_name, len);
		*--p = '/';
	}
	if (!*p)
		*--p = '/';			/* "/" itself */
	return p;
}

/*
 * The file the program was loaded from: the one mapped at start_code
 * (Linux keeps it in mm->exe_file; the text VMA holds the same file).
 */
static struct inode *get_mm_exe_file(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	struct inode *file = NULL;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, mm->start_code);
	if (vma && vma->vm_start <= mm->start_code)
		file = vma->vm_file;
	mutex_unlock(&mm->mmap_lock);
	return file;
}

static struct inode *get_task_exe_file(int pid)
{
	struct task_struct *task = find_get_task_by_vpid(pid);
	struct mm_struct *mm = task ? get_task_mm(task) : NULL;
	struct inode *file = NULL;

	if (task)
		put_task_struct(task);
	if (mm) {
		file = get_mm_exe_file(mm);
		mmput(mm);
	}
	return file;
}

/* ---- lookup ---- */

static bool pid_alive(int pid)
{
	struct task_struct *task = find_get_task_by_vpid(pid);

	if (task)
		put_task_struct(task);
	return task != NULL;
}

/* A link's target as readlink gives it; NULL for an exe with no file. */
static char *proc_link(enum proc_kind kind, int pid, int *err)
{
	struct inode *exe;
	char *buf, *p;

	buf = kmalloc(kind == PROC_SELF ? 16 : PATH_MAX, GFP_KERNEL);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	if (kind == PROC_SELF) {
		snprintf(buf, 16, "%d", pid);
		return buf;
	}
	exe = get_task_exe_file(pid);
	p = exe ? d_path(exe, buf, PATH_MAX) : NULL;
	if (p)
		memmove(buf, p, strlen(p) + 1);
	else {
		kfree(buf);
		buf = NULL;
	}
	return buf;
}

/* Linux's proc inode numbers differ; ours only need to be unique. */
static unsigned long proc_ino(enum proc_kind kind, int pid)
{
	if (kind < PROC_PID)
		return PROC_DYNAMIC_FIRST + kind;
	return PROC_DYNAMIC_FIRST + NR_PROC_KINDS +
	       (unsigned long)pid * NR_PROC_KINDS + kind;
}

static struct inode *proc_new_inode(enum proc_kind kind, int pid, int *err)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct inode *inode;

	if (!pi) {
		*err = -ENOMEM;
		return NULL;
	}
	pi->kind = kind;
	pi->pid = pid;
	if (kind == PROC_ROOT)
		strlcpy(pi->path, "/proc", sizeof(pi->path));
	else if (kind < PROC_PID)
		snprintf(pi->path, sizeof(pi->path), "/proc/%s", proc_entries[kind].name);
	else if (kind == PROC_PID)
		snprintf(pi->path, sizeof(pi->path), "/proc/%d", pid);
	else
		snprintf(pi->path, sizeof(pi->path), "/proc/%d/%s", pid,
			 proc_entries[kind].name);
	inode = &pi->vfs_inode;
	inode->i_mode = proc_entries[kind].mode;
	inode->i_ino = proc_ino(kind, pid);
	inode->i_name = pi->path;
	for (const char *c = pi->path; *c; c++)
		if (*c == '/')
			inode->i_name = c + 1;
	INIT_LIST_HEAD(&inode->i_child);
	INIT_LIST_HEAD(&inode->i_subdirs);
	if (S_ISLNK(inode->i_mode)) {
		*err = 0;
		inode->i_link = proc_link(kind, pid, err);
		if (*err) {
			kfree(pi);
			return NULL;
		}
	}
	return inode;
}

/*
 * No /proc file here can be mmap'ed: Linux answers -EIO for the files
 * made by proc_create_single (meminfo: proc_reg_mmap without proc_mmap)
 * and -ENODEV for the pid files, which have no mmap operation.
 */
int proc_reg_mmap(const struct inode *inode)
{
	return PROC_I(inode)->kind == PROC_MEMINFO ? -EIO : -ENODEV;
}

void proc_free_inode(struct inode *inode)
{
	kfree(inode->i_link);
	kfree(PROC_I(inode));
}

const char *proc_path(const char *path)
{
	while (*path == '/')
		path++;
	if (strncmp(path, "proc", 4) || (path[4] && path[4] != '/'))
		return NULL;
	return path + 4;
}

/* A pid as Linux's name_to_int reads it: digits, no leading zero. */
static int name_to_pid(const char *name, size_t len)
{
	unsigned int pid = 0;
	size_t i;

	if (!len || (name[0] == '0' && len > 1))
		return -1;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9' || pid > 0x7fffffff / 10)
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid <= 0x7fffffff ? (int)pid : -1;
}

/* The entry called name (len bytes) in directory dir, or -ENOENT. */
static int proc_child(enum proc_kind dir, int *pid, const char *name, size_t len)
{
	int k, first = dir == PROC_ROOT ? PROC_SELF : PROC_PID_MAPS;
	int last = dir == PROC_ROOT ? PROC_MEMINFO : PROC_PID_EXE;

	for (k = first; k <= last; k++)
		if (strlen(proc_entries[k].name) == len &&
		    !memcmp(proc_entries[k].name, name, len))
			return k;
	if (dir == PROC_ROOT && (*pid = name_to_pid(name, len)) > 0 &&
	    pid_alive(*pid))
		return PROC_PID;
	return -ENOENT;
}

/* exe followed: the program's file, which nothing can follow into. */
static struct inode *proc_follow_exe(int pid, const char *p, int *err)
{
	struct inode *exe = get_task_exe_file(pid);

	*err = !exe ? -ENOENT : *p ? -ENOTDIR : 0;
	return *err ? NULL : exe;
}

/*
 * Walks rest (after "/proc") as ramfs's walk does: "." stays, ".." goes
 * up (out of /proc to "/"), links are followed in the middle, and at the
 * end when follow or a trailing slash asks.  /proc/self leads to the
 * caller's /proc/PID, exe to the program's ramfs file.
 */
struct inode *proc_lookup(const char *rest, bool follow, int *err)
{
	enum proc_kind kind = PROC_ROOT;
	const char *p = rest, *name;
	int pid = 0, child;
	size_t len;

	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		name = p;
		while (*p && *p != '/')
			p++;
		len = p - name;
		if (!S_ISDIR(proc_entries[kind].mode)) {
			*err = -ENOTDIR;
			return NULL;
		}
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && !memcmp(name, "..", 2)) {
			if (kind == PROC_ROOT)
				return follow ? ramfs_lookup(p[0] ? p : "/", err)
					      : ramfs_lookup_nofollow(p[0] ? p : "/", err);
			kind = PROC_ROOT;
			continue;
		}
		child = proc_child(kind, &pid, name, len);
		if (child < 0) {
			*err = child;
			return NULL;
		}
		kind = child;
		if (kind == PROC_SELF)
			pid = current->pid;
		if (!S_ISLNK(proc_entries[kind].mode) || (!*p && !follow))
			continue;
		if (kind == PROC_SELF) {
			kind = PROC_PID;
			if (!pid_alive(pid)) {
				*err = -ENOENT;
				return NULL;
			}
			continue;
		}
		return proc_follow_exe(pid, p, err);
	}
	if (p != rest && p[-1] == '/' && !S_ISDIR(proc_entries[kind].mode)) {
		*err = -ENOTDIR;		/* "meminfo/" */
		return NULL;
	}
	*err = 0;
	return proc_new_inode(kind, pid, err);
}

/* ---- the texts ---- */

static const char *task_state(const struct task_struct *p)
{
	if (p->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (p->exit_state == EXIT_DEAD || p->state == TASK_DEAD)
		return "X (dead)";
	switch (p->state) {
	case TASK_RUNNING: return "R (running)";
	case TASK_INTERRUPTIBLE: return "S (sleeping)";
	default: return "D (disk sleep)";
	}
}

/* The parent's pid (0 for none); it can change when the parent exits. */
static int task_ppid(const struct task_struct *p)
{
	unsigned long flags;
	int ppid;

	local_irq_save(flags);
	/* A reaped task's parent may be gone too (Linux: pid_alive). */
	ppid = p->exit_state != EXIT_DEAD && p->real_parent ?
	       p->real_parent->pid : 0;
	local_irq_restore(flags);
	return ppid;
}

/*
 * show_maps's names: the ramfs path of the file (Linux: d_path).  A
 * shmem object is in no directory: Linux names it after the file
 * shmem_zero_setup gives it, unlinked from its internal tmpfs.
 */
static DEFINE_MUTEX(maps_name_lock);
static char maps_name[PATH_MAX];	/* under maps_name_lock */

static const char *maps_file_name(struct inode *file, unsigned long *ino)
{
	*ino = file->i_ino;
	if (is_shmem_inode(file))
		return "/dev/zero (deleted)";
	return d_path(file, maps_name, sizeof(maps_name));
}

/* A kernel thread has no mm: its maps are empty, as in Linux. */
int proc_pid_maps(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = get_task_mm(task);
	int n;

	if (!mm)
		return size ? (buf[0] = '\0', 0) : -ENOSPC;
	mutex_lock(&maps_name_lock);
	n = show_maps(mm, buf, size, maps_file_name);
	mutex_unlock(&maps_name_lock);
	mmput(mm);
	return n;
}

/*
 * Linux's proc_pid_status, the lines this kernel has, in its order:
 * identity, then task_mem's Vm* lines (none for a kernel thread), then
 * the context switches.  One thread per process, so Tgid is the pid.
 */
int proc_pid_status(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = get_task_mm(task);
	int n;

	n = scnprintf(buf, size, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\n"
		      "PPid:\t%d\n", task->comm, task_state(task), task->pid,
		      task->pid, task_ppid(task));
	if (mm) {
		n += task_mem(mm, buf + n, size - n);
		mmput(mm);
	}
	n += scnprintf(buf + n, size - n, "voluntary_ctxt_switches:\t%lu\n"
		       "nonvoluntary_ctxt_switches:\t%lu\n",
		       task->nvcsw, task->nivcsw);
	return n + 1 < (int)size ? n : -ENOSPC;
}

static int meminfo_show(struct task_struct *task, char *buf, size_t size)
{
	int n = meminfo_proc_show(buf, size);

	return n + 1 < (int)size ? n : -ENOSPC;
}

typedef int (*proc_show_t)(struct task_struct *task, char *buf, size_t size);

static void text_free(struct proc_text *t)
{
	if (is_vmalloc_addr(t))
		vfree(t);
	else
		kfree(t);
}

/*
 * show's text in a buffer large enough for it: a page, then twice as
 * much while show says -ENOSPC (as seq_read grows its buffer).
 */
static struct proc_text *proc_make_text(proc_show_t show,
					struct task_struct *task, int *err)
{
	struct proc_text *t;
	size_t size;
	int n;

	for (size = PAGE_SIZE; size <= PROC_TEXT_MAX; size *= 2) {
		t = size == PAGE_SIZE ? kmalloc(size, GFP_KERNEL) : vmalloc(size);
		if (!t)
			break;
		n = show(task, t->buf, size - sizeof(*t));
		if (n >= 0) {
			t->len = n;
			return t;
		}
		text_free(t);
		if (n != -ENOSPC) {
			*err = n;
			return NULL;
		}
	}
	*err = -ENOMEM;
	return NULL;
}

static const proc_show_t proc_shows[NR_PROC_KINDS] = {
	[PROC_MEMINFO] = meminfo_show,
	[PROC_PID_MAPS] = proc_pid_maps,
	[PROC_PID_STATUS] = proc_pid_status,
};

/* Linux's single_open: the whole text now, for the reads to come. */
int proc_open(struct file *f)
{
	struct proc_inode *pi;
	struct task_struct *task = NULL;
	int err = 0;

	if (!is_proc_inode(f->f_inode))
		return 0;
	pi = PROC_I(f->f_inode);
	if (!proc_shows[pi->kind])
		return 0;			/* a directory */
	if (pi->kind > PROC_PID && !(task = find_get_task_by_vpid(pi->pid)))
		return -ENOENT;			/* gone since the lookup */
	f->private_data = proc_make_text(proc_shows[pi->kind], task, &err);
	if (task)
		put_task_struct(task);
	return err;
}

void proc_release(struct file *f)
{
	if (f->private_data)
		text_free(f->private_data);
	f->private_data = NULL;
}

ssize_t proc_read(struct file *f, void *buf, size_t count, loff_t pos)
{
	const struct proc_text *t = f->private_data;

	if (pos < 0)
		return -EINVAL;
	if ((u64)pos >= t->len)
		return 0;
	count = min(count, (size_t)(t->len - pos));
	memcpy(buf, t->buf + pos, count);
	return count;
}

/* ---- monitor ---- */

/*
 * ps as Linux's `ps -eo pid,ppid,stat,vsz,rss,args` prints it: sizes in
 * KiB, kernel threads (no program, no memory of their own) as [name].
 * With interrupts off no task or mm can go away under the walk.
 */
static void ps_one(struct task_struct *p)
{
	unsigned long vsz = 0, rss = 0;
	bool kthread = (p->flags & PF_KTHREAD) || !p->mm;

	if (!kthread) {
		vsz = p->mm->total_vm << (PAGE_SHIFT - 10);
		rss = get_mm_rss(p->mm) << (PAGE_SHIFT - 10);
	}
	mon_printf("%5d %5d %-4c %6lu %5lu %s%s%s%s\n", p->pid,
		   p->real_parent ? p->real_parent->pid : 0, task_state(p)[0],
		   vsz, rss, kthread ? "[" : "", p->comm, kthread ? "]" : "",
		   p->exit_state == EXIT_ZOMBIE ? " <defunct>" : "");
}

static int cmd_ps(int argc, char **argv)
{
	struct task_struct *p;
	unsigned long flags;

	mon_printf("  PID  PPID STAT    VSZ   RSS COMMAND\n");
	local_irq_save(flags);
	for_each_process(p)
		ps_one(p);
	local_irq_restore(flags);
	return 0;
}
DEFINE_MONITOR_CMD("ps", "ps", "processes and kernel threads: pid, parent, state, VSZ and RSS in KiB", cmd_ps);

/* maps PID, status PID: the /proc file's text, or one line saying why not. */
static int show_task_text(const char *cmd, const char *arg, proc_show_t show)
{
	struct task_struct *task;
	struct proc_text *t;
	int pid, err;

	if (kstrtoint(arg, 10, &pid) || pid <= 0) {
		mon_printf("%s: '%s' is not a pid\n", cmd, arg);
		return -EINVAL;
	}
	task = find_get_task_by_vpid(pid);
	if (!task) {
		mon_printf("%s: no process with pid %d\n", cmd, pid);
		return -ESRCH;
	}
	t = proc_make_text(show, task, &err);
	put_task_struct(task);
	if (!t) {
		mon_printf("%s: %d: cannot print (error %d)\n", cmd, pid, err);
		return err;
	}
	mon_write(t->buf, t->len);
	text_free(t);
	return 0;
}

static int cmd_maps(int argc, char **argv)
{
	return show_task_text("maps", argv[1], proc_pid_maps);
}
DEFINE_MONITOR_CMD("maps", "maps PID", "a process's VMAs, as /proc/PID/maps", cmd_maps);

static int cmd_status(int argc, char **argv)
{
	return show_task_text("status", argv[1], proc_pid_status);
}
DEFINE_MONITOR_CMD("status", "status PID", "a process's state and Vm* sizes, as /proc/PID/status", cmd_status);
