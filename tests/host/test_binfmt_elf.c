/*
 * Host tests for the ELF checker, kernel/binfmt_elf.c: a valid hand-built
 * static executable is accepted and described; one mutation at a time
 * makes it invalid, and each must be refused with exactly its line; a
 * real static glibc program (when the cross compiler is there) must be
 * described as `readelf -l` describes it.
 *
 * host-test-sources: kernel/binfmt_elf.c tests/host/elf_util.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "elf_util.h"

#define PATH		"/bin/t"
#define BASE_SIZE	0x2000
#define BASE_PHNUM	5

/*
 * The base image, 8 KiB:
 *
 *   file 0x0000 +----------------+ vaddr 0x08048000  PT_LOAD 0, R X
 *               | ehdr, 5 phdrs  |  (AT_PHDR = 0x08048034)
 *               | code; entry at |  0x08048100
 *        0x1000 +----------------+ vaddr 0x08049000  PT_LOAD 1, R W
 *               | data  0x800    |  + bss up to memsz 0x2000: brk 0x0804b000
 *        0x2000 +----------------+
 *   then PT_GNU_STACK (RW), PT_TLS and PT_NOTE, which are only accepted.
 */
static const Elf32_Phdr base_phdrs[BASE_PHNUM] = {
	{ PT_LOAD, 0, 0x08048000, 0x08048000, 0x1000, 0x1000, PF_R | PF_X, 0x1000 },
	{ PT_LOAD, 0x1000, 0x08049000, 0x08049000, 0x800, 0x2000, PF_R | PF_W, 0x1000 },
	{ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 },
	{ PT_TLS, 0x1000, 0x08049000, 0x08049000, 4, 8, PF_R, 4 },
	{ PT_NOTE, 0x100, 0x08048100, 0x08048100, 0x20, 0x20, PF_R, 4 },
};

static u8 image[BASE_SIZE];

static void build_base(void)
{
	Elf32_Ehdr eh = {
		.e_ident = { 0x7f, 'E', 'L', 'F', ELFCLASS32, ELFDATA2LSB, EV_CURRENT },
		.e_type = ET_EXEC, .e_machine = EM_386, .e_version = EV_CURRENT,
		.e_entry = 0x08048100, .e_phoff = sizeof(Elf32_Ehdr),
		.e_ehsize = sizeof(Elf32_Ehdr), .e_phentsize = sizeof(Elf32_Phdr),
		.e_phnum = BASE_PHNUM,
	};

	memset(image, 0, sizeof(image));
	memcpy(image, &eh, sizeof(eh));
	memcpy(image + sizeof(eh), base_phdrs, sizeof(base_phdrs));
}

/* One change to the base: a field of the file header or of a phdr. */
enum { NONE, EH, PH0, PH1, PH2, PH3, PH4, SIZE, LIMIT, ERROR };

struct mutation {
	int where;		/* EH, PHn; SIZE/LIMIT/ERROR change the file */
	unsigned int off, width;
	u32 val;
};

#define EHF(f, v)	{ EH, offsetof(Elf32_Ehdr, f), sizeof(((Elf32_Ehdr *)0)->f), v }
#define IDENT(i, v)	{ EH, i, 1, v }
#define PHF(n, f, v)	{ PH0 + (n), offsetof(Elf32_Phdr, f), 4, v }
#define FILE_SIZE(v)	{ SIZE, 0, 0, v }

struct elf_case {
	const char *name;
	struct mutation m[2];
	int err;		/* 0: accepted */
	const char *reason;	/* the line after "binfmt_elf: PATH: " */
};

