/*
 * Host tests for the new program's stack, kernel/exec.c: build it in a
 * buffer standing for the top of user space and check every word, the
 * alignment, the strings, the auxiliary vector and Linux's E2BIG limits;
 * then lay out the stack the host's Linux gave a real static i386 program
 * (tests/host/fixtures/elf_auxv.c prints it) and require the same bytes
 * where they must match.
 *
 * host-test-sources: kernel/exec.c kernel/binfmt_elf.c tests/host/elf_util.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "elf_util.h"

#define TOP		0xC0000000UL
#define POISON		0xa5

/* The user stack: a buffer holding [top - size, top). */
struct ustack {
	unsigned long top;
	size_t size;
	u8 *buf;
};

static int ustack_write(void *ctx, unsigned long uaddr, const void *src,
			size_t len)
{
	struct ustack *us = ctx;

	if (uaddr < us->top - us->size || uaddr > us->top ||
	    len > us->top - uaddr)
		return -EFAULT;
	memcpy(us->buf + (uaddr - (us->top - us->size)), src, len);
	return 0;
}

static void *uptr(struct ustack *us, unsigned long uaddr)
{
	return us->buf + (uaddr - (us->top - us->size));
}

static u32 uword(struct ustack *us, unsigned long uaddr)
{
	u32 v;

	memcpy(&v, uptr(us, uaddr), sizeof(v));
	return v;
}

static struct ustack *ustack_new(unsigned long top, size_t size)
{
	struct ustack *us = malloc(sizeof(*us));

	us->top = top;
	us->size = size;
	us->buf = malloc(size);
	memset(us->buf, POISON, size);
	return us;
}

static void ustack_free(struct ustack *us)
{
	free(us->buf);
	free(us);
}

static const struct elf_info fake_info = {
	.entry = 0x08048100, .phdr_addr = 0x08048034, .phnum = 5, .phentsize = 32,
};

static struct elf_aux_info fake_aux(void)
{
	struct elf_aux_info aux = {
		.hwcap = 0x178bfbff, .hwcap2 = 2, .clktck = 100, .platform = "i686",
	};
	int i;

	for (i = 0; i < 16; i++)
		aux.random[i] = 0x10 + i;
	return aux;
}

/* Copies the strings and builds the tables; returns the first error. */
static int build(struct ustack *us, unsigned long rlim, const char *execfn,
		 const char *const *argv, const char *const *envp,
		 const struct elf_aux_info *aux, struct exec_layout *out)
{
	struct linux_binprm bprm;
	int err;

	bprm_stack_init(&bprm, us->top, rlim, ustack_write, us);
	err = bprm_copy_args(&bprm, execfn, argv, envp);
	return err ? err : create_elf_tables(&bprm, &fake_info, aux, out);
}

/* Checks argv[]/envp[] at *sp: pointers to these strings, then NULL. */
static void expect_ptrs(struct ktest *test, struct ustack *us,
			unsigned long *sp, unsigned long *str,
			const char *const *want)
{
	for (; *want; want++, *sp += 4) {
		EXPECT_EQ(test, uword(us, *sp), *str);
		EXPECT_STREQ(test, (char *)uptr(us, uword(us, *sp)), *want);
		*str += strlen(*want) + 1;
	}
	EXPECT_EQ(test, uword(us, *sp), 0);
	*sp += 4;
}

static const char *const argv3[] = { "/bin/prog", "-v", "x y", NULL };
static const char *const envp2[] = { "HOME=/", "TERM=vt100", NULL };

