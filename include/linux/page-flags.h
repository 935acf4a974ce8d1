/*
 * Page flags (Linux: include/linux/page-flags.h).  Only the flags this
 * kernel uses; Linux 6.0 marks a free buddy block with a page_type in
 * _mapcount rather than a flag bit, which we keep as PG_buddy for clarity.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,		/* owned by the slab allocator */
	PG_reserved,		/* never given to the buddy allocator */
	PG_private,
	PG_head,		/* first page of a compound (kmalloc large) */
	PG_buddy,		/* heads a free block on a free list */
	__NR_PAGEFLAGS,
};

/* Flags a page must not have when it is freed or handed out. */
#define PAGE_FLAGS_CHECK_AT_FREE \
	((1UL << PG_locked) | (1UL << PG_lru) | (1UL << PG_active) | \
	 (1UL << PG_slab) | (1UL << PG_reserved) | (1UL << PG_private) | \
	 (1UL << PG_buddy))
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << __NR_PAGEFLAGS) - 1)

#define PAGEFLAG(uname, lname)						\
static inline bool Page##uname(const struct page *page)		\
{ return page->flags & (1UL << PG_##lname); }				\
static inline void SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void ClearPage##uname(struct page *page)			\
{ page->flags &= ~(1UL << PG_##lname); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Slab, slab)
PAGEFLAG(Head, head)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Dirty, dirty)

#undef PAGEFLAG

/* Names for dumps, in bit order ("reserved|buddy"). */
extern const char *const pageflag_names[__NR_PAGEFLAGS];

#endif /* _LINUX_PAGE_FLAGS_H */
