/*
 * Host tests for kernel/vsprintf.c (always linked) and the do_div helpers
 * of include/linux/math64.h.  Integer conversions are also compared with
 * the host libc, which implements the same C99 rules, over a grid of
 * formats and values.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/math64.h>
#include <linux/sprintf.h>
#include <linux/string.h>

/*
 * Formats through vsnprintf without a format attribute, so the tests can
 * pass conversions the compiler rightly complains about (%q, %n, ...).
 */
static int fmt(char *buf, size_t size, const char *f, ...)
{
	va_list args;
	int n;

	va_start(args, f);
	n = vsnprintf(buf, size, f, args);
	va_end(args);
	return n;
}

/* Formats into a roomy buffer and checks both the text and the return. */
#define CHECK_FMT(test, expect, ...) do {				\
	char __buf[256];						\
	int __n = fmt(__buf, sizeof(__buf), __VA_ARGS__);		\
	EXPECT_STREQ(test, __buf, expect);				\
	EXPECT_EQ(test, __n, (int)strlen(expect));			\
} while (0)

static void test_plain_text(struct ktest *test)
{
	CHECK_FMT(test, "", "");
	CHECK_FMT(test, "hello, world", "hello, world");
	CHECK_FMT(test, "100%", "100%%");
	CHECK_FMT(test, "%%", "%%%%");
	CHECK_FMT(test, "a%b", "a%cb", '%');
}

static void test_decimal(struct ktest *test)
{
	CHECK_FMT(test, "0", "%d", 0);
	CHECK_FMT(test, "-42 42", "%d %i", -42, 42);
	CHECK_FMT(test, "2147483647", "%d", 2147483647);
	CHECK_FMT(test, "-2147483648", "%d", (int)-2147483647 - 1);
	CHECK_FMT(test, "4294967295", "%u", -1);
	CHECK_FMT(test, "3000000000", "%u", 3000000000u);
}

static void test_hex_octal(struct ktest *test)
{
	CHECK_FMT(test, "ff FF 377", "%x %X %o", 255, 255, 255);
	CHECK_FMT(test, "0xff 0XFF 0377", "%#x %#X %#o", 255, 255, 255);
	CHECK_FMT(test, "deadbeef", "%x", 0xdeadbeef);
	/* C: no "0x" on zero (Linux would print 0x0), octal 0 stays "0". */
	CHECK_FMT(test, "0 0", "%#x %#o", 0, 0);
	CHECK_FMT(test, "0", "%#.0o", 0);
	CHECK_FMT(test, "", "%#.0x", 0);
	CHECK_FMT(test, "0x00ff", "%#06x", 255);
}

static void test_flags_and_width(struct ktest *test)
{
	CHECK_FMT(test, "   42", "%5d", 42);
	CHECK_FMT(test, "42   |", "%-5d|", 42);
	CHECK_FMT(test, "00042", "%05d", 42);
	CHECK_FMT(test, "-0042", "%05d", -42);
	CHECK_FMT(test, "+42 -42", "%+d %+d", 42, -42);
	CHECK_FMT(test, " 42", "% d", 42);
	CHECK_FMT(test, " 0042", "% 05d", 42);
	CHECK_FMT(test, "+42  |", "%-+5d|", 42);
	/* '-' beats '0'; '+' beats ' '; neither touches unsigned. */
	CHECK_FMT(test, "42   |", "%-05d|", 42);
	CHECK_FMT(test, "+42", "% +d", 42);
	CHECK_FMT(test, "42", "%+u", 42);
	CHECK_FMT(test, "ab", "%1x", 0xab);
}

static void test_precision(struct ktest *test)
{
	CHECK_FMT(test, "007", "%.3d", 7);
	CHECK_FMT(test, "-007", "%.3d", -7);
	CHECK_FMT(test, "", "%.0d", 0);
	CHECK_FMT(test, "[   ]", "[%3.0d]", 0);
	CHECK_FMT(test, "     007", "%8.3d", 7);
	/* A precision turns the '0' flag off. */
	CHECK_FMT(test, "     007", "%08.3d", 7);
	CHECK_FMT(test, "000ff", "%.5x", 255);
	CHECK_FMT(test, "0x000ff", "%#.5x", 255);
	CHECK_FMT(test, "1", "%.d", 1);
}

