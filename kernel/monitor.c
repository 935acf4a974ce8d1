/*
 * The monitor: a command prompt on the serial console, the place where
 * every mechanism of the memory manager can be looked at while the kernel
 * runs (the same tables Linux shows in /proc).  Commands live in the
 * "monitor_cmds" section, so each subsystem registers its own.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/sched.h>
#include <linux/serial.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/irqflags.h>

#define MON_LINE_MAX	256
#define MON_ARGV_MAX	16

extern const struct monitor_cmd *const __start_monitor_cmds[];
extern const struct monitor_cmd *const __stop_monitor_cmds[];

static char *capture_buf;
static size_t capture_size, capture_len;

void monitor_capture(char *buf, size_t size)
{
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (buf && size)
		buf[0] = '\0';
}

void mon_printf(const char *fmt, ...)
{
	char buf[512];
	va_list args;
	size_t n;

	va_start(args, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	serial_write(buf, n);
	if (capture_buf && capture_len + 1 < capture_size) {
		capture_len += strlcpy(capture_buf + capture_len, buf,
				       capture_size - capture_len);
		capture_len = min(capture_len, capture_size - 1);
	}
}

static const struct monitor_cmd *monitor_find(const char *name)
{
	const struct monitor_cmd *const *c;

	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int monitor_exec(const char *line)
{
	char buf[MON_LINE_MAX], *argv[MON_ARGV_MAX], *p = buf, *tok;
	const struct monitor_cmd *cmd;
	int argc = 0;

	strlcpy(buf, line, sizeof(buf));
	while ((tok = strsep(&p, " \t")) != NULL) {
		if (!*tok)
			continue;
		if (argc == MON_ARGV_MAX) {
			mon_printf("too many arguments (at most %d)\n",
				   MON_ARGV_MAX - 1);
			return -E2BIG;
		}
		argv[argc++] = tok;
	}
	if (!argc)
		return 0;
	cmd = monitor_find(argv[0]);
	if (!cmd) {
		mon_printf("%s: unknown command; try 'help'\n", argv[0]);
		return -ENOENT;
	}
	return cmd->fn(argc, argv);
}

/* Reads one line with echo; backspace/DEL erase, Ctrl-U clears. */
static void monitor_readline(char *line, size_t size)
{
	size_t len = 0;
	int c;

	for (;;) {
		c = serial_getc();
		if (c < 0) {
			msleep(10);	/* the UART has no interrupt here */
			continue;
		}
		if (c == '\r' || c == '\n') {
			serial_write("\n", 1);
			line[len] = '\0';
			return;
		}
		if ((c == 0x08 || c == 0x7f) && len) {
			len--;
			serial_write("\b \b", 3);
		} else if (c == 0x15) {
			while (len--)
				serial_write("\b \b", 3);
			len = 0;
		} else if (c >= 0x20 && c < 0x7f && len + 1 < size) {
			line[len++] = c;
			serial_write((char *)&c, 1);
		}
	}
}

void monitor_run(void)
{
	char line[MON_LINE_MAX];

	local_irq_enable();
	mon_printf("\nType 'help' for the list of commands.\n");
	for (;;) {
		mon_printf("mm> ");
		monitor_readline(line, sizeof(line));
		monitor_exec(line);
	}
}

static int cmd_help(int argc, char **argv)
{
	const struct monitor_cmd *const *c;

	(void)argc;
	(void)argv;
	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		mon_printf("  %-24s %s\n", (*c)->usage, (*c)->help);
	return 0;
}
DEFINE_MONITOR_CMD("help", "help", "list the commands", cmd_help);