static const struct elf_case cases[] = {
	{ "base", { }, 0, NULL },
	{ "EM_486 as EM_386", { EHF(e_machine, EM_486) }, 0, NULL },
	{ "segment ends at TASK_SIZE", { PHF(1, p_vaddr, 0xbfffe000) }, 0, NULL },
	{ "segment at mmap_min_addr", { PHF(0, p_vaddr, 0x10000), EHF(e_entry, 0x10100) }, 0, NULL },
	{ "PT_GNU_PROPERTY, RELRO", { PHF(3, p_type, PT_GNU_PROPERTY), PHF(4, p_type, PT_GNU_RELRO) }, 0, NULL },
	{ "empty file", { FILE_SIZE(0) }, -ENOEXEC, "not an ELF file (bad magic)" },
	{ "bad magic", { IDENT(EI_MAG1, 'X') }, -ENOEXEC, "not an ELF file (bad magic)" },
	{ "truncated header", { FILE_SIZE(40) }, -ENOEXEC, "truncated ELF header (40 of 52 bytes)" },
	{ "ELFCLASS64", { IDENT(EI_CLASS, ELFCLASS64) }, -ENOEXEC, "ELFCLASS64: 64-bit executables are not supported" },
	{ "ELFCLASSNONE", { IDENT(EI_CLASS, ELFCLASSNONE) }, -ENOEXEC, "bad ELF class 0" },
	{ "big-endian", { IDENT(EI_DATA, ELFDATA2MSB) }, -ENOEXEC, "not little-endian (EI_DATA 2)" },
	{ "EI_VERSION 0", { IDENT(EI_VERSION, 0) }, -ENOEXEC, "bad ELF version 0/1" },
	{ "e_version 2", { EHF(e_version, 2) }, -ENOEXEC, "bad ELF version 1/2" },
	{ "ET_DYN", { EHF(e_type, ET_DYN) }, -ENOEXEC, "ET_DYN: PIE, static PIE and dynamically linked executables are not supported" },
	{ "ET_REL", { EHF(e_type, ET_REL) }, -ENOEXEC, "not an executable (e_type 1)" },
	{ "EM_X86_64", { EHF(e_machine, EM_X86_64) }, -ENOEXEC, "wrong machine 62 (need EM_386)" },
	{ "e_phentsize 56", { EHF(e_phentsize, 56) }, -ENOEXEC, "e_phentsize 56, expected 32" },
	{ "e_phnum 0", { EHF(e_phnum, 0) }, -ENOEXEC, "no program headers" },
	{ "e_phnum over 64 KiB", { EHF(e_phnum, 2049) }, -ENOEXEC, "too many program headers (2049)" },
	{ "e_phoff past the end", { EHF(e_phoff, BASE_SIZE - 4 * 32) }, -ENOEXEC, "program headers past the end of the file" },
	{ "file ends in the phdrs", { FILE_SIZE(100) }, -ENOEXEC, "program headers past the end of the file" },
	{ "short read", { { LIMIT, 0, 0, 100 } }, -ENOEXEC, "short read at offset 84" },
	{ "read error", { { ERROR, 0, 0, -EIO } }, -EIO, NULL },
	{ "PT_INTERP", { PHF(4, p_type, PT_INTERP) }, -ENOEXEC, "PT_INTERP: dynamically linked executables are not supported" },
	{ "no PT_LOAD", { PHF(0, p_type, PT_NULL), PHF(1, p_type, PT_NOTE) }, -ENOEXEC, "no PT_LOAD segment" },
	{ "p_filesz > p_memsz", { PHF(1, p_filesz, 0x2001) }, -ENOEXEC, "PT_LOAD 1: p_filesz 0x2001 > p_memsz 0x2000" },
	{ "data past the end", { PHF(1, p_filesz, 0x1001) }, -ENOEXEC, "PT_LOAD 1: file data past the end of the file" },
	{ "offset not congruent", { PHF(1, p_vaddr, 0x08049800) }, -ENOEXEC, "PT_LOAD 1: p_offset 0x1000 and p_vaddr 0x8049800 differ modulo the page size" },
	{ "above TASK_SIZE", { PHF(1, p_vaddr, 0xbffff000) }, -ENOEXEC, "PT_LOAD 1: 0xbffff000+0x2000 ends above TASK_SIZE" },
	{ "wraps around", { PHF(1, p_vaddr, 0xfffff000) }, -ENOEXEC, "PT_LOAD 1: 0xfffff000+0x2000 ends above TASK_SIZE" },
	{ "memsz 4 GiB", { PHF(1, p_memsz, 0xffffffff) }, -ENOEXEC, "PT_LOAD 1: 0x8049000+0xffffffff ends above TASK_SIZE" },
	{ "below mmap_min_addr", { PHF(0, p_vaddr, 0xf000), EHF(e_entry, 0xf100) }, -ENOEXEC, "PT_LOAD 0: 0xf000 is below mmap_min_addr 0x10000" },
	{ "not sorted", { PHF(1, p_vaddr, 0x08047000) }, -ENOEXEC, "PT_LOAD 1: not sorted by address" },
	{ "overlap", { PHF(1, p_vaddr, 0x08048000) }, -ENOEXEC, "PT_LOAD 1: overlaps PT_LOAD 0" },
	{ "entry in data", { EHF(e_entry, 0x08049100) }, -ENOEXEC, "entry point 0x8049100 is outside every executable PT_LOAD" },
	{ "entry 0", { EHF(e_entry, 0) }, -ENOEXEC, "entry point 0x0 is outside every executable PT_LOAD" },
	{ "entry just past code", { EHF(e_entry, 0x08049000) }, -ENOEXEC, "entry point 0x8049000 is outside every executable PT_LOAD" },
};

