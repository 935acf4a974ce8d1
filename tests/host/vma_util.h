/*
 * What the host tests of the VMA code (test_mmap*.c) share: a simulated
 * machine with the slab allocator up (slab_util.h), one address space
 * set up from a table of VMAs, and the checks after an operation: the
 * VMAs exactly as a table says, the tree's invariants (validate_mm), and
 * the Vm* counters recomputed from the VMAs.
 *
 * Addresses in the tables are page numbers (VPN): page p is address
 * p << PAGE_SHIFT.  The cases place their VMAs from BASE up.
 */
#ifndef _TESTS_HOST_VMA_UTIL_H
#define _TESTS_HOST_VMA_UTIL_H

#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/ramfs.h>
#include <linux/mman.h>

#define BASE		0x100UL			/* page 0x100: 1 MiB */
#define PG(p)		((p) << PAGE_SHIFT)
#define MAX_SPECS	8

#define MAY		(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define R_		(VM_READ | MAY)
#define RW		(VM_READ | VM_WRITE | MAY)
#define RX		(VM_READ | VM_EXEC | MAY)
#define HEAP		(VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)
#define STACK		(RW | VM_GROWSDOWN)

extern struct inode vma_files[2];	/* two "files" */
#define file_a		((struct inode *)&vma_files[0])
#define file_b		((struct inode *)&vma_files[1])

/* One VMA: [start, end) in pages; pgoff 0 for anonymous means "start". */
struct vma_spec {
	unsigned long start, end;
	unsigned long flags;
	struct inode *file;
	unsigned long pgoff;
};

extern struct mm_struct test_mm;

/* A fresh machine and an empty test_mm (mmap_lock held), mmap_base at base. */
void vma_boot(unsigned long mmap_base);

/* Links the VMAs of specs (ended by an empty one), counted as mmap would. */
void vma_setup(const struct vma_spec *specs);

/* Failures: how many ways test_mm differs from specs, each printed. */
int vma_differ(const struct vma_spec *specs);

/* Every VMA freed, and the buddy allocator as at boot: 0 if so. */
int vma_teardown(void);

#define EXPECT_VMAS(t, specs)	EXPECT_EQ(t, vma_differ(specs), 0)

#endif
