/*
 * memblock: the boot-time physical memory allocator (mirrors Linux 6.0's
 * mm/memblock.c).  It is filled from the multiboot2/e820 map, hands out
 * memory before the buddy allocator exists, and is retired by
 * memblock_free_all().  See include/linux/memblock.h for the model.
 *
 * This file keeps the region arrays: adding, removing, reserving and
 * freeing ranges, growing the arrays, trimming, mem=, the queries, the
 * iterators and the dump.  The allocation API lives in memblock_alloc.c;
 * Linux has both in one file, but with all of Linux's allocators the one
 * file would pass 1,000 lines.
 *
 * Everything here is plain arithmetic on two sorted arrays; the only
 * contact with the machine is memblock_phys_to_virt(), so this file
 * includes no asm/ header and the host tests build it unchanged.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/sprintf.h>
#include <linux/string.h>

/* Grown region arrays are page-sized and page-aligned (asm/page.h's). */
#define MEMBLOCK_PAGE_SIZE	4096
#define _RET_IP_	((unsigned long)__builtin_return_address(0))

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.memory.regions		= memblock_memory_init_regions,
	.memory.max		= INIT_MEMBLOCK_REGIONS,
	.memory.name		= "memory",

	.reserved.regions	= memblock_reserved_init_regions,
	.reserved.max		= INIT_MEMBLOCK_REGIONS,
	.reserved.name		= "reserved",

	.bottom_up		= false,
	.current_limit		= MEMBLOCK_ALLOC_ANYWHERE,
};

bool memblock_debug;
static bool memblock_can_resize;

static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, enum memblock_flags flags);
static int memblock_remove_range(struct memblock_type *type,
				 phys_addr_t base, phys_addr_t size);

static inline phys_addr_t region_end(const struct memblock_region *rgn)
{
	return rgn->base + rgn->size;
}

/* Cuts *size so that base + *size does not wrap; returns the new size. */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

/* ---------------------------------------------------------------------
 * Region array primitives: the caller guarantees room and ordering.
 */

/* Opens a slot at idx (shifting the rest up) and fills it. */
static void memblock_insert_region(struct memblock_type *type,
				   unsigned long idx, phys_addr_t base,
				   phys_addr_t size, enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	type->cnt++;
	type->total_size += size;
}

static void memblock_remove_region(struct memblock_type *type,
				   unsigned long idx)
{
	struct memblock_region *rgn = &type->regions[idx];

	type->total_size -= rgn->size;
	memmove(rgn, rgn + 1, (type->cnt - idx - 1) * sizeof(*rgn));
	type->cnt--;
}

/* Cuts region idx in two at address at, which lies strictly inside it. */
static void memblock_split_region(struct memblock_type *type,
				  unsigned long idx, phys_addr_t at)
{
	struct memblock_region *rgn = &type->regions[idx];
	phys_addr_t rbase = rgn->base;
	enum memblock_flags flags = rgn->flags;

	rgn->base = at;
	rgn->size -= at - rbase;
	type->total_size -= at - rbase;
	memblock_insert_region(type, idx, rbase, at - rbase, flags);
}

/*
 * Joins neighbours that touch and have equal flags.  Regions never
 * overlap here: finding an overlap means the array is corrupt.
 */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = this + 1;

		if (region_end(this) != next->base ||
		    this->flags != next->flags) {
			BUG_ON(region_end(this) > next->base);
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (type->cnt - i - 2) * sizeof(*next));
		type->cnt--;
	}
}

/* ---------------------------------------------------------------------
 * Growing the region arrays with memory found by memblock_find_in_range().
 */

/* Where each grown array lives: we have no __pa() to ask. */
static phys_addr_t *memblock_array_phys(const struct memblock_type *type)
{
	static phys_addr_t memory_array_phys, reserved_array_phys;

	return type == &memblock.reserved ? &reserved_array_phys
					  : &memory_array_phys;
}

