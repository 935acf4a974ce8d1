/*
 * The system calls on the address space (Linux: the SYSCALL_DEFINEs of
 * mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c and arch/x86's
 * old mmap).  They only check and translate arguments; the work is in
 * mm/mmap.c, mm/brk.c, mm/mremap.c, mm/mprotect.c and mm/madvise.c, which the host
 * tests build without this file.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	return (long)mm_brk(current->mm, brk);
}

/*
 * The inode of a file descriptor to map: -EBADF if fd is not open,
 * -ENODEV for what cannot be mapped (the console, a directory), as
 * Linux answers for a file without an mmap operation.  Every ramfs file
 * is open read-only, which do_mmap's access checks know.
 */
static struct inode *mmap_inode(unsigned long fd, long *err)
{
	struct file *file = fget(fd);

	*err = -EBADF;
	if (!file)
		return NULL;
	*err = -ENODEV;
	if (!file->f_inode || !S_ISREG(file->f_inode->i_mode))
		return NULL;
	/* A /proc inode lives only as long as its open file. */
	if (is_proc_inode(file->f_inode)) {
		*err = proc_reg_mmap(file->f_inode);
		return NULL;
	}
	return file->f_inode;
}

static long ksys_mmap_pgoff(unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags,
			    unsigned long fd, unsigned long pgoff)
{
	struct inode *inode = NULL;
	long err;

	if (!(flags & MAP_ANONYMOUS)) {
		inode = mmap_inode(fd, &err);
		if (!inode)
			return err;
	}
	return (long)vm_mmap(current->mm, inode, addr, len, prot, flags,
			     pgoff << PAGE_SHIFT);
}

SYSCALL_DEFINE6(mmap2, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags, unsigned long, fd,
		unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}

/* The old i386 mmap: one pointer to the six arguments, offset in bytes. */
struct mmap_arg_struct {
	unsigned long addr, len, prot, flags, fd, offset;
};

SYSCALL_DEFINE1(mmap, struct mmap_arg_struct *, arg)
{
	struct mmap_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (offset_in_page(a.offset))
		return -EINVAL;
	return ksys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd,
			       a.offset >> PAGE_SHIFT);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	return vm_munmap(current->mm, addr, len);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len,
		unsigned long, new_len, unsigned long, flags,
		unsigned long, new_addr)
{
	return (long)do_mremap(current->mm, addr, old_len, new_len, flags,
			       new_addr);
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len,
		unsigned long, prot)
{
	return do_mprotect(current->mm, start, len, prot);
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len, int, behavior)
{
	return do_madvise(current->mm, start, len, behavior);
}
