/*
 * Numbers out of strings: the strict kstrto*() family (mirrors
 * lib/kstrtox.c) and memparse() for sizes with K/M/G suffixes (mirrors
 * lib/cmdline.c).  Kernel parameters such as mem= and loglevel= are parsed
 * with these, so every malformed or out-of-range value must be caught
 * here rather than silently turned into some other number.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>

/*
 * Resolves base 0 to 16, 8 or 10 from the prefix, and steps over a "0x"
 * when the base is 16.  Returns where the digits start.  "0x" not followed
 * by a hex digit is octal 0 followed by garbage, as in Linux.
 */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0' && tolower(s[1]) == 'x' && isxdigit(s[2]))
			*base = 16;
		else if (s[0] == '0')
			*base = 8;
		else
			*base = 10;
	}
	if (*base == 16 && s[0] == '0' && tolower(s[1]) == 'x')
		s += 2;
	return s;
}

/* The value of a hex digit, or 16 (more than any base we take) if none. */
static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

/*
 * Reads the digits of base (2..16) at s.  Returns how many characters
 * were digits.  On overflow *overflow is set and *res is UINT64_MAX, but
 * the remaining digits are still consumed, so the caller can tell "too
 * big" from "garbage after the number".
 */
static size_t parse_digits(const char *s, unsigned int base, u64 *res,
			   bool *overflow)
{
	unsigned int d;
	size_t n = 0;
	u64 val = 0;

	*overflow = false;
	for (; (d = digit_value(s[n])) < base; n++) {
		if (*overflow)
			continue;
		/*
		 * Below 2^60, val * 16 + 15 cannot wrap; only above it is
		 * the exact check (a 64-bit division) worth its cost.
		 */
		if ((val >> 60) && val > div_u64(UINT64_MAX - d, base))
			*overflow = true;
		else
			val = val * base + d;
	}
	*res = *overflow ? UINT64_MAX : val;
	return n;
}

/* The common core: no sign allowed, whole string, one '\n' at the end. */
static int parse_whole_u64(const char *s, unsigned int base, u64 *res)
{
	bool overflow;
	size_t n;
	u64 val;

	if (base == 1 || base > 16)
		return -EINVAL;
	s = fixup_radix(s, &base);
	n = parse_digits(s, base, &val, &overflow);
	if (overflow)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = val;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	u64 val;
	int err;

	if (s[0] == '+')
		s++;
	err = parse_whole_u64(s, base, &val);
	if (!err)
		*res = val;
	return err;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	u64 val;
	int err;

	if (s[0] != '-') {
		err = parse_whole_u64(s[0] == '+' ? s + 1 : s, base, &val);
		if (err)
			return err;
		if (val > (u64)INT64_MAX)
			return -ERANGE;
		*res = val;
		return 0;
	}
	/* Straight to the digits: "-+5" is garbage, not -5. */
	err = parse_whole_u64(s + 1, base, &val);
	if (err)
		return err;
	if (val > (u64)INT64_MAX + 1)
		return -ERANGE;
	/* Written so that -2^63 never passes through an overflowing step. */
	*res = val == 0 ? 0 : -(long long)(val - 1) - 1;
	return 0;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long val;
	int err = kstrtoull(s, base, &val);

	if (err)
		return err;
	if (val != (unsigned long)val)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	long long val;
	int err = kstrtoll(s, base, &val);

	if (err)
		return err;
	if (val != (long)val)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long val;
	int err = kstrtoull(s, base, &val);

	if (err)
		return err;
	if (val != (unsigned int)val)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long val;
	int err = kstrtoll(s, base, &val);

	if (err)
		return err;
	if (val != (int)val)
		return -ERANGE;
	*res = val;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (tolower(s[0])) {
	case 'y':
	case 't':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'f':
	case '0':
		*res = false;
		return 0;
	case 'o':
		if (tolower(s[1]) == 'n') {
			*res = true;
			return 0;
		}
		if (tolower(s[1]) == 'f') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* How far a memparse suffix shifts, or 0 when c is not one. */
static unsigned int suffix_shift(char c)
{
	switch (tolower(c)) {
	case 'k':
		return 10;
	case 'm':
		return 20;
	case 'g':
		return 30;
	case 't':
		return 40;
	case 'p':
		return 50;
	case 'e':
		return 60;
	default:
		return 0;
	}
}

/*
 * Linux would also eat a suffix with no digits before it ("K" -> 0, past
 * the K); here a string with no digits consumes nothing at all.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	unsigned int base = 0, shift;
	const char *s = fixup_radix(ptr, &base);
	bool overflow;
	size_t n;
	u64 val;

	n = parse_digits(s, base, &val, &overflow);
	if (n == 0) {
		s = ptr;
	} else {
		s += n;
		shift = suffix_shift(*s);
		if (shift) {
			s++;
			if (val > (UINT64_MAX >> shift))
				overflow = true;
			else
				val <<= shift;
		}
	}
	if (retptr)
		*retptr = (char *)s;
	return overflow ? UINT64_MAX : val;
}
