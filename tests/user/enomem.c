/*
 * Running out of address space or of a limit is ENOMEM, never a crash:
 * RLIMIT_AS and RLIMIT_DATA against mmap, brk and malloc; lengths and
 * fixed addresses past the top of user space; mmap and brk repeated
 * until the address space is full.  Each case that changes a limit or
 * fills the address space does it in a child, which reports through its
 * exit status which step went wrong (0: none).
 */
#include <sys/mman.h>
#include "ktap.h"

#define MIB	(1024UL * 1024)

static void *map(unsigned long len)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static int set_limit(int resource, unsigned long bytes)
{
	struct rlimit r = { bytes, bytes };

	return setrlimit(resource, &r);
}

static int as_limit_mmap(void *arg)
{
	(void)arg;
	if (set_limit(RLIMIT_AS, 64 * MIB))
		return 1;
	errno = 0;
	if (map(128 * MIB) != MAP_FAILED || errno != ENOMEM)
		return 2;
	if (map(MIB) == MAP_FAILED)
		return 3;
	return 0;
}

static int as_limit_brk(void *arg)
{
	void *p;

	(void)arg;
	if (set_limit(RLIMIT_AS, 64 * MIB))
		return 1;
	errno = 0;
	if (sbrk(128 * MIB) != (void *)-1 || errno != ENOMEM)
		return 2;
	errno = 0;
	p = malloc(100 * MIB);
	if (p || errno != ENOMEM)
		return 3;
	if (sbrk(MIB) == (void *)-1)
		return 4;
	return 0;
}

static int data_limit_brk(void *arg)
{
	(void)arg;
	if (set_limit(RLIMIT_DATA, 16 * MIB))
		return 1;
	errno = 0;
	if (sbrk(32 * MIB) != (void *)-1 || errno != ENOMEM)
		return 2;
	if (sbrk(MIB) == (void *)-1)
		return 3;
	return 0;
}

static void test_as_mmap(void)
{
	EXPECT(exited_with(run_child(as_limit_mmap, NULL), 0));
}

static void test_as_brk(void)
{
	EXPECT(exited_with(run_child(as_limit_brk, NULL), 0));
}

static void test_data_brk(void)
{
	EXPECT(exited_with(run_child(data_limit_brk, NULL), 0));
}

/* Beyond the top of user space (3 GiB here, 4 GiB - 8 KiB for a 32-bit
 * process on x86-64): no room, whatever the length or fixed address. */
static void test_beyond_task_size(void)
{
	static const struct {
		unsigned long addr, len;
		int flags;
	} cases[] = {
		{ 0, 0xfffff000UL, 0 },
		{ 0xc0000000UL, 0x40000000UL, MAP_FIXED },
		{ 0xffff0000UL, 0x10000UL, MAP_FIXED },
		{ 0xffff0000UL, 0x10000UL, MAP_FIXED_NOREPLACE },
	};
	int i;

	for (i = 0; i < KTAP_N(cases); i++) {
		errno = 0;
		if (!EXPECT(mmap((void *)cases[i].addr, cases[i].len, PROT_READ,
				 MAP_PRIVATE | MAP_ANONYMOUS | cases[i].flags,
				 -1, 0) == MAP_FAILED && errno == ENOMEM))
			ktap_diag("mmap(%#lx, %#lx)", cases[i].addr, cases[i].len);
	}
}

/* 64 MiB at a time, untouched, until mmap says ENOMEM (by 4 GiB). */
static int fill_with_mmap(void *arg)
{
	int n = 0;

	(void)arg;
	errno = 0;
	while (n < 70 && map(64 * MIB) != MAP_FAILED)
		n++;
	if (errno != ENOMEM)
		return 1;
	if (n < 16)		/* at least 1 GiB fitted */
		return 2;
	return 0;
}

static int fill_with_brk(void *arg)
{
	int n = 0;

	(void)arg;
	errno = 0;
	while (n < 70 && sbrk(64 * MIB) != (void *)-1)
		n++;
	if (errno != ENOMEM)
		return 1;
	if (n < 8)
		return 2;
	return 0;
}

static void test_fill_mmap(void)
{
	EXPECT(exited_with(run_child(fill_with_mmap, NULL), 0));
}

static void test_fill_brk(void)
{
	EXPECT(exited_with(run_child(fill_with_brk, NULL), 0));
}

static const struct ktap_case cases[] = {
	{ "RLIMIT_AS: mmap beyond it is ENOMEM, below it works", test_as_mmap },
	{ "RLIMIT_AS: brk and malloc beyond it are ENOMEM", test_as_brk },
	{ "RLIMIT_DATA: brk beyond it is ENOMEM", test_data_brk },
	{ "mmap past the top of user space is ENOMEM", test_beyond_task_size },
	{ "mmap until the address space is full: ENOMEM", test_fill_mmap },
	{ "brk until it meets the mmap area: ENOMEM", test_fill_brk },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
