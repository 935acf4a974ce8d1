/*
 * Clocks and sleeping for processes (Linux: kernel/time/posix-timers.c,
 * hrtimer.c's nanosleep).  Time comes from sched_clock(): nanoseconds
 * since boot by the TSC.  There is no RTC reading yet, so CLOCK_REALTIME
 * starts at the epoch when the machine boots; programs only need it to
 * move forward.  Sleeps are msleep()s: tick granularity, never shorter
 * than asked.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

#define NSEC_PER_SEC		1000000000U

u64 sched_clock(void);

/* The 32-bit ABI's struct timespec, and the y2038-safe one of *_time64. */
struct old_timespec32 {
	s32 tv_sec, tv_nsec;
};

struct __kernel_timespec {
	s64 tv_sec, tv_nsec;
};

static int clock_now(int which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE: case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = sched_clock();
		return 0;
	}
	return -EINVAL;
}

static struct __kernel_timespec ns_to_timespec64(u64 ns)
{
	u32 rem;
	struct __kernel_timespec ts;

	ts.tv_sec = (s64)div_u64_rem(ns, NSEC_PER_SEC, &rem);
	ts.tv_nsec = rem;
	return ts;
}

SYSCALL_DEFINE2(clock_gettime64, int, which, struct __kernel_timespec *, tp)
{
	struct __kernel_timespec ts;
	u64 ns;
	int err = clock_now(which, &ns);

	if (err)
		return err;
	ts = ns_to_timespec64(ns);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_gettime, int, which, struct old_timespec32 *, tp)
{
	struct __kernel_timespec ts;
	struct old_timespec32 t32;
	u64 ns;
	int err = clock_now(which, &ns);

	if (err)
		return err;
	ts = ns_to_timespec64(ns);
	t32.tv_sec = (s32)ts.tv_sec;
	t32.tv_nsec = (s32)ts.tv_nsec;
	return copy_to_user(tp, &t32, sizeof(t32)) ? -EFAULT : 0;
}

/*
 * Sleeps for a validated relative or absolute time; 0 or an errno.  The
 * deadline is kept in the clock the caller reads, not in ticks: on a
 * loaded host the tick and the TSC drift apart, and a sleep must never
 * look shorter than asked.
 */
static long do_nanosleep(int which, int flags, s64 sec, s64 nsec)
{
	u64 now, deadline, ms;

	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (clock_now(which, &now))
		return -EINVAL;
	deadline = (u64)sec * NSEC_PER_SEC + (u64)nsec;
	if (!(flags & TIMER_ABSTIME))
		deadline += now;
	while (now < deadline) {
		/* In pieces msleep's jiffies arithmetic cannot overflow. */
		ms = min(div_u64(deadline - now + 999999, 1000000), (u64)1000000);
		msleep((unsigned int)ms);
		clock_now(which, &now);
	}
	return 0;
}

SYSCALL_DEFINE2(nanosleep, struct old_timespec32 *, rqtp,
		struct old_timespec32 *, rmtp)
{
	struct old_timespec32 t;

	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	return do_nanosleep(CLOCK_MONOTONIC, 0, t.tv_sec, t.tv_nsec);
}

SYSCALL_DEFINE4(clock_nanosleep_time64, int, which, int, flags,
		const struct __kernel_timespec *, rqtp,
		struct __kernel_timespec *, rmtp)
{
	struct __kernel_timespec t;

	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	return do_nanosleep(which, flags, t.tv_sec, t.tv_nsec);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags,
		const struct old_timespec32 *, rqtp,
		struct old_timespec32 *, rmtp)
{
	struct old_timespec32 t;

	if (copy_from_user(&t, rqtp, sizeof(t)))
		return -EFAULT;
	return do_nanosleep(which, flags, t.tv_sec, t.tv_nsec);
}
