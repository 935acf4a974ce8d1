/*
 * memblock: the boot-time physical memory allocator (mm/memblock.c, mirrors
 * Linux 6.0's include/linux/memblock.h).  Two sorted arrays of
 * [base, base + size) regions describe physical memory: memblock.memory is
 * the RAM the firmware reported, memblock.reserved the parts of it already
 * in use (kernel image, boot data, earlier allocations).  "Free" memory is
 * memory minus reserved; allocations are carved from it top-down (or
 * bottom-up, memblock_set_bottom_up) and recorded as reserved.  Once the
 * buddy allocator exists, memblock_free_all() hands the free ranges over
 * to it.  mm/memblock.c keeps the arrays, mm/memblock_alloc.c allocates.
 *
 * All addresses and sizes are phys_addr_t (64-bit, PAE): never truncate.
 * Nothing here takes locks: memblock runs before interrupts and other CPUs.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/types.h>

/* Entries in each static array before memblock must grow it. */
#define INIT_MEMBLOCK_REGIONS		128

/* The largest physical address; also "no upper bound" for ranges. */
#define PHYS_ADDR_MAX			(~(phys_addr_t)0)

/* Special values for the end of an allocation range (as Linux). */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)  /* no limit at all */
#define MEMBLOCK_ALLOC_ACCESSIBLE	0	/* below memblock.current_limit */
#define MEMBLOCK_LOW_LIMIT		0	/* lowest address memblock_alloc tries */

/* "Any node" (Linux: linux/numa.h); this kernel has one, node 0. */
#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE			(-1)
#endif

/* memblock_alloc_low()'s ceiling: Linux's default, the first 4 GiB. */
#ifndef ARCH_LOW_ADDRESS_LIMIT
#define ARCH_LOW_ADDRESS_LIMIT		0xffffffffUL
#endif

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

#define memblock_dbg(fmt, ...) do {					\
	if (memblock_debug)						\
		pr_info(fmt, ##__VA_ARGS__);				\
} while (0)

/*
 * The one thing memblock needs from the architecture: a pointer through
 * which the CPU can reach physical address phys.  The kernel implements it
 * as __va(phys) (valid below the direct-map limit, which is why
 * memblock_alloc() stays below current_limit); the host tests map it into
 * a buffer that plays RAM.  Either way it must be a fixed offset, as a
 * direct map is: memblock_free() subtracts memblock_phys_to_virt(0) to
 * turn a pointer back into its physical address.
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
 * Gives back a reserved range.  As in Linux, whatever part of it is
 * reserved is freed and the result is 0 (or -ENOMEM if a split found no
 * room); a range that is not all reserved is also reported with a WARN,
 * as a debugging aid.  Linux 5.16 renamed the physical memblock_free()
 * to this one.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size);

/* The same for a pointer from memblock_alloc*() (Linux 5.16 on); NULL is ignored. */
void memblock_free(void *ptr, size_t size);

/*
 * Shrinks every memory region to whole blocks of align bytes (a power of
 * two) and drops the regions left empty; reservations stay as they are.
 */
void memblock_trim_memory(phys_addr_t align);

/*
 * Lets the region arrays grow past INIT_MEMBLOCK_REGIONS by doubling into
 * memory taken from memblock itself.  Call it once the reservations that
 * must not be overwritten are known and memory below current_limit is
 * reachable through memblock_phys_to_virt() (Linux: e820__memblock_setup).
 */
void memblock_allow_resize(void);

/*
 * Allocation (mm/memblock_alloc.c).  Every allocator takes size bytes
 * aligned to align from free memory, reserves them and never returns the
 * first page.  align must be a power of two: 0 or anything else is
 * reported and replaced by SMP_CACHE_BYTES; a zero size is reported and
 * fails.  A request that cannot be met prints one "memblock: failed to
 * allocate" line (Linux's callers panic with much the same words).
 *
 * nid: there is one node, 0, which NUMA_NO_NODE also names.  Any other
 * nid names a node without memory: the _try_nid allocators then fall
 * back to any node, as Linux's do; memblock_alloc_exact_nid_raw() fails.
 */

/*
 * Physical addresses, in [start, end) exactly as given: end may lie above
 * current_limit (Linux 5.5 on), MEMBLOCK_ALLOC_ACCESSIBLE means "below
 * current_limit" and MEMBLOCK_ALLOC_ANYWHERE "no limit".  0 on failure.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);

static inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
					      phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0,
					 MEMBLOCK_ALLOC_ACCESSIBLE);
}

/*
 * Pointers, so always below current_limit, whatever max_addr says
 * (MEMBLOCK_ALLOC_ANYWHERE and MEMBLOCK_ALLOC_ACCESSIBLE both mean
 * current_limit).  min_addr is a preference: when nothing fits in
 * [min_addr, max_addr) the request is tried again from 0.  NULL on
 * failure.  memblock_alloc_try_nid() clears the memory; the _raw ones
 * leave it as it was.
 */
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);

/* Always inlined, so that memblock=debug names the real caller. */
static __always_inline void *memblock_alloc(phys_addr_t size,
					    phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_raw(phys_addr_t size,
						phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE,
					  NUMA_NO_NODE);
}

/* Preferably at or above min_addr. */
static __always_inline void *memblock_alloc_from(phys_addr_t size,
						 phys_addr_t align,
						 phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/* Below ARCH_LOW_ADDRESS_LIMIT (and current_limit). */
static __always_inline void *memblock_alloc_low(phys_addr_t size,
						phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE);
}

static __always_inline void *memblock_alloc_node(phys_addr_t size,
						 phys_addr_t align, int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

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

/* Where a dump goes: printk's wrapper at boot, mon_printf at the monitor. */
typedef void (*memblock_print_fn)(const char *fmt, ...);
void memblock_dump_to(memblock_print_fn out);

/*
 * "MEMBLOCK configuration:" and every region, in Linux's format.
 * memblock_dump_all() prints only under memblock=debug, as in Linux;
 * __memblock_dump_all() always prints (for the monitor and the tests).
 */
void memblock_dump_all(void);
void __memblock_dump_all(void);

/*
 * Shared by mm/memblock.c (which grows the region arrays with it) and
 * mm/memblock_alloc.c; not for other callers, since it reserves nothing.
 * Free space for size bytes aligned to align inside [start, end), in the
 * direction memblock.bottom_up asks for; 0 if none (Linux 5.14 and
 * earlier exported it; Linux 5.15 made it static to mm/memblock.c).
 */
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
				   phys_addr_t size, phys_addr_t align);

#endif /* _LINUX_MEMBLOCK_H */
