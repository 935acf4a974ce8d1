/*
 * execve (Linux: fs/exec.c's do_execveat_common and exec_mmap,
 * fs/binfmt_elf.c's load_elf_binary).  The file comes from the ramfs;
 * kernel/binfmt_elf.c has checked it and described its segments, and
 * kernel/exec.c lays out the new stack.  What is left, here: a new
 * address space with a VMA per PT_LOAD segment, the new mm made the
 * task's own, the stack written into it, and the registers set to start
 * at the entry point.
 *
 * Segments are mapped from the file as Linux's elf_map does: a private
 * file VMA per PT_LOAD segment, whose pages fault in from the ramfs
 * (the first write copies one), so /proc/PID/maps names the program on
 * their lines.  The bss beyond the file's last page is anonymous memory;
 * the bss inside that page is zeroed at exec (Linux's padzero), which
 * gives the process its own copy of that one page.
 */
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/proc_fs.h>
#include <linux/ramfs.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/processor.h>
#include <asm/switch_to.h>

#define STACK_RND_MASK	0x7ffUL		/* pages: 8 MiB of stack top jitter */
#define STACK_VMA_PAGES	32		/* the stack VMA to begin with */

static ssize_t ramfs_elf_read(void *ctx, void *buf, size_t len, u64 pos)
{
	return ramfs_read(ctx, buf, len, (loff_t)pos);
}

static int exec_user_write(void *ctx, unsigned long uaddr, const void *src,
			   size_t len)
{
	return copy_to_user((void *)uaddr, src, len) ? -EFAULT : 0;
}

static unsigned long elf_prot(const struct elf_info *info, u32 flags)
{
	unsigned long prot = (flags & PF_R ? PROT_READ : 0) |
			     (flags & PF_W ? PROT_WRITE : 0) |
			     (flags & PF_X ? PROT_EXEC : 0);

	if (info->read_implies_exec && (prot & PROT_READ))
		prot |= PROT_EXEC;
	return prot;
}

/*
 * Zeroes from addr to the end of its page in mm, which is not current's
 * (Linux's padzero clears the user memory of the new, current, mm).
 */
static int padzero(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = get_user_page_force(mm, addr & PAGE_MASK);
	char *p;

	if (!page)
		return -ENOMEM;
	p = kmap_atomic(page);
	memset(p + offset_in_page(addr), 0, PAGE_SIZE - offset_in_page(addr));
	kunmap_atomic(p);
	put_page(page);
	return 0;
}

/*
 * One PT_LOAD segment: its file pages mapped from the file (Linux:
 * elf_map), the rest of the last file page zeroed if the segment has
 * bss, and the bss pages beyond it anonymous (set_brk).  A segment
 * without file bytes is all bss.
 */
static int load_segment(struct mm_struct *mm, struct inode *inode,
			const struct elf_info *info, const struct elf_load *l)
{
	unsigned long prot = elf_prot(info, l->flags);
	unsigned long start = l->vaddr & PAGE_MASK;
	unsigned long file_end = l->vaddr + l->filesz;
	unsigned long map_end = l->filesz ? PAGE_ALIGN(file_end) : start;
	unsigned long end = PAGE_ALIGN(l->vaddr + l->memsz), addr;
	int err;

	if (map_end > start) {
		addr = do_mmap(mm, inode, start, map_end - start, prot,
			       MAP_PRIVATE | MAP_FIXED,
			       (l->offset - (l->vaddr - start)) >> PAGE_SHIFT);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	if (l->filesz && l->memsz > l->filesz && offset_in_page(file_end)) {
		err = padzero(mm, file_end);
		/* As Linux (6.7 on): no bss to clear where nothing can read it. */
		if (err && prot != PROT_NONE)
			return err;
	}
	if (end > map_end) {
		addr = do_mmap(mm, NULL, map_end, end - map_end, prot,
			       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, 0);
		if (IS_ERR_VALUE(addr))
			return (int)addr;
	}
	return 0;
}

/* The VMAs of every PT_LOAD segment. */
static int load_segments(struct mm_struct *mm, struct inode *inode,
			 const struct elf_info *info)
{
	int i, err = 0;

	mutex_lock(&mm->mmap_lock);
	for (i = 0; i < info->nr_loads && !err; i++)
		err = load_segment(mm, inode, info, &info->load[i]);
	mutex_unlock(&mm->mmap_lock);
	return err;
}

/*
 * The new mm becomes the task's own (Linux: exec_mmap).  A kernel thread
 * that execs becomes a process: it gives back what it borrowed.
 */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm, *active = tsk->active_mm;
	bool kthread = tsk->flags & PF_KTHREAD;
	unsigned long flags;

	local_irq_save(flags);
	tsk->mm = mm;
	tsk->active_mm = mm;
	tsk->flags &= ~PF_KTHREAD;
	switch_mm(active, mm);
	local_irq_restore(flags);
	if (old && !kthread)
		mmput(old);			/* a process's previous image */
	else if (old)
		mmdrop(old);			/* kthread_use_mm's reference */
	else if (active != &init_mm)
		mmdrop(active);			/* a borrowed one */
}

