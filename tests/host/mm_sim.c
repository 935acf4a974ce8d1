/*
 * The simulated machine of mm_sim.h: the RAM buffer, booting memblock and
 * the buddy allocator on it, buddy snapshots, and the host's versions of
 * the hooks the kernel's architecture code provides.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/random.h>
#include <linux/sched/debug.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "mm_sim.h"

u8 *sim_ram;
unsigned long cleared_pages;
unsigned long stack_dumps;

/* ------------------------------------------------- the host-side hooks */

/* The kernel's is __va(); ours indexes the simulated RAM. */
void *memblock_phys_to_virt(phys_addr_t phys)
{
	if (phys >= SIM_RAM_SIZE) {
		printk("mm_sim: phys 0x%llx is outside the simulated RAM\n",
		       (unsigned long long)phys);
		abort();
	}
	return sim_ram + phys;
}

u8 *sim_page(unsigned long pfn)
{
	return memblock_phys_to_virt(PFN_PHYS(pfn));
}

void *lowmem_page_address(const struct page *page)
{
	return sim_page(page_to_pfn(page));
}

static bool in_sim_ram(const void *addr)
{
	uintptr_t p = (uintptr_t)addr, base = (uintptr_t)sim_ram;

	return sim_ram && p >= base && p - base < SIM_RAM_SIZE;
}

struct page *virt_to_page(const void *addr)
{
	if (!in_sim_ram(addr)) {
		printk("mm_sim: %p is not in the simulated RAM\n", addr);
		abort();
	}
	return pfn_to_page(((uintptr_t)addr - (uintptr_t)sim_ram) >> PAGE_SHIFT);
}

/*
 * The kernel's asks "is addr in the direct map?"; here: in the simulated
 * RAM, covered by mem_map, and not in HighMem (which has no direct map).
 * Anything else (the host's stack, a highmem page's "address") is not.
 */
bool virt_addr_valid(const void *addr)
{
	unsigned long pfn;

	if (!in_sim_ram(addr) || !mem_map)
		return false;
	pfn = ((uintptr_t)addr - (uintptr_t)sim_ram) >> PAGE_SHIFT;
	return pfn_valid(pfn) && !PageHighMem(pfn_to_page(pfn));
}

/* Highmem is as reachable as lowmem here: no temporary mapping needed. */
void clear_highpage(struct page *page)
{
	memset(sim_page(page_to_pfn(page)), 0, PAGE_SIZE);
	cleared_pages++;
}

void dump_stack(void)
{
	printk("Call Trace: (host test: no stack)\n");
	stack_dumps++;
}

/*
 * kernel/random.c's xorshift64*, but from a fixed seed that sim_boot()
 * restores: every case sees the same sequence, so a failure repeats.
 */
#define SIM_RANDOM_SEED	0x9e3779b97f4a7c15ULL
static u64 random_state = SIM_RANDOM_SEED;

unsigned long get_random_long(void)
{
	random_state ^= random_state >> 12;
	random_state ^= random_state << 25;
	random_state ^= random_state >> 27;
	return (unsigned long)((random_state * 0x2545f4914f6cdd1dULL) >> 32);
}

/* Monitor output goes to the log, where EXPECT_LOGGED finds it. */
void mon_printf(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk("%s", buf);
}

/* ------------------------------------------------------- boot and state */

const struct machine plain = {
	.ram = { { 0, 16384 } },
	.rsv = { { 0, 1 }, { 3584, 4096 - MEMMAP_PAGES(16384) } },
	.limit = 4096,
	.zone_end = { 4096, 12288, 16384 },
};

static struct memblock_region *init_memory_regions, *init_reserved_regions;

/* As test_memblock.c: empty arrays back in memblock's static storage. */
static void reset_type(struct memblock_type *type,
		       struct memblock_region *init_regions)
{
	memset(init_regions, 0,
	       INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region));
	type->regions = init_regions;
	type->cnt = 0;
	type->max = INIT_MEMBLOCK_REGIONS;
	type->total_size = 0;
}