static void apply(const struct mutation *m, struct mem_file *f)
{
	u8 *p = image;

	switch (m->where) {
	case NONE:
		return;
	case SIZE:
		f->len = m->val;
		return;
	case LIMIT:
		f->limit = m->val;
		return;
	case ERROR:
		f->error = (int)m->val;
		return;
	case EH:
		break;
	default:
		p += sizeof(Elf32_Ehdr) + (m->where - PH0) * sizeof(Elf32_Phdr);
	}
	memcpy(p + m->off, &m->val, m->width);	/* little-endian host */
}

/* Runs one case; returns false (having said why) if it went otherwise. */
static bool run_case(struct ktest *test, const struct elf_case *c,
		     struct elf_info *info)
{
	struct mem_file f = { .data = image, .len = BASE_SIZE };
	size_t mark = printk_log_pos();
	char line[256];
	int i, err;

	build_base();
	for (i = 0; i < 2; i++)
		apply(&c->m[i], &f);
	err = elf_check_exec(PATH, mem_file_read, &f, f.len, info);
	if (err != c->err) {
		printk("# %s: returned %d, expected %d\n", c->name, err, c->err);
		return false;
	}
	if (!c->reason) {
		/* Accepted, or the reader's own error: nothing printed. */
		if (printk_log_find(mark, "binfmt_elf:")) {
			printk("# %s: printed a refusal\n", c->name);
			return false;
		}
		return true;
	}
	snprintf(line, sizeof(line), "binfmt_elf: " PATH ": %s\n", c->reason);
	if (!printk_log_find(mark, line)) {
		printk("# %s: expected the line \"%s\"\n", c->name, c->reason);
		return false;
	}
	return true;
}

static void test_elf_cases(struct ktest *test)
{
	struct elf_info info;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (!run_case(test, &cases[i], &info))
			ktest_fail_msg(test, __FILE__, __LINE__, cases[i].name);
}

/* The base's description: segments, mm fields, auxv values. */
static void test_elf_describe_base(struct ktest *test)
{
	struct elf_info info;

	ASSERT_TRUE(test, run_case(test, &cases[0], &info));
	EXPECT_EQ(test, info.entry, 0x08048100);
	EXPECT_EQ(test, info.phdr_addr, 0x08048034);
	EXPECT_EQ(test, info.phnum, BASE_PHNUM);
	EXPECT_EQ(test, info.phentsize, 32);
	ASSERT_EQ(test, info.nr_loads, 2);
	EXPECT_EQ(test, info.load[0].vaddr, 0x08048000);
	EXPECT_EQ(test, info.load[0].filesz, 0x1000);
	EXPECT_EQ(test, info.load[0].flags, PF_R | PF_X);
	EXPECT_EQ(test, info.load[1].offset, 0x1000);
	EXPECT_EQ(test, info.load[1].vaddr, 0x08049000);
	EXPECT_EQ(test, info.load[1].filesz, 0x800);
	EXPECT_EQ(test, info.load[1].memsz, 0x2000);
	EXPECT_EQ(test, info.load[1].flags, PF_R | PF_W);
	EXPECT_EQ(test, info.start_code, 0x08048000);
	EXPECT_EQ(test, info.end_code, 0x08049000);
	EXPECT_EQ(test, info.start_data, 0x08049000);
	EXPECT_EQ(test, info.end_data, 0x08049800);
	EXPECT_EQ(test, info.elf_brk, 0x0804b000);
	EXPECT_EQ(test, info.executable_stack, EXSTACK_DISABLE_X);
	EXPECT_FALSE(test, info.read_implies_exec);
}

/* PT_GNU_STACK with PF_X asks for an executable stack; none: the old rule. */
static void test_elf_gnu_stack(struct ktest *test)
{
	static const struct elf_case exec_stack = {
		"PF_X stack", { PHF(2, p_flags, PF_R | PF_W | PF_X) }, 0, NULL };
	static const struct elf_case no_stack = {
		"no PT_GNU_STACK", { PHF(2, p_type, PT_NULL) }, 0, NULL };
	struct elf_info info;

	ASSERT_TRUE(test, run_case(test, &exec_stack, &info));
	EXPECT_EQ(test, info.executable_stack, EXSTACK_ENABLE_X);
	EXPECT_FALSE(test, info.read_implies_exec);
	ASSERT_TRUE(test, run_case(test, &no_stack, &info));
	EXPECT_EQ(test, info.executable_stack, EXSTACK_DEFAULT);
	EXPECT_TRUE(test, info.read_implies_exec);
}

