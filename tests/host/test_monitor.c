/*
 * Host tests for kernel/monitor.c: the dispatcher's argument check (from
 * each command's usage line), the argument parsers and their messages,
 * over-long lines, output longer than
 * mon_printf's buffer, help's columns, and the line editor fed byte by
 * byte with what a terminal sends.
 *
 * host-test-sources: kernel/monitor.c kernel/kstrtox.c
 */
#include <stdlib.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/monitor.h>
#include <linux/slab.h>
#include <linux/string.h>

/* ---- what monitor.c needs from the kernel ---- */

static char serial_out[16384];	/* everything written to the "UART" */
static size_t serial_len;

void serial_write(const char *s, size_t n)
{
	n = min(n, sizeof(serial_out) - 1 - serial_len);
	memcpy(serial_out + serial_len, s, n);
	serial_len += n;
	serial_out[serial_len] = '\0';
}

int serial_getc(void)
{
	return -1;
}

void msleep(unsigned int msecs)
{
	(void)msecs;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return malloc(size);
}

void kfree(const void *p)
{
	free((void *)p);
}

static void serial_reset(void)
{
	serial_len = 0;
	serial_out[0] = '\0';
}

/* ---- commands of every shape of usage line ---- */

static int last_argc;

/* argc as seen, or -1 when argv is not NULL-terminated as main's is. */
static int cmd_record(int argc, char **argv)
{
	last_argc = argv[argc] ? -1 : argc;
	return 0;
}

static int cmd_record2(int argc, char **argv)
{
	return cmd_record(argc, argv);
}

static int cmd_record3(int argc, char **argv)
{
	return cmd_record(argc, argv);
}

static int cmd_record4(int argc, char **argv)
{
	return cmd_record(argc, argv);
}

DEFINE_MONITOR_CMD("zero", "zero", "takes nothing", cmd_record);
DEFINE_MONITOR_CMD("one", "one ADDR", "takes one", cmd_record2);
DEFINE_MONITOR_CMD("opt", "opt [N]", "takes none or one", cmd_record3);
DEFINE_MONITOR_CMD("pick", "pick first|second|third|fourth|fifth [N]",
		   "one, then maybe one more", cmd_record4);

static const struct {
	const char *line;
	int ret;
	int argc;		/* seen by the command; 0: not called */
	const char *out;
} exec_cases[] = {
	{ "zero", 0, 1, "" },
	{ "  zero\t ", 0, 1, "" },
	{ "zero now", -EINVAL, 0, "usage: zero\n" },
	{ "one", -EINVAL, 0, "usage: one ADDR\n" },
	{ "one c0100000", 0, 2, "" },
	{ "one 1 2 3", -EINVAL, 0, "usage: one ADDR\n" },
	{ "opt", 0, 1, "" },
	{ "opt 5", 0, 2, "" },
	{ "opt 5 6", -EINVAL, 0, "usage: opt [N]\n" },
	{ "pick", -EINVAL, 0,
	  "usage: pick first|second|third|fourth|fifth [N]\n" },
	{ "pick first", 0, 2, "" },
	{ "pick first 2", 0, 3, "" },
	{ "pick a b c", -EINVAL, 0,
	  "usage: pick first|second|third|fourth|fifth [N]\n" },
	/* More words than argv holds: refused, not cut to 16. */
	{ "opt 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", -EINVAL, 0,
	  "usage: opt [N]\n" },
	{ "nosuch 1", -ENOENT, 0, "nosuch: unknown command; try 'help'\n" },
	{ "", 0, 0, "" },
	{ " \t ", 0, 0, "" },
};

static void test_exec_checks_argument_count(struct ktest *test)
{
	static char out[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(exec_cases); i++) {
		last_argc = 0;
		monitor_capture(out, sizeof(out));
		EXPECT_EQ(test, monitor_exec(exec_cases[i].line),
			  exec_cases[i].ret);
		monitor_capture(NULL, 0);
		EXPECT_EQ(test, last_argc, exec_cases[i].argc);
		EXPECT_STREQ(test, out, exec_cases[i].out);
	}
}

