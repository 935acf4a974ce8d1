/*
 * The `mm> ` monitor on the serial line (kernel/monitor.c).  Subsystems
 * add commands with DEFINE_MONITOR_CMD; a command prints with mon_printf()
 * (no timestamps: /proc-style tables) and returns 0 or a negative errno.
 */
#ifndef _LINUX_MONITOR_H
#define _LINUX_MONITOR_H

#include <linux/compiler.h>
#include <linux/types.h>

struct monitor_cmd {
	const char *name;
	const char *usage;
	const char *help;
	int (*fn)(int argc, char **argv);
};

#define DEFINE_MONITOR_CMD(cname, cusage, chelp, cfn)			\
	static const struct monitor_cmd __mon_cmd_##cfn = {		\
		.name = cname, .usage = cusage, .help = chelp,		\
		.fn = cfn };						\
	static const struct monitor_cmd *const __mon_ptr_##cfn		\
		__used __section("monitor_cmds") = &__mon_cmd_##cfn

__printf(1, 2) void mon_printf(const char *fmt, ...);

/* Runs one command line; returns the command's result or -ENOENT. */
int monitor_exec(const char *line);

/*
 * Tests: while a capture buffer is set, mon_printf() output also goes
 * there (always NUL-terminated, truncated when full).
 */
void monitor_capture(char *buf, size_t size);

__noreturn void monitor_run(void);

#endif /* _LINUX_MONITOR_H */