static void test_star(struct ktest *test)
{
	CHECK_FMT(test, "   42", "%*d", 5, 42);
	CHECK_FMT(test, "42   |", "%-*d|", 5, 42);
	/* A negative '*' width means '-' and its absolute value. */
	CHECK_FMT(test, "42   |", "%*d|", -5, 42);
	CHECK_FMT(test, "abc", "%.*s", 3, "abcdef");
	/* A negative '*' precision is no precision: '0' works again. */
	CHECK_FMT(test, "00042", "%0*.*d", 5, -1, 42);
	CHECK_FMT(test, "  007", "%*.*d", 5, 3, 7);
}

static void test_length_modifiers(struct ktest *test)
{
	CHECK_FMT(test, "-1 255", "%hhd %hhu", 255, 255);
	CHECK_FMT(test, "0", "%hhu", 256);
	CHECK_FMT(test, "-1 65535 ffff", "%hd %hu %hx", 65535, 65535, 0xffff);
	if (sizeof(long) == 8) {
		CHECK_FMT(test, "-9223372036854775808", "%ld", (long)INT64_MIN);
		CHECK_FMT(test, "18446744073709551615", "%lu", (unsigned long)-1);
	} else {
		CHECK_FMT(test, "-2147483648", "%ld", (long)INT32_MIN);
		CHECK_FMT(test, "4294967295", "%lu", (unsigned long)-1);
	}
	if (sizeof(size_t) == 8)
		CHECK_FMT(test, "18446744073709551615", "%zu", (size_t)-1);
	else
		CHECK_FMT(test, "4294967295", "%zu", (size_t)-1);
	CHECK_FMT(test, "-1", "%zd", (ssize_t)-1);
	CHECK_FMT(test, "-5 5", "%td %tu", (ptrdiff_t)-5, (ptrdiff_t)5);
	/* An int argument after an ll one must still be read as an int. */
	CHECK_FMT(test, "1 2 3", "%lld %d %hhd", 1LL, 2, 3);
}

