/*
 * What the portable kernel code needs from the kernel proper, for the host
 * tests: printk into stdout and a log that EXPECT_LOGGED searches, panic and
 * the BUG/WARN reports, and a tiny fake kallsyms table for %pS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>

int console_loglevel = LOGLEVEL_DEFAULT;

static char host_log[1 << 20];
static size_t host_log_len;

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	int n;

	/* Drop the KERN_<level> prefix: the host has no console levels. */
	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	n = vscnprintf(buf, sizeof(buf), fmt, args);
	fputs(buf, stdout);
	if (host_log_len + n < sizeof(host_log)) {
		memcpy(host_log + host_log_len, buf, n);
		host_log_len += n;
		host_log[host_log_len] = '\0';
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

size_t printk_log_pos(void)
{
	return host_log_len;
}

bool printk_log_find(size_t since, const char *needle)
{
	return since <= host_log_len && strstr(host_log + since, needle);
}

void panic(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	fputs("Kernel panic - not syncing: ", stdout);
	vprintk(fmt, args);
	va_end(args);
	abort();
}

void __bug(const char *file, int line)
{
	printk("kernel BUG at %s:%d!\n", file, line);
	abort();
}

void __warn(const char *file, int line, const char *cond)
{
	printk("WARNING: at %s:%d %s\n", file, line, cond);
}

/* Two fake functions at fixed addresses, so %pS has something to find. */
static const struct { unsigned long addr, size; const char *name; } fake_syms[] = {
	{ 0xc0100000, 0x40, "start_kernel" },
	{ 0xc0100040, 0x20, "do_page_fault" },
};

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fake_syms); i++) {
		if (addr >= fake_syms[i].addr &&
		    addr < fake_syms[i].addr + fake_syms[i].size) {
			*symbolsize = fake_syms[i].size;
			*offset = addr - fake_syms[i].addr;
			return fake_syms[i].name;
		}
	}
	return NULL;
}

unsigned long kallsyms_lookup_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fake_syms); i++)
		if (strcmp(fake_syms[i].name, name) == 0)
			return fake_syms[i].addr;
	return 0;
}