static void test_stack_layout(struct ktest *test)
{
	struct ustack *us = ustack_new(TOP, 4096);
	struct elf_aux_info aux = fake_aux();
	struct exec_layout out;
	unsigned long sp, str, u_platform, u_random;
	int i;

	ASSERT_EQ(test, build(us, _STK_LIM, "/bin/prog", argv3, envp2, &aux, &out), 0);
	/* top: NULL word, execfn, env strings, arg strings */
	EXPECT_EQ(test, uword(us, TOP - 4), 0);
	EXPECT_STREQ(test, (char *)uptr(us, TOP - 4 - 10), "/bin/prog");
	EXPECT_EQ(test, out.env_end, TOP - 4 - 10);
	EXPECT_EQ(test, out.env_start, out.env_end - 7 - 11);
	EXPECT_EQ(test, out.arg_end, out.env_start);
	EXPECT_EQ(test, out.arg_start, out.arg_end - 10 - 3 - 4);
	/* then "i686" and the random bytes below the 16-aligned arg_start */
	u_platform = (out.arg_start & ~15UL) - 5;
	u_random = u_platform - 16;
	EXPECT_STREQ(test, (char *)uptr(us, u_platform), "i686");
	EXPECT_EQ(test, memcmp(uptr(us, u_random), aux.random, 16), 0);

	sp = out.sp;
	EXPECT_EQ(test, sp % 16, 0);
	EXPECT_EQ(test, uword(us, sp), 3);
	sp += 4;
	str = out.arg_start;
	expect_ptrs(test, us, &sp, &str, argv3);
	expect_ptrs(test, us, &sp, &str, envp2);
	EXPECT_EQ(test, str, out.env_end);

	{
		const u32 want[] = {
			AT_HWCAP, 0x178bfbff, AT_PAGESZ, 4096, AT_CLKTCK, 100,
			AT_PHDR, 0x08048034, AT_PHENT, 32, AT_PHNUM, 5,
			AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, 0x08048100,
			AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
			AT_SECURE, 0, AT_RANDOM, u_random, AT_HWCAP2, 2,
			AT_EXECFN, TOP - 14, AT_PLATFORM, u_platform, AT_NULL, 0,
		};

		ASSERT_EQ(test, out.auxv_words, ARRAY_SIZE(want));
		for (i = 0; i < out.auxv_words; i++) {
			EXPECT_EQ(test, uword(us, sp + 4 * i), want[i]);
			EXPECT_EQ(test, out.auxv[i], want[i]);
		}
	}
	/* the gap below the random bytes is padding, under 16 bytes */
	sp += 4 * out.auxv_words;
	EXPECT_LE(test, sp, u_random);
	EXPECT_LT(test, u_random - sp, 16);
	/* nothing written below sp */
	for (i = 1; i <= 64; i++)
		EXPECT_EQ(test, *(u8 *)uptr(us, out.sp - i), POISON);
	ustack_free(us);
}

/*
 * argc ends 16-byte aligned whatever the string lengths and the random
 * shift, at the highest such address that leaves room for the tables.
 */
static void test_stack_alignment(struct ktest *test)
{
	struct ustack *us = ustack_new(TOP, 8192);
	struct elf_aux_info aux = fake_aux();
	struct exec_layout out;
	char arg[40];
	const char *argv[] = { "/a", arg, NULL };
	int len, shift, bad = 0;

	for (len = 0; len < 32; len++) {
		for (shift = 0; shift < 40; shift += 13) {
			unsigned long u_random;

			memset(arg, 'x', len);
			arg[len] = '\0';
			aux.stack_shift = shift;
			ASSERT_EQ(test, build(us, _STK_LIM, "/a", argv, NULL, &aux, &out), 0);
			u_random = ((out.arg_start - shift) & ~15UL) - 5 - 16;
			bad += out.sp % 16 != 0;
			bad += uword(us, out.sp) != 2;
			bad += out.sp != ((u_random - 4 * (out.auxv_words + 2 + 1 + 1 + 1)) & ~15UL);
		}
	}
	EXPECT_EQ(test, bad, 0);
	ustack_free(us);
}

