/*
 * The slab allocator's interface (Linux: include/linux/slab.h).
 *
 * A kmem_cache hands out objects of one size, carved from slabs: blocks
 * of 2^order lowmem pages from the buddy allocator.  kmalloc(size) picks
 * the smallest of the kmalloc-8 ... kmalloc-8k caches that fits; larger
 * requests get whole pages (a compound page), and kfree tells the two
 * apart from the page.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

typedef unsigned int slab_flags_t;

#define SLAB_RED_ZONE		0x00000400U	/* guard bytes around objects */
#define SLAB_POISON		0x00000800U	/* fill free objects with 0x6b */
#define SLAB_HWCACHE_ALIGN	0x00002000U	/* align objects to cache lines */
#define SLAB_CACHE_DMA		0x00004000U	/* slabs from ZONE_DMA */
#define SLAB_PANIC		0x00040000U	/* panic if creation fails */
#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON)

/* kmalloc(0): not NULL, but faults if used (Linux's value). */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	8
#define KMALLOC_MAX_CACHE_SIZE	8192	/* larger: pages straight away */
#define L1_CACHE_BYTES		64

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *x);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *x);
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
size_t ksize(const void *x);
char *kstrdup(const char *s, gfp_t gfp);

static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* n * size, or NULL (with no allocation) when the product overflows. */
static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, gfp);
}

/* Boot: the kmem_cache cache, then the kmalloc caches (mm/slab_common.c). */
void kmem_cache_init(void);

/*
 * Checks every slab of every cache (free lists, counts, red zones,
 * poison), reporting what it finds; returns the number of problems.
 */
int kmem_cache_validate_all(void);

/* For the monitor and the tests. */
unsigned int kmem_cache_size(const struct kmem_cache *s);
const char *kmem_cache_name(const struct kmem_cache *s);

#endif /* _LINUX_SLAB_H */
