/*
 * memblock's allocation API: the second half of Linux 6.0's mm/memblock.c,
 * split from mm/memblock.c (which keeps the region arrays) so that each
 * half stays readable.  Finding free space top-down or bottom-up, one
 * function that finds and reserves (memblock_alloc_range_nid), and
 * Linux's entry points on top of it:
 *
 *   memblock_phys_alloc_range / _try_nid    physical address, range as given
 *   memblock_alloc_try_nid / _raw / exact   pointer below current_limit,
 *   (memblock_alloc, _raw, _from, _low,      min_addr only a preference
 *    _node in memblock.h)
 *
 * The halves meet in memblock_find_in_range(), which memblock.c also uses
 * to grow its arrays, and memblock_reserve().
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/string.h>

/* Linux's default alignment (asm/cache.h: 64 on the i686 builds it ships). */
#ifndef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES		64
#endif
#define MEMBLOCK_PAGE_SIZE	4096
#define _RET_IP_	((unsigned long)__builtin_return_address(0))

static phys_addr_t clamp_phys(phys_addr_t x, phys_addr_t lo, phys_addr_t hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

/* ---------------------------------------------------------------------
 * Finding free memory.
 */

/*
 * Top-down: the highest aligned block of size bytes inside some free
 * range clamped to [start, end).  Linux walks the free ranges in reverse
 * and stops at the first fit; walking forward and keeping the last fit
 * gives the same answer.  Returns 0 if nothing fits.
 */
static phys_addr_t memblock_find_top_down(phys_addr_t start, phys_addr_t end,
					  phys_addr_t size, phys_addr_t align)
{
	phys_addr_t this_start, this_end, cand, found = 0;
	u64 i;

	for_each_free_mem_range(i, &this_start, &this_end) {
		this_start = clamp_phys(this_start, start, end);
		this_end = clamp_phys(this_end, start, end);
		if (this_end < size)
			continue;
		cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			found = cand;
	}
	return found;
}

/* Bottom-up: the lowest such block.  Returns 0 if nothing fits. */
static phys_addr_t memblock_find_bottom_up(phys_addr_t start, phys_addr_t end,
					   phys_addr_t size, phys_addr_t align)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, &this_start, &this_end) {
		this_start = clamp_phys(this_start, start, end);
		this_end = clamp_phys(this_end, start, end);
		cand = ALIGN(this_start, align);
		if (cand >= this_start && cand <= this_end &&
		    this_end - cand >= size)
			return cand;
	}
	return 0;
}

/*
 * Page 0 is never returned, so 0 can mean "nothing found" (Linux:
 * memblock_find_in_range_node).  Nothing is reserved.
 */
phys_addr_t memblock_find_in_range(phys_addr_t start, phys_addr_t end,
				   phys_addr_t size, phys_addr_t align)
{
	start = max(start, (phys_addr_t)MEMBLOCK_PAGE_SIZE);
	end = max(start, end);
	if (memblock.bottom_up)
		return memblock_find_bottom_up(start, end, size, align);
	return memblock_find_top_down(start, end, size, align);
}

/* ---------------------------------------------------------------------
 * The allocator under all the others.
 */

/* Node 0 holds all the memory; NUMA_NO_NODE means any node, so node 0. */
static bool memblock_node_has_memory(int nid)
{
	return nid == NUMA_NO_NODE || nid == 0;
}

/*
 * Linux: memblock_alloc_range_nid.  size bytes aligned to align from the
 * free memory of node nid in [start, end), reserved before returning.
 * Linux tries node nid first and then, unless exact_nid, any node; with
 * one node that is "any node" unless exact_nid names a node without
 * memory.  size and align must be checked already and end must not be
 * MEMBLOCK_ALLOC_ACCESSIBLE.  Returns the address, or 0 and says nothing:
 * the caller may retry and reports the final failure once.
 */
static phys_addr_t memblock_alloc_range_nid(phys_addr_t size,
					    phys_addr_t align,
					    phys_addr_t start, phys_addr_t end,
					    int nid, bool exact_nid)
{
	phys_addr_t found;

	if (exact_nid && !memblock_node_has_memory(nid))
		return 0;
	found = memblock_find_in_range(start, end, size, align);
	if (found && memblock_reserve(found, size) == 0)
		return found;
	return 0;
}