static void test_64bit_extremes(struct ktest *test)
{
	CHECK_FMT(test, "18446744073709551615", "%llu", ~0ULL);
	CHECK_FMT(test, "-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK_FMT(test, "9223372036854775807", "%lld", (long long)INT64_MAX);
	CHECK_FMT(test, "ffffffffffffffff", "%llx", ~0ULL);
	CHECK_FMT(test, "1777777777777777777777", "%llo", ~0ULL);
	CHECK_FMT(test, "01777777777777777777777", "%#llo", ~0ULL);
	CHECK_FMT(test, "0x0000000100000000", "%#018llx", 1ULL << 32);
	CHECK_FMT(test, "4294967296", "%llu", 1ULL << 32);
}

static void test_char_and_string(struct ktest *test)
{
	/* Exactly three bytes, no NUL: ASan stops any read past them. */
	static const char unterminated[3] = { 'x', 'y', 'z' };

	CHECK_FMT(test, "A", "%c", 'A');
	CHECK_FMT(test, "  A|A  |", "%3c|%-3c|", 'A', 'A');
	CHECK_FMT(test, "(null)", "%s", (char *)NULL);
	CHECK_FMT(test, "(n", "%.2s", (char *)NULL);
	CHECK_FMT(test, "  abc|abc  |", "%5s|%-5s|", "abc", "abc");
	CHECK_FMT(test, "ab", "%.2s", "abc");
	CHECK_FMT(test, "   ab", "%5.2s", "abc");
	CHECK_FMT(test, "xyz", "%.3s", unterminated);
	CHECK_FMT(test, "", "%s", "");
}

/*
 * "hello world" is 11 characters; see what each buffer size keeps:
 *
 *	size 0   nothing written     vsnprintf 11   scnprintf 0
 *	size 1   ""                  11             0
 *	size 5   "hell"              11             4
 *	size 12  "hello world"       11             11
 */
static void test_truncation_and_returns(struct ktest *test)
{
	char buf[16];

	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(test, snprintf(NULL, 0, "hello %s", "world"), 11);
	EXPECT_EQ(test, snprintf(buf, 0, "hello %s", "world"), 11);
	EXPECT_EQ(test, buf[0], 'X');
	EXPECT_EQ(test, scnprintf(buf, 0, "hello %s", "world"), 0);

	EXPECT_EQ(test, snprintf(buf, 1, "hello %s", "world"), 11);
	EXPECT_STREQ(test, buf, "");
	EXPECT_EQ(test, scnprintf(buf, 1, "hello"), 0);

	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(test, snprintf(buf, 5, "hello %s", "world"), 11);
	EXPECT_STREQ(test, buf, "hell");
	EXPECT_EQ(test, buf[5], 'X');
	EXPECT_EQ(test, scnprintf(buf, 5, "hello %s", "world"), 4);

	EXPECT_EQ(test, snprintf(buf, 12, "hello %s", "world"), 11);
	EXPECT_STREQ(test, buf, "hello world");
	EXPECT_EQ(test, scnprintf(buf, 12, "hello %s", "world"), 11);
	EXPECT_EQ(test, scnprintf(buf, 11, "hello %s", "world"), 10);
	EXPECT_STREQ(test, buf, "hello worl");

	/* Truncation in the middle of a padded number. */
	EXPECT_EQ(test, snprintf(buf, 4, "%08d", 5), 8);
	EXPECT_STREQ(test, buf, "000");
}

/*
 * A width far beyond the buffer still counts every character, cheaply,
 * and an absurd width is clamped (to (1 << 23) - 1, as Linux) instead of
 * overflowing an int while it is parsed.
 */
static void test_huge_width(struct ktest *test)
{
	char buf[8];

	EXPECT_EQ(test, snprintf(buf, sizeof(buf), "%100000d", 1), 100000);
	EXPECT_STREQ(test, buf, "       ");
	EXPECT_EQ(test, fmt(buf, sizeof(buf), "%99999999999d", 1), 8388607);
	EXPECT_EQ(test, fmt(buf, sizeof(buf), "%.99999999999d", 1), 8388607);
	EXPECT_STREQ(test, buf, "0000000");
	/* -INT_MIN does not exist: the '*' width must clamp, not negate. */
	EXPECT_EQ(test, fmt(buf, sizeof(buf), "%*d|", (int)INT32_MIN, 1),
		  8388607 + 1);
	EXPECT_STREQ(test, buf, "1      ");
}

static void test_unknown_conversions(struct ktest *test)
{
	CHECK_FMT(test, "%q", "%q");
	CHECK_FMT(test, "[%-5q]", "[%-5q]");
	CHECK_FMT(test, "%lq 7", "%lq %d", 7);
	/* %n writes nothing anywhere: it is just unknown text. */
	CHECK_FMT(test, "a%nb", "a%nb");
	/* A format that ends inside a conversion keeps its tail. */
	CHECK_FMT(test, "abc%", "abc%");
	CHECK_FMT(test, "x%-08", "x%-08");
	CHECK_FMT(test, "x%ll", "x%ll");
}

static void test_pointer_raw(struct ktest *test)
{
	void *p = (void *)(uintptr_t)0x1234;

	if (sizeof(void *) == 8) {
		CHECK_FMT(test, "0000000000001234", "%p", p);
		CHECK_FMT(test, "0000000000001234", "%px", p);
		CHECK_FMT(test, "0000000000000000", "%p", NULL);
		CHECK_FMT(test, "[00000000c0100000]", "[%p]",
			  (void *)0xc0100000UL);
	} else {
		CHECK_FMT(test, "00001234", "%p", p);
		CHECK_FMT(test, "00001234", "%px", p);
		CHECK_FMT(test, "00000000", "%p", NULL);
		CHECK_FMT(test, "[c0100000]", "[%p]", (void *)0xc0100000UL);
	}
	/* A width of the caller's own replaces the zero padding. */
	CHECK_FMT(test, "  1234|", "%6p|", p);
	/* As in Linux, letters right after %p belong to the conversion. */
	CHECK_FMT(test, "1234 ", "%4pxyz ", p);
}

/*
 * The fake kallsyms in host_kernel.c:
 *
 *	0xc0100000 +-- start_kernel (0x40) --+ 0xc0100040 -- do_page_fault
 *	                                     (0x20) --+ 0xc0100060
 */
static void test_pointer_symbol(struct ktest *test)
{
	CHECK_FMT(test, "start_kernel+0x10/0x40", "%pS",
		  (void *)0xc0100010UL);
	CHECK_FMT(test, "start_kernel+0x0/0x40", "%pS", (void *)0xc0100000UL);
	CHECK_FMT(test, "do_page_fault+0x1f/0x20", "%pS",
		  (void *)0xc010005fUL);
	CHECK_FMT(test, "do_page_fault", "%ps", (void *)0xc0100040UL);
	/* Just past the last function: no symbol, plain hex. */
	CHECK_FMT(test, "0xc0100060", "%pS", (void *)0xc0100060UL);
	CHECK_FMT(test, "0x00001234", "%ps", (void *)0x1234UL);
	CHECK_FMT(test, "[start_kernel   ]", "[%-15ps]", (void *)0xc0100001UL);
	CHECK_FMT(test, "at start_kernel+0x4/0x40 ok",
		  "at %pS ok", (void *)0xc0100004UL);
}

static void test_pointer_phys(struct ktest *test)
{
	phys_addr_t above_4g = 0x123456789ULL;
	phys_addr_t top_pae = (1ULL << 36) - 1;
	phys_addr_t zero = 0;
	phys_addr_t max = ~0ULL;

	CHECK_FMT(test, "0x0000000123456789", "%pa", &above_4g);
	CHECK_FMT(test, "0x0000000fffffffff", "%pa", &top_pae);
	CHECK_FMT(test, "0x0000000000000000", "%pa", &zero);
	CHECK_FMT(test, "0xffffffffffffffff", "%pa", &max);
	CHECK_FMT(test, "[0x0000000123456789]", "[%pap]", &above_4g);
	CHECK_FMT(test, "(null)", "%pa", NULL);
}

/*
 * do_div(n, base) divides n in place and evaluates to the remainder;
 * div_u64_rem and div_u64 do the same as functions.
 */
static void test_do_div(struct ktest *test)
{
	u64 n = 1000000000000000007ULL, q;
	u32 rem;

	rem = do_div(n, 10);
	EXPECT_EQ(test, rem, 7);
	EXPECT_EQ(test, n, 100000000000000000ULL);

	n = ~0ULL;
	rem = do_div(n, 0xffffffffu);
	EXPECT_EQ(test, rem, 0);
	EXPECT_EQ(test, n, 0x100000001ULL);

	n = ~0ULL;
	EXPECT_EQ(test, do_div(n, 1), 0);
	EXPECT_EQ(test, n, ~0ULL);

	/* A high word below the divisor: one of the two steps is skipped. */
	n = 0x00000005ffffffffULL;
	EXPECT_EQ(test, do_div(n, 0x10), 0xf);
	EXPECT_EQ(test, n, 0x5fffffffULL);

	q = div_u64_rem(0x123456789abcdef0ULL, 1000, &rem);
	EXPECT_EQ(test, q, 0x123456789abcdef0ULL / 1000);
	EXPECT_EQ(test, rem, 0x123456789abcdef0ULL % 1000);
	EXPECT_EQ(test, div_u64(1ULL << 63, 3), (1ULL << 63) / 3);
}

/*
 * Every integer format below, with every value, must print exactly what
 * the host libc prints: both implement C99's rules.
 */
static void test_matches_libc(struct ktest *test)
{
	static const char *const formats[] = {
		"%lld", "%+lld", "% lld", "%8lld", "%-8lld|", "%08lld",
		"%.3lld", "%8.3lld", "%-+8.3lld|", "%llu", "%llx", "%llX",
		"%#llx", "%#llX", "%#llo", "%#20llx", "%-#20llo|", "%#.0llx",
		"%.0lld", "%.0llo", "%#.0llo", "%020llu", "%+020lld",
		"% 020lld", "%.25llx",
	};
	static const long long values[] = {
		0, 1, -1, 7, 42, -42, 255, 0x80000000LL, -2147483648LL,
		INT64_MAX, INT64_MIN,
	};
	char mine[64], libc[64];
	size_t i, j;
	int failures = 0;

	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		for (j = 0; j < ARRAY_SIZE(values); j++) {
			int a = fmt(mine, sizeof(mine), formats[i], values[j]);
			int b = __builtin_snprintf(libc, sizeof(libc),
						   formats[i], values[j]);

			if (a == b && strcmp(mine, libc) == 0)
				continue;
			printk("    # \"%s\" of %lld: got \"%s\", libc \"%s\"\n",
			       formats[i], values[j], mine, libc);
			failures++;
		}
	}
	EXPECT_EQ(test, failures, 0);
}

KTEST_SUITE(vsprintf,
	KTEST_CASE(test_plain_text),
	KTEST_CASE(test_decimal),
	KTEST_CASE(test_hex_octal),
	KTEST_CASE(test_flags_and_width),
	KTEST_CASE(test_precision),
	KTEST_CASE(test_star),
	KTEST_CASE(test_length_modifiers),
	KTEST_CASE(test_64bit_extremes),
	KTEST_CASE(test_char_and_string),
	KTEST_CASE(test_truncation_and_returns),
	KTEST_CASE(test_huge_width),
	KTEST_CASE(test_unknown_conversions),
	KTEST_CASE(test_pointer_raw),
	KTEST_CASE(test_pointer_symbol),
	KTEST_CASE(test_pointer_phys),
	KTEST_CASE(test_do_div),
	KTEST_CASE(test_matches_libc));
