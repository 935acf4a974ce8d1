/*
 * A page's reference count (Linux: include/linux/page_ref.h).
 *
 * _refcount is atomic: get_page/put_page run in threads that the timer
 * preempts (and on other CPUs once SMP comes), and a plain "count--"
 * there loses updates -- a page freed while still in use, or never
 * freed.  Only the buddy allocator sets the count outright, on pages no
 * one else can see yet.
 */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/atomic.h>
#include <linux/mm_types.h>

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

static inline void page_ref_inc(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline int page_ref_dec_return(struct page *page)
{
	return atomic_dec_return(&page->_refcount);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

/* Takes a reference unless the page is already free (count 0). */
static inline bool get_page_unless_zero(struct page *page)
{
	return atomic_inc_not_zero(&page->_refcount);
}

/*
 * _mapcount counts page-table mappings from -1, so a page mapped once
 * reads 0 and "unmapped" needs no initialisation beyond the reset.
 */
static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

#endif /* _LINUX_PAGE_REF_H */
