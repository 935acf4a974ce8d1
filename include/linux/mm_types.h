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

#include <linux/list.h>
#include <linux/types.h>

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
			unsigned short inuse;	/* objects handed out */
			unsigned short objects:15;	/* objects in the slab */
			unsigned short frozen:1;	/* a CPU's active slab */
		};
		struct {			/* tail pages */
			unsigned long compound_head;
		};
	};
	atomic_t _refcount;		/* page_ref.h */
	atomic_t _mapcount;
};

/*
 * An address space (Linux: struct mm_struct).  pgd is its own PDPT; its
 * kernel quarter points at a private copy of the master kernel PMD (or,
 * with shared_kernel_pmd=1, at the master itself).  mm_users counts the
 * tasks using it, mm_count references to the structure (a kernel thread
 * borrowing it as active_mm holds one).  User VMAs come with processes.
 */
struct mm_struct {
	u64 *pgd;			/* pgd_t[4], 32-byte aligned */
	atomic_t mm_users;
	atomic_t mm_count;
	int page_table_lock;		/* spinlock_t on SMP */
	struct list_head mmap;		/* VMAs, for user processes later */
	unsigned long vmalloc_faults;	/* syncs from the master, here */
};

extern struct mm_struct init_mm;

#endif /* _LINUX_MM_TYPES_H */
