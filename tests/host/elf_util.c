/* Helpers shared by the host tests of kernel/binfmt_elf.c and kernel/exec.c. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "elf_util.h"

ssize_t mem_file_read(void *ctx, void *buf, size_t len, u64 pos)
{
	struct mem_file *f = ctx;
	size_t end = f->limit ? f->limit : f->len;

	if (f->error)
		return f->error;
	if (pos >= end)
		return 0;
	if (len > end - pos)
		len = end - pos;
	memcpy(buf, f->data + pos, len);
	return len;
}

const char *elf_fixture(const char **why)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	char *slash;

	*why = "cannot find the test binary's folder";
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return NULL;
	strcpy(slash + 1, "fixtures/elf_auxv");
	*why = "no i686-linux-gnu-gcc able to link -static (libc6-dev-i386-cross): fixtures/elf_auxv not built";
	return access(path, X_OK) ? NULL : path;
}

bool read_whole_file(const char *path, struct mem_file *f)
{
	FILE *fp = fopen(path, "rb");
	long len;
	u8 *data;

	memset(f, 0, sizeof(*f));
	if (!fp)
		return false;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	data = malloc(len > 0 ? len : 1);
	if (len <= 0 || fread(data, 1, len, fp) != (size_t)len) {
		free(data);
		fclose(fp);
		return false;
	}
	fclose(fp);
	f->data = data;
	f->len = len;
	return true;
}
