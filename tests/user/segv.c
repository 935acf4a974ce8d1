/*
 * Bad accesses kill only the process that makes them: each case runs in
 * a forked child, and the parent's wait4 must see it terminated by
 * SIGSEGV (the kernel prints Linux's "segfault at" line for it), while
 * the parent goes on to the next case.
 */
#include <signal.h>
#include <sys/mman.h>
#include "ktap.h"

static volatile int sink;

static int null_read(void *arg)
{
	(void)arg;
	sink = *(volatile int *)0;
	return 0;
}

static int null_write(void *arg)
{
	(void)arg;
	*(volatile int *)0 = 1;
	return 0;
}

/* The top of the kernel's 1 GiB here; unmapped user space on x86-64. */
static int kernel_read(void *arg)
{
	(void)arg;
	sink = *(volatile int *)0xc0000000UL;
	return 0;
}

static int text_write(void *arg)
{
	(void)arg;
	*(volatile unsigned char *)(void *)null_read = 0xc3;
	return 0;
}

/* 1 KiB a frame; the stack rlimit (8 MiB) stops it long before 64 MiB. */
static int recurse(int depth)
{
	volatile char frame[1024];

	frame[0] = (char)depth;
	if (depth >= 64 * 1024)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static int stack_overflow(void *arg)
{
	(void)arg;
	return recurse(0) & 0;
}

/*
 * A page mapped 64 KiB below the stack is inside its guard gap (1 MiB):
 * the stack may not grow to meet it, so a write just below the stack's
 * lowest page faults instead of growing it.
 */
static int guard_gap(void *arg)
{
	struct vma st;
	char *below;

	(void)arg;
	if (maps_named("[stack]", &st) != 1)
		return 2;
	below = mmap((void *)(st.start - 16 * PAGE), PAGE, PROT_READ,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (below != (void *)(st.start - 16 * PAGE))
		return 3;
	*(volatile char *)(st.start - PAGE) = 1;
	return 0;
}

static int write_readonly(void *arg)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	if (p == MAP_FAILED)
		return 2;
	p[0] = 1;
	if (mprotect(p, PAGE, PROT_READ) || p[0] != 1)
		return 3;
	p[1] = 2;
	return 0;
}

/* cpuid 0x80000001: EDX bit 20 is NX (execute disable). */
static int cpu_has_nx(void)
{
	unsigned int a = 0x80000000, b, c, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	if (a < 0x80000001)
		return 0;
	a = 0x80000001;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return !!(d & (1u << 20));
}

static int exec_data(void *arg)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	if (p == MAP_FAILED)
		return 2;
	p[0] = 0xc3;	/* ret: would simply return without NX */
	((void (*)(void))p)();
	return 0;
}

static void expect_segv(int (*fn)(void *))
{
	int status = run_child(fn, NULL);

	if (!EXPECT(status != -1 && WIFSIGNALED(status) &&
		    WTERMSIG(status) == SIGSEGV)) {
		if (WIFEXITED(status))
			ktap_diag("exited with %d instead", WEXITSTATUS(status));
		else
			ktap_diag("wait status %#x", status);
	}
}

static void test_null_read(void) { expect_segv(null_read); }
static void test_null_write(void) { expect_segv(null_write); }
static void test_kernel_read(void) { expect_segv(kernel_read); }
static void test_text_write(void) { expect_segv(text_write); }
static void test_stack_overflow(void) { expect_segv(stack_overflow); }
static void test_guard_gap(void) { expect_segv(guard_gap); }
static void test_write_readonly(void) { expect_segv(write_readonly); }

static void test_exec_data(void)
{
	if (!cpu_has_nx())
		return ktap_skip("no NX on this CPU (cpuid 0x80000001 EDX bit 20)");
	expect_segv(exec_data);
}

/* After all that, this process still runs and can still fork. */
static int fine(void *arg)
{
	(void)arg;
	return 7;
}

static void test_parent_survives(void)
{
	EXPECT(exited_with(run_child(fine, NULL), 7));
}

static const struct ktap_case cases[] = {
	{ "read of NULL", test_null_read },
	{ "write to NULL", test_null_write },
	{ "read of 0xc0000000", test_kernel_read },
	{ "write to the program's text", test_text_write },
	{ "recursion past the stack limit", test_stack_overflow },
	{ "write below the stack, into its guard gap", test_guard_gap },
	{ "write to a page mprotect'ed read-only", test_write_readonly },
	{ "execution of a page without PROT_EXEC (NX)", test_exec_data },
	{ "the parent survives them all and forks again", test_parent_survives },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
