/*
 * What the host tests of the slab allocator (test_slab_*.c) share.  Every
 * case boots a fresh simulated machine (mm_sim.h, "plain"), runs
 * kmem_cache_init() on it, and then drives the real mm/slub.c,
 * mm/slub_debug.c and mm/slab_common.c, checking exact numbers: slot
 * layouts, page->inuse, the node's lists and counters, the pages the
 * buddy allocator gets back, and the reports misuse provokes.
 *
 * The host is LP64, so a free pointer is 8 bytes here (4 in the kernel):
 * the layouts in the cases are worked out for sizeof(void *) == 8, and
 * the cases that depend on it say so.  struct kmem_cache itself is 152
 * bytes here.
 */
#ifndef _TESTS_HOST_SLAB_UTIL_H
#define _TESTS_HOST_SLAB_UTIL_H

#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "../../mm/slab.h"
#include "mm_sim.h"

/* The machine booted, mem_map set up, no slab cache yet. */
void slab_boot_no_caches(slab_flags_t debug);

/* A fresh machine with the slab allocator up, slub_debug as given. */
void slab_boot(slab_flags_t debug);

extern unsigned long boot_bad;		/* bad_page_count after slab_boot */

/* Pages not handed out: the buddy lists and the pcp lists. */
unsigned long free_now(void);

/*
 * Everything back: the buddy allocator exactly as after kmem_cache_init,
 * and no bad page reported since.  Returns the number of differences.
 */
int buddy_as_at_init(void);

unsigned int list_count(const struct list_head *head);

/* A cache by name, NULL if slab_caches has none. */
struct kmem_cache *find_cache(const char *name);

static inline struct page *slab_of(const void *object)
{
	return virt_to_head_page(object);
}

/* Object n of the slab that page heads. */
void *obj_at(const struct kmem_cache *s, const struct page *page,
	     unsigned int n);

/* A freelist's length, or -1 if it leaves the slab or does not end. */
int freelist_len(struct kmem_cache *s, struct page *page, void *fp);

/* The word stored as object's free pointer, what it should be, a new one. */
unsigned long stored_fp(const struct kmem_cache *s, void *object);
unsigned long encoded_fp(const struct kmem_cache *s, void *object, void *next);
void store_fp(const struct kmem_cache *s, void *object, unsigned long v);

/* The node's lists and counters, each against what the case expects. */
#define EXPECT_NODE(t, s, n_partial, n_full, n_slabs) do {		\
	EXPECT_EQ(t, (s)->node.nr_partial, n_partial);			\
	EXPECT_EQ(t, list_count(&(s)->node.partial), n_partial);	\
	EXPECT_EQ(t, list_count(&(s)->node.full), n_full);		\
	EXPECT_EQ(t, (s)->node.nr_slabs, n_slabs);			\
	EXPECT_EQ(t, (s)->node.total_objects,				\
		  (unsigned long)(n_slabs) * (s)->objects);		\
} while (0)

/* A report: since mark, this many slab errors and stack dumps. */
struct report_mark {
	size_t log;
	unsigned long errors, dumps;
};

void mark_reports(struct report_mark *m);

#define EXPECT_REPORTS(t, m, nerr) do {					\
	EXPECT_EQ(t, slab_error_count - (m)->errors, nerr);		\
	EXPECT_GE(t, stack_dumps - (m)->dumps, nerr);			\
} while (0)

/* Since the mark, exactly one report, and it is "BUG <cache> ...: what". */
#define EXPECT_ONE_BUG(t, m, cache, what) do {				\
	EXPECT_LOGGED(t, (m)->log, "BUG " cache " (Not tainted): " what); \
	EXPECT_REPORTS(t, m, 1);					\
} while (0)

/* A counting constructor: marks the first 8 bytes 0x3c. */
extern unsigned long ctor_calls;
void count_ctor(void *object);

/*
 * "t512": 512-byte objects, 8 to an order-0 slab, fp @256.  8 * n of
 * them allocated into x: n slabs, the last one the cpu slab, all full.
 */
struct kmem_cache *fill_t512(struct ktest *test, void **x, int n);

/*
 * "rz200": 200 bytes + 8 of right red zone, fp mid-object @96, 8 bytes
 * of left red zone: 216-byte slots, 18 to a slab (left 208).  With red
 * zones every slot says whether it is free (0xbb) or in use (0xcc).
 */
struct kmem_cache *create_rz200(struct ktest *test);

/* Shrinks every kmalloc cache (so their empty slabs go back too). */
void shrink_kmalloc_caches(void);

#endif /* _TESTS_HOST_SLAB_UTIL_H */
