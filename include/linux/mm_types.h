/*
 * struct page: one per physical page frame (Linux: include/linux/mm_types.h).
 *
 * 32 bytes, so mem_map costs 0.8% of RAM.  What the middle words mean
 * depends on who owns the page: the buddy allocator (free lists, order),
 * the slab allocator ([M3]), or whoever allocated it.
 *
 *   flags      PG_* bits (page-flags.h); the zone in the top two bits;
 *              the allocation order in bits 24-27 (our debugging aid:
 *              Linux keeps an order only for compound pages)
 *   lru        links the page into a free list or a per-CPU list
 *   private    the order of a free buddy block (while PageBuddy)
 *   compound_head  in the tail pages of a compound page (kmalloc large,
 *              multi-page slabs): the head page's address + 1; bit 0
 *              tells a tail from a page whose first word is a pointer
 *   _refcount  users of an allocated page; 0 when free
 *   _mapcount  page-table mappings, -1 for none (user mappings, later)
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/treap.h>
#include <linux/types.h>
#include <asm/pgtable_types.h>

struct kmem_cache;

struct page {
	unsigned long flags;
	union {
		struct {			/* buddy allocator */
			struct list_head lru;
			unsigned long private;
		};
		struct {			/* slab allocator ([M3]) */
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object */
			union {
				struct {
					unsigned short inuse;	/* objects handed out */
					unsigned short objects:15;	/* objects in the slab */
					unsigned short frozen:1;	/* a CPU's active slab */
				};
				unsigned int counters;	/* all three in one word */
			};
		};
		struct {			/* tail pages */
			unsigned long compound_head;
		};
	};
	atomic_t _refcount;		/* page_ref.h */
	atomic_t _mapcount;
};

struct inode;			/* a file's, from the ramfs (opaque here) */
struct mm_struct;

/*
 * One mapped range of a user address space (Linux: vm_area_struct):
 * [vm_start, vm_end), page aligned, with one set of VM_* flags (mm.h).
 * The VMAs of an mm never overlap; they sit on a list in address order
 * (vm_next/vm_prev) and in a treap keyed by vm_start (include/linux/
 * treap.h; Linux: the rb-tree mm_rb) whose augmentation is the largest
 * free gap below any VMA of a subtree (Linux's rb_subtree_gap), which
 * makes get_unmapped_area O(log n).  The gap below a VMA runs from the
 * end of the previous one to vm_start_gap(), its start less the stack
 * guard gap for a VM_GROWSDOWN VMA.
 *
 *   vm_pgoff   the offset into vm_file, in pages; for anonymous memory
 *              vm_start >> PAGE_SHIFT at mmap time (as in Linux), so that
 *              only VMAs that were one range can merge again
 *   vm_file    NULL for anonymous memory (Linux: a struct file *); a
 *              ramfs file, or for MAP_SHARED anonymous memory its shmem
 *              object (include/linux/shmem_fs.h), which the VMA holds a
 *              reference on
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	struct vm_area_struct *vm_next, *vm_prev;
	struct treap_node vm_rb;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct inode *vm_file;
};

/* Linux's rss_stat counters, in pages. */
enum {
	MM_FILEPAGES,		/* resident pages of files */
	MM_ANONPAGES,		/* resident anonymous pages */
	MM_SHMEMPAGES,		/* resident shared anonymous (shmem) pages */
	NR_MM_COUNTERS
};

/*
 * An address space (Linux: struct mm_struct).  pgd is its own PDPT; its
 * kernel quarter points at a private copy of the master kernel PMD (or,
 * with shared_kernel_pmd=1, at the master itself).  mm_users counts the
 * tasks using it, mm_count references to the structure (a kernel thread
 * borrowing it as active_mm holds one).
 *
 * The VMA list and tree, map_count and the *_vm counters change only
 * under mmap_lock.  Linux's mmap_lock is a read-write semaphore, so that
 * page faults (readers) run in parallel; one mutex is enough here.
 * total_vm and friends count pages, as Linux's vm_stat_account keeps
 * them: data_vm private writable, exec_vm executable, stack_vm growing.
 */
struct mm_struct {
	u64 *pgd;			/* pgd_t[4], 32-byte aligned */
	atomic_t mm_users;
	atomic_t mm_count;
	int page_table_lock;		/* spinlock_t on SMP */
	unsigned long vmalloc_faults;	/* syncs from the master, here */

	struct vm_area_struct *mmap;	/* the VMAs in address order */
	struct treap_root mm_rb;	/* the same, as a tree */
	struct mutex mmap_lock;
	int map_count;
	unsigned long highest_vm_end;	/* the end of the last VMA */
	unsigned long mmap_base;	/* top-down search starts below */
	unsigned long task_size;	/* user space ends here */
	unsigned long total_vm, data_vm, exec_vm, stack_vm;
	unsigned long hiwater_vm;	/* the highest total_vm (VmPeak) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	atomic_t rss_stat[NR_MM_COUNTERS];
};

extern struct mm_struct init_mm;

#endif /* _LINUX_MM_TYPES_H */
