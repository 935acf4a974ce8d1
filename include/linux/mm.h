/*
 * The page allocator's interface (Linux: include/linux/mm.h, gfp.h):
 * struct page <-> pfn <-> address conversions, reference counts, and
 * alloc_pages/free_pages with their wrappers.  mem_map is one flat array
 * (Linux's FLATMEM): pfn n is mem_map[n], holes included.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_mapnr;		/* pfns covered by mem_map */

#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_UP(x)	((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#define ZONES_PGSHIFT	30
#define ORDER_PGSHIFT	24
#define ORDER_PGMASK	(0xfUL << ORDER_PGSHIFT)

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_mapnr;
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags = (page->flags & ~(3UL << ZONES_PGSHIFT)) |
		      ((unsigned long)zone << ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

/* The order a block was allocated with (0 for pages split_page made). */
static inline unsigned int page_alloc_order(const struct page *page)
{
	return (page->flags & ORDER_PGMASK) >> ORDER_PGSHIFT;
}

static inline void set_page_alloc_order(struct page *page, unsigned int order)
{
	page->flags = (page->flags & ~ORDER_PGMASK) |
		      ((unsigned long)order << ORDER_PGSHIFT);
}

static inline bool PageTail(const struct page *page)
{
	return page->compound_head & 1;
}

static inline struct page *compound_head(struct page *page)
{
	return PageTail(page) ? (struct page *)(page->compound_head - 1) : page;
}

/* Makes pages 1..2^order-1 tails of page (Linux's prep_compound_page). */
static inline void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	SetPageHead(page);
	for (i = 1; i < (1UL << order); i++)
		page[i].compound_head = (unsigned long)page + 1;
}

static inline void clear_compound_page(struct page *page, unsigned int order)
{
	unsigned long i;

	ClearPageHead(page);
	for (i = 1; i < (1UL << order); i++)
		page[i].compound_head = 0;
}

#ifdef __KERNEL__
#include <asm/pgtable_32_areas.h>

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PHYS_PFN(__pa(addr)));
}

/* Is addr in the direct map, so virt_to_page works on it? */
static inline bool virt_addr_valid(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= PAGE_OFFSET && a < (unsigned long)high_memory &&
	       pfn_valid(PHYS_PFN(__pa(addr)));
}
#else	/* the host tests simulate RAM in a buffer */
void *lowmem_page_address(const struct page *page);
struct page *virt_to_page(const void *addr);
bool virt_addr_valid(const void *addr);
#endif

static inline struct page *virt_to_head_page(const void *addr)
{
	return compound_head(virt_to_page(addr));
}

#ifdef __KERNEL__
void *page_address_highmem(const struct page *page);
#else
#define page_address_highmem(page)	NULL
#endif

/*
 * The kernel address of a page: the direct map for lowmem; for highmem
 * its kmap() address while it has one, else NULL (mm/highmem.c).
 */
static inline void *page_address(const struct page *page)
{
	return PageHighMem(page) ? page_address_highmem(page)
				 : lowmem_page_address(page);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page)	__free_pages(page, 0)
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr)		free_pages(addr, 0)
void get_page(struct page *page);
void put_page(struct page *page);
void split_page(struct page *page, unsigned int order);

/* Zeroes a page that may be in highmem (a temporary mapping if so). */
void clear_highpage(struct page *page);

/* Counters. */
unsigned long nr_free_pages(void);
unsigned long zone_free_pages(const struct zone *zone);	/* + pcp */
extern unsigned long totalram_pages, totalhigh_pages;

/* Per-CPU lists back to the buddy lists (memory is short; tests). */
void drain_local_pages(void);

/*
 * Checks every free list of every zone: each block is PageBuddy with its
 * order recorded, aligned, inside its zone, has no free buddy it should
 * have merged with, and the counts add up.  Reports what it finds and
 * returns the number of problems.
 */
int check_free_lists(void);

/* Setup (mm/mm_init.c). */
void free_area_init(unsigned long *max_zone_pfn);
void memblock_free_all(void);
void mem_init(void);
void __free_pages_core(struct page *page, unsigned int order);
void setup_per_zone_wmarks(void);
void build_all_zonelists(void);

/* Reports for misuse and failure (mm/page_alloc.c). */
void dump_page(struct page *page, const char *reason);
void show_free_areas(void);

#endif /* _LINUX_MM_H */