/* 255 characters run; 256 are refused whole, not cut and run. */
static void test_exec_long_line(struct ktest *test)
{
	static char line[MON_LINE_MAX + 1], out[256];

	memset(line, ' ', MON_LINE_MAX - 1);
	memcpy(line, "one", 3);
	line[MON_LINE_MAX - 2] = 'x';
	last_argc = 0;
	EXPECT_EQ(test, monitor_exec(line), 0);
	EXPECT_EQ(test, last_argc, 2);

	line[MON_LINE_MAX - 1] = 'y';
	last_argc = 0;
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec(line), -E2BIG);
	monitor_capture(NULL, 0);
	EXPECT_EQ(test, last_argc, 0);
	EXPECT_STREQ(test, out,
		     "line too long (at most 255 characters); nothing run\n");
}


/* ---- the argument parsers, through commands that use them ---- */

static unsigned long parsed;

static int cmd_num(int argc, char **argv)
{
	return mon_arg_ulong(argv[1], "N", 10, &parsed);
}

static int cmd_addr(int argc, char **argv)
{
	return mon_arg_addr(argv[1], "ADDR", &parsed);
}

static int cmd_size(int argc, char **argv)
{
	return mon_arg_size(argv[1], "SIZE", 3UL << 30, &parsed);
}

static int cmd_refuse(int argc, char **argv)
{
	return mon_bad_arg("%s is not wanted", argv[1]);
}

DEFINE_MONITOR_CMD("num", "num N", "a number up to 10", cmd_num);
DEFINE_MONITOR_CMD("addr", "addr ADDR", "a hex address", cmd_addr);
DEFINE_MONITOR_CMD("size", "size SIZE", "a size up to 3G", cmd_size);
DEFINE_MONITOR_CMD("refuse", "refuse WORD", "says no", cmd_refuse);

#define NUM_USAGE	"usage: num N\n"
#define ADDR_USAGE	"usage: addr ADDR\n"
#define SIZE_USAGE	"usage: size SIZE\n"

static const struct {
	const char *line;
	unsigned long val;	/* when accepted */
	const char *out;	/* "" when accepted */
} parse_cases[] = {
	{ "num 7", 7, "" },
	{ "num 0x0a", 10, "" },
	{ "num 010", 8, "" },
	{ "num 11", 0, "num: N 11 is out of range (0-10)\n" NUM_USAGE },
	{ "num 0xb", 0, "num: N 0xb is out of range (0-0xa)\n" NUM_USAGE },
	{ "num 99999999999", 0, "num: N 99999999999 is out of range (0-10)\n" NUM_USAGE },
	{ "num abc", 0, "num: N 'abc' is not a number\n" NUM_USAGE },
	{ "num -1", 0, "num: N '-1' is not a number\n" NUM_USAGE },
	{ "num 5x", 0, "num: N '5x' is not a number\n" NUM_USAGE },
	{ "addr c0100000", 0xc0100000, "" },
	{ "addr 0xC0100000", 0xc0100000, "" },
	{ "addr ffffffff", 0xffffffff, "" },
	{ "addr 100000000", 0, "addr: ADDR 100000000 is beyond 32 bits\n" ADDR_USAGE },
	{ "addr xyz", 0, "addr: ADDR 'xyz' is not a hex address\n" ADDR_USAGE },
	{ "addr 0x", 0, "addr: ADDR '0x' is not a hex address\n" ADDR_USAGE },
	{ "size 4096", 4096, "" },
	{ "size 4K", 4096, "" },
	{ "size 0x1000", 4096, "" },
	{ "size 3G", 3UL << 30, "" },
	{ "size 4G", 0, "size: SIZE 4G is out of range (1-3221225472 bytes)\n" SIZE_USAGE },
	{ "size 99999999999T", 0, "size: SIZE 99999999999T is out of range (1-3221225472 bytes)\n" SIZE_USAGE },
	{ "size 0", 0, "size: SIZE 0 is out of range (1-3221225472 bytes)\n" SIZE_USAGE },
	{ "size 12Q", 0, "size: SIZE '12Q' is not a size (bytes, or with K, M or G)\n" SIZE_USAGE },
	{ "size K", 0, "size: SIZE 'K' is not a size (bytes, or with K, M or G)\n" SIZE_USAGE },
	{ "refuse this", 0, "refuse: this is not wanted\nusage: refuse WORD\n" },
};

