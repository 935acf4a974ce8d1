/*
 * Ring 3, int 0x80 and user memory access (arch/x86/kernel/entry.asm,
 * syscall_32.c, process_32.c, usercopy.asm; mm/memory.c's user page
 * tables).  Suite "user".  Each case builds an address space by hand --
 * code, data and stack pages mapped with install_user_page() -- starts a
 * kernel thread that adopts it and leaves for user mode at one of the
 * entry points of tests/kernel/user_blob.asm, and waits for it to exit.
 * The program writes what its system calls returned into the data page.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/switch_to.h>
#include <asm/traps.h>
#include "test_util.h"

#define USER_CODE	0x08048000UL
#define USER_DATA	0x08049000UL
#define USER_STACK	(TASK_SIZE - PAGE_SIZE)
#define DESC_OFF	64
#define TLS_OFF		128
#define UTS_OFF		256
#define WAIT_MS		5000

extern const char user_blob_start[], user_blob_end[];
extern const char user_entry_syscalls[], user_entry_null[], user_entry_cli[],
		  user_entry_ud2[], user_entry_time[], user_entry_anon[],
		  user_entry_write_ro[], user_entry_stack[], user_entry_mm[],
		  user_entry_fork[], user_entry_rlimit[], user_entry_nx[];

#define ANON	0x10000000UL
#define RO	0x10010000UL
#define STK	0x20000000UL

struct user_proc {
	struct mm_struct *mm;
	struct page *code, *data, *stack;
	unsigned long ip;
	int pid;
};

static struct user_proc proc;
static bool threads_back_to(unsigned long want);
static char out[256];

static int user_thread(void *arg)
{
	struct user_proc *p = arg;

	kthread_use_mm(p->mm);
	files_init_console(current);
	start_thread(task_pt_regs(current), p->ip, TASK_SIZE - 16);
	enter_user_mode();
	return 0;	/* not reached */
}

/* The test's view of the data page (it is lowmem or kmapped briefly). */
static u32 data_word(unsigned int off)
{
	u32 *v = kmap_atomic(proc.data), w = v[off / 4];

	kunmap_atomic(v);
	return w;
}

static void fill_data(unsigned int off, const void *src, size_t len)
{
	u8 *v = kmap_atomic(proc.data);

	memcpy(v + off, src, len);
	kunmap_atomic(v);
}

/*
 * One page of the process: a VMA of its own, and the page installed.
 * The data page is a shared mapping, so a forked child writes the same
 * page the test reads; code and stack are private.
 */
static bool proc_map(unsigned long addr, struct page *page, unsigned long prot,
		     unsigned long flags, pgprot_t pte_prot)
{
	return vm_mmap(proc.mm, NULL, addr, PAGE_SIZE, prot,
		       MAP_ANONYMOUS | MAP_FIXED | flags, 0) == addr &&
	       !install_user_page(proc.mm, addr, page, pte_prot);
}

/* Code, data, stack: three pages from highmem first, as user pages are. */
static bool proc_build(const char *entry)
{
	u8 *v;

	memset(&proc, 0, sizeof(proc));
	proc.mm = mm_alloc();
	proc.code = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	proc.data = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	proc.stack = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!proc.mm || !proc.code || !proc.data || !proc.stack)
		return false;
	v = kmap_atomic(proc.code);
	memcpy(v, user_blob_start, user_blob_end - user_blob_start);
	kunmap_atomic(v);
	proc.ip = USER_CODE + (entry - user_blob_start);
	return proc_map(USER_CODE, proc.code, PROT_READ | PROT_EXEC,
			MAP_PRIVATE, PAGE_READONLY) &&
	       proc_map(USER_DATA, proc.data, PROT_READ | PROT_WRITE,
			MAP_SHARED, PAGE_SHARED) &&
	       proc_map(USER_STACK, proc.stack, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_GROWSDOWN, PAGE_SHARED);
}

