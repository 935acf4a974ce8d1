/*
 * The user-space half of `make bench` ([M8]): the same static i386 glibc
 * binary times the same memory operations on Linux and on our kernel, so
 * the two can be compared line by line.  Each line it prints is
 *
 *	ubench: <name> <ticks> ticks/op (n=<N>)
 *
 * the median over 5 runs (after one warm-up) of one run's TSC ticks
 * divided by its N; touch_1g is a single run with no warm-up.  Under
 * QEMU's -icount shift=0 one tick is one guest instruction.
 *
 * Inside a timed window every system call goes through ub_syscall, one
 * int 0x80 stub that loads all six argument registers: no vDSO, no
 * sysenter and no glibc wrapper, so both kernels see the same entry path
 * and the same work per call.  Printing happens outside the windows, one
 * write(1, ...) per line.
 *
 * usage: ubench [quick] [NAME...]
 *   quick divides every N by 100 (at least 1) for a smoke run; NAMEs run
 *   only those benchmarks.  `ubench --exit` returns at once: exec_exit
 *   runs the binary that way.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE		4096UL
#define RUNS		5

/* i386 system call numbers (arch/x86/entry/syscalls/syscall_32.tbl) */
#define NR_exit_group	252
#define NR_write	4
#define NR_getpid	20
#define NR_execve	11
#define NR_brk		45
#define NR_munmap	91
#define NR_wait4	114
#define NR_clone	120
#define NR_mprotect	125
#define NR_mmap2	192
#define NR_madvise	219

#define PROT_NONE_	0
#define PROT_READ_	1
#define PROT_RW		3
#define MAP_ANON_PRIVATE 0x22	/* MAP_PRIVATE | MAP_ANONYMOUS */
#define MAP_ANON_SHARED	0x21	/* MAP_SHARED | MAP_ANONYMOUS */
#define MADV_DONTNEED_	4
#define SIGCHLD_	17

/*
 * long ub_syscall(nr, a1, a2, a3, a4, a5, a6): eax = nr, then ebx, ecx,
 * edx, esi, edi, ebp as the i386 ABI passes them; returns eax (-4095..-1
 * is -errno).  The four callee-saved registers are pushed first, so the
 * arguments start at 20(%esp).
 */
long ub_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
__asm__(".text\n"
	".globl ub_syscall\n"
	".type ub_syscall, @function\n"
	"ub_syscall:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 20(%esp), %eax\n"
	"	movl 24(%esp), %ebx\n"
	"	movl 28(%esp), %ecx\n"
	"	movl 32(%esp), %edx\n"
	"	movl 36(%esp), %esi\n"
	"	movl 40(%esp), %edi\n"
	"	movl 44(%esp), %ebp\n"
	"	int $0x80\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n"
	".size ub_syscall, . - ub_syscall\n");

#define sys1(nr, a)		ub_syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define sys3(nr, a, b, c)	ub_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(nr, a, b, c, d)	ub_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

static int sys_failed(long ret)
{
	return (unsigned long)ret >= -4095UL;
}

static char *map_anon(unsigned long len, int flags)
{
	long p = ub_syscall(NR_mmap2, 0, len, PROT_RW, flags, -1, 0);

	return sys_failed(p) ? NULL : (char *)p;
}

static void touch_pages(volatile char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE] = 1;
}

static const char *bench_failed;	/* what went wrong, for one line */

static void fail(const char *what)
{
	if (!bench_failed)
		bench_failed = what;
}

/* fork as a bare clone (no glibc fork handlers): 0 in the child. */
static long ub_fork(void)
{
	return ub_syscall(NR_clone, SIGCHLD_, 0, 0, 0, 0, 0);
}

static void ub_wait(long pid)
{
	int status = -1;

	if (pid < 0 || sys4(NR_wait4, pid, &status, 0, 0) != pid || status != 0)
		fail("fork, exit or wait4 failed");
}

/* ---- the benchmarks: each returns one run's ticks for *n ops ---- */

static uint64_t b_syscall_getpid(unsigned long *n)
{
	uint64_t t0 = rdtsc_ordered();

	for (unsigned long i = 0; i < *n; i++)
		sys1(NR_getpid, 0);
	return rdtsc_ordered() - t0;
}

static uint64_t b_fault_anon_write(unsigned long *n)
{
	uint64_t t0 = rdtsc_ordered();
	char *p = map_anon(*n * PAGE, MAP_ANON_PRIVATE);

	if (p) {
		touch_pages(p, *n);
		sys3(NR_munmap, p, *n * PAGE, 0);
	}
	t0 = rdtsc_ordered() - t0;
	if (!p)
		fail("mmap2 failed");
	return t0;
}

