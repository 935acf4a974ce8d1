/*
 * The checking half of Linux's load_elf_binary() (fs/binfmt_elf.c) for
 * static i386 executables: read the header and the program headers,
 * refuse what cannot run here with one line saying why, and describe the
 * segments and the mm_struct fields the loader will need.  Stricter than
 * Linux in places (overlapping or misaligned segments, an entry point
 * outside the code): Linux maps those and lets the program crash, we say
 * what is wrong before any page is touched.
 */
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/page.h>

/*
 * Linux refuses to map below vm.mmap_min_addr, which distributions set to
 * 64 KiB (the Kconfig default is 4 KiB): a NULL pointer plus a small
 * offset must fault, never reach a mapped page.
 */
static const u32 elf_min_vaddr = 0x10000;

/* Linux's load_elf_phdrs() reads at most 64 KiB of program headers. */
#define ELF_MAX_PHDR_BYTES	65536

/* Prints "binfmt_elf: PATH: REASON" and returns -ENOEXEC. */
static __printf(2, 3) int elf_refuse(const char *path, const char *fmt, ...)
{
	char reason[128];
	va_list args;

	va_start(args, fmt);
	vscnprintf(reason, sizeof(reason), fmt, args);
	va_end(args);
	pr_warn("binfmt_elf: %s: %s\n", path, reason);
	return -ENOEXEC;
}

/* Reads exactly len bytes at pos; 0, -ENOEXEC for a short file, or -errno. */
static int elf_read(const char *path, elf_read_fn read, void *ctx,
		    void *buf, size_t len, u64 pos)
{
	ssize_t n = read(ctx, buf, len, pos);

	if (n < 0)
		return (int)n;
	if ((size_t)n != len)
		return elf_refuse(path, "short read at offset %llu", pos);
	return 0;
}

