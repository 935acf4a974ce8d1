/*
 * The new program's stack, as Linux's execve builds it: fs/exec.c copies
 * the path and the argument strings to the top (copy_strings(), with the
 * limits of bprm_stack_limits()), then fs/binfmt_elf.c's
 * create_elf_tables() puts AT_PLATFORM's string, AT_RANDOM's bytes, and
 * below them argc, argv[], envp[] and the auxiliary vector.  The picture
 * is in <linux/binfmts.h>.  Every byte goes through bprm->write, so the
 * same code fills a real user stack or, in the host tests, a buffer.
 */
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>

/* The new program's pointers and auxv entries are 32-bit words. */
typedef u32 elf_addr_t;

static int put_user_word(struct linux_binprm *bprm, unsigned long uaddr,
			 elf_addr_t val)
{
	return bprm->write(bprm->ctx, uaddr, &val, sizeof(val));
}

/*
 * Starts a stack whose highest byte is stack_top - 1.  The top word stays
 * NULL, as Linux's __bprm_mm_init() leaves it: a marker below which the
 * execfn string ends.
 */
void bprm_stack_init(struct linux_binprm *bprm, unsigned long stack_top,
		     unsigned long rlim_stack, user_write_fn write, void *ctx)
{
	memset(bprm, 0, sizeof(*bprm));
	bprm->stack_top = stack_top;
	bprm->p = stack_top - sizeof(elf_addr_t);
	bprm->rlim_stack = rlim_stack;
	bprm->write = write;
	bprm->ctx = ctx;
}

/* Linux's count(): the strings before the NULL, -E2BIG if too many. */
static int count_strings(const char *const *strs)
{
	int n = 0;

	while (strs && strs[n]) {
		if (n == MAX_ARG_STRINGS)
			return -E2BIG;
		n++;
	}
	return n;
}

/*
 * Linux's bprm_stack_limits(): the strings may take a quarter of the
 * stack limit (at most 3/4 of _STK_LIM, at least ARG_MAX), less the
 * room their pointers will need.
 */
static int bprm_stack_limits(struct linux_binprm *bprm)
{
	u64 limit = _STK_LIM / 4 * 3;
	u64 ptr_size = ((u64)max(bprm->argc, 1) + bprm->envc) *
		       sizeof(elf_addr_t);

	limit = min(limit, (u64)bprm->rlim_stack / 4);
	limit = max(limit, (u64)ARG_MAX);
	if (limit <= ptr_size || limit - ptr_size > bprm->p)
		return -E2BIG;
	bprm->argmin = bprm->p - (limit - ptr_size);
	return 0;
}

/* Linux's copy_string_kernel(): one string and its NUL below bprm->p. */
static int copy_string(struct linux_binprm *bprm, const char *str)
{
	size_t len = strnlen(str, MAX_ARG_STRLEN) + 1;

	if (len > MAX_ARG_STRLEN || bprm->p - bprm->argmin < len)
		return -E2BIG;
	bprm->p -= len;
	return bprm->write(bprm->ctx, bprm->p, str, len);
}

/* Last string first, so that they read in order upwards. */
static int copy_strings(struct linux_binprm *bprm, int n,
			const char *const *strs)
{
	int err = 0;

	while (n-- > 0 && !err)
		err = copy_string(bprm, strs[n]);
	return err;
}

/*
 * Copies filename (AT_EXECFN), envp's and argv's strings (NULL-terminated
 * arrays of kernel strings, which must stay valid until
 * create_elf_tables()) to the top of the stack.  Returns 0, -E2BIG when
 * they do not fit the limits, or the write callback's error.
 */
int bprm_copy_args(struct linux_binprm *bprm, const char *filename,
		   const char *const *argv, const char *const *envp)
{
	int err;

	bprm->argc = count_strings(argv);
	bprm->envc = count_strings(envp);
	if (bprm->argc < 0 || bprm->envc < 0)
		return -E2BIG;
	bprm->argv = argv;
	bprm->envp = envp;
	err = bprm_stack_limits(bprm);
	if (!err)
		err = put_user_word(bprm, bprm->p, 0);
	if (!err)
		err = copy_string(bprm, filename);
	bprm->exec = bprm->p;
	if (!err)
		err = copy_strings(bprm, bprm->envc, envp);
	if (!err)
		err = copy_strings(bprm, bprm->argc, argv);
	/* Linux 5.18+: never argc 0, or argv[1] would walk into envp. */
	if (!err && !bprm->argc) {
		pr_warn("exec: %s launched with NULL argv: empty string added\n",
			filename);
		err = copy_string(bprm, "");
		bprm->argc = 1;
	}
	return err;
}