/*
 * The stack: a VM_GROWSDOWN VMA at the (randomised) top of user space,
 * executable only if PT_GNU_STACK asks (or, without one, the old i386
 * rule), so on an NX CPU code on the stack faults.
 */
static unsigned long setup_stack(struct mm_struct *mm,
				 const struct elf_info *info)
{
	unsigned long top = TASK_SIZE, addr;
	unsigned long prot = PROT_READ | PROT_WRITE;

	if (info->executable_stack == EXSTACK_ENABLE_X ||
	    (info->read_implies_exec &&
	     info->executable_stack != EXSTACK_DISABLE_X))
		prot |= PROT_EXEC;
	if (randomize_va_space)
		top -= (get_random_long() & STACK_RND_MASK) << PAGE_SHIFT;
	mutex_lock(&mm->mmap_lock);
	addr = do_mmap(mm, NULL, top - STACK_VMA_PAGES * PAGE_SIZE,
		       STACK_VMA_PAGES * PAGE_SIZE, prot,
		       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0);
	mutex_unlock(&mm->mmap_lock);
	return IS_ERR_VALUE(addr) ? 0 : top;
}

static const char *basename(const char *path)
{
	const char *p, *base = path;

	for (p = path; *p; p++)
		if (*p == '/')
			base = p + 1;
	return base;
}

/* argv, envp and the auxv on the new stack; the mm fields they fill. */
static int build_stack(struct mm_struct *mm, const char *filename,
		       const char *const *argv, const char *const *envp,
		       const struct elf_info *info, unsigned long top,
		       struct exec_layout *layout)
{
	struct linux_binprm bprm;
	struct elf_aux_info aux;
	unsigned int i;
	int err;

	memset(&aux, 0, sizeof(aux));
	aux.hwcap = boot_cpu_data.features_edx;
	aux.clktck = 100;
	aux.platform = "i686";
	for (i = 0; i < sizeof(aux.random); i += sizeof(unsigned long)) {
		unsigned long r = get_random_long();

		memcpy(aux.random + i, &r, sizeof(r));
	}
	aux.stack_shift = randomize_va_space ? get_random_long() & 0xff0 : 0;
	bprm_stack_init(&bprm, top, _STK_LIM, exec_user_write, NULL);
	err = bprm_copy_args(&bprm, filename, argv, envp);
	if (!err)
		err = create_elf_tables(&bprm, info, &aux, layout);
	return err;
}

/*
 * Replaces the current task's program with filename's (Linux:
 * kernel_execve / do_execveat_common).  Errors before the point of no
 * return leave the caller as it was; after it, a failure kills the task.
 */
int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp)
{
	struct exec_layout layout;
	struct elf_info info;
	struct mm_struct *mm;
	struct inode *inode;
	unsigned long top;
	int err;

	inode = path_lookupat(AT_FDCWD, filename, true, &err);
	if (!inode)
		return err;
	/* Linux's may_open(MAY_EXEC): a regular file with an execute bit. */
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ||
	    is_proc_inode(inode)) {
		iput(inode);
		return -EACCES;
	}
	err = elf_check_exec(filename, ramfs_elf_read, inode, inode->i_size, &info);
	if (err)
		return err;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = load_segments(mm, inode, &info);
	top = err ? 0 : setup_stack(mm, &info);
	if (!top) {
		mmput(mm);
		return err ? err : -ENOMEM;
	}
	mm->start_code = info.start_code;
	mm->end_code = info.end_code;
	mm->start_data = info.start_data;
	mm->end_data = info.end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(info.elf_brk);
	if (randomize_va_space > 1)
		mm->start_brk = mm->brk = arch_randomize_brk(mm);
	exec_mmap(mm);			/* the point of no return */
	err = files_init_console(current);	/* a new process: fds 0-2 */
	if (!err)
		err = build_stack(mm, filename, argv, envp, &info, top, &layout);
	if (err) {
		pr_info("%s[%d]: execve of %s failed after the point of no return: %d\n",
			current->comm, current->pid, filename, err);
		do_exit(SIGSEGV);
	}
	mm->start_stack = top;
	mm->arg_start = layout.arg_start;
	mm->arg_end = layout.arg_end;
	mm->env_start = layout.env_start;
	mm->env_end = layout.env_end;
	strlcpy(current->comm, basename(filename), sizeof(current->comm));
	memset(current->thread.tls_array, 0, sizeof(current->thread.tls_array));
	load_TLS(current);
	fpu_reset(current);
	start_thread(task_pt_regs(current), info.entry, layout.sp);
	return 0;
}

/* ---- execve(2), and running a program from the kernel ---- */

#define EXEC_MAX_STRINGS	256	/* argv + envp entries we copy in */

