/*
 * execve's two halves that need no address space yet:
 *
 *  - elf_check_exec() (kernel/binfmt_elf.c) reads an ELF file through a
 *    callback, refuses what load_elf_binary() could not run, and describes
 *    what it would map: the PT_LOAD segments and the mm_struct fields
 *    start_code .. elf_brk, computed as Linux computes them;
 *  - bprm_stack_init(), bprm_copy_args() and create_elf_tables()
 *    (kernel/exec.c) lay out the new program's stack exactly as Linux's
 *    fs/exec.c and create_elf_tables() do, writing through a callback.
 *
 * The new stack, from the top of user space down (Linux's order):
 *
 *	stack_top ->	+----------------------------+
 *			| NULL (4 bytes, end marker) |
 *			| execfn string   <- AT_EXECFN
 *			| envp strings               |  env_start .. env_end
 *			| argv strings               |  arg_start .. arg_end
 *			+----------------------------+  (bprm->p)
 *			| 0..15 bytes: 16-alignment, |
 *			|   minus a random shift     |  (arch_align_stack)
 *			| "i686"          <- AT_PLATFORM
 *			| 16 random bytes <- AT_RANDOM
 *			| 0..15 bytes of padding     |
 *			| auxv pairs, AT_NULL last   |
 *			| NULL                       |
 *			| envp[envc-1] .. envp[0]    |
 *			| NULL                       |
 *			| argv[argc-1] .. argv[0]    |
 *	sp ->		| argc                       |  16-byte aligned
 *			+----------------------------+
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/resource.h>
#include <linux/elf.h>
#include <linux/types.h>

#define BINPRM_BUF_SIZE	256		/* what Linux reads first */
#define MAX_ARG_STRLEN	(32 * 4096UL)	/* one string, with its NUL */
#define MAX_ARG_STRINGS	0x7FFFFFFF
#define ARG_MAX		131072		/* floor of the strings' budget */

/* Reads len bytes at pos into buf; returns the bytes read or -errno. */
typedef ssize_t (*elf_read_fn)(void *ctx, void *buf, size_t len, u64 pos);

/* Copies len bytes to user address uaddr; returns 0 or -EFAULT. */
typedef int (*user_write_fn)(void *ctx, unsigned long uaddr,
			     const void *src, size_t len);

/* PT_GNU_STACK's verdict, Linux's names. */
enum { EXSTACK_DEFAULT, EXSTACK_DISABLE_X, EXSTACK_ENABLE_X };

#define ELF_MAX_LOADS	16	/* static glibc has 4; refuse beyond this */

/* One PT_LOAD: map [vaddr, vaddr + memsz), the first filesz bytes from
 * the file at offset, the rest zero (bss); flags are PF_R/W/X. */
struct elf_load {
	u32 vaddr, memsz, filesz, offset, flags;
};

/* What load_elf_binary() would do with a checked executable. */
struct elf_info {
	u32 entry;
	u32 phdr_addr;			/* AT_PHDR: 0 if no PT_LOAD holds them */
	u16 phnum, phentsize;		/* AT_PHNUM, AT_PHENT */
	int nr_loads;
	struct elf_load load[ELF_MAX_LOADS];	/* sorted by vaddr */
	/* mm_struct's fields; start_brk = brk = PAGE_ALIGN(elf_brk) */
	u32 start_code, end_code, start_data, end_data, elf_brk;
	int executable_stack;		/* EXSTACK_* */
	bool read_implies_exec;		/* no PT_GNU_STACK: old i386 rule */
};

/*
 * Checks the ELF executable of size bytes read through read(ctx, ...).
 * Returns 0 with *info filled, or -ENOEXEC after printing one line
 * "binfmt_elf: PATH: REASON", or the read callback's error.
 */
int elf_check_exec(const char *path, elf_read_fn read, void *ctx,
		   u64 size, struct elf_info *info);

/*
 * Linux's struct linux_binprm, reduced to the argument copying: p is the
 * lowest byte used at the stack's top, argmin how low p may go.
 */
struct linux_binprm {
	unsigned long p;
	unsigned long argmin;
	unsigned long exec;		/* user address of the execfn string */
	unsigned long stack_top;
	unsigned long rlim_stack;	/* RLIMIT_STACK's soft limit */
	int argc, envc;
	const char *const *argv, *const *envp;	/* kernel copies */
	user_write_fn write;
	void *ctx;
};

/* The values create_elf_tables() puts in the auxiliary vector. */
struct elf_aux_info {
	u32 hwcap, hwcap2;		/* CPUID.1:EDX; x86's HWCAP2 bits */
	u32 clktck;			/* USER_HZ: 100 */
	u32 uid, euid, gid, egid;
	u32 secure;
	u8 random[16];			/* AT_RANDOM's bytes */
	const char *platform;		/* "i686", or NULL for no AT_PLATFORM */
	unsigned long stack_shift;	/* arch_align_stack's random shift */
};

#define AT_VECTOR_SIZE	(2 * 20)	/* words in exec_layout's auxv */

/* What execve leaves in mm_struct and the registers. */
struct exec_layout {
	unsigned long sp;		/* the new esp: points at argc */
	unsigned long arg_start, arg_end, env_start, env_end;
	u32 auxv[AT_VECTOR_SIZE];	/* Linux's mm->saved_auxv */
	int auxv_words;			/* including the AT_NULL pair */
};

void bprm_stack_init(struct linux_binprm *bprm, unsigned long stack_top,
		     unsigned long rlim_stack, user_write_fn write, void *ctx);
int bprm_copy_args(struct linux_binprm *bprm, const char *filename,
		   const char *const *argv, const char *const *envp);
int create_elf_tables(struct linux_binprm *bprm, const struct elf_info *info,
		      const struct elf_aux_info *aux, struct exec_layout *out);

/*
 * kernel/execve.c: the current task runs filename from the ramfs from its
 * next return to user mode (0), or stays as it was (-errno) when the
 * failure comes before the point of no return.  run_program starts it in
 * a new process, our child, and waits: its pid, and its wait status.
 */
int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp);
int run_program(const char *path, const char *const *argv, int *status);
/* init=PATH on the command line: run it from pid 1 before the prompt. */
void run_init_process_if_requested(void);

#endif /* _LINUX_BINFMTS_H */
