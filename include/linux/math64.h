/*
 * 64-bit division without libgcc (mirrors include/linux/math64.h and
 * arch/x86/include/asm/div64.h).  The kernel links no libgcc, so on i386 a
 * plain "u64 / u32" would call __udivdi3 and fail to link: every 64-bit
 * division in the kernel goes through do_div() or div_u64().
 */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>

#ifdef __i386__
/*
 * Divides *n by base in place and returns the remainder.  divl divides the
 * 64-bit edx:eax by a 32-bit operand but faults (#DE) if the quotient does
 * not fit in 32 bits, so the division is done as long division in two
 * steps: first the high word on its own (edx = 0, cannot overflow), then
 * the remainder of that step glued to the low word (remainder < base, so
 * this quotient fits as well).  Dividing by zero faults, as in Linux.
 */
static inline u32 __div64_32(u64 *n, u32 base)
{
	u32 high = (u32)(*n >> 32), low = (u32)*n;
	u32 q_high = 0, rem = high;

	if (high >= base)
		__asm__("divl %[b]"
			: "=a" (q_high), "=d" (rem)
			: [b] "rm" (base), "0" (high), "1" (0u));
	__asm__("divl %[b]"
		: "=a" (low), "=d" (rem)
		: [b] "rm" (base), "0" (low), "1" (rem));
	*n = ((u64)q_high << 32) | low;
	return rem;
}
#else
/* Hosts with native 64-bit division (the host tests) need no trick. */
static inline u32 __div64_32(u64 *n, u32 base)
{
	u32 rem = (u32)(*n % base);

	*n /= base;
	return rem;
}
#endif

/*
 * do_div(n, base): n must be a u64 lvalue; it is replaced by n / base and
 * the expression evaluates to the u32 remainder.  A macro, not a function,
 * because it changes its argument (Linux's odd but well-known contract).
 */
#define do_div(n, base) ({						\
	_Static_assert(sizeof(n) == 8, "do_div() needs a u64 lvalue");	\
	__div64_32(&(n), (base));					\
})

/* Returns dividend / divisor and stores the remainder in *remainder. */
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = __div64_32(&dividend, divisor);
	return dividend;
}

/* Returns dividend / divisor, the remainder thrown away. */
static inline u64 div_u64(u64 dividend, u32 divisor)
{
	__div64_32(&dividend, divisor);
	return dividend;
}

#endif /* _LINUX_MATH64_H */
