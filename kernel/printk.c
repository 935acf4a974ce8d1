/*
 * printk (Linux: kernel/printk/printk.c, much reduced).  A message is
 * formatted once, stamped with the time since boot, kept in log_buf and
 * written to the serial console if its level is below console_loglevel.
 * log_buf is a byte ring; a position is the total count of bytes ever
 * logged, so tests can take a mark and search what came after it.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
#include <linux/serial.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <asm/irqflags.h>

#define LOG_BUF_LEN	(1 << 17)

static char log_buf[LOG_BUF_LEN];
static size_t log_next;		/* bytes ever logged; log_buf[log_next % LEN] is next */
static bool line_open;		/* the last message did not end in '\n' */
int console_loglevel = LOGLEVEL_DEFAULT;

static void log_store(const char *s, size_t n)
{
	while (n--)
		log_buf[log_next++ % LOG_BUF_LEN] = *s++;
}

size_t printk_log_pos(void)
{
	return log_next;
}

/* Byte at absolute position pos, which must still be in the ring. */
static char log_at(size_t pos)
{
	return log_buf[pos % LOG_BUF_LEN];
}

/* Position of the first needle at or after since, or log_next if none. */
static size_t log_search(size_t since, const char *needle)
{
	size_t n = strlen(needle), oldest, pos, i;

	oldest = log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0;
	if (since < oldest)
		since = oldest;
	for (pos = since; pos + n <= log_next; pos++) {
		for (i = 0; i < n && log_at(pos + i) == needle[i]; i++)
			;
		if (i == n)
			return pos;
	}
	return log_next;
}

bool printk_log_find(size_t since, const char *needle)
{
	return log_search(since, needle) < log_next;
}

unsigned int printk_log_count(size_t since, const char *needle)
{
	unsigned int count = 0;
	size_t pos = since;

	while ((pos = log_search(pos, needle)) < log_next) {
		count++;
		pos++;
	}
	return count;
}

/* Copies the whole ring, oldest byte first, to the console (`dmesg`). */
void printk_log_dump(void)
{
	size_t pos = log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0;

	for (; pos < log_next; pos++) {
		char c = log_at(pos);

		serial_write(&c, 1);
	}
}

/* "[    1.234567] " as Linux prints it: seconds, then microseconds. */
static size_t print_time(char *buf, size_t size)
{
	u64 ns = sched_clock();
	u32 rem_ns;
	u64 secs = div_u64_rem(ns, 1000000000, &rem_ns);

	return scnprintf(buf, size, "[%5lu.%06lu] ", (unsigned long)secs,
			 (unsigned long)(rem_ns / 1000));
}

int vprintk(const char *fmt, va_list args)
{
	char text[1024];
	size_t len = 0;
	int level = LOGLEVEL_DEFAULT - 1;	/* default: shown */
	bool cont = false;
	unsigned long flags;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	local_irq_save(flags);
	/* A new message closes a line left open by one that forgot '\n'. */
	if (!cont && line_open)
		text[len++] = '\n';
	if (!cont || !line_open)
		len += print_time(text + len, sizeof(text) - len);
	len += vscnprintf(text + len, sizeof(text) - len, fmt, args);
	line_open = len && text[len - 1] != '\n';
	log_store(text, len);
	if (level < console_loglevel)
		serial_write(text, len);
	local_irq_restore(flags);
	return len;
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

/*
 * loglevel=N: messages with a level below N reach the console (0-8).  A
 * number out of range is refused with its own line (see <linux/init.h>).
 */
static int __init loglevel_setup(char *val)
{
	unsigned int v;

	if (!val || kstrtouint(val, 0, &v))
		return -EINVAL;
	if (v > 8) {
		pr_warn("loglevel=%s: out of range (0-8), ignored\n", val);
		return -ERANGE;
	}
	console_loglevel = v;
	return 0;
}
early_param("loglevel", loglevel_setup);
