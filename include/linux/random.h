/*
 * Random numbers for hardening (Linux: include/linux/random.h).  Not
 * cryptographic: a xorshift generator seeded from the TSC at boot, enough
 * to make each cache's freelist key unpredictable to a stray write.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

unsigned long get_random_long(void);

#endif /* _LINUX_RANDOM_H */