/*
 * A zero size fails; an alignment that is not a power of two is replaced
 * by SMP_CACHE_BYTES (Linux 6.0 catches only align == 0, with
 * dump_stack()).  Checked once per request, so a retry cannot report the
 * same mistake twice.  Returns false if the request must fail.
 */
static bool memblock_alloc_check(phys_addr_t size, phys_addr_t *align)
{
	if (WARN(!size, "memblock: zero-size allocation\n"))
		return false;
	if (WARN(!*align || (*align & (*align - 1)),
		 "memblock: alignment 0x%llx is not a power of two, using %d\n",
		 *align, SMP_CACHE_BYTES))
		*align = SMP_CACHE_BYTES;
	return true;
}

static void memblock_alloc_failed(phys_addr_t size, phys_addr_t align,
				  int nid, phys_addr_t start, phys_addr_t end)
{
	pr_warn("memblock: failed to allocate %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa\n",
		size, align, nid, &start, &end);
}

/*
 * What every entry point does: check the request, resolve
 * MEMBLOCK_ALLOC_ACCESSIBLE, try [start, end), with drop_min try [0, end)
 * too (Linux: memblock_alloc_internal's retry without the lower limit),
 * and report a final failure.  Returns the physical address or 0.
 */
static phys_addr_t memblock_alloc_request(phys_addr_t size, phys_addr_t align,
					  phys_addr_t start, phys_addr_t end,
					  int nid, bool exact_nid,
					  bool drop_min)
{
	phys_addr_t found;

	if (!memblock_alloc_check(size, &align))
		return 0;
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;
	found = memblock_alloc_range_nid(size, align, start, end, nid,
					 exact_nid);
	if (!found && drop_min && start)
		found = memblock_alloc_range_nid(size, align, 0, end, nid,
						 exact_nid);
	if (!found)
		memblock_alloc_failed(size, align, nid, start, end);
	return found;
}

/* ---------------------------------------------------------------------
 * Physical addresses.
 */

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n",
		     __func__, size, align, &start, &end, (void *)_RET_IP_);
	return memblock_alloc_request(size, align, start, end, NUMA_NO_NODE,
				      false, false);
}

/* Linux prints no memblock=debug line for this one. */
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_request(size, align, 0,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid, false,
				      false);
}

/* ---------------------------------------------------------------------
 * Pointers.
 */

/*
 * Linux: memblock_alloc_internal, after the memblock=debug line its
 * callers print (func and caller name them).  A pointer must be
 * reachable, so max_addr is cut to current_limit; min_addr is dropped if
 * nothing fits above it.  NULL on failure.
 */
static void *memblock_alloc_internal(const char *func, unsigned long caller,
				     phys_addr_t size, phys_addr_t align,
				     phys_addr_t min_addr,
				     phys_addr_t max_addr, int nid,
				     bool exact_nid)
{
	phys_addr_t phys;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     func, size, align, nid, &min_addr, &max_addr,
		     (void *)caller);
	max_addr = min(max_addr, memblock.current_limit);
	if ((size_t)size != size) {	/* memset() could not clear it */
		memblock_alloc_failed(size, align, nid, min_addr, max_addr);
		return NULL;
	}
	phys = memblock_alloc_request(size, align, min_addr, max_addr, nid,
				      exact_nid, true);
	return phys ? memblock_phys_to_virt(phys) : NULL;
}

void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid)
{
	void *ptr = memblock_alloc_internal(__func__, _RET_IP_, size, align,
					    min_addr, max_addr, nid, false);

	if (ptr)
		memset(ptr, 0, (size_t)size);
	return ptr;
}

void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid)
{
	return memblock_alloc_internal(__func__, _RET_IP_, size, align,
				       min_addr, max_addr, nid, false);
}

/*
 * "Exact" is about the node, not the range: Linux drops min_addr here
 * too, but never falls back to another node.
 */
void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid)
{
	return memblock_alloc_internal(__func__, _RET_IP_, size, align,
				       min_addr, max_addr, nid, true);
}

/* ---------------------------------------------------------------------
 * The limit and the direction.
 */

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}
