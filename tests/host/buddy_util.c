/*
 * The helpers of buddy_util.h: the known machine, held blocks, boot and
 * the allocation loop the watermark cases measure with.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "buddy_util.h"

const struct machine known = {
	.ram = { { 0, 10240 }, { 10243, 16384 } },
	.rsv = { { 0, 1 }, { 256, 512 }, { 11776, KNOWN_MEMMAP },
		 { 13000, 13001 } },
	.limit = 12288,
	.zone_end = { 4096, 12288, 16384 },
};

BUILD_BUG_ON(MEMMAP_PAGES(16384) > 512);

bool free_head(unsigned long pfn, unsigned int order)
{
	const struct page *page = pfn_to_page(pfn);

	if (PageBuddy(page) && page->private == order && page_count(page) == 0)
		return true;
	printk("# pfn %lu is not the head of a free order-%u block\n", pfn, order);
	return false;
}

struct held_block held[SIM_PFNS];
unsigned long nr_held;

void hold(struct page *page, unsigned int order)
{
	held[nr_held].page = page;
	held[nr_held].order = order;
	nr_held++;
}

void free_held(void)
{
	while (nr_held) {
		nr_held--;
		__free_pages(held[nr_held].page, held[nr_held].order);
	}
}

struct buddy_snap boot_snap;
unsigned long boot_bad;

void boot(const struct machine *m)
{
	sim_boot(m);
	take_snap(&boot_snap);
	boot_bad = bad_page_count;
	nr_held = 0;
}

void zero_watermarks(void)
{
	enum zone_type z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		memset(zone_of(z)->_watermark, 0, sizeof(zone_of(z)->_watermark));
		memset(zone_of(z)->lowmem_reserve, 0,
		       sizeof(zone_of(z)->lowmem_reserve));
	}
}

static char runs_buf[256];

const char *alloc_until_fail(gfp_t gfp, unsigned int order)
{
	enum zone_type last = MAX_NR_ZONES;
	unsigned long n = 0;
	size_t len = 0;
	struct page *page;

	runs_buf[0] = '\0';
	for (;;) {
		page = alloc_pages(gfp, order);
		if (!page || page_zonenum(page) != last) {
			if (n)
				len += scnprintf(runs_buf + len, sizeof(runs_buf) - len,
						 "%s%s*%lu", len ? " " : "",
						 zone_of(last)->name, n);
			if (!page)
				return runs_buf;
			last = page_zonenum(page);
			n = 0;
		}
		hold(page, order);
		n++;
	}
}