static void test_argument_parsers(struct ktest *test)
{
	static char out[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		bool ok = !parse_cases[i].out[0];

		parsed = 0;
		monitor_capture(out, sizeof(out));
		EXPECT_EQ(test, monitor_exec(parse_cases[i].line), ok ? 0 : -EINVAL);
		monitor_capture(NULL, 0);
		EXPECT_STREQ(test, out, parse_cases[i].out);
		if (ok)
			EXPECT_EQ(test, parsed, parse_cases[i].val);
	}
	/* Outside a command there is no usage line to add. */
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, mon_bad_arg("plain %d", 1), -EINVAL);
	monitor_capture(NULL, 0);
	EXPECT_STREQ(test, out, "plain 1\n");
}

/* A 2047-character command line comes out whole, on serial and captured. */
static void test_printf_longer_than_buffer(struct ktest *test)
{
	static char arg[2048], out[4096];

	memset(arg, 'w', sizeof(arg) - 1);
	arg[sizeof(arg) - 2] = 'Z';
	serial_reset();
	monitor_capture(out, sizeof(out));
	mon_printf("%s\n", arg);
	monitor_capture(NULL, 0);
	EXPECT_EQ(test, strlen(out), 2048);
	EXPECT_STREQ(test, out + 2044, "wwZ\n");
	EXPECT_EQ(test, strcmp(serial_out, out), 0);

	/* A capture buffer smaller than the output keeps what fits. */
	monitor_capture(out, 8);
	mon_printf("%s\n", arg);
	monitor_capture(NULL, 0);
	EXPECT_STREQ(test, out, "wwwwwww");
}

/* Every help row starts its text in the same column, past the longest usage. */
static void test_help_columns(struct ktest *test)
{
	extern const struct monitor_cmd *const __start_monitor_cmds[];
	extern const struct monitor_cmd *const __stop_monitor_cmds[];
	const struct monitor_cmd *const *c;
	static char out[4096];
	size_t width = 0, rows = 0;
	const char *line;

	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)
		width = max(width, strlen((*c)->usage));
	monitor_capture(out, sizeof(out));
	EXPECT_EQ(test, monitor_exec("help"), 0);
	monitor_capture(NULL, 0);
	for (c = __start_monitor_cmds; c < __stop_monitor_cmds; c++) {
		line = strstr(out, (*c)->usage);
		ASSERT_TRUE(test, line && line - out >= 2);
		EXPECT_EQ(test, line[-1], ' ');
		EXPECT_EQ(test, strncmp(line + width, "  ", 2), 0);
		EXPECT_EQ(test, strncmp(line + width + 2, (*c)->help,
					strlen((*c)->help)), 0);
		rows++;
	}
	EXPECT_EQ(test, rows, 9);	/* the commands this file defines */
}

/* ---- the line editor ---- */

#define ESC	"\x1b"
#define LEFT	ESC "[D"
#define RIGHT	ESC "[C"
#define UP	ESC "[A"
#define DOWN	ESC "[B"

/* Feeds s; returns the first state other than EDITING (or EDITING). */
static enum mon_line_state feed(struct mon_line *l, const char *s)
{
	enum mon_line_state state = MON_LINE_EDITING;

	for (; *s && state == MON_LINE_EDITING; s++)
		state = mon_line_feed(l, (unsigned char)*s);
	return state;
}