static bool memblock_array_is_static(const struct memblock_type *type)
{
	return type->regions == memblock_memory_init_regions ||
	       type->regions == memblock_reserved_init_regions;
}

/*
 * Room for a new array of alloc_size bytes below current_limit, avoiding
 * [area_start, area_start + area_size): the range whose insertion made
 * the array overflow is not reserved yet and must not be handed out.
 * (Linux avoids it only when doubling memblock.reserved; avoiding it
 * always also keeps a memblock_remove()d range from receiving the array.)
 */
static phys_addr_t memblock_find_array_space(phys_addr_t area_start,
					     phys_addr_t area_size,
					     phys_addr_t alloc_size)
{
	phys_addr_t limit = memblock.current_limit;
	phys_addr_t addr;

	addr = memblock_find_in_range(area_start + area_size, limit,
				      alloc_size, MEMBLOCK_PAGE_SIZE);
	if (!addr && area_size)
		addr = memblock_find_in_range(0, min(area_start, limit),
					      alloc_size, MEMBLOCK_PAGE_SIZE);
	return addr;
}

/*
 * Grows type's array to twice its entries (Linux: memblock_double_array).
 * The new array comes from memblock itself: found in free memory, filled
 * with the old contents, then reserved; an old array that was itself
 * taken from memblock is freed.  [new_area_start, +new_area_size) is the
 * range being inserted, which the new array must not land on.
 * Returns 0, or -1 if growing is not allowed yet or no memory fits.
 */
static int memblock_double_array(struct memblock_type *type,
				 phys_addr_t new_area_start,
				 phys_addr_t new_area_size)
{
	struct memblock_region *old_array = type->regions, *new_array;
	phys_addr_t old_size = type->max * sizeof(struct memblock_region);
	phys_addr_t new_size = old_size * 2;
	phys_addr_t old_alloc_size = ALIGN(old_size, MEMBLOCK_PAGE_SIZE);
	phys_addr_t new_alloc_size = ALIGN(new_size, MEMBLOCK_PAGE_SIZE);
	phys_addr_t old_phys = *memblock_array_phys(type);
	bool old_from_memblock = !memblock_array_is_static(type);
	phys_addr_t addr, new_end;

	if (!memblock_can_resize) {
		pr_err("memblock: %s array is full (%lu entries) and may not grow before memblock_allow_resize()\n",
		       type->name, type->max);
		return -1;
	}
	addr = memblock_find_array_space(new_area_start, new_area_size,
					 new_alloc_size);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %lu to %lu entries !\n",
		       type->name, type->max, type->max * 2);
		return -1;
	}
	new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %lu at [%pa-%pa]\n",
		     type->name, type->max * 2, &addr, &new_end);

	new_array = memblock_phys_to_virt(addr);
	memcpy(new_array, old_array, (size_t)old_size);
	memset(new_array + type->max, 0, (size_t)old_size);
	type->regions = new_array;
	type->max *= 2;

	/*
	 * Reserve the new array before freeing the old one, so that if
	 * either step must grow memblock.reserved, that growth cannot land
	 * on the new array (Linux frees first).  Reserving can only fail
	 * when this is memblock.memory and memblock.reserved is full and
	 * cannot grow: then nothing has changed yet but the switch.
	 */
	if (memblock_add_range(&memblock.reserved, addr, new_alloc_size,
			       MEMBLOCK_NONE)) {
		type->regions = old_array;
		type->max /= 2;
		pr_err("memblock: Failed to double %s array: cannot reserve it\n",
		       type->name);
		return -1;
	}
	*memblock_array_phys(type) = addr;
	if (old_from_memblock &&
	    memblock_remove_range(&memblock.reserved, old_phys, old_alloc_size))
		pr_warn("memblock: old %s array at %pa left reserved\n",
			type->name, &old_phys);
	return 0;
}

void memblock_allow_resize(void)
{
	memblock_can_resize = true;
}

/* ---------------------------------------------------------------------
 * Adding and removing ranges.
 */

