/*
 * Misuse of the page allocator (mm/page_alloc.c) that Linux reports as
 * "BUG: Bad page state": double frees, frees of reserved pages, of the
 * wrong order, of tail pages and slab pages, and pages freed with flags,
 * counts or mappings left on them; and free_pages() of an address
 * outside the direct map.  Each is reported once with the page and the
 * reason, the free lists stay consistent, and the block is given back
 * properly afterwards.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/sprintf.h>
#include <asm/setup.h>
#include "test_util.h"

extern unsigned long bad_page_count;	/* mm/page_alloc.c */

/* The log must hold str (built at run time) since mark. */
static void expect_logged_str(struct ktest *test, size_t mark, const char *str,
			      int line)
{
	static char msg[160];

	if (printk_log_find(mark, str))
		return;
	snprintf(msg, sizeof(msg), "Expected the log to contain \"%s\"", str);
	ktest_fail_msg(test, __FILE__, line, msg);
}

struct bad_mark {
	size_t log;
	unsigned long count;
};

static void bad_begin(struct bad_mark *m)
{
	m->log = printk_log_pos();
	m->count = bad_page_count;
}

/*
 * Exactly one report since m, about page, with this reason; the free
 * lists still consistent.
 */
static void expect_bad_page(struct ktest *test, const struct bad_mark *m,
			    struct page *page, const char *reason, int line)
{
	char buf[128];

	if (bad_page_count != m->count + 1 ||
	    printk_log_count(m->log, "BUG: Bad page state") != 1)
		ktest_fail_msg(test, __FILE__, line,
			       "Expected exactly one Bad page state report");
	/* "in process %s  pfn:%05lx", whichever task it was */
	snprintf(buf, sizeof(buf), "  pfn:%05lx\n", page_to_pfn(page));
	expect_logged_str(test, m->log, "BUG: Bad page state in process ", line);
	expect_logged_str(test, m->log, buf, line);
	snprintf(buf, sizeof(buf), "page dumped because: %s\n", reason);
	expect_logged_str(test, m->log, buf, line);
	expect_logged_str(test, m->log, "Call Trace:", line);
	if (check_free_lists() != 0)
		ktest_fail_msg(test, __FILE__, line, "check_free_lists() found problems");
}
#define EXPECT_BAD_PAGE(t, m, page, reason) expect_bad_page(t, m, page, reason, __LINE__)

#define REASON_FREE	"freeing a page that is already free"
#define REASON_REFCOUNT	"freeing a page with refcount 0 (not allocated, or a tail page)"
#define REASON_RESERVED	"freeing a reserved page"
#define REASON_ORDER	"freeing with a different order than allocated"
#define REASON_SLAB	"freeing a slab page with free_pages"
#define REASON_FLAGS	"PAGE_FLAGS_CHECK_AT_FREE flag(s) set"

/*
 * A block whose free was refused after its last reference went: make it
 * an allocated block of this order again, so it can be freed properly.
 */
static void repair_block(struct page *page, unsigned int order)
{
	set_page_count(page, 1);
	set_page_alloc_order(page, order);
}

