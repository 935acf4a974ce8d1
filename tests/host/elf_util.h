/* Helpers shared by the host tests of kernel/binfmt_elf.c and kernel/exec.c. */
#ifndef _TESTS_HOST_ELF_UTIL_H
#define _TESTS_HOST_ELF_UTIL_H

#include <linux/binfmts.h>

/* An ELF file in memory; limit < len makes reads stop short there. */
struct mem_file {
	const u8 *data;
	size_t len, limit;
	int error;		/* non-zero: every read fails with it */
};

ssize_t mem_file_read(void *ctx, void *buf, size_t len, u64 pos);

/*
 * The static i386 program tests/host/Makefile builds from
 * fixtures/elf_auxv.c when i686-linux-gnu-gcc can link it, or NULL with
 * *why saying what is missing.
 */
const char *elf_fixture(const char **why);

/* Reads a whole file into malloc'ed memory; false if it cannot. */
bool read_whole_file(const char *path, struct mem_file *f);

#endif