static void reset_memblock(void)
{
	if (!sim_ram) {
		sim_ram = aligned_alloc(PAGE_SIZE << (MAX_ORDER - 1),
					SIM_RAM_SIZE);
		if (!sim_ram)
			abort();
	}
	if (!init_memory_regions) {
		init_memory_regions = memblock.memory.regions;
		init_reserved_regions = memblock.reserved.regions;
	}
	reset_type(&memblock.memory, init_memory_regions);
	reset_type(&memblock.reserved, init_reserved_regions);
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_debug = false;
}

void sim_boot(const struct machine *m)
{
	unsigned long zone_end[MAX_NR_ZONES];
	const struct pfn_range *r;

	reset_memblock();
	random_state = SIM_RANDOM_SEED;
	for (r = m->ram; r->end; r++)
		memblock_add(PFN_PHYS(r->start), PFN_PHYS(r->end - r->start));
	for (r = m->rsv; r->end; r++)
		memblock_reserve(PFN_PHYS(r->start), PFN_PHYS(r->end - r->start));
	memblock_set_current_limit(PFN_PHYS(m->limit));
	memcpy(zone_end, m->zone_end, sizeof(zone_end));
	free_area_init(zone_end);
	memblock_free_all();
}

/* ---------------------------------------------------------- snapshots */

void take_snap(struct buddy_snap *s)
{
	enum zone_type z;
	unsigned int o;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (o = 0; o < MAX_ORDER; o++)
			s->nr_free[z][o] = zone_of(z)->free_area[o].nr_free;
		s->free_pages[z] = zone_of(z)->free_pages;
		s->pcp_count[z] = zone_of(z)->pcp.count;
	}
}

int snap_diff(const struct buddy_snap *want)
{
	struct buddy_snap now;
	enum zone_type z;
	unsigned int o;
	int bad = 0;

	take_snap(&now);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (o = 0; o < MAX_ORDER; o++)
			if (now.nr_free[z][o] != want->nr_free[z][o]) {
				printk("# %s order %u: nr_free %lu, expected %lu\n",
				       zone_of(z)->name, o, now.nr_free[z][o],
				       want->nr_free[z][o]);
				bad++;
			}
		if (now.free_pages[z] != want->free_pages[z] ||
		    now.pcp_count[z] != want->pcp_count[z]) {
			printk("# %s: free_pages %lu pcp %d, expected %lu pcp %d\n",
			       zone_of(z)->name, now.free_pages[z], now.pcp_count[z],
			       want->free_pages[z], want->pcp_count[z]);
			bad++;
		}
	}
	return bad;
}

int free_area_diff(enum zone_type z, const unsigned long *want)
{
	unsigned int o;
	int bad = 0;

	for (o = 0; o < MAX_ORDER; o++)
		if (zone_of(z)->free_area[o].nr_free != want[o]) {
			printk("# %s order %u: nr_free %lu, expected %lu\n",
			       zone_of(z)->name, o,
			       zone_of(z)->free_area[o].nr_free, want[o]);
			bad++;
		}
	return bad;
}

/* No user page tables on the host: the VMA code's page-table hooks. */
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
}

void change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
}

void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
}

/* Nothing is mapped, so everything moves at once. */
/* Set: the next move finds no memory for PTE pages and moves nothing. */
bool sim_move_page_tables_fails;

unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma,
			       unsigned long new_addr, unsigned long len)
{
	if (sim_move_page_tables_fails) {
		sim_move_page_tables_fails = false;
		return 0;
	}
	return len;
}

/* The host tests run without resource limits. */
unsigned long rlimit(unsigned int resource)
{
	return RLIM_INFINITY;
}

/* A CPU without NX, as QEMU's default. */
u64 __supported_pte_mask = ~_PAGE_NX;