/* No argv at all: Linux adds "" as argv[0] and says so. */
static void test_stack_argc0(struct ktest *test)
{
	struct ustack *us = ustack_new(TOP, 4096);
	struct elf_aux_info aux = fake_aux();
	const char *const argv[] = { NULL };
	struct exec_layout out;
	size_t mark = printk_log_pos();

	ASSERT_EQ(test, build(us, _STK_LIM, "/bin/prog", argv, envp2, &aux, &out), 0);
	EXPECT_LOGGED(test, mark, "exec: /bin/prog launched with NULL argv: empty string added");
	EXPECT_EQ(test, uword(us, out.sp), 1);
	EXPECT_EQ(test, uword(us, out.sp + 4), out.arg_start);
	EXPECT_STREQ(test, (char *)uptr(us, out.arg_start), "");
	EXPECT_EQ(test, uword(us, out.sp + 8), 0);
	EXPECT_EQ(test, out.arg_end, out.arg_start + 1);
	ustack_free(us);
}

/* Linux's bprm_stack_limits(): the room the strings may take. */
static unsigned long strings_budget(unsigned long rlim, int argc, int envc)
{
	unsigned long limit = min(_STK_LIM / 4 * 3, rlim / 4);

	return max(limit, (unsigned long)ARG_MAX) - 4UL * (max(argc, 1) + envc);
}

/*
 * n argv strings filling exactly the budget, then one byte more: the
 * first fits, the second is -E2BIG.  The execfn "/x" takes 3 bytes.
 */
static int try_budget(struct ustack *us, unsigned long rlim, long extra)
{
	enum { N = 64 };
	static char strs[N][MAX_ARG_STRLEN];
	const char *argv[N + 1];
	struct elf_aux_info aux = fake_aux();
	struct exec_layout out;
	long left;
	int n;

	/* N strings of 1 to MAX_ARG_STRLEN bytes (NUL included) */
	left = strings_budget(rlim, N, 0) - 3 + extra;
	for (n = 0; n < N; n++) {
		long len = min(left - (N - 1 - n), (long)MAX_ARG_STRLEN);

		memset(strs[n], 'a', len - 1);
		strs[n][len - 1] = '\0';
		argv[n] = strs[n];
		left -= len;
	}
	if (left)
		return -ERANGE;		/* the test's own mistake */
	argv[N] = NULL;
	return build(us, rlim, "/x", argv, NULL, &aux, &out);
}

static void test_stack_e2big(struct ktest *test)
{
	static const unsigned long rlims[] = { 0, 1UL << 20, _STK_LIM, 64UL << 20 };
	struct ustack *us = ustack_new(TOP, 8UL << 20);
	struct elf_aux_info aux = fake_aux();
	struct exec_layout out;
	static char big[MAX_ARG_STRLEN + 1];
	const char *argv[] = { big, NULL };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rlims); i++) {
		EXPECT_EQ(test, try_budget(us, rlims[i], -64), 0);
		EXPECT_EQ(test, try_budget(us, rlims[i], 0), 0);
		EXPECT_EQ(test, try_budget(us, rlims[i], 1), -E2BIG);
	}
	/* one string: MAX_ARG_STRLEN bytes with its NUL, not one more */
	memset(big, 'b', MAX_ARG_STRLEN - 1);
	EXPECT_EQ(test, build(us, _STK_LIM, "/x", argv, NULL, &aux, &out), 0);
	big[MAX_ARG_STRLEN - 1] = 'b';
	EXPECT_EQ(test, build(us, _STK_LIM, "/x", argv, NULL, &aux, &out), -E2BIG);
	EXPECT_EQ(test, build(us, _STK_LIM, "/x", NULL, argv, &aux, &out), -E2BIG);
	EXPECT_EQ(test, build(us, _STK_LIM, big, NULL, NULL, &aux, &out), -E2BIG);
	ustack_free(us);
}

/* A stack too small for the tables: the write callback's -EFAULT. */
static void test_stack_fault(struct ktest *test)
{
	struct ustack *us = ustack_new(TOP, 64);
	struct elf_aux_info aux = fake_aux();
	struct exec_layout out;

	EXPECT_EQ(test, build(us, _STK_LIM, "/bin/prog", argv3, envp2, &aux, &out), -EFAULT);
	ustack_free(us);
}

