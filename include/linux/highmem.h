/*
 * Reaching high memory (Linux: include/linux/highmem.h, mm/highmem.c).
 *
 * A highmem page has no permanent kernel address.  Two ways to get one:
 *
 * kmap_atomic(page) / kunmap_atomic(addr)  -- Linux 5.11+ prefers the
 *   names kmap_local_page / kunmap_local.  A per-CPU stack of fixmap
 *   slots; fast, usable in interrupts, but the holder may not sleep
 *   (preemption and page faults are off) and unmaps in reverse order.
 *
 * kmap(page) / kunmap(page)  -- one of LAST_PKMAP slots in the pkmap
 *   window, shared by everyone who maps the same page, kept until the
 *   slot is needed again.  May sleep waiting for a free slot, so never
 *   from an interrupt.
 *
 * Lowmem pages just return their direct-map address either way.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>

void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
#define kmap_local_page(page)	kmap_atomic(page)
#define kunmap_local(addr)	kunmap_atomic(addr)

void *kmap(struct page *page);
void kunmap(struct page *page);

/*
 * page_address() of a highmem page: its pkmap address, or NULL.  (In
 * parentheses: the host tests' mm.h makes the name a macro.)
 */
void *(page_address_highmem)(const struct page *page);

void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);
void memcpy_to_page(struct page *page, size_t offset, const void *from,
		    size_t len);
void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len);

/* The depth of this CPU's kmap_atomic stack (tests, debugging). */
int kmap_atomic_depth(void);
/* kmap_atomic calls not yet undone, lowmem ones (no slot) included. */
int kmap_atomic_nesting(void);

/* How many times the pkmap window was flushed as a whole (tests). */
extern unsigned long pkmap_flush_count;
extern int pkmap_count[];

/* Boot: the pkmap page table (arch/x86/mm/init_32.c). */
void permanent_kmaps_init(void);

#endif /* _LINUX_HIGHMEM_H */
