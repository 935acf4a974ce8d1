/*
 * The /proc-format tables of mm/vmstat.c say what Linux's say.  Suite
 * "vmstat".  Linux's free count (NR_FREE_PAGES, MemFree, zoneinfo's
 * "pages free") leaves out the pages on the per-CPU lists -- zoneinfo
 * shows those under "pagesets" -- and it is the count the watermark
 * checks use.  So each case first puts pages on a per-CPU list: only
 * then does "with" differ from "without".
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/monitor.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "test_util.h"

static char out[4096];

/* The decimal number after the first "key" at or after from, or -1. */
static long number_after(const char *from, const char *key)
{
	const char *p = from ? strstr(from, key) : NULL;
	long n = 0;

	if (!p)
		return -1;
	p += strlen(key);
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	return n;
}

/* Runs a monitor command into out. */
static void capture(const char *cmd)
{
	monitor_capture(out, sizeof(out));
	monitor_exec(cmd);
	monitor_capture(NULL, 0);
}

/* Frees a few GFP_KERNEL pages: they stay on their zone's per-CPU list. */
static void fill_pcp(void)
{
	struct page *pages[4];
	gfp_t gfp = GFP_KERNEL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = alloc_page(gfp);
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			__free_page(pages[i]);
}

static void test_zoneinfo_free_without_pcp(struct ktest *test)
{
	struct zone *zone = kernel_zone();	/* Normal, or DMA at mem=16M */
	unsigned long free, pcp, flags;
	char header[32];
	const char *at;

	fill_pcp();
	/* The table is printed with interrupts on: read the zone after it. */
	capture("zoneinfo");
	local_irq_save(flags);
	free = zone->free_pages;
	pcp = zone->pcp.count;
	local_irq_restore(flags);
	ASSERT_GT(test, pcp, 0);
	snprintf(header, sizeof(header), "zone %8s\n", zone->name);
	at = strstr(out, header);
	ASSERT_NOT_NULL(test, at);
	EXPECT_EQ(test, number_after(at, "pages free"), (long)free);
	EXPECT_EQ(test, number_after(at, "count:"), (long)pcp);
	EXPECT_EQ(test, number_after(at, "high:"), (long)zone->pcp.high);
	EXPECT_EQ(test, number_after(at, "batch:"), (long)zone->pcp.batch);
}

static void test_meminfo_free_without_pcp(struct ktest *test)
{
	struct zone *high = zone_of(ZONE_HIGHMEM);
	unsigned long free, highfree, pcp = 0, flags;
	struct zone *zone;

	fill_pcp();
	capture("meminfo");
	local_irq_save(flags);
	free = nr_free_pages();
	highfree = high->free_pages;
	for_each_zone(zone)
		pcp += zone->pcp.count;
	local_irq_restore(flags);
	ASSERT_GT(test, pcp, 0);
	EXPECT_EQ(test, number_after(out, "MemFree:"), (long)(free << 2));
	EXPECT_EQ(test, number_after(out, "HighFree:"), (long)(highfree << 2));
	EXPECT_EQ(test, number_after(out, "LowFree:"),
		  (long)((free - highfree) << 2));
}

/* PageTables: user PTE pages, which come and go with the mappings. */
static void test_meminfo_page_tables(struct ktest *test)
{
	struct mm_struct *mm = mm_alloc();
	struct page *page = alloc_page(GFP_HIGHUSER);
	long before;

	ASSERT_NOT_NULL(test, mm);
	ASSERT_NOT_NULL(test, page);
	capture("meminfo");
	before = number_after(out, "PageTables:");
	EXPECT_EQ(test, before, (long)atomic_read(&nr_pagetable_pages) << 2);
	EXPECT_EQ(test, install_user_page(mm, 0x08048000, page, PAGE_READONLY), 0);
	EXPECT_EQ(test, install_user_page(mm, 0xbffff000, page, PAGE_READONLY), 0);
	capture("meminfo");
	EXPECT_EQ(test, number_after(out, "PageTables:"), before + 8);
	__free_page(page);
	mmput(mm);			/* its page tables go with it */
	capture("meminfo");
	EXPECT_EQ(test, number_after(out, "PageTables:"), before);
}

KTEST_SUITE(vmstat,
	    KTEST_CASE(test_zoneinfo_free_without_pcp),
	    KTEST_CASE(test_meminfo_free_without_pcp),
	    KTEST_CASE(test_meminfo_page_tables));