/* What the fixture printed: offsets below its "top" (see elf_auxv.c). */
struct host_stack {
	unsigned long sp, auxv_end;
	int argc, nargv, nenvp, nauxv;
	unsigned long argv_off[8], envp_off[8];
	char argv[8][128], envp[8][128];
	unsigned long tag[40], val[40];
	bool ptr[40];			/* val is an offset below the top */
};

static void parse_host_line(struct host_stack *h, const char *line)
{
	unsigned long a, b;
	char str[128];
	int n = h->nauxv;

	if (sscanf(line, "sp %lx", &a) == 1)
		h->sp = a;
	else if (sscanf(line, "argc %d", &h->argc) == 1)
		;
	else if (h->nargv < 8 && sscanf(line, "argv %lx %127[^\n]", &a, str) == 2) {
		h->argv_off[h->nargv] = a;
		strcpy(h->argv[h->nargv++], str);
	} else if (h->nenvp < 8 && sscanf(line, "envp %lx %127[^\n]", &a, str) == 2) {
		h->envp_off[h->nenvp] = a;
		strcpy(h->envp[h->nenvp++], str);
	} else if (sscanf(line, "auxv_end %lx", &a) == 1)
		h->auxv_end = a;
	else if (n < 40 && sscanf(line, "auxv %lu top-%lx", &a, &b) == 2) {
		h->tag[n] = a, h->val[n] = b, h->ptr[n] = true;
		h->nauxv++;
	} else if (n < 40 && sscanf(line, "auxv %lu %lx", &a, &b) == 2) {
		h->tag[n] = a, h->val[n] = b;
		h->nauxv++;
	}
}

/* Runs the fixture as `env -i A=1 BB=xy PATH one 'two three'`. */
static bool run_fixture(const char *path, struct host_stack *h)
{
	char cmd[4200], line[256];
	FILE *p;

	memset(h, 0, sizeof(*h));
	snprintf(cmd, sizeof(cmd), "env -i A=1 BB=xy '%s' one 'two three'", path);
	p = popen(cmd, "r");
	if (!p)
		return false;
	while (fgets(line, sizeof(line), p))
		parse_host_line(h, line);
	return pclose(p) == 0 && h->argc == 3 && h->nauxv;
}

static int host_aux_find(const struct host_stack *h, int from, unsigned long tag)
{
	for (; from < h->nauxv; from++)
		if (h->tag[from] == tag)
			return from;
	return -1;
}

static bool layout_has_tag(const struct exec_layout *out, unsigned long tag)
{
	int i;

	for (i = 0; i < out->auxv_words; i += 2)
		if (out->auxv[i] == tag)
			return true;
	return false;
}

/*
 * Our layout of the stack the host gave the fixture.  Must match: every
 * string's place, AT_RANDOM/AT_PLATFORM/AT_EXECFN's places, the values of
 * the auxv entries we send, in the host's order, and the rule placing
 * argc (16-aligned, tables just below the random bytes): checked on the
 * host's numbers, then on ours.  The host sends more entries (vDSO,
 * AT_MINSIGSTKSZ, rseq), so sp itself differs by their size.
 */
