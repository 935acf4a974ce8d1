/*
 * What every slab allocator shares (Linux: mm/slab_common.c): the list of
 * caches, creating and destroying them, the bootstrap of the cache that
 * holds struct kmem_cache itself, kmalloc over the kmalloc-<size>
 * caches, and the slabinfo / slabvalidate monitor commands.
 */
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <linux/sched/debug.h>
#include <linux/string.h>
#include "slab.h"

LIST_HEAD(slab_caches);
/*
 * Held while the list of caches changes or is walked: a thread creating
 * a cache can be preempted in the middle of list_add, and a walker must
 * not meet a cache that kmem_cache_destroy is taking apart.
 */
DEFINE_MUTEX(slab_mutex);
struct kmem_cache *kmem_cache;

/*
 * kmalloc_caches[i] serves sizes up to 2^i bytes, except that 1 and 2
 * hold the odd sizes 96 and 192 (Linux's kmalloc_index layout).
 */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	13
static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];
static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "kmalloc-96", [2] = "kmalloc-192", [3] = "kmalloc-8",
	[4] = "kmalloc-16", [5] = "kmalloc-32", [6] = "kmalloc-64",
	[7] = "kmalloc-128", [8] = "kmalloc-256", [9] = "kmalloc-512",
	[10] = "kmalloc-1k", [11] = "kmalloc-2k", [12] = "kmalloc-4k",
	[13] = "kmalloc-8k",
};

/*
 * kmalloc_index without a loop (Linux's size_index[] and fls): a table
 * by 8-byte steps up to 192, where the odd sizes are, then the power of
 * two above size - 1.
 */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/* 8 16 24 32 40 48 56 64 */
	1, 1, 1, 1, 7, 7, 7, 7,		/* 72-96: 96, 104-128: 128 */
	2, 2, 2, 2, 2, 2, 2, 2,		/* 136-192: 192 */
};

static unsigned int kmalloc_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	return 32 - __builtin_clz((unsigned int)(size - 1));
}

static unsigned int kmalloc_size(unsigned int i)
{
	return i == 1 ? 96 : i == 2 ? 192 : 1U << i;
}

unsigned int kmem_cache_size(const struct kmem_cache *s)
{
	return s->object_size;
}

const char *kmem_cache_name(const struct kmem_cache *s)
{
	return s->name;
}

/* ---- caches ---- */

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	int err = -EINVAL;

	if (name && size && size <= (PAGE_SIZE << (MAX_ORDER - 1)) &&
	    !(align & (align - 1)) && align <= (PAGE_SIZE << (MAX_ORDER - 1))) {
		err = -ENOMEM;
		s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	}
	if (s)
		err = __kmem_cache_create(s, name, size, align,
					  flags | slub_debug, ctor);
	if (err) {
		if (s)
			kmem_cache_free(kmem_cache, s);
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: failed to create slab '%s'",
			      name ? name : "(null)");
		pr_warn("kmem_cache_create(%s) failed with error %d\n",
			name ? name : "(null)", err);
		dump_stack();
		return NULL;
	}
	mutex_lock(&slab_mutex);
	list_add_tail(&s->list, &slab_caches);
	mutex_unlock(&slab_mutex);
	return s;
}

/*
 * A cache with objects still allocated is kept (Linux's message), so
 * the objects stay valid and can still be freed to it.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long in_use;

	if (!s)
		return;
	mutex_lock(&slab_mutex);
	__kmem_cache_shrink(s);
	in_use = kmem_cache_objects_in_use(s);
	if (in_use) {
		mutex_unlock(&slab_mutex);
		pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %pB (%lu in use)\n",
		       s->name, __builtin_return_address(0), in_use);
		dump_stack();
		return;
	}
	__kmem_cache_release(s);
	list_del(&s->list);
	mutex_unlock(&slab_mutex);
	kmem_cache_free(kmem_cache, s);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	return __kmem_cache_shrink(s);
}

int kmem_cache_validate_all(void)
{
	struct kmem_cache *s;
	int bad = 0;

	mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		bad += validate_slab_cache(s);
	mutex_unlock(&slab_mutex);
	return bad;
}

/* ---- kmalloc ---- */

/* Beyond kmalloc-8k: a compound page block straight from the buddy. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = 0;
	struct page *page;

	/*
	 * Stop at MAX_ORDER, which alloc_pages refuses: without the bound a
	 * size over 2 GiB shifted PAGE_SIZE out of range and looped for ever.
	 */
	while (order < MAX_ORDER && (PAGE_SIZE << order) < size)
		order++;
	page = alloc_pages((gfp | __GFP_COMP) & ~__GFP_HIGHMEM, order);
	return page ? page_address(page) : NULL;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
}

/*
 * Slab objects go back to their cache; large blocks to the buddy
 * allocator; anything else (not the start of a large block, not a slab
 * object) is reported and left alone.
 */
