/*
 * get_random_long (Linux: drivers/char/random.c, in spirit only): a
 * xorshift64* generator, seeded lazily from the TSC, whose timing varies
 * from boot to boot under real hardware and plain QEMU.
 */
#include <linux/random.h>
#include <linux/types.h>
#include <asm/msr.h>

static u64 random_state;

unsigned long get_random_long(void)
{
	if (!random_state)
		random_state = rdtsc() | 1;
	random_state ^= random_state >> 12;
	random_state ^= random_state << 25;
	random_state ^= random_state >> 27;
	return (unsigned long)((random_state * 0x2545f4914f6cdd1dULL) >> 32);
}
