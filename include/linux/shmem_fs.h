/*
 * Shared anonymous memory (mm/shmem.c; Linux: mm/shmem.c and
 * include/linux/shmem_fs.h, tmpfs without the filesystem).
 *
 * mmap(MAP_SHARED | MAP_ANONYMOUS) gives its VMA an object of its own,
 * as Linux's shmem_zero_setup gives it a file "/dev/zero" on an internal
 * tmpfs: an inode that is in no directory, whose pages are made on
 * demand (zeroed) by the first fault at each offset, in any process that
 * maps it.  Every VMA naming it holds a reference (mmap, split_vma, fork,
 * mremap's copy_vma take one; vm_area_free drops it), and the last one
 * frees its pages and the inode: Linux's file reference count, since
 * there the VMA holds a struct file (vm_file_get/vm_file_put, mm.h).
 *
 * Its inode numbers lie in [SHMEM_INO_FIRST, PROC_DYNAMIC_FIRST), above
 * any the ramfs hands out and below /proc's, which is how vm_file is
 * known to be one (is_shmem_inode), as /proc's are.  i_size is the length
 * of the first mapping and never changes: a mapping that mremap grows
 * past it faults SIGBUS there, as in Linux.
 */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

#include <linux/atomic.h>
#include <linux/proc_fs.h>

#define SHMEM_INO_FIRST	0xE0000000UL
#define SHMEM_DEV	MKDEV(0, 1)	/* Linux's internal shm mount: 00:01 */

struct vm_area_struct;

static inline bool is_shmem_inode(const struct inode *inode)
{
	return inode && inode->i_ino >= SHMEM_INO_FIRST &&
	       inode->i_ino < PROC_DYNAMIC_FIRST;
}

/* Pages held by all objects: meminfo's Shmem (Linux: NR_SHMEM). */
extern atomic_t nr_shmem;

/*
 * A new object of vma's size becomes vma->vm_file (one reference,
 * vm_pgoff 0).  0, or -ENOMEM with vma unchanged.  Linux's name.
 */
int shmem_zero_setup(struct vm_area_struct *vma);

/*
 * The page at index of the object, made (zeroed, highmem first) if it
 * has none yet (Linux: shmem_get_folio, SGP_CACHE): 0 and *pagep, or
 * -EINVAL at or past i_size (the fault is SIGBUS), -ENOMEM.  The object
 * keeps the page; a page table mapping it takes its own reference.
 * Never sleeps: it runs with a PTE mapped by kmap_atomic.
 */
int shmem_get_page(struct inode *inode, pgoff_t index, struct page **pagep);

/* The page at index if the object has one, else NULL; makes nothing. */
struct page *shmem_find_page(struct inode *inode, pgoff_t index);

/* Pages the object holds now (Linux: shmem_inode_info's alloced). */
unsigned long shmem_nr_pages(struct inode *inode);

/* An object's users, for the tests. */
int shmem_users(struct inode *inode);

#endif /* _LINUX_SHMEM_FS_H */