static uint64_t b_fault_anon_read(unsigned long *n)
{
	uint64_t t0 = rdtsc_ordered();
	volatile char *p = map_anon(*n * PAGE, MAP_ANON_PRIVATE);
	unsigned long sum = 0;

	if (p) {
		for (unsigned long i = 0; i < *n; i++)
			sum += p[i * PAGE];
		sys3(NR_munmap, p, *n * PAGE, 0);
	}
	t0 = rdtsc_ordered() - t0;
	if (!p)
		fail("mmap2 failed");
	if (sum)
		fail("an untouched anonymous page read nonzero");
	return t0;
}

/* One page both processes see: the child of fault_cow reports here. */
static volatile uint64_t *shared_ticks;

static uint64_t b_fault_cow(unsigned long *n)
{
	char *p = map_anon(*n * PAGE, MAP_ANON_PRIVATE);
	long pid;

	if (!p) {
		fail("mmap2 failed");
		return 0;
	}
	touch_pages(p, *n);
	*shared_ticks = 0;
	pid = ub_fork();
	if (pid == 0) {
		uint64_t t0 = rdtsc_ordered();

		touch_pages(p, *n);
		*shared_ticks = rdtsc_ordered() - t0;
		sys1(NR_exit_group, 0);
	}
	ub_wait(pid);
	sys3(NR_munmap, p, *n * PAGE, 0);
	return *shared_ticks;
}

#define FORK_PAGES	256	/* 1 MiB of touched anonymous memory */

static uint64_t b_fork_exit_1m(unsigned long *n)
{
	char *p = map_anon(FORK_PAGES * PAGE, MAP_ANON_PRIVATE);
	uint64_t t0;

	if (!p) {
		fail("mmap2 failed");
		return 0;
	}
	touch_pages(p, FORK_PAGES);
	t0 = rdtsc_ordered();
	for (unsigned long i = 0; i < *n; i++) {
		long pid = ub_fork();

		if (pid == 0)
			sys1(NR_exit_group, 0);
		ub_wait(pid);
	}
	t0 = rdtsc_ordered() - t0;
	sys3(NR_munmap, p, FORK_PAGES * PAGE, 0);
	return t0;
}

static const char *self_path;	/* this binary, for exec_exit */

static uint64_t b_exec_exit(unsigned long *n)
{
	const char *argv[] = { self_path, "--exit", NULL }, *envp[] = { NULL };
	uint64_t t0 = rdtsc_ordered();

	for (unsigned long i = 0; i < *n; i++) {
		long pid = ub_fork();

		if (pid == 0) {
			sys3(NR_execve, self_path, argv, envp);
			sys1(NR_exit_group, 127);
		}
		ub_wait(pid);
	}
	return rdtsc_ordered() - t0;
}

static uint64_t b_mmap_munmap_64k(unsigned long *n)
{
	uint64_t t0 = rdtsc_ordered();

	for (unsigned long i = 0; i < *n; i++) {
		long p = ub_syscall(NR_mmap2, 0, 64 * 1024, PROT_RW,
				    MAP_ANON_PRIVATE, -1, 0);

		if (sys_failed(p) || sys3(NR_munmap, p, 64 * 1024, 0))
			fail("mmap2 or munmap failed");
	}
	return rdtsc_ordered() - t0;
}

static uint64_t b_brk_64k(unsigned long *n)
{
	long cur = sys1(NR_brk, 0);
	uint64_t t0 = rdtsc_ordered();

	for (unsigned long i = 0; i < *n; i++) {
		if (sys1(NR_brk, cur + 64 * 1024) != cur + 64 * 1024 ||
		    sys1(NR_brk, cur) != cur)
			fail("brk failed");
	}
	return rdtsc_ordered() - t0;
}

/* Pages 0 and 4 PROT_NONE, 1-3 RW and touched: three VMAs. */
static uint64_t b_mprotect_split(unsigned long *n)
{
	char *p = map_anon(5 * PAGE, MAP_ANON_PRIVATE), *mid = p + 2 * PAGE;
	uint64_t t0;

	if (!p || sys3(NR_mprotect, p, PAGE, PROT_NONE_) ||
	    sys3(NR_mprotect, p + 4 * PAGE, PAGE, PROT_NONE_)) {
		fail("mmap2 or mprotect failed");
		return 0;
	}
	touch_pages(p + PAGE, 3);
	t0 = rdtsc_ordered();
	for (unsigned long i = 0; i < *n; i++) {
		if (sys3(NR_mprotect, mid, PAGE, PROT_READ_) ||
		    sys3(NR_mprotect, mid, PAGE, PROT_RW))
			fail("mprotect failed");
	}
	t0 = rdtsc_ordered() - t0;
	sys3(NR_munmap, p, 5 * PAGE, 0);
	return t0;
}

#define MADV_PAGES	64