static const struct {
	const char *name;
	const char *input;
	enum mon_line_state state;
	const char *line;	/* for MON_LINE_READY */
	const char *echo;	/* NULL: not checked */
} edit_cases[] = {
	{ "plain", "help\r", MON_LINE_READY, "help", "help\n" },
	{ "LF ends a line too", "help\n", MON_LINE_READY, "help", NULL },
	{ "backspace and DEL", "ab\x08" "c\x7f" "d\n", MON_LINE_READY, "ad",
	  "ab\b \bc\b \bd\n" },
	{ "backspace at the start", "\x7f" "a\n", MON_LINE_READY, "a", "a\n" },
	{ "left twice, insert", "uptme" LEFT LEFT "i\n", MON_LINE_READY,
	  "uptime", "uptme\b\bime\b\b\n" },
	{ "left and right", "sp" LEFT LEFT "x" RIGHT RIGHT "y\n",
	  MON_LINE_READY, "xspy", NULL },
	{ "right stops at the end", "ab" RIGHT RIGHT "c\n", MON_LINE_READY,
	  "abc", "abc\n" },
	{ "left stops at the start", "b" LEFT LEFT "a\n", MON_LINE_READY,
	  "ab", NULL },
	{ "home and end", "bc" ESC "[H" "a" ESC "[F" "d\n", MON_LINE_READY,
	  "abcd", NULL },
	{ "home and end, VT220 and SS3", "bc" ESC "[1~" "a" ESC "[4~" "d"
	  ESC "OH" "<" ESC "OF" ">\n", MON_LINE_READY, "<abcd>", NULL },
	{ "Ctrl-A and Ctrl-E", "bc\x01" "a\x05" "d\n", MON_LINE_READY,
	  "abcd", NULL },
	{ "delete", "abc" LEFT LEFT ESC "[3~" "\n", MON_LINE_READY, "ac",
	  "abc\b\bc \b\b\n" },
	{ "other sequences are swallowed", "a" ESC "[1;5C" ESC "OP"
	  ESC "[15~" ESC "[?25h" ESC "x" "b\n", MON_LINE_READY, "ab",
	  "ab\n" },
	{ "a lone ESC does not eat Enter", "a" ESC "\n", MON_LINE_READY, "a",
	  NULL },
	{ "Ctrl-C abandons", "poweroff\x03", MON_LINE_ABANDONED, NULL,
	  "poweroff^C\n" },
	{ "Ctrl-U erases", "abc\x15" "d\n", MON_LINE_READY, "d",
	  "abc\b\b\b   \b\b\bd\n" },
	{ "tab and 8-bit bytes are ignored", "a\t\xc3\xa9" "b\n",
	  MON_LINE_READY, "ab", "ab\n" },
	{ "up with no history", UP "a\n", MON_LINE_READY, "a", "a\n" },
};

static void test_line_editing(struct ktest *test)
{
	static struct mon_line l;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(edit_cases); i++) {
		memset(&l, 0, sizeof(l));
		mon_line_start(&l);
		serial_reset();
		EXPECT_EQ(test, feed(&l, edit_cases[i].input),
			  edit_cases[i].state);
		if (edit_cases[i].line)
			EXPECT_STREQ(test, l.buf, edit_cases[i].line);
		if (edit_cases[i].echo)
			EXPECT_STREQ(test, serial_out, edit_cases[i].echo);
		if (test->status == KTEST_FAIL) {
			pr_info("    # failed: %s\n", edit_cases[i].name);
			return;
		}
	}
}

/* CR LF is one Enter: the LF does not end the next (empty) line. */
static void test_cr_lf(struct ktest *test)
{
	static struct mon_line l;

	mon_line_start(&l);
	EXPECT_EQ(test, feed(&l, "a\r"), MON_LINE_READY);
	mon_line_start(&l);
	EXPECT_EQ(test, feed(&l, "\nb\r"), MON_LINE_READY);
	EXPECT_STREQ(test, l.buf, "b");
	mon_line_start(&l);
	EXPECT_EQ(test, feed(&l, "\n"), MON_LINE_EDITING);
	EXPECT_EQ(test, feed(&l, "\n"), MON_LINE_READY);
	EXPECT_STREQ(test, l.buf, "");
}

/*
 * Past MON_LINE_MAX - 1 characters nothing more is stored or echoed and
 * Enter refuses the line; Ctrl-U starts it afresh.
 */