/* Parses "LOAD off vaddr paddr filesz memsz flags align" from readelf -lW. */
static int readelf_loads(const char *path, struct elf_load *l, int max)
{
	char cmd[4200], line[256], fl[3][4];
	int n = 0, k;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "readelf -lW '%s' 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n < max && fgets(line, sizeof(line), p)) {
		u32 paddr;

		memset(fl, 0, sizeof(fl));
		k = sscanf(line, " LOAD %x %x %x %x %x %3s %3s %3s", &l[n].offset,
			   &l[n].vaddr, &paddr, &l[n].filesz, &l[n].memsz,
			   fl[0], fl[1], fl[2]);
		if (k < 7)
			continue;
		/* "R E 0x1000": the flags are the words before the 0x */
		l[n].flags = 0;
		for (k = 0; k < 3 && fl[k][0] && fl[k][0] != '0'; k++)
			l[n].flags |= (strchr(fl[k], 'R') ? PF_R : 0) |
				      (strchr(fl[k], 'W') ? PF_W : 0) |
				      (strchr(fl[k], 'E') ? PF_X : 0);
		n++;
	}
	return pclose(p) == 0 ? n : -1;
}

static void test_elf_real_static_binary(struct ktest *test)
{
	struct elf_load expect[ELF_MAX_LOADS];
	struct elf_info info;
	struct mem_file f;
	const char *why, *path = elf_fixture(&why);
	int n, i;

	if (!path)
		KTEST_SKIP(test, why);
	ASSERT_TRUE(test, read_whole_file(path, &f));
	n = readelf_loads(path, expect, ELF_MAX_LOADS);
	if (n < 0) {
		free((void *)f.data);
		KTEST_SKIP(test, "readelf not available");
	}
	EXPECT_EQ(test, elf_check_exec(path, mem_file_read, &f, f.len, &info), 0);
	EXPECT_EQ(test, info.nr_loads, n);
	for (i = 0; i < n && i < info.nr_loads; i++) {
		EXPECT_EQ(test, info.load[i].offset, expect[i].offset);
		EXPECT_EQ(test, info.load[i].vaddr, expect[i].vaddr);
		EXPECT_EQ(test, info.load[i].filesz, expect[i].filesz);
		EXPECT_EQ(test, info.load[i].memsz, expect[i].memsz);
		EXPECT_EQ(test, info.load[i].flags, expect[i].flags);
	}
	free((void *)f.data);
}

/* 17 one-page PT_LOADs, bss only after the first: one more than we keep. */
static void test_elf_too_many_loads(struct ktest *test)
{
	struct mem_file f = { .data = image, .len = BASE_SIZE };
	Elf32_Ehdr *eh = (Elf32_Ehdr *)image;
	Elf32_Phdr *ph = (Elf32_Phdr *)(image + sizeof(*eh));
	size_t mark = printk_log_pos();
	struct elf_info info;
	int i;

	build_base();
	eh->e_phnum = ELF_MAX_LOADS + 1;
	for (i = 1; i <= ELF_MAX_LOADS; i++)
		ph[i] = (Elf32_Phdr){ PT_LOAD, 0, 0x08048000 + i * 0x1000, 0,
				      0, 0x1000, PF_R | PF_W, 0x1000 };
	EXPECT_EQ(test, elf_check_exec(PATH, mem_file_read, &f, f.len, &info), -ENOEXEC);
	EXPECT_LOGGED(test, mark, "binfmt_elf: " PATH ": more than 16 PT_LOAD segments\n");
	eh->e_phnum = ELF_MAX_LOADS;
	EXPECT_EQ(test, elf_check_exec(PATH, mem_file_read, &f, f.len, &info), 0);
	EXPECT_EQ(test, info.nr_loads, ELF_MAX_LOADS);
	EXPECT_EQ(test, info.elf_brk, 0x08048000 + ELF_MAX_LOADS * 0x1000);
}

KTEST_SUITE(binfmt_elf,
	KTEST_CASE(test_elf_cases),
	KTEST_CASE(test_elf_describe_base),
	KTEST_CASE(test_elf_gnu_stack),
	KTEST_CASE(test_elf_too_many_loads),
	KTEST_CASE(test_elf_real_static_binary));
