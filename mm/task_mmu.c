/*
 * A learner's view of an address space, in the formats of Linux's
 * /proc/PID/maps and the Vm* lines of /proc/PID/status (Linux:
 * fs/proc/task_mmu.c: show_map_vma and task_mem).  Both print into a
 * caller's buffer, for a monitor command or a /proc file to show.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shmem_fs.h>
#include <linux/sprintf.h>

/* Where the name column starts, less one: Linux's seq_setwidth(25 + 6 * sizeof(void *) - 1). */
#define MAPS_WIDTH	(25 + 6 * 4 - 1)

static const char *vma_name(struct mm_struct *mm, struct vm_area_struct *vma,
			    const char *(*file_name)(struct inode *, unsigned long *),
			    unsigned long *ino)
{
	*ino = 0;
	if (vma->vm_file)
		return file_name ? file_name(vma->vm_file, ino) : NULL;
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* One line: "start-end rwxp offset dev inode", padded, then the name. */
static int show_map_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			char *buf, size_t size,
			const char *(*file_name)(struct inode *, unsigned long *))
{
	unsigned long flags = vma->vm_flags, ino;
	const char *name = vma_name(mm, vma, file_name, &ino);
	unsigned long long pgoff = 0;
	u32 dev = 0;
	int n;

	if (vma->vm_file)
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	if (is_shmem_inode(vma->vm_file))
		dev = SHMEM_DEV;
	else if (vma->vm_file)
		dev = RAMFS_DEV;	/* the same as stat says */
	n = scnprintf(buf, size, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		      vma->vm_start, vma->vm_end,
		      flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		      flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		      pgoff, MAJOR(dev), MINOR(dev), ino);
	if (name)
		n += scnprintf(buf + n, size - n, "%*s%s",
			       n < MAPS_WIDTH ? MAPS_WIDTH - n + 1 : 1, " ", name);
	n += scnprintf(buf + n, size - n, "\n");
	return n;
}

/*
 * Every VMA of mm, one line each as /proc/PID/maps prints them.
 * file_name gives a file VMA's path and inode number (NULL: no name).
 * Returns the length printed, or -ENOSPC when buf was too small (it
 * then holds the lines that fit, cut at the end).
 */
int show_maps(struct mm_struct *mm, char *buf, size_t size,
	      const char *(*file_name)(struct inode *file, unsigned long *ino))
{
	struct vm_area_struct *vma;
	size_t len = 0;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	mutex_lock(&mm->mmap_lock);
	for (vma = mm->mmap; vma && len + 1 < size; vma = vma->vm_next)
		len += show_map_vma(mm, vma, buf + len, size - len, file_name);
	mutex_unlock(&mm->mmap_lock);
	return vma || len + 1 >= size ? -ENOSPC : (int)len;
}

/*
 * The Vm* and Rss* lines of /proc/PID/status; returns the length printed.
 * RssShmem counts the pages of shared anonymous memory mapped here, as
 * Linux's MM_SHMEMPAGES; VmRSS is all three.
 */
int task_mem(struct mm_struct *mm, char *buf, size_t size)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES);
	unsigned long file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	unsigned long text, lib;
	const int k = PAGE_SHIFT - 10;

	text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, mm->exec_vm << PAGE_SHIFT);
	lib = (mm->exec_vm << PAGE_SHIFT) - text;
	return scnprintf(buf, size,
			 "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n"
			 "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n"
			 "VmData:\t%8lu kB\nVmStk:\t%8lu kB\n"
			 "VmExe:\t%8lu kB\nVmLib:\t%8lu kB\n",
			 max(mm->hiwater_vm, mm->total_vm) << k, mm->total_vm << k,
			 (anon + file + shmem) << k, anon << k, file << k, shmem << k,
			 mm->data_vm << k, mm->stack_vm << k, text >> 10, lib >> 10);
}
