/*
 * vsnprintf and friends: the kernel's formatted output (mirrors
 * lib/vsprintf.c).  printk, the monitor and the tests all format through
 * here, so it must never write past the buffer, must not need libgcc (all
 * 64-bit division goes through do_div), and must survive any format string:
 * a conversion it does not know is copied to the output unchanged.
 *
 * Integer conversions follow C99 to the letter (so libc is a test oracle);
 * where Linux differs it is noted at the spot.  %p and its extensions are
 * Linux's, described in include/linux/sprintf.h.
 */
#include <linux/bug.h>
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/sprintf.h>
#include <linux/string.h>

/* Flag bits of one conversion, with Linux's names. */
#define ZEROPAD	0x01	/* '0': zero-pad numbers to the width */
#define SIGN	0x02	/* signed conversion (%d %i) */
#define PLUS	0x04	/* '+': show the sign of non-negative numbers */
#define SPACE	0x08	/* ' ': a space where '+' would have gone */
#define LEFT	0x10	/* '-': pad on the right instead of the left */
#define SMALL	0x20	/* lowercase hex digits */
#define SPECIAL	0x40	/* '#': "0x" for hex, a leading zero for octal */

/*
 * Widths and precisions are clamped here (Linux uses the same cap) so that
 * "%999999999999d" cannot overflow an int while it is being parsed.
 */
#define FIELD_MAX	((1 << 23) - 1)

enum length_qualifier {
	QUAL_NONE, QUAL_HH, QUAL_H, QUAL_L, QUAL_LL, QUAL_Z, QUAL_T,
};

struct printf_spec {
	unsigned int flags;
	int field_width;	/* -1 when not given */
	int precision;		/* -1 when not given */
	enum length_qualifier qualifier;
	unsigned int base;
};

/*
 * The output cursor.  len counts every character produced, stored or not,
 * because that is what vsnprintf returns; only the first size - 1 are
 * stored, so the terminating NUL always has room.
 */
struct printf_buf {
	char *buf;
	size_t size;
	size_t len;
};