/* Our references go; the mm's go with it (free_user_pgtables). */
static void proc_free(void)
{
	if (proc.code)
		__free_page(proc.code);
	if (proc.data)
		__free_page(proc.data);
	if (proc.stack)
		__free_page(proc.stack);
	if (proc.mm)
		mmput(proc.mm);
}

/* Starts the process: our child, a zombie until we wait for it. */
static bool proc_start(void)
{
	struct task_struct *p = kthread_create(user_thread, &proc, "user");

	if (!p)
		return false;
	p->exit_signal = SIGCHLD;
	proc.pid = p->pid;
	wake_up_process(p);
	return true;
}

/* Waits for it as wait4 does; its wait status, or -1 if it hangs. */
static int proc_wait(void)
{
	unsigned long end = jiffies + DIV_ROUND_UP(WAIT_MS * HZ, 1000);
	int status;
	long ret;

	while ((ret = kernel_wait4(proc.pid, &status, WNOHANG)) == 0) {
		if (time_after(jiffies, end))
			return -1;
		msleep(10);
	}
	return ret == proc.pid ? status : -1;
}

static int proc_run(void)
{
	return proc_start() ? proc_wait() : -1;
}

static void test_syscalls_from_ring3(struct ktest *test)
{
	static bool enosys_logged;
	/* the entry set_thread_area picks, then it emptied (Linux's LDT_empty) */
	static const u32 desc[8] = { (u32)-1, USER_DATA + TLS_OFF, 0xfffff, 0x51,
				     GDT_ENTRY_TLS_MIN, 0, 0, 0x28 };
	const u32 tls_word = 0x12345678;
	size_t mark = printk_log_pos();
	unsigned long enosys = syscall_enosys_count;
	char uts[65 * 6];
	int status;

	ASSERT_TRUE(test, proc_build(user_entry_syscalls));
	fill_data(DESC_OFF, desc, sizeof(desc));
	fill_data(TLS_OFF, &tls_word, sizeof(tls_word));
	monitor_capture(out, sizeof(out));	/* fds 1 and 2 go there too */
	status = proc_run();
	monitor_capture(NULL, 0);
	EXPECT_EQ(test, status, 42 << 8);		/* exit(42) */
	EXPECT_GT(test, (int)data_word(0), 1);		/* getpid */
	EXPECT_EQ(test, (int)data_word(4), 18);		/* write: 18 bytes */
	EXPECT_STREQ(test, out, "hello from ring 3\n");
	EXPECT_EQ(test, (int)data_word(8), -EFAULT);	/* kernel pointer */
	EXPECT_EQ(test, (int)data_word(12), -EFAULT);	/* unmapped page */
	EXPECT_EQ(test, (int)data_word(16), -ENOSYS);
	EXPECT_EQ(test, syscall_enosys_count, enosys + 1);
	/* Logged once per number and boot: not again when `selftest` reruns. */
	EXPECT_EQ(test, printk_log_find(mark, "system call 999 is not implemented"),
		  !enosys_logged);
	enosys_logged = true;
	EXPECT_EQ(test, (int)data_word(20), -EBADF);
	EXPECT_EQ(test, (int)data_word(24), 0);		/* set_thread_area */
	EXPECT_EQ(test, data_word(28), GDT_ENTRY_TLS_MIN);
	EXPECT_EQ(test, data_word(32), tls_word);	/* read through %gs */
	EXPECT_EQ(test, (int)data_word(36), 0);		/* uname */
	EXPECT_EQ(test, (int)data_word(40), 0);		/* TLS entry emptied */
	EXPECT_EQ(test, data_word(44) & 0xffff, 0);	/* %gs: null, no oops */
	{
		u8 *v = kmap_atomic(proc.data);

		memcpy(uts, v + UTS_OFF, sizeof(uts));
		kunmap_atomic(v);
	}
	EXPECT_STREQ(test, uts, "Linux");
	EXPECT_STREQ(test, uts + 4 * 65, "i686");
	EXPECT_EQ(test, atomic_read(&proc.mm->mm_count), 1);
	proc_free();
}

/*
 * A process that faults is killed with the signal Linux sends, after
 * Linux's report line; the kernel, and the next process, carry on.
 */
