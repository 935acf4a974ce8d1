/*
 * The `mm> ` monitor on the serial line (kernel/monitor.c).  Subsystems
 * add commands with DEFINE_MONITOR_CMD; a command prints with mon_printf()
 * (no timestamps: /proc-style tables) and returns 0 or a negative errno.
 */
#ifndef _LINUX_MONITOR_H
#define _LINUX_MONITOR_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * The usage line also declares the arguments, and monitor_exec() checks
 * their number before calling fn: each word after the name is one
 * argument, a word in [brackets] an optional one.  So "ptwalk ADDR" takes
 * exactly one, "crash pagefault|bug|panic" one, "help" none.  fn still
 * checks what the arguments say.
 */
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
/*
 * Raw bytes to the serial console, and to the capture buffer while one is
 * set: the monitor's output, and what processes write to fds 1 and 2.
 */
void mon_write(const char *s, size_t n);

/*
 * For commands whose arguments are wrong in content rather than number:
 * mon_bad_arg() prints "NAME: <what is wrong>" and the running command's
 * usage line, and returns -EINVAL.  The mon_arg_* parsers report that
 * way themselves and return -EINVAL; 0 and *val set when the argument is
 * good.  what names the argument in the message ("ORDER", "PFN").
 */
__printf(1, 2) int mon_bad_arg(const char *fmt, ...);
/* A number: decimal, 0x hex or 0 octal (kstrtoul base 0), at most max. */
int mon_arg_ulong(const char *s, const char *what, unsigned long max,
		  unsigned long *val);
/* A kernel address in hex, with or without 0x. */
int mon_arg_addr(const char *s, const char *what, unsigned long *val);
/* A size in bytes, with an optional K/M/G suffix (memparse), 1 to max. */
int mon_arg_size(const char *s, const char *what, unsigned long max,
		 unsigned long *val);

/* Which area of the virtual layout addr is in ("the vmalloc area"). */
const char *mon_addr_area(unsigned long addr);

/*
 * The objects the monitor's alloc, kmalloc, vmalloc and kmap commands
 * hold (mm/monitor_objects.c): one line each for what pfn belongs to,
 * and, at poweroff or reboot, one line for each object still held.
 */
void monitor_objects_of_pfn(unsigned long pfn);
void monitor_objects_report_left(void);

/*
 * Runs one command line; returns the command's result, -ENOENT for an
 * unknown command, -EINVAL for the wrong number of arguments (after
 * printing the usage) or -E2BIG for a line of MON_LINE_MAX or more.
 */
int monitor_exec(const char *line);

/*
 * Tests: while a capture buffer is set, mon_printf() output also goes
 * there (always NUL-terminated, truncated when full).
 */
void monitor_capture(char *buf, size_t size);
/*
 * The same, without the serial output: a user program's own KTAP lines
 * would otherwise land in the middle of the kernel's.
 */
void monitor_capture_quiet(char *buf, size_t size);

__noreturn void monitor_run(void);

/*
 * The line editor behind the prompt, fed one received byte at a time and
 * echoing through serial_write().  It knows printable ASCII, Enter (CR,
 * LF or CR LF), Backspace/DEL, Ctrl-U (erase the line), Ctrl-C (abandon
 * it), Ctrl-A/Ctrl-E, and the ANSI keys Left, Right, Home, End, Delete,
 * Up and Down (history).  Other escape sequences are swallowed whole.
 */
#define MON_LINE_MAX	256	/* a line holds MON_LINE_MAX - 1 chars */
#define MON_HISTORY	8

enum mon_line_state {
	MON_LINE_EDITING,	/* more bytes needed */
	MON_LINE_READY,		/* Enter: the line is in buf */
	MON_LINE_ABANDONED,	/* Ctrl-C */
	MON_LINE_TOO_LONG,	/* Enter, but characters were dropped */
};

struct mon_line {
	char buf[MON_LINE_MAX];
	size_t len, pos;		/* characters in buf; the cursor */
	bool too_long;			/* typed past the end: refuse it */
	bool after_cr;			/* a LF after a CR is no new line */
	int esc;			/* where we are in an escape sequence */
	unsigned int esc_arg;		/* its number: 3 in ESC [ 3 ~ */
	/* Earlier lines, newest first; recalled is 0 on the new line. */
	char history[MON_HISTORY][MON_LINE_MAX];
	unsigned int nr_history, recalled;
};

/* Starts a new, empty line (call before each prompt). */
void mon_line_start(struct mon_line *l);
/* Takes one received byte; returns what the line has become. */
enum mon_line_state mon_line_feed(struct mon_line *l, int c);

#endif /* _LINUX_MONITOR_H */
