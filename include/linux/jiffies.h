/* The timer tick (Linux: include/linux/jiffies.h). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ	100

extern volatile unsigned long jiffies;

/* Wrap-safe comparisons of jiffies values (Linux's time_after). */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

/* TSC frequency in kHz, calibrated against the PIT; 0 before time_init(). */
extern unsigned long tsc_khz;

void time_init(void);

/* Nanoseconds since boot from the TSC (0 until calibrated). */
u64 sched_clock(void);

/* Busy-waits; for drivers before the scheduler exists. */
void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif /* _LINUX_JIFFIES_H */
