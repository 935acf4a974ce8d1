/*
 * vmalloc and friends (Linux: include/linux/vmalloc.h): virtually
 * contiguous kernel memory in [VMALLOC_START, VMALLOC_END), built from
 * single pages that may be anywhere (highmem too), each area followed by
 * one unmapped guard page that catches overruns.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/treap.h>
#include <linux/mm_types.h>
#include <asm/pgtable_types.h>

#define VM_IOREMAP	0x00000001	/* ioremap() and friends */
#define VM_ALLOC	0x00000002	/* vmalloc() */
#define VM_MAP		0x00000004	/* vmap()ed pages */

struct vm_struct {
	void *addr;
	unsigned long size;		/* the guard page included */
	unsigned long flags;
	struct page **pages;
	unsigned int nr_pages;
	phys_addr_t phys_addr;		/* ioremap */
	const void *caller;
};

/*
 * A range of the vmalloc space, busy or free.  Both kinds live in a
 * treap (a randomized balanced binary tree) keyed by address; a free
 * range also records the largest free range in its subtree, so the
 * lowest range that fits a request is found in O(log n).  Busy ranges
 * are also kept on a list in address order for vmallocinfo.
 */
struct vmap_area {
	unsigned long va_start, va_end;
	struct treap_node node;		/* in the free or the busy tree */
	struct list_head list;
	struct vm_struct *vm;
};

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *vmalloc_32(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags,
	   pgprot_t prot);
void vunmap(const void *addr);
void *ioremap(phys_addr_t phys, unsigned long size);
void *ioremap_cache(phys_addr_t phys, unsigned long size);
void iounmap(void *addr);

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *find_vm_area(const void *addr);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
bool is_vmalloc_addr(const void *addr);

void vmalloc_init(void);

/* Free space (for the exhaustion warning and the tests). */
unsigned long vmalloc_largest_free(void);
unsigned long vmalloc_nr_areas(void);

/* For the oops: the area (guard page included) that holds addr. */
void show_vm_area_of(unsigned long addr);

#endif /* _LINUX_VMALLOC_H */