/*
 * Walks the parts of [base, end) that no region of type covers yet and
 * returns how many there are; with insert, also fills each with a new
 * region of flags.  Where existing regions overlap they stay as they are,
 * flags included.
 */
static int memblock_fill_gaps(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t end, enum memblock_flags flags,
			      bool insert)
{
	unsigned long idx;
	int nr_new = 0;

	for (idx = 0; idx < type->cnt; idx++) {
		phys_addr_t rbase = type->regions[idx].base;
		phys_addr_t rend = region_end(&type->regions[idx]);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/* The region overlaps: what lies below it is a gap. */
		if (rbase > base) {
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base,
						       rbase - base, flags);
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base,
					       flags);
	}
	return nr_new;
}

/*
 * Adds [base, base + size) to type (Linux: memblock_add_range).  Two
 * passes over the gaps: the first counts the new regions and grows the
 * array until they fit, the second inserts them; then neighbours merge.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	int nr_new;

	if (!size)
		return 0;
	/* Count again after growing: reserved now holds the new array too. */
	while ((nr_new = memblock_fill_gaps(type, base, end, flags, false)) &&
	       type->cnt + nr_new > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;
	if (!nr_new)
		return 0;
	memblock_fill_gaps(type, base, end, flags, true);
	memblock_merge_regions(type);
	return 0;
}

/* How many regions of type straddle base or end: splits isolating needs. */
static unsigned long memblock_splits_needed(const struct memblock_type *type,
					    phys_addr_t base, phys_addr_t end)
{
	unsigned long idx, n = 0;

	for (idx = 0; idx < type->cnt; idx++) {
		const struct memblock_region *rgn = &type->regions[idx];

		n += rgn->base < base && base < region_end(rgn);
		n += rgn->base < end && end < region_end(rgn);
	}
	return n;
}

/*
 * Splits the regions of type that straddle base or base + size, so that
 * the range is covered by whole regions only: those are indices
 * [*start_rgn, *end_rgn) afterwards (an empty range if none).
 * Returns 0, or -ENOMEM if a split needed room the array could not get.
 */
static int memblock_isolate_range(struct memblock_type *type,
				  phys_addr_t base, phys_addr_t size,
				  unsigned long *start_rgn,
				  unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;
	while (type->cnt + memblock_splits_needed(type, base, end) > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	for (idx = 0; idx < type->cnt; idx++) {
		phys_addr_t rbase = type->regions[idx].base;
		phys_addr_t rend = region_end(&type->regions[idx]);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase < base) {
			/* Starts below: split; idx + 1 is the upper half. */
			memblock_split_region(type, idx, base);
			continue;
		}
		if (rend > end)		/* ends above: keep the lower half */
			memblock_split_region(type, idx, end);
		if (*end_rgn == 0)
			*start_rgn = idx;
		*end_rgn = idx + 1;
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type,
				 phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn, i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = end_rgn; i > start_rgn; i--)
		memblock_remove_region(type, i - 1);
	return 0;
}

/* Is every byte of [base, end) inside some region of type? */
static bool memblock_covers(const struct memblock_type *type,
			    phys_addr_t base, phys_addr_t end)
{
	unsigned long idx;

	for (idx = 0; idx < type->cnt && base < end; idx++) {
		const struct memblock_region *rgn = &type->regions[idx];

		if (region_end(rgn) <= base)
			continue;
		if (rgn->base > base)
			return false;		/* a hole at base */
		base = region_end(rgn);
	}
	return base >= end;
}

/* The memblock=debug line of add/remove/reserve/free, as Linux prints it. */
static void memblock_dbg_range(const char *func, phys_addr_t base,
			       phys_addr_t size, unsigned long caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", func, &base, &end, (void *)caller);
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_cap_size(base, &size))
		return 0;
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_add_range(&memblock.memory, base, size, MEMBLOCK_NONE);
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_cap_size(base, &size))
		return 0;
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_remove_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	if (!memblock_cap_size(base, &size))
		return 0;
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_add_range(&memblock.reserved, base, size,
				  MEMBLOCK_NONE);
}

