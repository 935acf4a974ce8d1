/*
 * The simulated RAM and the shared checks of memblock_sim.h.
 */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "memblock_sim.h"

u8 *sim_ram;
struct memblock_region *init_memory_regions, *init_reserved_regions;

/* The kernel's version is __va(); ours indexes the simulated RAM. */
void *memblock_phys_to_virt(phys_addr_t phys)
{
	if (phys >= MEMBLOCK_SIM_RAM) {
		printk("memblock_sim: phys 0x%llx is outside the simulated RAM\n",
		       phys);
		abort();
	}
	return sim_ram + phys;
}

phys_addr_t sim_phys(const void *virt)
{
	return (phys_addr_t)((const u8 *)virt - sim_ram);
}

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

void reset_memblock(void)
{
	if (!sim_ram) {
		sim_ram = malloc(MEMBLOCK_SIM_RAM);
		if (!sim_ram)
			abort();
	}
	/* The first reset runs before any case could grow the arrays. */
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

void poison_ram(phys_addr_t bytes)
{
	memset(sim_ram, 0xa5, (size_t)bytes);
}

static void region_differs(struct ktest *test, const struct memblock_type *type,
			   unsigned long i, const struct memblock_region *got,
			   const struct rgn *want)
{
	printk(KERN_INFO "    # %s[%lu] is [0x%llx+0x%llx) flags 0x%x, expected [0x%llx+0x%llx)\n",
	       type->name, i, got->base, got->size, (unsigned int)got->flags,
	       want->base, want->size);
	ktest_fail_msg(test, __FILE__, __LINE__, "regions differ");
}

bool regions_are(struct ktest *test, const struct memblock_type *type,
		 const struct rgn *want)
{
	static const struct rgn none;
	phys_addr_t total = 0;
	unsigned long i, n = 0;
	bool same = true;

	while (n < MAX_RGNS && want[n].size)
		total += want[n++].size;
	for (i = 0; i < max(n, type->cnt); i++) {
		const struct memblock_region *got = &type->regions[i];
		const struct rgn *w = i < n ? &want[i] : &none;

		if (i >= type->cnt) {
			printk(KERN_INFO "    # %s[%lu] is missing, expected [0x%llx+0x%llx)\n",
			       type->name, i, w->base, w->size);
			ktest_fail_msg(test, __FILE__, __LINE__, "regions differ");
			same = false;
		} else if (got->base != w->base || got->size != w->size ||
			   got->flags != MEMBLOCK_NONE) {
			region_differs(test, type, i, got, w);
			same = false;
		}
	}
	EXPECT_EQ(test, type->total_size, total);
	return same && type->total_size == total;
}

void run_table(struct ktest *test, const void *rows, size_t n,
	       size_t row_size, void (*fn)(struct ktest *test, const void *row))
{
	enum ktest_status status = test->status;
	const u8 *row = rows;
	size_t r;

	for (r = 0; r < n; r++, row += row_size) {
		test->status = KTEST_PASS;
		fn(test, row);
		if (test->status == KTEST_FAIL) {
			printk(KERN_INFO "    # ^ in row \"%s\"\n",
			       *(const char *const *)row);
			status = KTEST_FAIL;
		}
	}
	test->status = status;
}

void sim_machine(const struct rgn *memory, const struct rgn *reserved,
		 phys_addr_t limit, bool bottom_up)
{
	unsigned int i;

	reset_memblock();
	for (i = 0; i < MAX_RGNS && memory[i].size; i++)
		memblock_add(memory[i].base, memory[i].size);
	for (i = 0; i < MAX_RGNS && reserved[i].size; i++)
		memblock_reserve(reserved[i].base, reserved[i].size);
	if (limit)
		memblock_set_current_limit(limit);
	memblock_set_bottom_up(bottom_up);
}