/*
 * The user's NULL-terminated string array into kernel copies in buf
 * (size bytes), pointers in vec (at most max - 1 of them, NULL-ended).
 * The number of strings, or -EFAULT / -E2BIG.
 */
static int copy_strings_in(const char *const *uvec, const char **vec, int max,
			   char **buf, size_t *left)
{
	const char *ustr;
	long n;
	int i;

	for (i = 0; uvec; i++) {
		if (get_user(ustr, uvec + i))
			return -EFAULT;
		if (!ustr)
			break;
		if (i == max - 1)
			return -E2BIG;
		n = strncpy_from_user(*buf, ustr, *left);
		if (n < 0)
			return (int)n;
		if ((size_t)n == *left)
			return -E2BIG;
		vec[i] = *buf;
		*buf += n + 1;
		*left -= n + 1;
	}
	vec[i] = NULL;
	return i;
}

SYSCALL_DEFINE3(execve, const char *, ufilename, const char *const *, uargv,
		const char *const *, uenvp)
{
	const char **argv, **envp;
	char *strings, *p;
	size_t left = ARG_MAX;
	long err;

	argv = kmalloc(2 * EXEC_MAX_STRINGS * sizeof(*argv), GFP_KERNEL);
	strings = vmalloc(ARG_MAX + PATH_MAX);
	err = -ENOMEM;
	if (!argv || !strings)
		goto out;
	envp = argv + EXEC_MAX_STRINGS;
	err = strncpy_from_user(strings, ufilename, PATH_MAX);
	if (err >= 0 && err == PATH_MAX)
		err = -ENAMETOOLONG;
	if (err < 0)
		goto out;
	p = strings + err + 1;
	err = copy_strings_in(uargv, argv, EXEC_MAX_STRINGS, &p, &left);
	if (err >= 0)
		err = copy_strings_in(uenvp, envp, EXEC_MAX_STRINGS, &p, &left);
	if (err >= 0)
		err = kernel_execve(strings, argv, envp);
out:
	vfree(strings);
	kfree(argv);
	return err;
}

struct run_request {
	const char *path;
	const char *const *argv;
	int err;
};

/* A kernel thread that becomes the program (Linux: kernel_init's run_init_process). */
static int run_thread(void *data)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin", "TERM=linux", NULL };
	struct run_request *req = data;

	req->err = kernel_execve(req->path, req->argv, envp);
	if (req->err)
		return 127 << 8;	/* as a shell reports "not found" */
	enter_user_mode();
	return 0;		/* not reached */
}

int run_program(const char *path, const char *const *argv, int *status)
{
	struct run_request req = { .path = path, .argv = argv };
	struct task_struct *p = kthread_create(run_thread, &req, "run");
	long pid;

	if (!p)
		return -ENOMEM;
	p->exit_signal = SIGCHLD;
	wake_up_process(p);
	pid = kernel_wait4(p->pid, status, 0);
	if (req.err)
		return req.err;
	return (int)pid;
}

/* `run PATH [ARGS...]`: argv[0] is PATH, as a shell passes it. */
static int cmd_run(int argc, char **argv)
{
	int status = 0, pid = run_program(argv[1], (const char *const *)argv + 1,
					  &status);

	if (pid < 0) {
		mon_printf("run: %s: error %d\n", argv[1], pid);
		return pid;
	}
	if (status & 0x7f)
		mon_printf("[pid %d] killed by signal %d\n", pid, status & 0x7f);
	else
		mon_printf("[pid %d] exited with status %d\n", pid, (status >> 8) & 0xff);
	return 0;
}
DEFINE_MONITOR_CMD("run", "run PATH [ARGS...]", "run a program from the initramfs and wait for it", cmd_run);

/* ---- init= (Linux: kernel_init's run_init_process) ---- */

static char init_path[256];

static int __init init_setup(char *val)
{
	if (!val || val[0] != '/')
		return -EINVAL;
	if (strlcpy(init_path, val, sizeof(init_path)) >= sizeof(init_path)) {
		init_path[0] = '\0';
		return -EINVAL;
	}
	return 0;
}
__setup("init", init_setup);

/*
 * Runs init=PATH from pid 1 and waits for it, before the self-tests or
 * the prompt.  Linux makes it pid 1 itself and panics when it exits;
 * here the monitor is pid 1's job, so init is its child and its end is
 * only reported.
 */
void run_init_process_if_requested(void)
{
	const char *argv[] = { init_path, NULL };
	int status = 0, pid;

	if (!init_path[0])
		return;
	pid = run_program(init_path, argv, &status);
	if (pid < 0)
		pr_err("Failed to execute %s (error %d)\n", init_path, pid);
	else if (status & 0x7f)
		pr_info("init: %s [pid %d] killed by signal %d\n", init_path,
			pid, status & 0x7f);
	else
		pr_info("init: %s [pid %d] exited with status %d\n", init_path,
			pid, (status >> 8) & 0xff);
}