static void put_char(struct printf_buf *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void put_mem(struct printf_buf *out, const char *s, size_t n)
{
	while (n--)
		put_char(out, *s++);
}

/* Costs O(room left), not O(n): a huge width into a small buffer is cheap. */
static void put_repeat(struct printf_buf *out, char c, size_t n)
{
	while (n && out->len + 1 < out->size) {
		out->buf[out->len++] = c;
		n--;
	}
	out->len += n;
}

/*
 * Lays out one field as [spaces] prefix [zeros] body [spaces], padding to
 * the field width on the side the '-' flag picks.  Numbers pass their sign
 * or "0x" as prefix and their precision/zero-pad zeros as zeros; everything
 * else passes an empty prefix and no zeros.
 */
static void put_field(struct printf_buf *out, const struct printf_spec *spec,
		      const char *prefix, size_t zeros,
		      const char *body, size_t body_len)
{
	size_t prefix_len = strlen(prefix);
	size_t used = prefix_len + zeros + body_len;
	size_t pad = 0;

	if (spec->field_width > 0 && (size_t)spec->field_width > used)
		pad = spec->field_width - used;
	if (!(spec->flags & LEFT))
		put_repeat(out, ' ', pad);
	put_mem(out, prefix, prefix_len);
	put_repeat(out, '0', zeros);
	put_mem(out, body, body_len);
	if (spec->flags & LEFT)
		put_repeat(out, ' ', pad);
}

/*
 * Prints num (the magnitude; negative says a '-' goes in front) in
 * spec->base.  C rules: a precision is a minimum digit count and disables
 * the '0' flag; zero with precision 0 prints no digits; "#" adds "0x" only
 * to non-zero hex (Linux prints "0x0" for %#x of 0) and makes octal start
 * with a 0.
 */
static void format_number(struct printf_buf *out, struct printf_spec spec,
			  u64 num, bool negative)
{
	const char *digits = spec.flags & SMALL ? "0123456789abcdef"
						: "0123456789ABCDEF";
	char tmp[24];			/* 2^64 - 1 is 22 octal digits */
	size_t pos = sizeof(tmp), n, zeros = 0, used;
	const char *prefix = "";
	bool is_zero = num == 0;

	if (!is_zero || spec.precision != 0) {
		do {
			tmp[--pos] = digits[do_div(num, spec.base)];
		} while (num);
	}
	n = sizeof(tmp) - pos;

	if (negative)
		prefix = "-";
	else if ((spec.flags & SIGN) && (spec.flags & PLUS))
		prefix = "+";
	else if ((spec.flags & SIGN) && (spec.flags & SPACE))
		prefix = " ";
	else if ((spec.flags & SPECIAL) && spec.base == 16 && !is_zero)
		prefix = spec.flags & SMALL ? "0x" : "0X";

	if (spec.precision > 0 && (size_t)spec.precision > n)
		zeros = spec.precision - n;
	if ((spec.flags & SPECIAL) && spec.base == 8 && zeros == 0 &&
	    (n == 0 || tmp[pos] != '0'))
		zeros = 1;
	if ((spec.flags & ZEROPAD) && !(spec.flags & LEFT) &&
	    spec.precision < 0) {
		used = strlen(prefix) + zeros + n;
		if (spec.field_width > 0 && (size_t)spec.field_width > used)
			zeros += spec.field_width - used;
	}
	put_field(out, &spec, prefix, zeros, tmp + pos, n);
}

/* %s: NULL prints "(null)"; a precision bounds how much of s is read. */
static void format_string(struct printf_buf *out,
			  const struct printf_spec *spec, const char *s)
{
	size_t len;

	if (!s)
		s = "(null)";
	len = strnlen(s, spec->precision >= 0 ? (size_t)spec->precision
					       : (size_t)-1);
	put_field(out, spec, "", 0, s, len);
}

/*
 * %pS / %ps: "name+0xoff/0xsize" (or just "name") from kallsyms, as in a
 * Linux stack trace; an address in no known function prints as hex.
 */
/*
 * %pS/%ps: the symbol containing addr.  %pB is for return addresses: a
 * call to a function that never returns can be the last instruction of
 * its caller, and then the return address already belongs to the next
 * symbol; looking up addr - 1 names the caller (Linux's
 * sprint_backtrace).
 */
static void format_symbol(struct printf_buf *out,
			  const struct printf_spec *spec, unsigned long addr,
			  bool with_offset, bool backtrace)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned long size, offset;
	const char *name = kallsyms_lookup(addr - backtrace, &size, &offset);

	offset += backtrace;
	if (!name)
		snprintf(sym, sizeof(sym), "0x%08lx", addr);
	else if (with_offset)
		snprintf(sym, sizeof(sym), "%s+0x%lx/0x%lx", name, offset,
			 size);
	else
		snprintf(sym, sizeof(sym), "%s", name);
	format_string(out, spec, sym);
}

/*
 * %pa: the phys_addr_t that ptr points to, always all 16 digits, since a
 * PAE physical address can be wider than a pointer.
 */
static void format_phys(struct printf_buf *out, const struct printf_spec *spec,
			const void *ptr)
{
	char tmp[24];
	phys_addr_t phys;

	if (!ptr) {
		format_string(out, spec, NULL);
		return;
	}
	memcpy(&phys, ptr, sizeof(phys));
	snprintf(tmp, sizeof(tmp), "0x%016llx", (unsigned long long)phys);
	format_string(out, spec, tmp);
}

/* %p, %px: Linux hashes plain %p; we print it raw, like %px. */
static void format_raw_pointer(struct printf_buf *out,
			       struct printf_spec spec, const void *ptr)
{
	spec.base = 16;
	spec.flags |= SMALL;
	spec.flags &= ~SIGN;
	if (spec.field_width < 0) {
		spec.field_width = 2 * sizeof(void *);
		spec.flags |= ZEROPAD;
		spec.precision = -1;
	}
	format_number(out, spec, (uintptr_t)ptr, false);
}