static uint64_t b_madvise_dontneed(unsigned long *n)
{
	unsigned long loops = *n / MADV_PAGES ? *n / MADV_PAGES : 1;
	char *p = map_anon(MADV_PAGES * PAGE, MAP_ANON_PRIVATE);
	uint64_t t0;

	if (!p) {
		fail("mmap2 failed");
		return 0;
	}
	touch_pages(p, MADV_PAGES);
	t0 = rdtsc_ordered();
	for (unsigned long i = 0; i < loops; i++) {
		if (sys3(NR_madvise, p, MADV_PAGES * PAGE, MADV_DONTNEED_))
			fail("madvise failed");
		touch_pages(p, MADV_PAGES);
	}
	t0 = rdtsc_ordered() - t0;
	sys3(NR_munmap, p, MADV_PAGES * PAGE, 0);
	*n = loops * MADV_PAGES;
	return t0;
}

/* kB of MemAvailable (or MemFree, which our kernel gives) in /proc/meminfo. */
static unsigned long meminfo_free_kb(void)
{
	unsigned long avail = 0, free = 0, v;
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "MemAvailable: %lu", &v) == 1)
			avail = v;
		else if (sscanf(line, "MemFree: %lu", &v) == 1)
			free = v;
	}
	if (f)
		fclose(f);
	return avail ? avail : free;
}

/* 1 GiB, or 3/4 of the free memory when less than that is free. */
static uint64_t b_touch_1g(unsigned long *n)
{
	unsigned long fit = meminfo_free_kb() / 4 * 3 / (PAGE / 1024);

	if (fit && fit < *n)
		*n = fit;
	return b_fault_anon_write(n);
}

/* ---- running them ---- */

struct ubench {
	const char *name;
	unsigned long n;
	int once;		/* one run, no warm-up */
	uint64_t (*run)(unsigned long *n);
};

#define UB(name, n, once) { #name, n, once, b_##name }
static const struct ubench benches[] = {
	UB(syscall_getpid, 10000, 0),
	UB(fault_anon_write, 4096, 0),
	UB(fault_anon_read, 4096, 0),
	UB(fault_cow, 1024, 0),
	UB(fork_exit_1m, 200, 0),
	UB(exec_exit, 50, 0),
	UB(mmap_munmap_64k, 10000, 0),
	UB(brk_64k, 10000, 0),
	UB(mprotect_split, 10000, 0),
	UB(madvise_dontneed, 12800, 0),
	UB(touch_1g, 262144, 1),
};
#define NBENCH	(sizeof(benches) / sizeof(benches[0]))

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void say(const char *line)
{
	sys3(NR_write, 1, line, strlen(line));
}

/* Runs one benchmark and prints its line; 0, or -1 if it failed. */
static int run_bench(const struct ubench *b, int quick)
{
	unsigned long n = quick ? (b->n / 100 ? b->n / 100 : 1) : b->n;
	uint64_t per_op[RUNS];
	int runs = b->once ? 1 : RUNS;
	char line[128];

	bench_failed = NULL;
	if (!b->once)
		b->run(&n);		/* warm-up */
	for (int r = 0; r < runs; r++) {
		unsigned long ops = n;

		per_op[r] = b->run(&ops) / ops;
		n = ops;
	}
	qsort(per_op, runs, sizeof(per_op[0]), cmp_u64);
	if (bench_failed)
		snprintf(line, sizeof(line), "ubench: %s FAILED: %s\n", b->name,
			 bench_failed);
	else
		snprintf(line, sizeof(line), "ubench: %s %llu ticks/op (n=%lu)\n",
			 b->name, (unsigned long long)per_op[runs / 2], n);
	say(line);
	return bench_failed ? -1 : 0;
}

static const struct ubench *find_bench(const char *name)
{
	for (unsigned i = 0; i < NBENCH; i++)
		if (!strcmp(benches[i].name, name))
			return &benches[i];
	return NULL;
}

int main(int argc, char **argv)
{
	static char exe[256];
	int quick = 0, picked = 0, failed = 0;
	char chosen[NBENCH] = { 0 };

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	for (int i = 1; i < argc; i++) {
		const struct ubench *b = find_bench(argv[i]);

		if (!strcmp(argv[i], "quick")) {
			quick = 1;
		} else if (b) {
			chosen[b - benches] = 1;
			picked = 1;
		} else {
			fprintf(stderr, "ubench: unknown benchmark '%s'; usage: "
				"ubench [quick] [NAME...]\n", argv[i]);
			return 2;
		}
	}
	if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) > 0)
		self_path = exe;
	else
		self_path = argv[0];
	shared_ticks = (volatile uint64_t *)map_anon(PAGE, MAP_ANON_SHARED);
	if (!shared_ticks) {
		fprintf(stderr, "ubench: cannot map a shared page\n");
		return 1;
	}
	for (unsigned i = 0; i < NBENCH; i++)
		if (!picked || chosen[i])
			failed |= run_bench(&benches[i], quick);
	return failed ? 1 : 0;
}
