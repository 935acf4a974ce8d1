/*
 * The page allocator's interface (Linux: include/linux/mm.h, gfp.h):
 * struct page <-> pfn <-> address conversions, reference counts, and
 * alloc_pages/free_pages with their wrappers.  mem_map is one flat array
 * (Linux's FLATMEM): pfn n is mem_map[n], holes included.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/resource.h>
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
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void setup_per_zone_wmarks(void);
void build_all_zonelists(void);

/* Reports for misuse and failure (mm/page_alloc.c). */
void dump_page(struct page *page, const char *reason);
void show_free_areas(void);

/*
 * VMA flags (Linux's values).  The VM_MAY* bits say what mprotect may
 * later turn on; VM_SPECIAL VMAs never merge.
 */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_PFNMAP	0x00000400UL
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_GROWSUP	VM_NONE		/* only on parisc and ia64 */
#define VM_STACK	VM_GROWSDOWN
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
/* With PAE's NX bit, data is not executable by default (x86's VM_DATA_FLAGS_NON_EXEC). */
#define VM_DATA_DEFAULT_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_STACK_FLAGS	(VM_STACK | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT)

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
/* An address or a negative errno in one unsigned long (Linux: linux/err.h). */
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-4095)

/* What vm_unmapped_area looks for (Linux's struct, top-down only). */
struct vm_unmapped_area_info {
	unsigned long length;
	unsigned long low_limit, high_limit;	/* [low, high) */
	unsigned long align_mask;		/* alignment - 1, 0 for pages */
	unsigned long align_offset;
};

/* The lowest address mmap hands out (Linux: CONFIG_DEFAULT_MMAP_MIN_ADDR). */
#define mmap_min_addr		PAGE_SIZE
#define vma_pages(vma)	(((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)

extern unsigned long stack_guard_gap;
extern int sysctl_max_map_count;
extern int randomize_va_space;

/* The start of the VMA less the guard gap a stack keeps below it. */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= stack_guard_gap;
		if (start > vma->vm_start)	/* wrapped below 0 */
			start = 0;
	}
	return start;
}

/* Only VM_GROWSUP VMAs keep a gap above; none do on x86. */
static inline unsigned long vm_end_gap(const struct vm_area_struct *vma)
{
	return vma->vm_end;
}

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return atomic_read(&mm->rss_stat[member]);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_add(value, &mm->rss_stat[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

/* VMAs and address ranges of user address spaces (mm/mmap.c, mm/brk.c). */
void mmap_init(void);
void mm_init_vmas(struct mm_struct *mm);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
/*
 * One reference more or fewer on a VMA's file (mm/shmem.c; Linux:
 * get_file and fput of vma->vm_file).  Only shmem objects are counted:
 * ramfs inodes live as long as the kernel.  The last put frees the
 * object and its pages; by then no page table maps them.
 */
void vm_file_get(struct inode *file);
void vm_file_put(struct inode *file);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct inode *file,
				 unsigned long pgoff);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr, int new_below);
unsigned long get_unmapped_area(struct mm_struct *mm, struct inode *file,
				unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
unsigned long vm_unmapped_area(struct mm_struct *mm,
			       const struct vm_unmapped_area_info *info);
unsigned long mmap_region(struct mm_struct *mm, struct inode *file,
			  unsigned long addr, unsigned long len,
			  unsigned long vm_flags, unsigned long pgoff);
unsigned long do_mmap(struct mm_struct *mm, struct inode *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
bool may_expand_vm(struct mm_struct *mm, unsigned long flags,
		   unsigned long npages);
unsigned long vm_mmap(struct mm_struct *mm, struct inode *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags,
		      unsigned long offset);
int vm_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long flags);
unsigned long mm_brk(struct mm_struct *mm, unsigned long brk);
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
void exit_mmap(struct mm_struct *mm);
int validate_mm(struct mm_struct *mm);

/* " in NAME[START+SIZE]" for the file VMA holding ip (mm/memory.c). */
void print_vma_addr(const char *prefix, unsigned long ip);

/* mremap(2)'s work (mm/mremap.c); takes mmap_lock. */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len,
			unsigned long flags, unsigned long new_addr);

/* mprotect's VMA side (mm/mprotect.c). */
int mprotect_fixup(struct vm_area_struct *vma, struct vm_area_struct **pprev,
		   unsigned long start, unsigned long end, unsigned long newflags);
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot);
/* madvise's work (mm/madvise.c). */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior);

/* The address space layout (arch/x86/mm/mmap.c). */
void arch_pick_mmap_layout(struct mm_struct *mm, unsigned long stack_rlim);
unsigned long arch_randomize_brk(struct mm_struct *mm);

/* A learner's view of an address space (mm/task_mmu.c). */
int show_maps(struct mm_struct *mm, char *buf, size_t size,
	      const char *(*file_name)(struct inode *file, unsigned long *ino));
int task_mem(struct mm_struct *mm, char *buf, size_t size);

#endif /* _LINUX_MM_H */