static void compare_with_host(struct ktest *test, const struct host_stack *h,
			      const char *path, unsigned long top)
{
	const char *argv[] = { path, "one", "two three", NULL };
	const char *envp[] = { "A=1", "BB=xy", NULL };
	struct ustack *us = ustack_new(top, 4096);
	struct elf_aux_info aux = fake_aux();
	unsigned long off_random = 0, items = 3 + 1 + 2 + 1 + 1;
	struct exec_layout out;
	struct elf_info info;
	struct linux_binprm bprm;
	struct mem_file f;
	int i, at = 0;

	ASSERT_TRUE(test, read_whole_file(path, &f));
	ASSERT_EQ(test, elf_check_exec(path, mem_file_read, &f, f.len, &info), 0);
	free((void *)f.data);
	/* machine facts come from the host, the rest from our code */
	for (i = 0; i < h->nauxv; i++) {
		if (h->tag[i] == AT_HWCAP)
			aux.hwcap = h->val[i];
		if (h->tag[i] == AT_HWCAP2)
			aux.hwcap2 = h->val[i];
		if (h->tag[i] == AT_RANDOM)
			off_random = h->val[i];
	}
	bprm_stack_init(&bprm, top, _STK_LIM, ustack_write, us);
	ASSERT_EQ(test, bprm_copy_args(&bprm, path, argv, envp), 0);
	ASSERT_EQ(test, create_elf_tables(&bprm, &info, &aux, &out), 0);

	for (i = 0; i < 3; i++) {
		EXPECT_STREQ(test, h->argv[i], argv[i]);
		EXPECT_EQ(test, top - uword(us, out.sp + 4 + 4 * i), h->argv_off[i]);
	}
	for (i = 0; i < 2; i++) {
		EXPECT_STREQ(test, h->envp[i], envp[i]);
		EXPECT_EQ(test, top - uword(us, out.sp + 20 + 4 * i), h->envp_off[i]);
	}
	for (i = 0; i + 2 < out.auxv_words; i += 2) {
		u32 tag = out.auxv[i], val = out.auxv[i + 1];
		bool ptr = tag == AT_RANDOM || tag == AT_EXECFN || tag == AT_PLATFORM;

		at = host_aux_find(h, at, tag);
		if (at < 0) {
			printk("# auxv tag %u missing or out of Linux's order\n", tag);
			ktest_fail_msg(test, __FILE__, __LINE__, "auxv order");
			break;
		}
		EXPECT_EQ(test, ptr ? top - val : val, h->val[at]);
	}
	for (i = 0; i < h->nauxv; i++)
		if (!layout_has_tag(&out, h->tag[i]))
			printk("# host's Linux also sends auxv tag %lu\n", h->tag[i]);
	/* the rule, with the host's entry count and then with ours */
	EXPECT_EQ(test, (top - h->sp) % 16, 0);
	EXPECT_EQ(test, top - h->sp, ((top - off_random) -
		  4 * (2 * (h->nauxv + 1) + items)) & ~15UL);
	EXPECT_EQ(test, h->sp - h->auxv_end, 4 * (items + 2 * h->nauxv));
	EXPECT_EQ(test, out.sp, ((top - off_random) -
		  4 * (out.auxv_words + items)) & ~15UL);
	ustack_free(us);
}

static void test_stack_matches_linux(struct ktest *test)
{
	const char *why, *path = elf_fixture(&why);
	struct host_stack *h;
	struct utsname u;

	if (!path)
		KTEST_SKIP(test, why);
	h = malloc(sizeof(*h));
	if (!run_fixture(path, h)) {
		free(h);
		KTEST_SKIP(test, "the host cannot run the i386 fixture");
	}
	/*
	 * The fixture's "top" is 4 bytes above the end of the execfn string;
	 * an x86_64 kernel's end marker is 8 bytes, so the real, 16-aligned
	 * top is 4 bytes higher there: give our i386 layout the same
	 * alignment by starting it 4 bytes below a page boundary.
	 */
	uname(&u);
	compare_with_host(test, h, path,
			  strcmp(u.machine, "x86_64") ? TOP : TOP - 4);
	free(h);
}

KTEST_SUITE(exec_stack,
	KTEST_CASE(test_stack_layout),
	KTEST_CASE(test_stack_alignment),
	KTEST_CASE(test_stack_argc0),
	KTEST_CASE(test_stack_e2big),
	KTEST_CASE(test_stack_fault),
	KTEST_CASE(test_stack_matches_linux));
