/*
 * The monitor: a command prompt on the serial console, the place where
 * every mechanism of the memory manager can be looked at while the kernel
 * runs (the same tables Linux shows in /proc).  Commands live in the
 * "monitor_cmds" section, so each subsystem registers its own.  The line
 * editor below the dispatcher plays the part kdb_read() plays for Linux's
 * kdb prompt.
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/monitor.h>
#include <linux/sched.h>
#include <linux/serial.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/irqflags.h>

#define MON_ARGV_MAX	16

extern const struct monitor_cmd *const __start_monitor_cmds[];
extern const struct monitor_cmd *const __stop_monitor_cmds[];

static char *capture_buf;
static const struct monitor_cmd *mon_current;	/* the command running */
static size_t capture_size, capture_len;

static bool capture_quiet;

/* The same, but nothing reaches the serial line meanwhile. */
void monitor_capture_quiet(char *buf, size_t size)
{
	monitor_capture(buf, size);
	capture_quiet = buf != NULL;
}

void monitor_capture(char *buf, size_t size)
{
	capture_quiet = false;
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (buf && size)
		buf[0] = '\0';
}

void mon_write(const char *s, size_t n)
{
	if (!capture_quiet)
		serial_write(s, n);
	if (capture_buf && capture_len + 1 < capture_size) {
		n = min(n, capture_size - 1 - capture_len);
		memcpy(capture_buf + capture_len, s, n);
		capture_len += n;
		capture_buf[capture_len] = '\0';
	}
}

/*
 * Most output fits the stack buffer.  A longer line (the command line can
 * be 2047 bytes) is formatted again into an allocation of its size,
 * GFP_ATOMIC because some commands print with interrupts off.
 */
void mon_printf(const char *fmt, ...)
{
	char buf[256], *text = buf;
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (n >= (int)sizeof(buf)) {
		text = kmalloc(n + 1, GFP_ATOMIC);
		if (text) {
			va_start(args, fmt);
			vsnprintf(text, n + 1, fmt, args);
			va_end(args);
		} else {
			text = buf;
			n = sizeof(buf) - 1;
		}
	}
	mon_write(text, n);
	if (text != buf)
		kfree(text);
}

static const struct monitor_cmd *monitor_find(const char *name)
{
	const struct monitor_cmd *const *c;

	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

/*
 * How many arguments a usage line declares (see struct monitor_cmd); a
 * word ending in "...]" ("[ARGS...]") takes any number.
 */
static void usage_args(const char *usage, int *min, int *max)
{
	const char *p = usage, *end;

	*min = *max = 0;
	while ((p = strchr(p, ' ')) != NULL) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		if (end - p > 4 && !strncmp(end - 4, "...]", 4)) {
			*max = MON_ARGV_MAX - 1;
			return;
		}
		(*max)++;
		if (*p != '[')
			(*min)++;
	}
}

static void mon_line_too_long(void)
{
	mon_printf("line too long (at most %d characters); nothing run\n",
		   MON_LINE_MAX - 1);
}

int monitor_exec(const char *line)
{
	char buf[MON_LINE_MAX], *argv[MON_ARGV_MAX + 1], *p = buf, *tok;
	const struct monitor_cmd *cmd, *outer;
	int argc = 0, min, max, ret;

	if (strlcpy(buf, line, sizeof(buf)) >= sizeof(buf)) {
		mon_line_too_long();
		return -E2BIG;
	}
	/* Words past MON_ARGV_MAX are counted, not kept: too many anyway. */
	while ((tok = strsep(&p, " \t")) != NULL) {
		if (!*tok)
			continue;
		if (argc < MON_ARGV_MAX)
			argv[argc] = tok;
		argc++;
	}
	if (!argc)
		return 0;
	/* NULL-terminated as main's: `run` hands argv on to execve. */
	argv[min(argc, MON_ARGV_MAX)] = NULL;
	cmd = monitor_find(argv[0]);
	if (!cmd) {
		mon_printf("%s: unknown command; try 'help'\n", argv[0]);
		return -ENOENT;
	}
	usage_args(cmd->usage, &min, &max);
	if (argc - 1 < min || argc - 1 > max || argc > MON_ARGV_MAX) {
		mon_printf("usage: %s\n", cmd->usage);
		return -EINVAL;
	}
	/* Nested (selftest runs suites that call monitor_exec): restore. */
	outer = mon_current;
	mon_current = cmd;
	ret = cmd->fn(argc, argv);
	mon_current = outer;
	return ret;
}

/* ---- arguments ---- */

int mon_bad_arg(const char *fmt, ...)
{
	char buf[160];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (!mon_current) {
		mon_printf("%s\n", buf);
		return -EINVAL;
	}
	mon_printf("%s: %s\nusage: %s\n", mon_current->name, buf,
		   mon_current->usage);
	return -EINVAL;
}