static void test_faults_kill_only_the_process(struct ktest *test)
{
	static const struct {
		const char *entry;
		int signal;
		const char *report;
	} cases[] = {
		{ user_entry_null, SIGSEGV, "]: segfault at 0 ip 08048" },
		{ user_entry_cli, SIGSEGV, "] general protection fault ip:8048" },
		{ user_entry_ud2, SIGILL, "] trap invalid opcode ip:8048" },
	};
	unsigned int i;
	size_t mark;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		mark = printk_log_pos();
		if (!proc_build(cases[i].entry)) {
			ktest_fail_msg(test, __FILE__, __LINE__, "no memory");
			proc_free();
			return;
		}
		EXPECT_EQ(test, proc_run(), cases[i].signal);
		if (!printk_log_find(mark, cases[i].report))
			ktest_fail_str(test, __FILE__, __LINE__, "report",
				       "(missing)", "expected", cases[i].report);
		proc_free();
	}
}

static s64 data_ns(unsigned int off)
{
	u64 t[2];
	u8 *v = kmap_atomic(proc.data);

	memcpy(t, v + off, sizeof(t));
	kunmap_atomic(v);
	return (s64)t[0] * 1000000000 + (s64)t[1];
}

static void test_clocks_and_sleep(struct ktest *test)
{
	static const u64 req[2] = { 0, 30000000 };	/* 30 ms */
	s64 slept;

	ASSERT_TRUE(test, proc_build(user_entry_time));
	fill_data(432, req, sizeof(req));
	EXPECT_EQ(test, proc_run(), 0);			/* exit_group(0) */
	EXPECT_EQ(test, (int)data_word(448), 0);
	EXPECT_EQ(test, (int)data_word(452), 0);
	EXPECT_EQ(test, (int)data_word(456), 0);
	slept = data_ns(416) - data_ns(400);
	EXPECT_GE(test, slept, 30000000);		/* never shorter */
	EXPECT_EQ(test, (int)data_word(460), current->pid);	/* getppid */
	EXPECT_EQ(test, (int)data_word(464), 0);
	EXPECT_EQ(test, (int)data_word(468), -EINVAL);
	EXPECT_EQ(test, (int)data_word(472), -EINVAL);
	EXPECT_EQ(test, (int)data_word(476), 0);
	EXPECT_GE(test, data_word(480), (u32)div_u64((u64)data_ns(416), 1000000000));
	proc_free();
}

/* An anonymous private mapping in the process being built. */
static bool map_anon(unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags)
{
	return vm_mmap(proc.mm, NULL, addr, len, prot,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | flags, 0) == addr;
}

/*
 * Demand paging: a read maps the shared zero page, a write a fresh page;
 * writing where the zero page was copies it.  Only written pages count
 * as resident, and munmap gives them back.
 */