static void test_line_too_long(struct ktest *test)
{
	static struct mon_line l;
	static char zeros[1300], echo[MON_LINE_MAX + 1];

	memset(zeros, '0', sizeof(zeros) - 1);
	memset(echo, '0', MON_LINE_MAX - 1);
	echo[MON_LINE_MAX - 1] = '\n';
	mon_line_start(&l);
	serial_reset();
	EXPECT_EQ(test, feed(&l, zeros), MON_LINE_EDITING);
	EXPECT_EQ(test, feed(&l, "\n"), MON_LINE_TOO_LONG);
	EXPECT_STREQ(test, serial_out, echo);

	/* Erasing a little does not bring the dropped characters back. */
	mon_line_start(&l);
	feed(&l, zeros + 1000);
	EXPECT_EQ(test, feed(&l, "\x7f\x7f\n"), MON_LINE_TOO_LONG);

	mon_line_start(&l);
	feed(&l, zeros + 1000);
	EXPECT_EQ(test, feed(&l, "\x15ok\n"), MON_LINE_READY);
	EXPECT_STREQ(test, l.buf, "ok");
}

/* Types each line and Enter, starting a new line each time. */
static void type_lines(struct mon_line *l, const char *const *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		mon_line_start(l);
		feed(l, lines[i]);
		feed(l, "\n");
	}
	mon_line_start(l);
}

static void test_history(struct ktest *test)
{
	static const char *const typed[] = { "one", "", "two", "two" };
	static struct mon_line l;

	memset(&l, 0, sizeof(l));
	type_lines(&l, typed, ARRAY_SIZE(typed));
	/* Empty lines and repeats are not remembered. */
	EXPECT_EQ(test, l.nr_history, 2);

	feed(&l, UP);
	EXPECT_EQ(test, l.len, 3);
	EXPECT_EQ(test, strncmp(l.buf, "two", 3), 0);
	feed(&l, UP UP);	/* the second Up finds nothing older */
	EXPECT_EQ(test, strncmp(l.buf, "one", 3), 0);
	feed(&l, DOWN);
	EXPECT_EQ(test, strncmp(l.buf, "two", 3), 0);
	feed(&l, DOWN DOWN);
	EXPECT_EQ(test, l.len, 0);

	/* A recalled line replaces what was typed, on screen too. */
	feed(&l, "abcde");
	serial_reset();
	feed(&l, UP);
	EXPECT_STREQ(test, serial_out, "\b\b\b\b\btwo  \b\b");

	/* Running a recalled line makes it the newest. */
	feed(&l, UP "\n");
	EXPECT_STREQ(test, l.buf, "one");
	mon_line_start(&l);
	feed(&l, UP);
	EXPECT_EQ(test, strncmp(l.buf, "one", 3), 0);
}

/* Only the last MON_HISTORY lines are kept. */
static void test_history_limit(struct ktest *test)
{
	static const char *const typed[] = { "l0", "l1", "l2", "l3", "l4",
					     "l5", "l6", "l7", "l8", "l9" };
	static struct mon_line l;
	unsigned int i;

	memset(&l, 0, sizeof(l));
	type_lines(&l, typed, ARRAY_SIZE(typed));
	EXPECT_EQ(test, l.nr_history, MON_HISTORY);
	for (i = 0; i < ARRAY_SIZE(typed); i++)
		feed(&l, UP);
	EXPECT_EQ(test, strncmp(l.buf, typed[ARRAY_SIZE(typed) - MON_HISTORY],
				2), 0);
}

KTEST_SUITE(monitor,
	KTEST_CASE(test_exec_checks_argument_count),
	KTEST_CASE(test_exec_long_line),
	KTEST_CASE(test_argument_parsers),
	KTEST_CASE(test_printf_longer_than_buffer),
	KTEST_CASE(test_help_columns),
	KTEST_CASE(test_line_editing),
	KTEST_CASE(test_cr_lf),
	KTEST_CASE(test_line_too_long),
	KTEST_CASE(test_history),
	KTEST_CASE(test_history_limit));
