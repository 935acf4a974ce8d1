/*
 * memblock: the boot-time physical memory allocator (mm/memblock.c, mirrors
 * Linux 6.0's include/linux/memblock.h).  Two sorted arrays of
 * [base, base + size) regions describe physical memory: memblock.memory is
 * the RAM the firmware reported, memblock.reserved the parts of it already
 * in use (kernel image, boot data, earlier allocations).  "Free" memory is
 * memory minus reserved; allocations are carved from it top-down below
 * memblock.current_limit and recorded as reserved.  Once the buddy
 * allocator exists, memblock_free_all() hands the free ranges over to it.
 *
 * All addresses and sizes are phys_addr_t (64-bit, PAE): never truncate.
 * Nothing here takes locks: memblock runs before interrupts and other CPUs.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

/* Entries in each static array before memblock must grow it. */
#define INIT_MEMBLOCK_REGIONS		128

/* The largest physical address; also "no upper bound" for ranges. */
#define PHYS_ADDR_MAX			(~(phys_addr_t)0)

/* Special values for the end of an allocation range (as Linux). */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)  /* no limit at all */
#define MEMBLOCK_ALLOC_ACCESSIBLE	0	/* below memblock.current_limit */
#define MEMBLOCK_LOW_LIMIT		0	/* lowest address memblock_alloc tries */

/*
 * Region attributes.  Linux also has MEMBLOCK_HOTPLUG, MEMBLOCK_MIRROR,
 * MEMBLOCK_NOMAP and MEMBLOCK_DRIVER_MANAGED; this kernel needs none of
 * them yet, but regions only merge when their flags are equal.
 */
enum memblock_flags {
	MEMBLOCK_NONE		= 0x0,	/* no special request */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
};

/*
 * One array of regions: cnt in use, room for max, sorted by base,
 * non-overlapping, and neighbours with equal flags merged.  An empty type
 * has cnt == 0 (Linux 6.0 kept one empty "dummy" region there, cnt == 1;
 * Linux 6.11 dropped it too, "mm/memblock: remove empty dummy entry").
 */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;		/* sum of the sizes of all regions */
	struct memblock_region *regions;
	const char *name;		/* "memory" or "reserved", for dumps */
};

struct memblock {
	bool bottom_up;			/* allocate upwards instead of down */
	phys_addr_t current_limit;	/* MEMBLOCK_ALLOC_ACCESSIBLE means this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Set by memblock=debug: every add/remove/reserve/free/alloc prints a line. */
extern bool memblock_debug;

/*
 * The one thing memblock needs from the architecture: a pointer through
 * which the CPU can reach physical address phys.  The kernel implements it
 * as __va(phys) (valid below the direct-map limit, which is why
 * memblock_alloc() stays below current_limit); the host tests map it into
 * a buffer that plays RAM.
 */
void *memblock_phys_to_virt(phys_addr_t phys);

/*
 * Building the map.  Each returns 0, or -ENOMEM when the region array is
 * full and cannot grow (see memblock_allow_resize).  A zero size does
 * nothing; a range running past PHYS_ADDR_MAX is cut there.
 */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);

/*
 * Gives back a reserved range; -EINVAL with a WARN (and nothing changed)
 * if any byte of it is not reserved.  Linux 5.16 renamed the physical
 * memblock_free() to this; Linux 6.0's memblock_free() takes a virtual
 * pointer instead.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size);

/*
 * Lets the region arrays grow past INIT_MEMBLOCK_REGIONS by doubling into
 * memory taken from memblock itself.  Call it once the reservations that
 * must not be overwritten are known and memory below current_limit is
 * reachable through memblock_phys_to_virt() (Linux: e820__memblock_setup).
 */
void memblock_allow_resize(void);

/*
 * Allocation.  The range [start, end) is searched (end ==
 * MEMBLOCK_ALLOC_ACCESSIBLE means current_limit), the first page is never
 * handed out, and the block found is reserved.  align must be a power of
 * two; 0 or anything else is reported and replaced by SMP_CACHE_BYTES.
 * Returns the physical address, or 0 with a warning when nothing fits.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);

static inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
					      phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

/* Zeroed memory below current_limit, or NULL with a warning. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);

void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);
void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);

/* Queries. */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);	/* 0 if there is no memory */
phys_addr_t memblock_end_of_DRAM(void);		/* end of the last region */
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
/* True if any byte of [base, base + size) is reserved (as Linux). */
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/*
 * mem=: keep only the first limit bytes of memory (counted over the
 * regions, holes not included) and drop memory and reservations above.
 */
void memblock_enforce_memory_limit(phys_addr_t limit);

/*
 * Iterators, in increasing address order.  *idx starts at 0 and is the
 * iterator's cursor; each call stores the next range in [*start, *end)
 * and returns true, or returns false at the end.
 */
bool memblock_next_mem_range(u64 *idx, phys_addr_t *start, phys_addr_t *end);
bool memblock_next_reserved_range(u64 *idx, phys_addr_t *start,
				  phys_addr_t *end);
bool memblock_next_free_range(u64 *idx, phys_addr_t *start, phys_addr_t *end);

/* Every region of memblock.memory. */
#define for_each_mem_range(i, p_start, p_end)				\
	for ((i) = 0; memblock_next_mem_range(&(i), p_start, p_end); )

/* Every region of memblock.reserved. */
#define for_each_reserved_mem_range(i, p_start, p_end)			\
	for ((i) = 0; memblock_next_reserved_range(&(i), p_start, p_end); )

/*
 * Every free range: memory minus reserved.  Linux's version also takes a
 * node, flags and a p_nid out-parameter; with one node they are dropped.
 */
#define for_each_free_mem_range(i, p_start, p_end)			\
	for ((i) = 0; memblock_next_free_range(&(i), p_start, p_end); )

/*
 * "MEMBLOCK configuration:" and every region, in Linux's format.
 * memblock_dump_all() prints only under memblock=debug, as in Linux;
 * __memblock_dump_all() always prints (for the monitor and the tests).
 */
void memblock_dump_all(void);
void __memblock_dump_all(void);

#endif /* _LINUX_MEMBLOCK_H */
