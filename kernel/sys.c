/*
 * The simplest system calls (Linux: kernel/sys.c, kernel/exit.c,
 * fs/read_write.c's write for the console): leaving, identity, uname,
 * writing to the console, random bytes.  Every user pointer goes through
 * copy_{from,to}_user, so a bad one is -EFAULT, never an oops.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

/* exit(): the wait status of a normal exit is the code in bits 8-15. */
SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* One thread per process so far: the group is the task. */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE0(getpid) { return current->pid; }
SYSCALL_DEFINE0(getppid)
{
	return current->real_parent ? current->real_parent->pid : 0;
}
SYSCALL_DEFINE0(gettid) { return current->pid; }

/* Everything runs as root; the 16-bit and 32-bit calls agree. */
SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }
SYSCALL_DEFINE0(getuid32) { return 0; }
SYSCALL_DEFINE0(getgid32) { return 0; }
SYSCALL_DEFINE0(geteuid32) { return 0; }
SYSCALL_DEFINE0(getegid32) { return 0; }

/* glibc's start-up call: the address to clear at exit, kept for later. */
SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/*
 * glibc registers its robust-futex list at start-up; kept for the day
 * futexes exist.  The size must be i386's struct robust_list_head.
 */
SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	if (len != 12)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* Linux's struct new_utsname: six 65-byte fields. */
struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65],
	     domainname[65];
};

SYSCALL_DEFINE1(uname, struct new_utsname *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));	/* what programs test */
	strlcpy(u.nodename, "mmkernel", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-mmkernel", sizeof(u.release));
	strlcpy(u.version, "#1 mmkernel 0.1 (i386 PAE)", sizeof(u.version));
	strlcpy(u.machine, "i686", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

/*
 * fds 1 and 2 are the serial console; nothing else is open yet.  Copied
 * in pieces through a small buffer: a fault part-way returns what was
 * written, or -EFAULT if nothing was (as Linux's write does).
 */
SYSCALL_DEFINE3(write, unsigned int, fd, const char *, buf, size_t, count)
{
	char chunk[128];
	size_t done = 0, n, left;

	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->f_inode)
		return -EBADF;		/* ramfs files are open read-only */
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		n = min(count - done, sizeof(chunk));
		left = __copy_user(chunk, buf + done, n);
		mon_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

/* Flags GRND_NONBLOCK and GRND_RANDOM change nothing here. */
SYSCALL_DEFINE3(getrandom, char *, buf, size_t, count, unsigned int, flags)
{
	unsigned long r;
	size_t done = 0, n;

	if (flags & ~3u)
		return -EINVAL;
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		r = get_random_long();
		n = min(count - done, sizeof(r));
		if (copy_to_user(buf + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/* ---- resource limits (Linux: kernel/sys.c) ---- */

unsigned long rlimit(unsigned int resource)
{
	return READ_ONCE(current->rlim[resource].rlim_cur);
}

/* ugetrlimit: RLIM_INFINITY comes back as ~0, as on Linux. */
SYSCALL_DEFINE2(ugetrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &current->rlim[resource], sizeof(*rlim)) ?
	       -EFAULT : 0;
}

/* The old getrlimit clamps "no limit" to 0x7fffffff (Linux's old ABI). */
SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	r = current->rlim[resource];
	r.rlim_cur = min(r.rlim_cur, 0x7fffffffUL);
	r.rlim_max = min(r.rlim_max, 0x7fffffffUL);
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

/* A new limit: the soft one may not pass the hard one.  (We are root.) */
static long do_setrlimit(struct task_struct *tsk, unsigned int resource,
			 const struct rlimit *r)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (r->rlim_cur > r->rlim_max)
		return -EINVAL;
	tsk->rlim[resource] = *r;
	return 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit r;

	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_setrlimit(current, resource, &r);
}

static u64 rlim_to_rlim64(unsigned long v)
{
	return v == RLIM_INFINITY ? ~0ULL : v;
}

static unsigned long rlim64_to_rlim(u64 v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

/*
 * Reads and/or sets tsk's limit (Linux: do_prlimit).  The old value is
 * taken before the new one is set, so one call can swap them.
 */
static long do_prlimit(struct task_struct *tsk, unsigned int resource,
		       const struct rlimit64 *new, struct rlimit64 *old)
{
	struct rlimit r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	old->rlim_cur = rlim_to_rlim64(tsk->rlim[resource].rlim_cur);
	old->rlim_max = rlim_to_rlim64(tsk->rlim[resource].rlim_max);
	if (!new)
		return 0;
	r.rlim_cur = rlim64_to_rlim(new->rlim_cur);
	r.rlim_max = rlim64_to_rlim(new->rlim_max);
	return do_setrlimit(tsk, resource, &r);
}

/*
 * pid 0 is the caller; another pid is looked up and held while its
 * limits are used (-ESRCH when there is none).  Everyone is root, so no
 * permission check (Linux's check_prlimit_permission) can fail.
 */
SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 *, new_rlim, struct rlimit64 *, old_rlim)
{
	struct task_struct *tsk;
	struct rlimit64 n, o;
	long err;

	if (new_rlim && copy_from_user(&n, new_rlim, sizeof(n)))
		return -EFAULT;
	tsk = pid ? find_get_task_by_vpid(pid) : current;
	if (!tsk)
		return -ESRCH;
	err = do_prlimit(tsk, resource, new_rlim ? &n : NULL, &o);
	if (pid)
		put_task_struct(tsk);
	if (!err && old_rlim && copy_to_user(old_rlim, &o, sizeof(o)))
		return -EFAULT;
	return err;
}