/* Fills out->auxv in Linux's order; returns the words used, AT_NULL too. */
static int fill_auxv(struct linux_binprm *bprm, const struct elf_info *info,
		     const struct elf_aux_info *aux, unsigned long u_platform,
		     unsigned long u_random, u32 *v)
{
	int n = 0;

#define NEW_AUX_ENT(id, val) do { v[n++] = (id); v[n++] = (val); } while (0)
	/* AT_SYSINFO, AT_SYSINFO_EHDR: no vDSO yet; AT_MINSIGSTKSZ: no signals */
	NEW_AUX_ENT(AT_HWCAP, aux->hwcap);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, aux->clktck);
	NEW_AUX_ENT(AT_PHDR, info->phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf32_Phdr));
	NEW_AUX_ENT(AT_PHNUM, info->phnum);
	NEW_AUX_ENT(AT_BASE, 0);		/* no interpreter */
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, info->entry);
	NEW_AUX_ENT(AT_UID, aux->uid);
	NEW_AUX_ENT(AT_EUID, aux->euid);
	NEW_AUX_ENT(AT_GID, aux->gid);
	NEW_AUX_ENT(AT_EGID, aux->egid);
	NEW_AUX_ENT(AT_SECURE, aux->secure);
	NEW_AUX_ENT(AT_RANDOM, u_random);
	NEW_AUX_ENT(AT_HWCAP2, aux->hwcap2);
	NEW_AUX_ENT(AT_EXECFN, bprm->exec);
	if (u_platform)
		NEW_AUX_ENT(AT_PLATFORM, u_platform);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	return n;
}

/* Writes n pointers to the strings starting at *p, then a NULL. */
static int put_string_ptrs(struct linux_binprm *bprm, unsigned long *sp,
			   unsigned long *p, int n, const char *const *strs)
{
	int i, err = 0;

	for (i = 0; i < n && !err; i++) {
		err = put_user_word(bprm, *sp, *p);
		*sp += sizeof(elf_addr_t);
		/* argv may be the "" that bprm_copy_args() added */
		*p += (strs && strs[i] ? strlen(strs[i]) : 0) + 1;
	}
	if (!err)
		err = put_user_word(bprm, *sp, 0);
	*sp += sizeof(elf_addr_t);
	return err;
}

/*
 * Linux's create_elf_tables(), after bprm_copy_args(): the platform
 * string, the random bytes, then argc/argv/envp/auxv with argc 16-byte
 * aligned.  Fills *out (the new sp, mm's arg/env spans, the saved auxv).
 * Returns 0 or the write callback's error.
 */
int create_elf_tables(struct linux_binprm *bprm, const struct elf_info *info,
		      const struct elf_aux_info *aux, struct exec_layout *out)
{
	unsigned long p = bprm->p, u_platform = 0, u_random, sp, str;
	int items, err = 0;

	/* arch_align_stack(): a random shift, then 16-byte alignment */
	p = (p - aux->stack_shift) & ~15UL;
	if (aux->platform) {
		size_t len = strlen(aux->platform) + 1;

		p -= len;
		u_platform = p;
		err = bprm->write(bprm->ctx, p, aux->platform, len);
	}
	p -= sizeof(aux->random);
	u_random = p;
	if (!err)
		err = bprm->write(bprm->ctx, p, aux->random, sizeof(aux->random));

	memset(out, 0, sizeof(*out));
	out->auxv_words = fill_auxv(bprm, info, aux, u_platform, u_random,
				    out->auxv);
	items = (bprm->argc + 1) + (bprm->envc + 1) + 1;
	sp = (p - (out->auxv_words + items) * sizeof(elf_addr_t)) & ~15UL;
	out->sp = sp;

	if (!err)
		err = put_user_word(bprm, sp, bprm->argc);
	sp += sizeof(elf_addr_t);
	str = out->arg_start = bprm->p;
	if (!err)
		err = put_string_ptrs(bprm, &sp, &str, bprm->argc, bprm->argv);
	out->arg_end = out->env_start = str;
	if (!err)
		err = put_string_ptrs(bprm, &sp, &str, bprm->envc, bprm->envp);
	out->env_end = str;
	if (!err)
		err = bprm->write(bprm->ctx, sp, out->auxv,
				  out->auxv_words * sizeof(elf_addr_t));
	bprm->p = out->sp;
	return err;
}
