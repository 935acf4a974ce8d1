/*
 * Slab allocator internals shared by mm/slub.c, mm/slub_debug.c and
 * mm/slab_common.c (Linux: mm/slab.h and the struct in slub_def.h).
 *
 * Object layout inside a slot of s->size bytes (debug parts only with
 * SLAB_RED_ZONE / SLAB_POISON):
 *
 *   | left red zone | object (object_size) | right red zone | free ptr |
 *   ^ slot start    ^ what callers get      ^ s->inuse       ^ s->offset
 *
 * Without poisoning or a constructor the free pointer lives inside the
 * free object (at s->offset, mid-object as Linux 5.7+ does) and costs
 * nothing; with them it must sit after the object, which keeps the
 * poison or the constructed state intact.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>

/* The CPU's active slab: a lock-free freelist of its objects. */
struct kmem_cache_cpu {
	void *freelist;
	struct page *page;
};

/* The node's slabs: partial (some free objects) and full ones. */
struct kmem_cache_node {
	struct list_head partial;
	struct list_head full;
	unsigned long nr_partial;
	unsigned long nr_slabs;
	unsigned long total_objects;
};

struct kmem_cache {
	struct kmem_cache_cpu cpu_slab;		/* [NR_CPUS] for SMP */
	slab_flags_t flags;
	unsigned int min_partial;	/* empty slabs kept before freeing */
	unsigned int size;		/* slot size, metadata included */
	unsigned int object_size;	/* what the caller asked for */
	unsigned int offset;		/* free pointer offset in the slot */
	unsigned int inuse;		/* object + right red zone */
	unsigned int align;
	unsigned int red_left_pad;
	unsigned int order;		/* slab = 2^order pages */
	unsigned int objects;		/* objects per slab */
	unsigned long random;		/* freelist pointer obfuscation */
	void (*ctor)(void *);
	const char *name;
	struct list_head list;		/* slab_caches */
	struct kmem_cache_node node;
};

extern struct list_head slab_caches;
extern struct mutex slab_mutex;		/* guards slab_caches */
extern struct kmem_cache *kmem_cache;

/* page->objects is 15 bits wide. */
#define MAX_OBJS_PER_SLAB	32767

/* Poison and red-zone bytes (Linux: include/linux/poison.h). */
#define POISON_INUSE		0x5a	/* not used by SLUB either */
#define POISON_FREE		0x6b	/* a free object's bytes */
#define POISON_END		0xa5	/* its last byte */
#define SLUB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zone of an object in use */

/* Slabs are lowmem (new_slab drops __GFP_HIGHMEM): no kmap lookup. */
static inline void *slab_address(const struct page *page)
{
	return lowmem_page_address(page);
}

/* Slot n of a slab, and the object the caller sees inside it. */
static inline void *slab_slot(const struct kmem_cache *s,
			      const struct page *page, unsigned int n)
{
	return (char *)slab_address(page) + n * s->size;
}

static inline void *slot_object(const struct kmem_cache *s, void *slot)
{
	return (char *)slot + s->red_left_pad;
}

/* mm/slub.c */
/*
 * Is object the start of an object of this slab?  One unsigned compare
 * covers both ends (below the first object wraps to a huge offset);
 * inline, as it runs on every allocation and free.
 */
static inline bool check_valid_pointer(const struct kmem_cache *s,
				       const struct page *page,
				       const void *object)
{
	unsigned long off = (unsigned long)object - s->red_left_pad -
			    (unsigned long)slab_address(page);

	return off < (unsigned long)page->objects * s->size &&
	       off % s->size == 0;
}

/* Is object the head of a freelist of its slab?  (Cheap double free.) */
static inline bool on_freelist_head(const struct kmem_cache *s,
				    const struct page *page, const void *object)
{
	return object == page->freelist ||
	       (page == s->cpu_slab.page && object == s->cpu_slab.freelist);
}

void *get_freepointer(const struct kmem_cache *s, void *object);
int __kmem_cache_create(struct kmem_cache *s, const char *name,
			unsigned int size, unsigned int align,
			slab_flags_t flags, void (*ctor)(void *));
void __kmem_cache_release(struct kmem_cache *s);
unsigned long kmem_cache_objects_in_use(struct kmem_cache *s);
void flush_cpu_slab(struct kmem_cache *s);
int __kmem_cache_shrink(struct kmem_cache *s);

void slab_free(struct kmem_cache *s, struct page *page, void *object);
struct page *slab_page_of(struct kmem_cache **sp, const void *x,
			  const char *caller);

/* mm/slub_debug.c: the checks return true when the object is fine. */
void alloc_debug_checks(struct kmem_cache *s, struct page *page, void *object);
bool free_debug_checks(struct kmem_cache *s, struct page *page, void *object);
bool object_marked_free(const struct kmem_cache *s, void *object);
extern slab_flags_t slub_debug;
void init_object(const struct kmem_cache *s, void *object, u8 val);
bool check_object(struct kmem_cache *s, struct page *page, void *object,
		  u8 val);
void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...);
void object_err(struct kmem_cache *s, struct page *page, void *object,
		const char *reason);
int validate_slab_cache(struct kmem_cache *s);
extern unsigned long slab_error_count;

#endif /* _MM_SLAB_H */