static void test_double_free(struct ktest *test)
{
	struct zone *zone = kernel_zone();
	struct free_state before;
	struct page *page, *lo, *hi;
	struct bad_mark m;
	LIST_HEAD(hoard);
	int pcp;

	free_state_take(&before);
	/* Order 0: the first free put it on the pcp list. */
	page = alloc_page(GFP_KERNEL);
	ASSERT_NOT_NULL(test, page);
	__free_page(page);
	pcp = zone->pcp.count;
	bad_begin(&m);
	__free_page(page);
	EXPECT_BAD_PAGE(test, &m, page, REASON_REFCOUNT);
	EXPECT_EQ(test, zone->pcp.count, pcp);

	/* Order 2, held apart from its allocated buddy on free list 2. */
	EXPECT_NE(test, alloc_buddies(2, &lo, &hi, &hoard), 0);
	if (lo) {
		__free_pages(lo, 2);
		EXPECT_TRUE(test, is_free_block(lo, 2));
		bad_begin(&m);
		__free_pages(lo, 2);
		EXPECT_BAD_PAGE(test, &m, lo, REASON_FREE);
		EXPECT_TRUE(test, is_free_block(lo, 2));
		EXPECT_EQ(test, zone->free_area[2].nr_free, 1);
		__free_pages(hi, 2);
	}
	free_page_list(&hoard);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static void test_free_reserved(struct ktest *test)
{
	struct page *zero = pfn_to_page(0), *text = virt_to_page(_text);
	struct free_state before;
	struct bad_mark m;

	free_state_take(&before);
	ASSERT_TRUE(test, PageReserved(zero));
	ASSERT_TRUE(test, PageReserved(text));
	bad_begin(&m);
	__free_page(zero);
	EXPECT_BAD_PAGE(test, &m, zero, REASON_RESERVED);
	bad_begin(&m);
	free_page((unsigned long)_text);
	EXPECT_BAD_PAGE(test, &m, text, REASON_RESERVED);
	/* Left exactly as they were. */
	EXPECT_TRUE(test, PageReserved(zero) && PageReserved(text));
	EXPECT_EQ(test, page_count(zero), 1);
	EXPECT_EQ(test, page_count(text), 1);
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

/* ---- one wrong free per row ---- */

/*
 * A block of `order` is allocated; spoil(block, order, true) leaves on it
 * what must not be there when it is freed (NULL: nothing); free_it frees
 * it, the wrong way or with the spoiled page.  Exactly one report
 * follows, naming page `bad` of the block with `reason` (and `detail`,
 * if set, with %u for the block's zone).  A `refused` free was turned away before it changed anything:
 * the block is still allocated as it was.  Otherwise its last reference
 * went and the block was kept off every list; repair_block() makes it
 * whole.  Then spoil(..., false) undoes the damage and the block is
 * freed properly.
 */
struct bad_free {
	const char *what;
	unsigned int order, bad;
	void (*spoil)(struct page *block, unsigned int order, bool on);
	void (*free_it)(struct page *block, unsigned int order);
	bool refused;
	const char *reason, *detail;
};

static void free_block(struct page *block, unsigned int order)
{
	__free_pages(block, order);
}

static void free_order_below(struct page *block, unsigned int order)
{
	__free_pages(block, order - 1);
}

static void free_order_above(struct page *block, unsigned int order)
{
	__free_pages(block, order + 1);
}

static void free_second_page(struct page *block, unsigned int order)
{
	__free_page(block + 1);
}

static void put_last_page(struct page *block, unsigned int order)
{
	put_page(block + (1U << order) - 1);
}

static void set_flag(struct page *page, unsigned int flag, bool on)
{
	if (on)
		page->flags |= 1UL << flag;
	else
		page->flags &= ~(1UL << flag);
}

static void spoil_slab(struct page *block, unsigned int order, bool on)
{
	set_flag(block, PG_slab, on);
}

static void spoil_lru(struct page *block, unsigned int order, bool on)
{
	set_flag(block, PG_lru, on);
}

static void spoil_last_private(struct page *block, unsigned int order, bool on)
{
	set_flag(block + (1U << order) - 1, PG_private, on);
}

/* A reference left on a tail page. */
static void spoil_tail_count(struct page *block, unsigned int order, bool on)
{
	set_page_count(block + 1, on ? 1 : 0);
}

/* A page still mapped somewhere. */
static void spoil_mapcount(struct page *block, unsigned int order, bool on)
{
	atomic_set(&block->_mapcount, on ? 0 : -1);
}

static void run_bad_frees(struct ktest *test, const struct bad_free *rows,
			  unsigned int n)
{
	enum ktest_status was = test->status;
	struct free_state before;
	unsigned int i;

	free_state_take(&before);
	for (i = 0; i < n; i++) {
		const struct bad_free *r = &rows[i];
		struct page *block = alloc_pages(GFP_KERNEL, r->order);
		char detail[32];
		struct bad_mark m;
		struct zone *zone;
		int pcp;

		ASSERT_NOT_NULL(test, block);
		zone = page_zone(block);
		if (r->spoil)
			r->spoil(block, r->order, true);
		pcp = zone->pcp.count;
		bad_begin(&m);
		r->free_it(block, r->order);
		EXPECT_BAD_PAGE(test, &m, block + r->bad, r->reason);
		if (r->detail) {	/* it may name the zone */
			snprintf(detail, sizeof(detail), r->detail, page_zonenum(block));
			expect_logged_str(test, m.log, detail, __LINE__);
		}
		/* Neither on the per-CPU list nor merged into the free lists. */
		EXPECT_EQ(test, zone->pcp.count, pcp);
		EXPECT_FALSE(test, PageBuddy(block));
		if (r->refused) {
			EXPECT_EQ(test, page_count(block), 1);
			EXPECT_EQ(test, page_alloc_order(block), r->order);
		}
		if (test->status == KTEST_FAIL && was != KTEST_FAIL) {
			pr_info("    # the failure above: %s\n", r->what);
			was = KTEST_FAIL;
		}
		if (r->spoil)
			r->spoil(block, r->order, false);
		if (!r->refused)
			repair_block(block, r->order);
		__free_pages(block, r->order);
	}
	EXPECT_EQ(test, free_state_diff(&before), 0);
}

static const struct bad_free wrong_order_frees[] = {
	{ "an order-2 block freed as order 1", 2, 0, NULL, free_order_below,
	  true, REASON_ORDER, NULL },
	{ "an order-2 block freed as order 3", 2, 0, NULL, free_order_above,
	  true, REASON_ORDER, NULL },
};

static const struct bad_free tail_page_frees[] = {
	{ "__free_page of a tail page", 2, 1, NULL, free_second_page,
	  true, REASON_REFCOUNT, NULL },
	{ "put_page of a tail page", 2, 3, NULL, put_last_page,
	  true, REASON_REFCOUNT, NULL },
};

/* Refused before anything changes. */
static const struct bad_free slab_page_frees[] = {
	{ "a slab page given to free_pages", 0, 0, spoil_slab, free_block,
	  true, REASON_SLAB, NULL },
};

/*
 * Flags that must be clear when the last reference goes, on the head or
 * on a tail page: reported on the page that has them.  An order-0 page
 * must not reach the per-CPU list.
 */
static const struct bad_free bad_flag_frees[] = {
	{ "PG_lru on an order-0 page", 0, 0, spoil_lru, free_block,
	  false, REASON_FLAGS, "(lru|zone=%u)\n" },
	{ "PG_private on the last page of an order-2 block", 2, 3,
	  spoil_last_private, free_block, false, REASON_FLAGS, NULL },
};

static const struct bad_free bad_count_frees[] = {
	{ "a reference left on a tail page", 1, 1, spoil_tail_count,
	  free_block, false, "nonzero _refcount", NULL },
	{ "a page still mapped", 0, 0, spoil_mapcount, free_block,
	  false, "nonzero mapcount", NULL },
};

static void test_free_wrong_order(struct ktest *test)
{
	run_bad_frees(test, wrong_order_frees, ARRAY_SIZE(wrong_order_frees));
}

static void test_free_tail_page(struct ktest *test)
{
	run_bad_frees(test, tail_page_frees, ARRAY_SIZE(tail_page_frees));
}

static void test_free_bad_flags(struct ktest *test)
{
	run_bad_frees(test, bad_flag_frees, ARRAY_SIZE(bad_flag_frees));
}

static void test_free_bad_counts(struct ktest *test)
{
	run_bad_frees(test, bad_count_frees, ARRAY_SIZE(bad_count_frees));
}

static void test_free_slab_page(struct ktest *test)
{
	run_bad_frees(test, slab_page_frees, ARRAY_SIZE(slab_page_frees));
}

/* free_pages() of an address outside the direct map frees nothing. */
static void test_free_pages_bad_address(struct ktest *test)
{
	unsigned long before = nr_free_pages();
	size_t mark = printk_log_pos();

	free_pages(0x1000, 0);			/* user space */
	free_pages(0xf8800000UL, 0);		/* vmalloc space */
	EXPECT_EQ(test, printk_log_count(mark, "is not a direct-map address"), 2);
	EXPECT_EQ(test, nr_free_pages(), before);
	EXPECT_EQ(test, check_free_lists(), 0);
}

KTEST_SUITE(bad_page,
	    KTEST_CASE(test_free_pages_bad_address),
	    KTEST_CASE(test_double_free),
	    KTEST_CASE(test_free_reserved),
	    KTEST_CASE(test_free_wrong_order),
	    KTEST_CASE(test_free_tail_page),
	    KTEST_CASE(test_free_bad_flags),
	    KTEST_CASE(test_free_bad_counts),
	    KTEST_CASE(test_free_slab_page));