/*
 * Linux frees whatever part of the range is reserved, silently; freeing
 * what was never (all) reserved is usually a double free or a wrong size,
 * so it is also reported here, and then done as Linux does it.
 */
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t last;

	if (!memblock_cap_size(base, &size))
		return 0;
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	last = base + size - 1;
	WARN(!memblock_covers(&memblock.reserved, base, base + size),
	     "memblock: freeing [mem %pa-%pa], %s\n", &base, &last,
	     memblock_is_region_reserved(base, size) ?
	     "not all reserved; freeing the reserved part" :
	     "which is not reserved; nothing freed");
	return memblock_remove_range(&memblock.reserved, base, size);
}

/* memblock_phys_to_virt() is a fixed offset (see memblock.h): undo it. */
void memblock_free(void *ptr, size_t size)
{
	uintptr_t offset = (uintptr_t)memblock_phys_to_virt(0);

	if (ptr)
		memblock_phys_free((uintptr_t)ptr - offset, size);
}

/*
 * Linux 6.0's version moves region bases and sizes but leaves
 * memory.total_size as it was; this one keeps the total right.  A base
 * so close to PHYS_ADDR_MAX that rounding it up wraps is dropped too.
 */
void memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *mem = &memblock.memory;
	unsigned long idx = 0;

	if (WARN(!align || (align & (align - 1)),
		 "memblock: trim alignment 0x%llx is not a power of two; nothing trimmed\n",
		 align))
		return;
	while (idx < mem->cnt) {
		struct memblock_region *rgn = &mem->regions[idx];
		phys_addr_t start = ALIGN(rgn->base, align);
		phys_addr_t end = ALIGN_DOWN(region_end(rgn), align);

		if (start < rgn->base || start >= end) {
			memblock_remove_region(mem, idx);
			continue;
		}
		mem->total_size -= rgn->size - (end - start);
		rgn->base = start;
		rgn->size = end - start;
		idx++;
	}
}

/* ---------------------------------------------------------------------
 * Queries and mem=.
 */

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	const struct memblock_type *mem = &memblock.memory;

	return mem->cnt ? region_end(&mem->regions[mem->cnt - 1]) : 0;
}

/* Binary search: the index of the region holding addr, or -1. */
static long memblock_search(const struct memblock_type *type, phys_addr_t addr)
{
	unsigned long lo = 0, hi = type->cnt;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		const struct memblock_region *rgn = &type->regions[mid];

		if (addr < rgn->base)
			hi = mid;
		else if (addr >= region_end(rgn))
			lo = mid + 1;
		else
			return (long)mid;
	}
	return -1;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/* Is [base, base + size) inside one memory region? */
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	long idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	return idx != -1 && region_end(&memblock.memory.regions[idx]) >= end;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	const struct memblock_type *rsv = &memblock.reserved;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx;

	for (idx = 0; idx < rsv->cnt; idx++)
		if (rsv->regions[idx].base < end &&
		    base < region_end(&rsv->regions[idx]))
			return true;
	return false;
}

/*
 * The address below which the first limit bytes of memory lie, or
 * PHYS_ADDR_MAX if there is no more memory than that (Linux:
 * __find_max_addr).
 */
static phys_addr_t memblock_find_max_addr(phys_addr_t limit)
{
	const struct memblock_type *mem = &memblock.memory;
	unsigned long idx;

	for (idx = 0; idx < mem->cnt; idx++) {
		if (limit <= mem->regions[idx].size)
			return mem->regions[idx].base + limit;
		limit -= mem->regions[idx].size;
	}
	return PHYS_ADDR_MAX;
}

void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = memblock_find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	/* Removing only shrinks regions here, so it cannot fail. */
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/* ---------------------------------------------------------------------
 * Iterators.
 */