static void test_demand_paging(struct ktest *test)
{
	struct vm_area_struct *vma;
	long rss;

	ASSERT_TRUE(test, proc_build(user_entry_anon));
	rss = get_mm_counter(proc.mm, MM_ANONPAGES);	/* the three pages */
	ASSERT_TRUE(test, map_anon(ANON, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0));
	ASSERT_TRUE(test, map_anon(RO, PAGE_SIZE, PROT_READ, 0));
	EXPECT_EQ(test, proc_run(), 0);
	EXPECT_EQ(test, data_word(500), 0);
	EXPECT_EQ(test, data_word(504), 7);
	EXPECT_EQ(test, data_word(508), 9);
	EXPECT_EQ(test, data_word(512), 0);
	EXPECT_EQ(test, get_mm_counter(proc.mm, MM_ANONPAGES), rss + 2);
	vma = find_vma(proc.mm, ANON);
	ASSERT_NOT_NULL(test, vma);
	EXPECT_EQ(test, vm_munmap(proc.mm, ANON, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(test, get_mm_counter(proc.mm, MM_ANONPAGES), rss);
	proc_free();
}

/*
 * The code page as a private mapping of /bin/hello's first page with
 * the blob written over it, as a debugger writes a breakpoint: the VMA
 * stays a file VMA, its page becomes a private copy.
 */
static bool proc_code_from_file(void)
{
	struct inode *inode;
	struct page *page;
	int err;
	u8 *v;

	inode = ramfs_lookup("/bin/hello", &err);
	if (!inode || vm_mmap(proc.mm, inode, USER_CODE, PAGE_SIZE,
			      PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED,
			      0) != USER_CODE)
		return false;
	mutex_lock(&proc.mm->mmap_lock);
	page = get_user_page_force(proc.mm, USER_CODE);
	mutex_unlock(&proc.mm->mmap_lock);
	if (!page)
		return false;
	v = kmap_atomic(page);
	memcpy(v, user_blob_start, user_blob_end - user_blob_start);
	kunmap_atomic(v);
	put_page(page);
	return true;
}

/*
 * The segfault line ends in Linux's " in NAME[START+SIZE]" when the
 * faulting code lies in a file VMA (print_vma_addr), and not for
 * anonymous code.
 */
static void test_segfault_names_the_file(struct ktest *test)
{
	size_t mark = printk_log_pos();
	int err;

	if (!ramfs_lookup("/bin/hello", &err))
		KTEST_SKIP(test, "no initramfs: booted without a module");
	ASSERT_TRUE(test, proc_build(user_entry_null));
	EXPECT_EQ(test, proc_run(), SIGSEGV);
	EXPECT_LOGGED(test, mark, "]: segfault at 0 ip 08048");
	EXPECT_FALSE(test, printk_log_find(mark, "error 4 in "));
	proc_free();
	mark = printk_log_pos();
	ASSERT_TRUE(test, proc_build(user_entry_null));
	ASSERT_TRUE(test, proc_code_from_file());
	EXPECT_EQ(test, proc_run(), SIGSEGV);
	EXPECT_LOGGED(test, mark, " error 4 in hello[8048000+1000]\n");
	proc_free();
}

/* Writing read-only memory: SIGSEGV with Linux's line. */
static void test_write_to_read_only(struct ktest *test)
{
	size_t mark = printk_log_pos();

	ASSERT_TRUE(test, proc_build(user_entry_write_ro));
	ASSERT_TRUE(test, map_anon(RO, PAGE_SIZE, PROT_READ, 0));
	EXPECT_EQ(test, proc_run(), SIGSEGV);
	EXPECT_LOGGED(test, mark, "]: segfault at 10010000 ip 08048");
	EXPECT_LOGGED(test, mark, " error 6");	/* not present: user write */
	proc_free();
}

/* A VM_GROWSDOWN VMA grows down as the stack is pushed past its start. */
static void test_stack_grows(struct ktest *test)
{
	struct vm_area_struct *vma;
	long rss;

	ASSERT_TRUE(test, proc_build(user_entry_stack));
	rss = get_mm_counter(proc.mm, MM_ANONPAGES);
	ASSERT_TRUE(test, map_anon(STK - PAGE_SIZE, PAGE_SIZE,
				   PROT_READ | PROT_WRITE, MAP_GROWSDOWN));
	EXPECT_EQ(test, proc_run(), 0);
	EXPECT_EQ(test, data_word(516), STK - 3 * 1024 * 4);
	vma = find_vma(proc.mm, STK - 1);
	ASSERT_NOT_NULL(test, vma);
	EXPECT_EQ(test, vma->vm_start, STK - 3 * PAGE_SIZE);
	EXPECT_EQ(test, get_mm_counter(proc.mm, MM_ANONPAGES), rss + 3);
	proc_free();
}

/*
 * The system calls on the address space, from ring 3: the heap grows
 * with brk, mmap2 finds room top-down, mprotect and munmap split, and
 * MADV_DONTNEED drops a page.  Linux's errors for bad arguments.
 */
static void test_mm_syscalls(struct ktest *test)
{
	const unsigned long heap = 0x0804b000;
	unsigned long area;
	long rss;
	int vmas;

	ASSERT_TRUE(test, proc_build(user_entry_mm));
	rss = get_mm_counter(proc.mm, MM_ANONPAGES);
	vmas = proc.mm->map_count;
	proc.mm->start_brk = proc.mm->brk = heap;
	EXPECT_EQ(test, proc_run(), 0);
	EXPECT_EQ(test, data_word(520), heap);
	EXPECT_EQ(test, data_word(524), heap + 0x3000);
	area = data_word(528);
	EXPECT_EQ(test, area & ~PAGE_MASK, 0);
	EXPECT_LT(test, area, TASK_SIZE);
	EXPECT_GT(test, area, heap);
	EXPECT_EQ(test, (int)data_word(532), 0);
	EXPECT_EQ(test, (int)data_word(536), 0);
	EXPECT_EQ(test, (int)data_word(540), 0);
	EXPECT_EQ(test, data_word(544), 0);
	EXPECT_EQ(test, (int)data_word(548), -EINVAL);
	EXPECT_EQ(test, (int)data_word(552), -EBADF);
	/* heap; area's r-- page, rw- rest, and the part past the hole */
	EXPECT_EQ(test, proc.mm->map_count, vmas + 4);
	EXPECT_EQ(test, find_vma(proc.mm, area)->vm_end, area + PAGE_SIZE);
	EXPECT_EQ(test, find_vma(proc.mm, area + 0x4000)->vm_start, area + 0x8000);
	EXPECT_EQ(test, get_mm_counter(proc.mm, MM_ANONPAGES), rss + 2); /* heap */
	proc_free();
}

/*
 * fork from ring 3: the child sees the parent's memory as it was and
 * writes its own copy (copy-on-write); the parent waits for it with
 * wait4 and reads its exit status; a shared mapping stays shared.
 */
static void test_fork_copy_on_write(struct ktest *test)
{
	unsigned long threads = nr_threads;
	int child;

	ASSERT_TRUE(test, proc_build(user_entry_fork));
	ASSERT_TRUE(test, map_anon(ANON, PAGE_SIZE, PROT_READ | PROT_WRITE, 0));
	EXPECT_EQ(test, proc_run(), 0);
	child = (int)data_word(560);
	EXPECT_GT(test, child, proc.pid);
	EXPECT_EQ(test, (int)data_word(580), child);	/* shared page */
	EXPECT_EQ(test, data_word(564), 12 << 8);	/* its exit(12) */
	EXPECT_EQ(test, (int)data_word(568), child);	/* wait4's result */
	EXPECT_EQ(test, data_word(572), 1);
	EXPECT_EQ(test, data_word(576), 3);
	EXPECT_TRUE(test, threads_back_to(threads));	/* both reaped */
	proc_free();
}

/*
 * Resource limits from ring 3: RLIMIT_STACK reads 8 MiB soft, unlimited
 * hard; a process that lowers RLIMIT_AS cannot map past it (-ENOMEM),
 * and the old getrlimit shows "unlimited" as 0x7fffffff.
 */
static void test_rlimits(struct ktest *test)
{
	static const u64 as[2] = { 16 << 20, ~0ULL };

	ASSERT_TRUE(test, proc_build(user_entry_rlimit));
	fill_data(608, as, sizeof(as));
	EXPECT_EQ(test, proc_run(), 0);
	EXPECT_EQ(test, (int)data_word(592), 0);
	EXPECT_EQ(test, data_word(600), 8 << 20);
	EXPECT_EQ(test, data_word(604), 0xffffffffu);
	EXPECT_EQ(test, (int)data_word(596), 0);
	EXPECT_EQ(test, data_word(624), 0xffffffffu);	/* the old limit */
	EXPECT_EQ(test, data_word(628), 0xffffffffu);
	EXPECT_EQ(test, (int)data_word(640), -ENOMEM);
	EXPECT_EQ(test, data_word(644) & ~PAGE_MASK, 0);
	EXPECT_LT(test, data_word(644), TASK_SIZE);
	EXPECT_EQ(test, (int)data_word(656), 0);
	EXPECT_EQ(test, data_word(648), 16 << 20);
	EXPECT_EQ(test, data_word(652), 0x7fffffffu);
	EXPECT_EQ(test, rlimit(RLIMIT_AS), RLIM_INFINITY);	/* ours untouched */
	proc_free();
}

/*
 * A mapping without PROT_EXEC: on an NX CPU, running code there faults
 * (error 0x15: user instruction fetch, page present); without NX the
 * CPU cannot refuse and the code runs.
 */
static void test_nx_mapping(struct ktest *test)
{
	size_t mark = printk_log_pos();
	int status;

	ASSERT_TRUE(test, proc_build(user_entry_nx));
	ASSERT_TRUE(test, map_anon(ANON, PAGE_SIZE, PROT_READ | PROT_WRITE, 0));
	status = proc_run();
	if (boot_cpu_has_nx()) {
		EXPECT_EQ(test, status, SIGSEGV);
		EXPECT_LOGGED(test, mark, "]: segfault at 10000000 ip 10000000");
		EXPECT_LOGGED(test, mark, " error 15");
	} else {
		EXPECT_EQ(test, status, 77 << 8);
	}
	proc_free();
}

/* Is pid listed by `ps` in state state? */
static bool ps_shows(int pid, const char *state)
{
	static char ps[2048];
	char needle[24];

	monitor_capture(ps, sizeof(ps));
	monitor_exec("ps");
	monitor_capture(NULL, 0);
	snprintf(needle, sizeof(needle), "\n%5d %5d %s ", pid, current->pid, state);
	return strstr(ps, needle) != NULL;
}

/* Sleeps until pid shows as a zombie; false after WAIT_MS. */
static bool becomes_zombie(int pid)
{
	unsigned long end = jiffies + DIV_ROUND_UP(WAIT_MS * HZ, 1000);

	while (!ps_shows(pid, "Z")) {
		if (time_after(jiffies, end))
			return false;
		msleep(10);
	}
	return true;
}

/* Sleeps until nr_threads is back to want; false after WAIT_MS. */
static bool threads_back_to(unsigned long want)
{
	unsigned long end = jiffies + DIV_ROUND_UP(WAIT_MS * HZ, 1000);

	while (READ_ONCE(nr_threads) != want) {
		if (time_after(jiffies, end))
			return false;
		msleep(10);
	}
	return true;
}

/*
 * A process that exits stays a zombie, holding its wait status, until
 * its parent waits; then it is gone.  wait4's errors as Linux's.
 */
static void test_wait_and_zombie(struct ktest *test)
{
	static const u64 req[2] = { 0, 30000000 };
	unsigned long threads = nr_threads;
	int status = -1;

	EXPECT_EQ(test, kernel_wait4(-1, &status, WNOHANG), -ECHILD);
	EXPECT_EQ(test, kernel_wait4(1, &status, 0x100), -EINVAL);
	ASSERT_TRUE(test, proc_build(user_entry_time));
	fill_data(432, req, sizeof(req));
	ASSERT_TRUE(test, proc_start());
	EXPECT_EQ(test, kernel_wait4(proc.pid, &status, WNOHANG), 0);
	EXPECT_TRUE(test, becomes_zombie(proc.pid));	/* it sleeps 30 ms */
	EXPECT_EQ(test, nr_threads, threads + 1);	/* the zombie */
	EXPECT_EQ(test, kernel_wait4(-1, &status, 0), proc.pid);
	EXPECT_EQ(test, status, 0);
	EXPECT_FALSE(test, ps_shows(proc.pid, "Z"));
	EXPECT_EQ(test, nr_threads, threads);
	EXPECT_EQ(test, kernel_wait4(proc.pid, &status, WNOHANG), -ECHILD);
	proc_free();
}

static volatile int orphan_pid;

/* Starts the process, then dies before it: the process is orphaned. */
static int orphan_parent(void *arg)
{
	if (proc_start())
		orphan_pid = proc.pid;
	return 0;
}

/*
 * An orphan goes to pid 1, which does not wait: it is reaped as soon as
 * it exits, never left a zombie.  getppid() in it says 1.
 */
static void test_orphan_goes_to_init(struct ktest *test)
{
	static const u64 req[2] = { 0, 30000000 };
	unsigned long threads = nr_threads;
	int status;

	ASSERT_EQ(test, current->pid, 1);	/* the suites run in kernel_init */
	ASSERT_TRUE(test, proc_build(user_entry_time));
	fill_data(432, req, sizeof(req));
	orphan_pid = 0;
	ASSERT_NOT_NULL(test, kthread_run(orphan_parent, NULL, "parent"));
	EXPECT_TRUE(test, threads_back_to(threads));	/* both gone */
	EXPECT_NE(test, orphan_pid, 0);
	EXPECT_EQ(test, (int)data_word(460), 1);	/* its getppid() */
	EXPECT_EQ(test, kernel_wait4(orphan_pid, &status, WNOHANG), -ECHILD);
	proc_free();
}

static void read_user_word(void *addr)
{
	(void)*(volatile u32 *)addr;
}

/*
 * A kernel bug that touches a user address the page tables do not map:
 * the oops walks the user page tables, whose PTE page may be in highmem,
 * and prints the empty PTE (no nested fault from a wrong __va).
 */
static void kernel_reads_unmapped_user_page(struct ktest *test)
{
	unsigned long hole = USER_DATA + PAGE_SIZE;	/* same PTE page */
	size_t mark = printk_log_pos();
	unsigned long cr2 = 0;

	kthread_use_mm(proc.mm);
	EXPECT_TRUE(test, expect_trap(X86_TRAP_PF, read_user_word, (void *)hole,
				      NULL, &cr2));
	kthread_unuse_mm(proc.mm);
	EXPECT_EQ(test, cr2, hole);
	EXPECT_LOGGED(test, mark, "*pte = 0000000000000000");
}

/* User page tables come from highmem and are counted while they exist. */
static void test_user_page_tables(struct ktest *test)
{
	int before = atomic_read(&nr_pagetable_pages);
	pmd_t *pmd;
	struct page *pt;

	ASSERT_TRUE(test, proc_build(user_entry_null));
	/* Code and data share one PTE page, the stack has its own. */
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), before + 2);
	pmd = &pgd_page_vaddr(((pgd_t *)proc.mm->pgd)[0])[pmd_index(USER_CODE)];
	ASSERT_TRUE(test, pmd_present(*pmd));
	pt = pfn_to_page(PHYS_PFN(pmd_val(*pmd) & PTE_PFN_MASK));
	if (have_highmem())
		EXPECT_TRUE(test, PageHighMem(pt));
	EXPECT_EQ(test, page_mapcount(proc.code), 1);
	EXPECT_EQ(test, page_count(proc.code), 2);	/* ours + the mapping */
	EXPECT_EQ(test, install_user_page(proc.mm, USER_CODE, proc.code,
					  PAGE_READONLY), -EBUSY);
	EXPECT_EQ(test, install_user_page(proc.mm, TASK_SIZE, proc.code,
					  PAGE_READONLY), -EINVAL);
	kernel_reads_unmapped_user_page(test);
	proc_free();
	EXPECT_EQ(test, atomic_read(&nr_pagetable_pages), before);
}

KTEST_SUITE(user,
	    KTEST_CASE(test_syscalls_from_ring3),
	    KTEST_CASE(test_faults_kill_only_the_process),
	    KTEST_CASE(test_clocks_and_sleep),
	    KTEST_CASE(test_wait_and_zombie),
	    KTEST_CASE(test_demand_paging),
	    KTEST_CASE(test_write_to_read_only),
	    KTEST_CASE(test_segfault_names_the_file),
	    KTEST_CASE(test_stack_grows),
	    KTEST_CASE(test_mm_syscalls),
	    KTEST_CASE(test_fork_copy_on_write),
	    KTEST_CASE(test_rlimits),
	    KTEST_CASE(test_nx_mapping),
	    KTEST_CASE(test_orphan_goes_to_init),
	    KTEST_CASE(test_user_page_tables));
