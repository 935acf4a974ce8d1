/*
 * The helpers of slab_util.h: booting the slab allocator on the
 * simulated machine, looking into slabs and freelists, and the caches
 * several cases build on.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "slab_util.h"

/* The buddy allocator's state right after kmem_cache_init(). */
static struct buddy_snap init_snap;
unsigned long boot_bad;

void slab_boot_no_caches(slab_flags_t debug)
{
	sim_boot(&plain);
	INIT_LIST_HEAD(&slab_caches);
	kmem_cache = NULL;
	slub_debug = debug;
	slab_error_count = 0;
}

void slab_boot(slab_flags_t debug)
{
	slab_boot_no_caches(debug);
	kmem_cache_init();
	drain_local_pages();
	take_snap(&init_snap);
	boot_bad = bad_page_count;
}

unsigned long free_now(void)
{
	enum zone_type z;
	unsigned long n = 0;

	for (z = 0; z < MAX_NR_ZONES; z++)
		n += zone_free_pages(zone_of(z));
	return n;
}

int buddy_as_at_init(void)
{
	drain_local_pages();
	return snap_diff(&init_snap) + check_free_lists() +
	       (int)(bad_page_count - boot_bad);
}

unsigned int list_count(const struct list_head *head)
{
	const struct list_head *p;
	unsigned int n = 0;

	for (p = head->next; p != head; p = p->next)
		n++;
	return n;
}

struct kmem_cache *find_cache(const char *name)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

void *obj_at(const struct kmem_cache *s, const struct page *page,
	     unsigned int n)
{
	return slot_object(s, slab_slot(s, page, n));
}

int freelist_len(struct kmem_cache *s, struct page *page, void *fp)
{
	int n = 0;

	while (fp) {
		if (n > page->objects || !check_valid_pointer(s, page, fp))
			return -1;
		n++;
		fp = get_freepointer(s, fp);
	}
	return n;
}

unsigned long stored_fp(const struct kmem_cache *s, void *object)
{
	unsigned long v;

	memcpy(&v, (char *)object + s->offset, sizeof(v));
	return v;
}

unsigned long encoded_fp(const struct kmem_cache *s, void *object, void *next)
{
	return (unsigned long)next ^ s->random ^
	       ((unsigned long)object + s->offset);
}

void store_fp(const struct kmem_cache *s, void *object, unsigned long v)
{
	memcpy((char *)object + s->offset, &v, sizeof(v));
}

void mark_reports(struct report_mark *m)
{
	m->log = printk_log_pos();
	m->errors = slab_error_count;
	m->dumps = stack_dumps;
}

unsigned long ctor_calls;

void count_ctor(void *object)
{
	ctor_calls++;
	memset(object, 0x3c, 8);
}

struct kmem_cache *fill_t512(struct ktest *test, void **x, int n)
{
	struct kmem_cache *s = kmem_cache_create("t512", 512, 0, 0, NULL);
	int i;

	if (!s)
		return NULL;
	for (i = 0; i < 8 * n; i++) {
		x[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!x[i])
			return NULL;
		/* slab k holds x[8k] .. x[8k + 7], in order */
		EXPECT_PTR_EQ(test, x[i], obj_at(s, slab_of(x[8 * (i / 8)]), i % 8));
	}
	return s;
}

struct kmem_cache *create_rz200(struct ktest *test)
{
	struct kmem_cache *s = kmem_cache_create("rz200", 200, 0,
						 SLAB_RED_ZONE, NULL);

	if (s) {
		EXPECT_EQ(test, s->size, 216);
		EXPECT_EQ(test, s->objects, 18);
		EXPECT_EQ(test, s->offset, 96);
		EXPECT_EQ(test, s->red_left_pad, 8);
	}
	return s;
}

void shrink_kmalloc_caches(void)
{
	struct kmem_cache *s;

	list_for_each_entry(s, &slab_caches, list)
		if (s != kmem_cache)
			kmem_cache_shrink(s);
}