/* The file header's identity: an ELF32 little-endian i386 ET_EXEC. */
static int elf_check_ehdr(const char *path, const Elf32_Ehdr *ex, u64 size)
{
	const unsigned char *id = ex->e_ident;

	if (id[EI_CLASS] == ELFCLASS64)
		return elf_refuse(path, "ELFCLASS64: 64-bit executables are not supported");
	if (id[EI_CLASS] != ELFCLASS32)
		return elf_refuse(path, "bad ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		return elf_refuse(path, "not little-endian (EI_DATA %u)", id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT || ex->e_version != EV_CURRENT)
		return elf_refuse(path, "bad ELF version %u/%u",
				  id[EI_VERSION], ex->e_version);
	if (ex->e_type == ET_DYN)
		return elf_refuse(path, "ET_DYN: PIE, static PIE and dynamically linked executables are not supported");
	if (ex->e_type != ET_EXEC)
		return elf_refuse(path, "not an executable (e_type %u)", ex->e_type);
	/* elf_check_arch() on i386 takes EM_486 as a synonym. */
	if (ex->e_machine != EM_386 && ex->e_machine != EM_486)
		return elf_refuse(path, "wrong machine %u (need EM_386)", ex->e_machine);
	if (ex->e_phentsize != sizeof(Elf32_Phdr))
		return elf_refuse(path, "e_phentsize %u, expected %zu",
				  ex->e_phentsize, sizeof(Elf32_Phdr));
	if (ex->e_phnum == 0)
		return elf_refuse(path, "no program headers");
	if ((u32)ex->e_phnum * sizeof(Elf32_Phdr) > ELF_MAX_PHDR_BYTES)
		return elf_refuse(path, "too many program headers (%u)", ex->e_phnum);
	if ((u64)ex->e_phoff + (u64)ex->e_phnum * sizeof(Elf32_Phdr) > size)
		return elf_refuse(path, "program headers past the end of the file");
	return 0;
}

/*
 * One PT_LOAD against the file and the ones before it.  Page-granular
 * overlap is allowed (text and data often share a page in the file and
 * Linux maps the shared page twice); byte ranges must not overlap.
 */
static int elf_check_load(const char *path, const Elf32_Phdr *ph, u64 size,
			  const struct elf_info *info)
{
	int n = info->nr_loads;
	u64 end = (u64)ph->p_vaddr + ph->p_memsz;

	if (n == ELF_MAX_LOADS)
		return elf_refuse(path, "more than %d PT_LOAD segments", ELF_MAX_LOADS);
	if (ph->p_filesz > ph->p_memsz)
		return elf_refuse(path, "PT_LOAD %d: p_filesz 0x%x > p_memsz 0x%x",
				  n, ph->p_filesz, ph->p_memsz);
	if ((u64)ph->p_offset + ph->p_filesz > size)
		return elf_refuse(path, "PT_LOAD %d: file data past the end of the file", n);
	if ((ph->p_offset ^ ph->p_vaddr) & ~PAGE_MASK)
		return elf_refuse(path, "PT_LOAD %d: p_offset 0x%x and p_vaddr 0x%x differ modulo the page size",
				  n, ph->p_offset, ph->p_vaddr);
	/* Linux's BAD_ADDR()/TASK_SIZE test in load_elf_binary(). */
	if (end > TASK_SIZE)
		return elf_refuse(path, "PT_LOAD %d: 0x%x+0x%x ends above TASK_SIZE",
				  n, ph->p_vaddr, ph->p_memsz);
	if (ph->p_vaddr < elf_min_vaddr)
		return elf_refuse(path, "PT_LOAD %d: 0x%x is below mmap_min_addr 0x%x",
				  n, ph->p_vaddr, elf_min_vaddr);
	if (n && ph->p_vaddr < info->load[n - 1].vaddr)
		return elf_refuse(path, "PT_LOAD %d: not sorted by address", n);
	if (n && ph->p_vaddr < info->load[n - 1].vaddr + info->load[n - 1].memsz)
		return elf_refuse(path, "PT_LOAD %d: overlaps PT_LOAD %d", n, n - 1);
	return 0;
}

/* Records a checked PT_LOAD and grows the code/data/brk spans. */
static void elf_add_load(struct elf_info *info, const Elf32_Phdr *ph,
			 const Elf32_Ehdr *ex)
{
	struct elf_load *l = &info->load[info->nr_loads++];
	u32 file_end = ph->p_vaddr + ph->p_filesz;

	*l = (struct elf_load){ ph->p_vaddr, ph->p_memsz, ph->p_filesz,
				ph->p_offset, ph->p_flags };

	/* As Linux 6.x computes them: end_* cover file data, brk the bss. */
	if ((ph->p_flags & PF_X) && ph->p_vaddr < info->start_code)
		info->start_code = ph->p_vaddr;
	if ((ph->p_flags & PF_X) && file_end > info->end_code)
		info->end_code = file_end;
	if (ph->p_vaddr > info->start_data)
		info->start_data = ph->p_vaddr;
	if (file_end > info->end_data)
		info->end_data = file_end;
	if (ph->p_vaddr + ph->p_memsz > info->elf_brk)
		info->elf_brk = ph->p_vaddr + ph->p_memsz;

	/* AT_PHDR: where the segment holding e_phoff puts the headers. */
	if (ph->p_offset <= ex->e_phoff &&
	    ex->e_phoff < (u64)ph->p_offset + ph->p_filesz)
		info->phdr_addr = ex->e_phoff - ph->p_offset + ph->p_vaddr;
}

/* One program header of any type. */
static int elf_check_phdr(const char *path, const Elf32_Phdr *ph, u64 size,
			  const Elf32_Ehdr *ex, struct elf_info *info)
{
	int err;

	switch (ph->p_type) {
	case PT_INTERP:
		return elf_refuse(path, "PT_INTERP: dynamically linked executables are not supported");
	case PT_GNU_STACK:
		info->executable_stack = (ph->p_flags & PF_X) ?
			EXSTACK_ENABLE_X : EXSTACK_DISABLE_X;
		return 0;
	case PT_LOAD:
		err = elf_check_load(path, ph, size, info);
		if (!err)
			elf_add_load(info, ph, ex);
		return err;
	default:
		/* PT_NOTE, PT_TLS, PT_GNU_RELRO, PT_GNU_PROPERTY, ...: glibc's. */
		return 0;
	}
}

/* The entry point must be in a segment the CPU may execute. */
static bool elf_entry_ok(const struct elf_info *info)
{
	int i;

	for (i = 0; i < info->nr_loads; i++) {
		const struct elf_load *l = &info->load[i];

		if ((l->flags & PF_X) && info->entry >= l->vaddr &&
		    info->entry - l->vaddr < l->memsz)
			return true;
	}
	return false;
}

int elf_check_exec(const char *path, elf_read_fn read, void *ctx,
		   u64 size, struct elf_info *info)
{
	Elf32_Ehdr ex;
	Elf32_Phdr ph;
	int err, i;

	memset(info, 0, sizeof(*info));
	memset(&ex, 0, sizeof(ex));
	if (size >= SELFMAG) {
		err = elf_read(path, read, ctx, &ex, min(size, (u64)sizeof(ex)), 0);
		if (err)
			return err;
	}
	if (size < SELFMAG || memcmp(ex.e_ident, ELFMAG, SELFMAG))
		return elf_refuse(path, "not an ELF file (bad magic)");
	if (size < sizeof(ex))
		return elf_refuse(path, "truncated ELF header (%llu of %zu bytes)",
				  size, sizeof(ex));
	err = elf_check_ehdr(path, &ex, size);
	if (err)
		return err;

	info->entry = ex.e_entry;
	info->phnum = ex.e_phnum;
	info->phentsize = ex.e_phentsize;
	info->start_code = ~0U;
	info->executable_stack = EXSTACK_DEFAULT;
	for (i = 0; i < ex.e_phnum; i++) {
		err = elf_read(path, read, ctx, &ph, sizeof(ph),
			       ex.e_phoff + (u64)i * sizeof(ph));
		if (!err)
			err = elf_check_phdr(path, &ph, size, &ex, info);
		if (err)
			return err;
	}
	if (!info->nr_loads)
		return elf_refuse(path, "no PT_LOAD segment");
	if (!elf_entry_ok(info))
		return elf_refuse(path, "entry point 0x%x is outside every executable PT_LOAD",
				  info->entry);
	/* Linux 5.8+: without PT_GNU_STACK an i386 program gets READ_IMPLIES_EXEC. */
	info->read_implies_exec = info->executable_stack == EXSTACK_DEFAULT;
	return 0;
}