int mon_arg_ulong(const char *s, const char *what, unsigned long max,
		  unsigned long *val)
{
	int err = kstrtoul(s, 0, val);

	if (err == -EINVAL)
		return mon_bad_arg("%s '%s' is not a number", what, s);
	/* The range in the base the number was written in. */
	if ((err || *val > max) && (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
		return mon_bad_arg("%s %s is out of range (0-%#lx)", what, s, max);
	if (err || *val > max)
		return mon_bad_arg("%s %s is out of range (0-%lu)", what, s, max);
	return 0;
}

/* Addresses are 32 bits wide here; the host tests' longs are wider. */
int mon_arg_addr(const char *s, const char *what, unsigned long *val)
{
	unsigned long long v;
	int err = kstrtoull(s, 16, &v);

	if (err == -EINVAL)
		return mon_bad_arg("%s '%s' is not a hex address", what, s);
	if (err || v > 0xffffffffULL)
		return mon_bad_arg("%s %s is beyond 32 bits", what, s);
	*val = (unsigned long)v;
	return 0;
}

/*
 * memparse saturates rather than wraps, so "4G" is 2^32 here, above any
 * 32-bit max, and "99999999999T" is ULLONG_MAX: out of range, not small.
 */
int mon_arg_size(const char *s, const char *what, unsigned long max,
		 unsigned long *val)
{
	char *end;
	unsigned long long v = memparse(s, &end);

	if (end == s || *end)
		return mon_bad_arg("%s '%s' is not a size (bytes, or with K, M or G)",
				   what, s);
	if (!v || v > max)
		return mon_bad_arg("%s %s is out of range (1-%lu bytes)", what, s, max);
	*val = (unsigned long)v;
	return 0;
}

/* ---- the line editor ---- */

/* Where mon_line_feed() is in an escape sequence: ESC [ 3 ~, ESC O A. */
enum { ESC_NONE, ESC_START, ESC_CSI, ESC_CSI_REST, ESC_SS3 };

/* The terminal's cursor moves with the echo: '\b' is one step left. */
static void backspaces(size_t n)
{
	while (n--)
		serial_write("\b", 1);
}

/* Blanks n old characters after the cursor, which stays where it is. */
static void blank(size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		serial_write(" ", 1);
	backspaces(n);
}

/* Shows buf from the cursor on again, after an insert or a delete. */
static void redraw_tail(struct mon_line *l, size_t gone)
{
	serial_write(l->buf + l->pos, l->len - l->pos);
	blank(gone);
	backspaces(l->len - l->pos);
}

static void move_to(struct mon_line *l, size_t pos)
{
	if (pos < l->pos)
		backspaces(l->pos - pos);
	else
		serial_write(l->buf + l->pos, pos - l->pos);
	l->pos = pos;
}

/* A full line drops the character and will be refused at Enter. */
static void insert_char(struct mon_line *l, char c)
{
	if (l->len + 1 >= MON_LINE_MAX) {
		l->too_long = true;
		return;
	}
	memmove(l->buf + l->pos + 1, l->buf + l->pos, l->len - l->pos);
	l->buf[l->pos++] = c;
	l->len++;
	serial_write(&c, 1);
	redraw_tail(l, 0);
}

/* Deletes the character under the cursor (the Delete key). */
static void delete_char(struct mon_line *l)
{
	if (l->pos == l->len)
		return;
	memmove(l->buf + l->pos, l->buf + l->pos + 1, l->len - l->pos - 1);
	l->len--;
	redraw_tail(l, 1);
}

static void backspace(struct mon_line *l)
{
	if (!l->pos)
		return;
	move_to(l, l->pos - 1);
	delete_char(l);
}

/* Replaces the whole line (history, Ctrl-U); the cursor ends after it. */
static void replace_line(struct mon_line *l, const char *text)
{
	size_t old = l->len, n = strlen(text);

	move_to(l, 0);
	memcpy(l->buf, text, n);
	l->len = l->pos = n;
	l->too_long = false;
	serial_write(l->buf, n);
	blank(old > n ? old - n : 0);
}

/* Up (older) and Down (newer); below the newest is an empty line. */
static void recall(struct mon_line *l, unsigned int n)
{
	if (n > l->nr_history)
		return;
	l->recalled = n;
	replace_line(l, n ? l->history[n - 1] : "");
}

static void remember(struct mon_line *l)
{
	if (!l->len ||
	    (l->nr_history && strcmp(l->history[0], l->buf) == 0))
		return;
	memmove(l->history[1], l->history[0],
		sizeof(l->history) - sizeof(l->history[0]));
	strlcpy(l->history[0], l->buf, sizeof(l->history[0]));
	if (l->nr_history < MON_HISTORY)
		l->nr_history++;
}

/* The last byte of a sequence: which key it was (xterm and VT220). */
static void escape_key(struct mon_line *l, int final, unsigned int arg)
{
	switch (final) {
	case 'A':
		recall(l, l->recalled + 1);
		break;
	case 'B':
		if (l->recalled)
			recall(l, l->recalled - 1);
		break;
	case 'C':
		if (l->pos < l->len)
			move_to(l, l->pos + 1);
		break;
	case 'D':
		if (l->pos)
			move_to(l, l->pos - 1);
		break;
	case 'H':
		move_to(l, 0);
		break;
	case 'F':
		move_to(l, l->len);
		break;
	case '~':	/* ESC [ n ~: 1 or 7 Home, 4 or 8 End, 3 Delete */
		if (arg == 1 || arg == 7)
			move_to(l, 0);
		else if (arg == 4 || arg == 8)
			move_to(l, l->len);
		else if (arg == 3)
			delete_char(l);
		break;
	}
}

/*
 * One printable byte inside an escape sequence.  CSI (ESC [) takes
 * parameter bytes up to a final byte in 0x40-0x7e; only the first number
 * matters here.  SS3 (ESC O) is followed by the final byte at once.  ESC
 * and any other byte (Alt+key) is dropped.
 */
static void escape_byte(struct mon_line *l, int c)
{
	switch (l->esc) {
	case ESC_START:
		l->esc = c == '[' ? ESC_CSI : c == 'O' ? ESC_SS3 : ESC_NONE;
		l->esc_arg = 0;
		return;
	case ESC_CSI:
		if (c >= '0' && c <= '9') {
			if (l->esc_arg < 1000)
				l->esc_arg = l->esc_arg * 10 + (c - '0');
			return;
		}
		if (c < 0x40) {
			l->esc = ESC_CSI_REST;
			return;
		}
		break;
	case ESC_CSI_REST:
		if (c < 0x40)
			return;
		break;
	}
	l->esc = ESC_NONE;
	escape_key(l, c, l->esc_arg);
}

static enum mon_line_state enter(struct mon_line *l)
{
	serial_write("\n", 1);
	if (l->too_long)
		return MON_LINE_TOO_LONG;
	l->buf[l->len] = '\0';
	remember(l);
	return MON_LINE_READY;
}

void mon_line_start(struct mon_line *l)
{
	l->len = l->pos = 0;
	l->buf[0] = '\0';
	l->too_long = false;
	l->esc = ESC_NONE;
	l->recalled = 0;
}

/*
 * A control byte ends an escape sequence and counts as itself, so a lone
 * ESC cannot swallow the Enter after it.
 */
enum mon_line_state mon_line_feed(struct mon_line *l, int c)
{
	bool after_cr = l->after_cr;

	l->after_cr = false;
	if (l->esc != ESC_NONE && c >= 0x20 && c != 0x7f) {
		escape_byte(l, c);
		return MON_LINE_EDITING;
	}
	l->esc = ESC_NONE;
	switch (c) {
	case '\r':
		l->after_cr = true;
		return enter(l);
	case '\n':
		return after_cr ? MON_LINE_EDITING : enter(l);
	case 0x03:		/* Ctrl-C */
		serial_write("^C\n", 3);
		return MON_LINE_ABANDONED;
	case 0x1b:
		l->esc = ESC_START;
		break;
	case 0x01:		/* Ctrl-A */
		move_to(l, 0);
		break;
	case 0x05:		/* Ctrl-E */
		move_to(l, l->len);
		break;
	case 0x08:
	case 0x7f:
		backspace(l);
		break;
	case 0x15:		/* Ctrl-U */
		replace_line(l, "");
		break;
	default:
		if (c >= 0x20 && c < 0x7f)
			insert_char(l, c);
	}
	return MON_LINE_EDITING;
}

static int monitor_getc(void)
{
	int c;

	while ((c = serial_getc()) < 0)
		msleep(10);	/* the UART has no interrupt here */
	return c;
}

void monitor_run(void)
{
	static struct mon_line line;
	enum mon_line_state state;

	local_irq_enable();
	mon_printf("\nType 'help' for the list of commands.\n");
	for (;;) {
		mon_printf("mm> ");
		mon_line_start(&line);
		do {
			state = mon_line_feed(&line, monitor_getc());
		} while (state == MON_LINE_EDITING);
		if (state == MON_LINE_READY)
			monitor_exec(line.buf);
		else if (state == MON_LINE_TOO_LONG)
			mon_line_too_long();
	}
}

/* The command named next after `after` (NULL: the first), by strcmp. */
static const struct monitor_cmd *next_cmd(const char *after)
{
	const struct monitor_cmd *const *c, *best = NULL;

	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		if ((!after || strcmp((*c)->name, after) > 0) &&
		    (!best || strcmp((*c)->name, best->name) < 0))
			best = *c;
	return best;
}

/* In alphabetical order: the section holds them in link order. */
static int cmd_help(int argc, char **argv)
{
	const struct monitor_cmd *const *c, *cmd;
	int width = 0;

	(void)argc;
	(void)argv;
	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		width = max(width, (int)strlen((*c)->usage));
	for (cmd = next_cmd(NULL); cmd; cmd = next_cmd(cmd->name))
		mon_printf("  %-*s  %s\n", width, cmd->usage, cmd->help);
	return 0;
}
DEFINE_MONITOR_CMD("help", "help", "list the commands", cmd_help);
