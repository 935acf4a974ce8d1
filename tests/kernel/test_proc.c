/*
 * The pid lookup (kernel/pid.c), /proc (kernel/proc.c), statx and
 * readlink (kernel/stat.c) through the kernel's own entry points (the
 * exec suite runs tests/user/procfs as a real process).  Suite "proc".
 *
 * A process to look at is made by hand: a task that has not run yet,
 * given an mm with a text VMA mapping /bin/hello, a heap and a stack, as
 * exec would leave them.  Woken, it exits and its mm goes with it.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/monitor.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include "test_util.h"

#define TEXT_START	0x08048000UL
#define HEAP_START	0x0804a000UL
#define SHM_START	0x40000000UL
#define STACK_PAGES	4
#define WAIT_MS		5000

static char text[8192], shown[8192], want[256];

/* The whole of path, opened and read as a program would; length or -errno. */
static int read_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t got = 0;
	size_t len = 0;
	int err;

	f = do_filp_open(AT_FDCWD, path, 0, &err);
	if (!f)
		return err;
	while (len + 1 < size &&
	       (got = kernel_read(f, buf + len, size - 1 - len, &pos)) > 0)
		len += got;
	buf[len] = '\0';
	fput(f);
	return got < 0 ? (int)got : (int)len;
}

/* A monitor command's output, not shown on the console. */
static void monitor_text(const char *cmd)
{
	monitor_capture_quiet(shown, sizeof(shown));
	monitor_exec(cmd);
	monitor_capture(NULL, 0);
}

static struct inode *hello(void)
{
	int err;

	return ramfs_lookup("/bin/hello", &err);
}

/* ---- the hand-made process ---- */

struct fake_proc {
	struct task_struct *task;
	struct mm_struct *mm;
};

static int fake_proc_fn(void *data)
{
	return 0;
}

static bool fake_map(struct mm_struct *mm, struct inode *file,
		     unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags)
{
	if (!(flags & MAP_SHARED))
		flags |= MAP_PRIVATE;
	return vm_mmap(mm, file, addr, len, prot, MAP_FIXED | flags, 0) == addr;
}

static bool fake_proc_start(struct fake_proc *fp)
{
	unsigned long stack = TASK_SIZE - STACK_PAGES * PAGE_SIZE;
	struct mm_struct *mm = mm_alloc();

	fp->task = NULL;
	fp->mm = mm;
	if (!mm || !fake_map(mm, hello(), TEXT_START, PAGE_SIZE,
			     PROT_READ | PROT_EXEC, 0) ||
	    !fake_map(mm, NULL, HEAP_START, 2 * PAGE_SIZE,
		      PROT_READ | PROT_WRITE, MAP_ANONYMOUS) ||
	    !fake_map(mm, NULL, stack, STACK_PAGES * PAGE_SIZE,
		      PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_GROWSDOWN))
		return false;
	mm->start_code = TEXT_START;
	mm->end_code = TEXT_START + PAGE_SIZE / 2;
	mm->start_brk = HEAP_START;
	mm->brk = HEAP_START + PAGE_SIZE;
	mm->start_stack = TASK_SIZE - 16;
	fp->task = kthread_create(fake_proc_fn, NULL, "proctest");
	if (!fp->task)
		return false;
	fp->task->flags &= ~PF_KTHREAD;		/* a process, as after exec */
	fp->task->mm = fp->task->active_mm = mm;
	return true;
}

/* Waits (at most WAIT_MS) until pid can no longer be found. */
static bool pid_gone(int pid)
{
	unsigned long end = jiffies + ms_to_jiffies(WAIT_MS);
	struct task_struct *p;

	while ((p = find_get_task_by_vpid(pid))) {
		put_task_struct(p);
		if (time_after(jiffies, end))
			return false;
		msleep(5);
	}
	return true;
}