static bool is_ptr_ext_char(char c)
{
	return isdigit(c) || (tolower(c) >= 'a' && tolower(c) <= 'z');
}

/*
 * Handles %p and its extensions; fmt points at the 'p'.  Returns a pointer
 * to the last format character consumed.  As in Linux, every letter and
 * digit right after %p belongs to the conversion ("%pxyz" eats "xyz").
 */
static const char *format_pointer(struct printf_buf *out, const char *fmt,
				  const struct printf_spec *spec, void *ptr)
{
	switch (fmt[1]) {
	case 'S':
		format_symbol(out, spec, (unsigned long)ptr, true, false);
		break;
	case 'B':
		format_symbol(out, spec, (unsigned long)ptr, true, true);
		break;
	case 's':
		format_symbol(out, spec, (unsigned long)ptr, false, false);
		break;
	case 'a':
		format_phys(out, spec, ptr);
		break;
	default:
		format_raw_pointer(out, *spec, ptr);
		break;
	}
	while (is_ptr_ext_char(fmt[1]))
		fmt++;
	return fmt;
}

static u64 fetch_unsigned(va_list *ap, enum length_qualifier qual)
{
	switch (qual) {
	case QUAL_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case QUAL_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case QUAL_L:
		return va_arg(*ap, unsigned long);
	case QUAL_LL:
		return va_arg(*ap, unsigned long long);
	case QUAL_Z:
		return va_arg(*ap, size_t);
	case QUAL_T:
		return (size_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static s64 fetch_signed(va_list *ap, enum length_qualifier qual)
{
	switch (qual) {
	case QUAL_HH:
		return (signed char)va_arg(*ap, int);
	case QUAL_H:
		return (short)va_arg(*ap, int);
	case QUAL_L:
		return va_arg(*ap, long);
	case QUAL_LL:
		return va_arg(*ap, long long);
	case QUAL_Z:
		return va_arg(*ap, ssize_t);
	case QUAL_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-':
		return LEFT;
	case '0':
		return ZEROPAD;
	case '+':
		return PLUS;
	case ' ':
		return SPACE;
	case '#':
		return SPECIAL;
	default:
		return 0;
	}
}

/* Reads a decimal width or precision, clamped to FIELD_MAX. */
static int read_decimal(const char **fmtp)
{
	int n = 0;

	while (isdigit(**fmtp)) {
		if (n < FIELD_MAX)
			n = n * 10 + (**fmtp - '0');
		(*fmtp)++;
	}
	return min(n, FIELD_MAX);
}

/* A '*' width: negative means '-' flag plus the absolute value (C rule). */
static void set_star_width(struct printf_spec *spec, int w)
{
	if (w < 0) {
		spec->flags |= LEFT;
		w = w < -FIELD_MAX ? FIELD_MAX : -w;
	}
	spec->field_width = min(w, FIELD_MAX);
}

static enum length_qualifier read_qualifier(const char **fmtp)
{
	const char *fmt = *fmtp;
	enum length_qualifier qual = QUAL_NONE;

	if (fmt[0] == 'h')
		qual = fmt[1] == 'h' ? QUAL_HH : QUAL_H;
	else if (fmt[0] == 'l')
		qual = fmt[1] == 'l' ? QUAL_LL : QUAL_L;
	else if (fmt[0] == 'z')
		qual = QUAL_Z;
	else if (fmt[0] == 't')
		qual = QUAL_T;
	*fmtp += qual == QUAL_NONE ? 0 :
		 (qual == QUAL_HH || qual == QUAL_LL) ? 2 : 1;
	return qual;
}

/*
 * Parses flags, width, precision and length modifier starting just past
 * the '%', taking '*' values from ap, and leaves *fmtp on the conversion
 * character (which may be the terminating NUL of a truncated format).
 */
static void parse_spec(const char **fmtp, struct printf_spec *spec,
		       va_list *ap)
{
	unsigned int bit;
	int prec;

	spec->flags = 0;
	spec->field_width = -1;
	spec->precision = -1;
	spec->base = 10;
	while ((bit = flag_bit(**fmtp))) {
		spec->flags |= bit;
		(*fmtp)++;
	}
	if (**fmtp == '*') {
		set_star_width(spec, va_arg(*ap, int));
		(*fmtp)++;
	} else if (isdigit(**fmtp)) {
		spec->field_width = read_decimal(fmtp);
	}
	if (**fmtp == '.') {
		(*fmtp)++;
		if (**fmtp == '*') {
			prec = va_arg(*ap, int);
			(*fmtp)++;
			/* C: a negative '*' precision counts as none. */
			spec->precision = prec < 0 ? -1 : min(prec, FIELD_MAX);
		} else {
			spec->precision = read_decimal(fmtp);
		}
	}
	spec->qualifier = read_qualifier(fmtp);
}

/* %d %i %u %o %x %X; conv is the conversion letter. */
static void format_integer(struct printf_buf *out, struct printf_spec *spec,
			   char conv, va_list *ap)
{
	s64 v;

	switch (conv) {
	case 'd':
	case 'i':
		spec->flags |= SIGN;
		v = fetch_signed(ap, spec->qualifier);
		/* Negate as unsigned: -S64_MIN does not fit in an s64. */
		format_number(out, *spec, v < 0 ? -(u64)v : (u64)v, v < 0);
		return;
	case 'o':
		spec->base = 8;
		break;
	case 'x':
		spec->flags |= SMALL;
		spec->base = 16;
		break;
	case 'X':
		spec->base = 16;
		break;
	}
	format_number(out, *spec, fetch_unsigned(ap, spec->qualifier), false);
}

/*
 * Formats the conversion that starts at the '%' at fmt.  Returns where the
 * plain text after it resumes.  Anything it does not understand, including
 * a format that ends in the middle of a conversion, is copied verbatim.
 */
static const char *format_one(struct printf_buf *out, const char *fmt,
			      va_list *ap)
{
	const char *start = fmt++;
	struct printf_spec spec;
	char c;

	parse_spec(&fmt, &spec, ap);
	switch (*fmt) {
	case '%':
		put_char(out, '%');
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_field(out, &spec, "", 0, &c, 1);
		break;
	case 's':
		format_string(out, &spec, va_arg(*ap, const char *));
		break;
	case 'p':
		fmt = format_pointer(out, fmt, &spec, va_arg(*ap, void *));
		break;
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		format_integer(out, &spec, *fmt, ap);
		break;
	case '\0':
		put_mem(out, start, fmt - start);
		return fmt;
	default:
		put_mem(out, start, fmt - start + 1);
		break;
	}
	return fmt + 1;
}

/*
 * Formats into buf, storing at most size - 1 characters and a NUL (nothing
 * at all when size is 0).  Returns the length the complete output has,
 * which is >= size when it was truncated.  Callable from any context.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printf_buf out = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	/* The return value is an int: Linux refuses larger buffers too. */
	if (WARN_ON_ONCE(size > (size_t)__INT_MAX__))
		return 0;

	/* A copy, so helpers can take its address (va_list may be an array). */
	va_copy(ap, args);
	while (*fmt) {
		if (*fmt == '%')
			fmt = format_one(&out, fmt, &ap);
		else
			put_char(&out, *fmt++);
	}
	va_end(ap);

	if (size)
		buf[min(out.len, size - 1)] = '\0';
	return (int)min(out.len, (size_t)__INT_MAX__);
}

/* As vsnprintf, but returns the number of characters stored in buf. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int len = vsnprintf(buf, size, fmt, args);

	if (size == 0)
		return 0;
	return (size_t)len < size ? len : (int)(size - 1);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