void kfree(const void *x)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(x))
		return;
	if (!virt_addr_valid(x)) {
		WARN(1, "kfree: %p is not a kernel lowmem address\n", x);
		return;
	}
	page = virt_to_head_page(x);
	if (unlikely(!PageSlab(page))) {
		if (WARN(!PageHead(page) || x != page_address(page),
			 "kfree: %p is not the start of a kmalloc'ed block\n", x))
			return;
		__free_pages(page, page_alloc_order(page));
		return;
	}
	/* Checked above what slab_page_of would: its cache is the one. */
	slab_free(page->slab_cache, page, (void *)x);
}

size_t ksize(const void *x)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(x))
		return 0;
	page = virt_to_head_page(x);
	if (PageSlab(page))
		return page->slab_cache->object_size;
	return PAGE_SIZE << page_alloc_order(page);
}

/* Grows by moving (the old contents kept); shrinks in place. */
void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	size_t old;
	void *n;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old = ksize(p);
	if (new_size <= old)
		return (void *)p;
	n = kmalloc(new_size, gfp);
	if (n && !ZERO_OR_NULL_PTR(p)) {
		memcpy(n, p, old);
		kfree(p);
	}
	return n;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = kmalloc(len, gfp);
	if (p)
		memcpy(p, s, len);
	return p;
}

/* ---- boot ---- */

/*
 * The cache of struct kmem_cache cannot allocate its own descriptor, so
 * it starts in a static one; once it works, a copy is allocated from
 * itself and every slab is told its new owner (Linux's bootstrap()).
 */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = kmem_cache_zalloc(static_cache, GFP_NOWAIT);
	struct page *page;

	flush_cpu_slab(static_cache);
	memcpy(s, static_cache, sizeof(*s));
	INIT_LIST_HEAD(&s->node.partial);
	INIT_LIST_HEAD(&s->node.full);
	while (!list_empty(&static_cache->node.partial)) {
		page = list_first_entry(&static_cache->node.partial,
					struct page, slab_list);
		list_move(&page->slab_list, &s->node.partial);
		page->slab_cache = s;
	}
	while (!list_empty(&static_cache->node.full)) {
		page = list_first_entry(&static_cache->node.full, struct page,
					slab_list);
		list_move(&page->slab_list, &s->node.full);
		page->slab_cache = s;
	}
	list_del(&static_cache->list);
	list_add(&s->list, &slab_caches);
	return s;
}

void kmem_cache_init(void)
{
	static struct kmem_cache boot_kmem_cache;
	unsigned int i;

	if (__kmem_cache_create(&boot_kmem_cache, "kmem_cache",
				sizeof(struct kmem_cache), 0,
				SLAB_HWCACHE_ALIGN | slub_debug, NULL))
		panic("kmem_cache_init: cannot create the kmem_cache cache");
	list_add(&boot_kmem_cache.list, &slab_caches);
	kmem_cache = bootstrap(&boot_kmem_cache);

	/* Power-of-two sizes aligned to their size, as kmalloc promises. */
	for (i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		unsigned int size = kmalloc_size(i);

		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], size,
			(size & (size - 1)) ? ARCH_KMALLOC_MINALIGN : size,
			SLAB_PANIC, NULL);
	}
	pr_info("SLUB: HWalign=%d, Order=0-3, MinObjects=0, CPUs=1, Nodes=1%s\n",
		L1_CACHE_BYTES, slub_debug ? " (slub_debug on)" : "");
}

/* ---- monitor ---- */

static void slabinfo_one(struct kmem_cache *s)
{
	unsigned long active = kmem_cache_objects_in_use(s);
	unsigned long slabs = s->node.nr_slabs;
	unsigned long overhead = slabs * (PAGE_SIZE << s->order) -
				 active * s->object_size;

	mon_printf("%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6u : overhead %8lu\n",
		   s->name, active, s->node.total_objects, s->size, s->objects,
		   1 << s->order, 0, 0, 0, slabs, slabs, 0, overhead);
}

/*
 * /proc/slabinfo's format; the last column (ours) is the bytes the
 * cache's slabs take beyond the objects in use: metadata, alignment,
 * leftover and free objects.
 */
static int cmd_slabinfo(int argc, char **argv)
{
	struct kmem_cache *s;

	mutex_lock(&slab_mutex);	/* no cache comes or goes under the walk */
	mon_printf("slabinfo - version: 2.1\n");
	mon_printf("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail> : overhead <bytes>\n");
	list_for_each_entry(s, &slab_caches, list)
		slabinfo_one(s);
	mutex_unlock(&slab_mutex);
	return 0;
}
DEFINE_MONITOR_CMD("slabinfo", "slabinfo", "the slab caches, as /proc/slabinfo", cmd_slabinfo);

static int cmd_slabvalidate(int argc, char **argv)
{
	int bad = kmem_cache_validate_all();

	mon_printf("slabvalidate: %d problem%s found\n", bad, bad == 1 ? "" : "s");
	return bad ? -EINVAL : 0;
}
DEFINE_MONITOR_CMD("slabvalidate", "slabvalidate", "check every slab of every cache", cmd_slabvalidate);