/* Woken, the task exits, and its exit frees the mm (exit_mm). */
static int fake_proc_stop(struct fake_proc *fp)
{
	int pid = fp->task ? fp->task->pid : 0;

	if (fp->task)
		wake_up_process(fp->task);
	else if (fp->mm)
		mmput(fp->mm);
	return pid;
}

/* ---- the pid lookup ---- */

long __ia32_sys_prlimit64(const struct pt_regs *regs);

static long prlimit_of(int pid, unsigned int resource)
{
	struct pt_regs regs = { .bx = pid, .cx = resource };

	return __ia32_sys_prlimit64(&regs);	/* no new, no old: a probe */
}

static void test_pid_lookup(struct ktest *test)
{
	struct fake_proc fp;
	struct task_struct *p;
	int usage, pid;

	usage = atomic_read(&current->usage);
	p = find_get_task_by_vpid(current->pid);
	EXPECT_PTR_EQ(test, p, current);
	EXPECT_EQ(test, atomic_read(&current->usage), usage + 1);
	if (p)
		put_task_struct(p);
	EXPECT_EQ(test, atomic_read(&current->usage), usage);
	EXPECT_NULL(test, find_get_task_by_vpid(0));	/* the idle task */
	EXPECT_NULL(test, find_get_task_by_vpid(-1));
	EXPECT_EQ(test, prlimit_of(0, RLIMIT_STACK), 0);
	EXPECT_EQ(test, prlimit_of(0, RLIM_NLIMITS), -EINVAL);

	ASSERT_TRUE(test, fake_proc_start(&fp));
	pid = fp.task->pid;
	p = find_get_task_by_vpid(pid);
	EXPECT_PTR_EQ(test, p, fp.task);
	EXPECT_EQ(test, prlimit_of(pid, RLIMIT_STACK), 0);
	fake_proc_stop(&fp);
	EXPECT_TRUE(test, pid_gone(pid));
	/* Gone from the list, yet still readable through the reference. */
	if (p) {
		EXPECT_EQ(test, p->pid, pid);
		EXPECT_EQ(test, atomic_read(&p->usage), 1);
		put_task_struct(p);
	}
	EXPECT_EQ(test, prlimit_of(pid, RLIMIT_STACK), -ESRCH);
}

/* ---- /proc ---- */

/* pid 1 (kernel_init) reads its own files: a kernel thread's. */
static void test_proc_self_kernel_thread(struct ktest *test)
{
	char link[16];
	int len;

	EXPECT_EQ(test, read_file("/proc/self/maps", text, sizeof(text)), 0);
	EXPECT_GT(test, read_file("/proc/self/status", text, sizeof(text)), 0);
	snprintf(want, sizeof(want), "Name:\t%s\nState:\tR (running)\nTgid:\t%d\n"
		 "Pid:\t%d\nPPid:\t%d\n", current->comm, current->pid,
		 current->pid, current->real_parent->pid);
	EXPECT_TRUE(test, strstr(text, want) == text);
	EXPECT_NULL(test, strstr(text, "VmSize"));	/* no mm of its own */
	len = vfs_readlink(AT_FDCWD, "/proc/self", link, sizeof(link));
	snprintf(want, sizeof(want), "%d", current->pid);
	EXPECT_EQ(test, len, (int)strlen(want));
	EXPECT_TRUE(test, len > 0 && !memcmp(link, want, len));
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/proc/self/exe", link,
				     sizeof(link)), -ENOENT);
}

/* One maps line as Linux prints it, from the VMA at addr. */
static void maps_line(struct mm_struct *mm, unsigned long addr,
		      const char *perms, unsigned long ino, const char *name)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	u32 dev = ino ? RAMFS_DEV : 0;		/* as stat says for the file */
	int n;

	n = snprintf(want, sizeof(want), "%08lx-%08lx %s 00000000 %02x:%02x %lu ",
		     vma->vm_start, vma->vm_end, perms, MAJOR(dev), MINOR(dev), ino);
	snprintf(want + n, sizeof(want) - n, "%*s%s\n", 49 - n, "", name);
}