static bool memblock_next_region(const struct memblock_type *type, u64 *idx,
				 phys_addr_t *start, phys_addr_t *end)
{
	const struct memblock_region *rgn;

	if (*idx >= type->cnt)
		return false;
	rgn = &type->regions[(unsigned long)*idx];
	if (start)
		*start = rgn->base;
	if (end)
		*end = region_end(rgn);
	(*idx)++;
	return true;
}

bool memblock_next_mem_range(u64 *idx, phys_addr_t *start, phys_addr_t *end)
{
	return memblock_next_region(&memblock.memory, idx, start, end);
}

bool memblock_next_reserved_range(u64 *idx, phys_addr_t *start,
				  phys_addr_t *end)
{
	return memblock_next_region(&memblock.reserved, idx, start, end);
}

/*
 * Free ranges: each memory region a intersected with each gap b between
 * reserved regions (gap b runs from the end of reserved region b - 1, or
 * 0, to the start of reserved region b, or PHYS_ADDR_MAX).  The cursor
 * keeps a in its low and b in its high 32 bits (Linux: __next_mem_range).
 * Both only move forward: a gap left behind by memory region a ended
 * inside it, so it cannot reach region a + 1.
 */
bool memblock_next_free_range(u64 *idx, phys_addr_t *out_start,
			      phys_addr_t *out_end)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *rsv = &memblock.reserved;
	unsigned long a = (u32)*idx, b = (u32)(*idx >> 32);

	for (; a < mem->cnt; a++) {
		phys_addr_t m_start = mem->regions[a].base;
		phys_addr_t m_end = region_end(&mem->regions[a]);

		for (; b <= rsv->cnt; b++) {
			phys_addr_t r_start = b ? region_end(&rsv->regions[b - 1]) : 0;
			phys_addr_t r_end = b < rsv->cnt ? rsv->regions[b].base
							 : PHYS_ADDR_MAX;

			if (r_start >= m_end)
				break;		/* this gap is above region a */
			if (r_end <= m_start)
				continue;	/* this gap is below region a */
			if (out_start)
				*out_start = max(m_start, r_start);
			if (out_end)
				*out_end = min(m_end, r_end);
			/* Resume where the rest of the region or gap lies. */
			if (m_end <= r_end)
				a++;
			else
				b++;
			*idx = (u64)b << 32 | a;
			return true;
		}
	}
	*idx = (u64)b << 32 | a;
	return false;
}

/* ---------------------------------------------------------------------
 * memblock=debug and the dump.
 */

static int __init early_memblock(char *val)
{
	if (!val || strcmp(val, "debug") != 0)
		return -EINVAL;
	memblock_debug = true;
	return 0;
}
early_param("memblock", early_memblock);

static void memblock_dump(const struct memblock_type *type,
			  memblock_print_fn out)
{
	unsigned long idx;

	out(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (idx = 0; idx < type->cnt; idx++) {
		const struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t base = rgn->base, size = rgn->size;
		phys_addr_t end = base + size - 1;

		/* Linux prints idx and flags with %#x, which gives "0x0". */
		out(" %s[0x%lx]\t[%pa-%pa], %pa bytes flags: 0x%x\n",
		    type->name, idx, &base, &end, &size, (unsigned int)rgn->flags);
	}
}

/* The dump through out: printk's for memblock=debug, the monitor's. */
void memblock_dump_to(memblock_print_fn out)
{
	out("MEMBLOCK configuration:\n");
	out(" memory size = %pa reserved size = %pa\n",
	    &memblock.memory.total_size, &memblock.reserved.total_size);
	memblock_dump(&memblock.memory, out);
	memblock_dump(&memblock.reserved, out);
}

static __printf(1, 2) void memblock_pr_info(const char *fmt, ...)
{
	char line[128];
	va_list args;

	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	pr_info("%s", line);
}

void __memblock_dump_all(void)
{
	memblock_dump_to(memblock_pr_info);
}

void memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}
