/*
 * Atomic integers (Linux: arch/x86/include/asm/atomic.h).
 *
 * Every read-modify-write is one lock-prefixed instruction.  On one CPU
 * the lock prefix is not what makes them safe -- a single instruction
 * cannot be split by an interrupt or a preempting thread, while a C
 * "x++" may become load, add, store with a tick in between -- but it is
 * what SMP will need, and it costs little on a modern CPU.  Each of them
 * is also a full compiler barrier ("memory" clobber), as Linux's value-
 * returning atomics are full memory barriers.
 */
#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

#define ATOMIC_INIT(i)	{ (i) }

static __always_inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static __always_inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static __always_inline void atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; addl %1, %0"
			     : "+m"(v->counter) : "ir"(i) : "memory");
}

static __always_inline void atomic_sub(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; subl %1, %0"
			     : "+m"(v->counter) : "ir"(i) : "memory");
}

static __always_inline void atomic_inc(atomic_t *v)
{
	__asm__ __volatile__("lock; incl %0" : "+m"(v->counter) : : "memory");
}

static __always_inline void atomic_dec(atomic_t *v)
{
	__asm__ __volatile__("lock; decl %0" : "+m"(v->counter) : : "memory");
}

/* Adds i and returns the value from before (xadd swaps, then adds). */
static __always_inline int atomic_fetch_add(int i, atomic_t *v)
{
	__asm__ __volatile__("lock; xaddl %0, %1"
			     : "+r"(i), "+m"(v->counter) : : "memory");
	return i;
}

static __always_inline int atomic_add_return(int i, atomic_t *v)
{
	return atomic_fetch_add(i, v) + i;
}

static __always_inline int atomic_sub_return(int i, atomic_t *v)
{
	return atomic_fetch_add(-i, v) - i;
}

#define atomic_inc_return(v)	atomic_add_return(1, v)
#define atomic_dec_return(v)	atomic_sub_return(1, v)

/* True when the decrement reached zero: the caller held the last one. */
static __always_inline bool atomic_dec_and_test(atomic_t *v)
{
	bool zero;

	__asm__ __volatile__("lock; decl %0\n\tsete %1"
			     : "+m"(v->counter), "=qm"(zero) : : "memory");
	return zero;
}

/* Sets *v to new if it holds old; returns what it held. */
static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	__asm__ __volatile__("lock; cmpxchgl %2, %1"
			     : "+a"(old), "+m"(v->counter) : "r"(new) : "memory");
	return old;
}

/*
 * Adds a unless *v is u; returns the value from before.  A get that must
 * not resurrect an object whose count already reached zero uses this.
 */
static __always_inline int atomic_fetch_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v), old;

	while (c != u && (old = atomic_cmpxchg(v, c, c + a)) != c)
		c = old;
	return c;
}

#define atomic_inc_not_zero(v)	(atomic_fetch_add_unless(v, 1, 0) != 0)

#endif /* _ASM_X86_ATOMIC_H */