static void test_proc_pid_files(struct ktest *test)
{
	struct fake_proc fp;
	struct kstat st;
	char path[32], cmd[16];
	int pid;

	if (!hello())
		KTEST_SKIP(test, "no initramfs: booted without a module");
	ASSERT_TRUE(test, fake_proc_start(&fp));
	pid = fp.task->pid;
	/* one touched page of shared anonymous memory: ps's RSS is 4 kB */
	ASSERT_TRUE(test, fake_map(fp.mm, NULL, SHM_START, PAGE_SIZE,
				   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS));
	EXPECT_EQ(test, user_fault(fp.mm, SHM_START, true), 0);

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	EXPECT_GT(test, read_file(path, text, sizeof(text)), 0);
	maps_line(fp.mm, TEXT_START, "r-xp", hello()->i_ino, "/bin/hello");
	EXPECT_TRUE(test, strstr(text, want) == text);
	maps_line(fp.mm, HEAP_START, "rw-p", 0, "[heap]");
	EXPECT_NOT_NULL(test, strstr(text, want));
	maps_line(fp.mm, TASK_SIZE - PAGE_SIZE, "rw-p", 0, "[stack]");
	EXPECT_NOT_NULL(test, strstr(text, want));
	snprintf(cmd, sizeof(cmd), "maps %d", pid);
	monitor_text(cmd);
	EXPECT_STREQ(test, shown, text);

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	EXPECT_GT(test, read_file(path, text, sizeof(text)), 0);
	snprintf(want, sizeof(want), "Name:\tproctest\nState:\tD (disk sleep)\n"
		 "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\nVmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n",
		 pid, pid, current->pid, fp.mm->total_vm << 2, fp.mm->total_vm << 2);
	EXPECT_TRUE(test, strstr(text, want) == text);
	snprintf(cmd, sizeof(cmd), "status %d", pid);
	monitor_text(cmd);
	EXPECT_STREQ(test, shown, text);
	monitor_text("ps");
	snprintf(want, sizeof(want), "\n%5d %5d D    %6lu     4 proctest\n",
		 pid, current->pid, fp.mm->total_vm << 2);
	EXPECT_NOT_NULL(test, strstr(shown, want));

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, path, text, sizeof(text)), 10);
	EXPECT_TRUE(test, !memcmp(text, "/bin/hello", 10));
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, path, 0, &st), 0);
	EXPECT_EQ(test, st.ino, hello()->i_ino);		/* followed */
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st), 0);
	EXPECT_TRUE(test, S_ISLNK(st.mode));

	fake_proc_stop(&fp);
	EXPECT_TRUE(test, pid_gone(pid));
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	EXPECT_EQ(test, read_file(path, text, sizeof(text)), -ENOENT);
	snprintf(cmd, sizeof(cmd), "maps %d", pid);
	monitor_text(cmd);
	snprintf(want, sizeof(want), "maps: no process with pid %d\n", pid);
	EXPECT_STREQ(test, shown, want);
}

/* Lookups that fail, as Linux's fail. */
static void test_proc_lookup_errors(struct ktest *test)
{
	static const struct {
		const char *path;
		int err;
	} cases[] = {
		{ "/proc/0/status", -ENOENT },
		{ "/proc/01/status", -ENOENT },	/* not how a pid is written */
		{ "/proc/2147483647/maps", -ENOENT },
		{ "/proc/nothing", -ENOENT },
		{ "/proc/self/nothing", -ENOENT },
		{ "/proc/meminfo/", -ENOTDIR },
		{ "/proc/self/maps/x", -ENOTDIR },
	};
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_NULL(test, path_lookupat(AT_FDCWD, cases[i].path, true, &err));
		EXPECT_EQ(test, err, cases[i].err);
	}
	monitor_text("status x");
	EXPECT_STREQ(test, shown, "status: 'x' is not a pid\n");
}

/* /proc/meminfo is the monitor's meminfo: same lines, same totals. */
static void test_proc_meminfo(struct ktest *test)
{
	char *line;

	ASSERT_GT(test, read_file("/proc/meminfo", text, sizeof(text)), 0);
	monitor_text("meminfo");
	snprintf(want, sizeof(want), "MemTotal:       %8lu kB\n", totalram_pages << 2);
	EXPECT_TRUE(test, strstr(text, want) == text);
	EXPECT_TRUE(test, strstr(shown, want) == shown);
	for (line = text; (line = strchr(line, '\n')) && line[1]; line++) {
		char key[24];
		int n = 0;

		while (line[1 + n] != ':' && n < 22)
			n++;
		snprintf(key, sizeof(key), "\n%.*s:", n, line + 1);
		EXPECT_NOT_NULL(test, strstr(shown, key));
	}
}

/* ---- statx and readlink ---- */

static void test_statx(struct ktest *test)
{
	struct inode *exe = hello();
	struct kstat st;

	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "/", 0, &st), 0);
	EXPECT_TRUE(test, S_ISDIR(st.mode));
	EXPECT_EQ(test, st.attributes & 0x2000, 0x2000);	/* mount root */
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "", AT_EMPTY_PATH, &st), 0);
	EXPECT_EQ(test, st.ino, 1);			/* the cwd: "/" */
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "/proc/meminfo", 0, &st), 0);
	EXPECT_EQ(test, st.dev, PROC_DEV);
	EXPECT_EQ(test, st.size, 0);			/* as Linux's /proc */
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "/", 0x4000 << 1, &st), -EINVAL);
	EXPECT_EQ(test, vfs_statx(NR_OPEN_DEFAULT - 1, "", AT_EMPTY_PATH, &st),
		  -EBADF);
	if (!exe)
		KTEST_SKIP(test, "no initramfs: booted without a module");
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "bin/hello", 0, &st), 0);
	EXPECT_EQ(test, st.ino, exe->i_ino);
	EXPECT_EQ(test, st.size, exe->i_size);
	EXPECT_EQ(test, st.blocks, DIV_ROUND_UP(exe->i_size, 512));
	EXPECT_EQ(test, st.result_mask & 0x7ff, 0x7ff);	/* STATX_BASIC_STATS */
	EXPECT_EQ(test, vfs_statx(AT_FDCWD, "/bin/hello/", 0, &st), -ENOTDIR);
}

/*
 * readlink of a ramfs symlink: one linked into "/" for the case only,
 * on the stack, so nothing is allocated and nothing is left behind.
 */
static void test_readlink(struct ktest *test)
{
	struct inode *root;
	struct inode link = {
		.i_mode = S_IFLNK | 0777, .i_ino = 0x7ffffff0, .i_name = "ptlink",
		.i_link = "bin/hello", .i_size = 9,
	};
	char buf[16];
	int err;

	root = ramfs_lookup("/", &err);
	ASSERT_NOT_NULL(test, root);
	link.i_parent = root;
	INIT_LIST_HEAD(&link.i_subdirs);
	list_add(&link.i_child, &root->i_subdirs);
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/ptlink", buf, sizeof(buf)), 9);
	EXPECT_TRUE(test, !memcmp(buf, "bin/hello", 9));
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/ptlink", buf, 3), 3);
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/ptlink", buf, 0), -EINVAL);
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/", buf, sizeof(buf)), -EINVAL);
	EXPECT_EQ(test, vfs_readlink(AT_FDCWD, "/none", buf, sizeof(buf)), -ENOENT);
	list_del(&link.i_child);
}

KTEST_SUITE(proc,
	    KTEST_CASE(test_pid_lookup),
	    KTEST_CASE(test_proc_self_kernel_thread),
	    KTEST_CASE(test_proc_pid_files),
	    KTEST_CASE(test_proc_lookup_errors),
	    KTEST_CASE(test_proc_meminfo),
	    KTEST_CASE(test_statx),
	    KTEST_CASE(test_readlink));
