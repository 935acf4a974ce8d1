/*
 * The SLUB allocator (Linux: mm/slub.c), for one CPU.
 *
 * A slab is a block of 2^order pages cut into equal slots; its struct page
 * (the head page) records the cache, the first free object and how many
 * objects are handed out.  Free objects are chained through a pointer
 * stored inside them, obfuscated (Linux's SLAB_FREELIST_HARDENED) so that
 * an overwritten pointer is noticed rather than followed.
 *
 * Each cache has one active slab per CPU whose free objects sit on the
 * CPU's own freelist: allocating and freeing there is a pointer swap with
 * interrupts off.  Other slabs live on the node's partial list (some free
 * objects) or full list; a slab that becomes empty goes back to the buddy
 * allocator unless the cache keeps min_partial of them around.
 *
 * Debug checks (red zones, poison) are in mm/slub_debug.c, kmalloc and
 * the cache list in mm/slab_common.c.
 */
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/string.h>
#include "slab.h"

#define SLUB_MAX_ORDER		3	/* PAGE_ALLOC_COSTLY_ORDER */
#define MIN_PARTIAL		5
#define MAX_PARTIAL		10

/* ---- hardened free pointers ---- */

/*
 * Stored pointer = ptr ^ random ^ the address it is stored at: a stray
 * write of a plausible address, or a copy from elsewhere, decodes to
 * garbage that check_valid_pointer() rejects.
 */
static void *freelist_ptr(const struct kmem_cache *s, void *ptr,
			  unsigned long ptr_addr)
{
	return (void *)((unsigned long)ptr ^ s->random ^ ptr_addr);
}

void *get_freepointer(const struct kmem_cache *s, void *object)
{
	unsigned long addr = (unsigned long)object + s->offset;

	return freelist_ptr(s, *(void **)addr, addr);
}

static void set_freepointer(const struct kmem_cache *s, void *object,
			    void *fp)
{
	unsigned long addr = (unsigned long)object + s->offset;

	*(void **)addr = freelist_ptr(s, fp, addr);
}

/* ---- sizes ---- */

static unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* The lowest order whose leftover is at most 1/fract of the slab. */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order, unsigned int fract)
{
	unsigned int order;

	for (order = get_order((unsigned long)min_objects * size);
	     order <= max_order; order++) {
		unsigned long slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract)
			break;
	}
	return order;
}

/*
 * Linux's calculate_order: at least 8 objects per slab with under 1/16
 * waste, relaxing to 1/8, 1/4 and fewer objects until an order up to 3
 * fits.
 */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int min_objects = 8, max_objects, fract, order;

	max_objects = (PAGE_SIZE << SLUB_MAX_ORDER) / size;
	min_objects = min(min_objects, max_objects);
	for (; min_objects > 1; min_objects--)
		for (fract = 16; fract >= 4; fract /= 2) {
			order = calc_slab_order(size, min_objects,
						SLUB_MAX_ORDER, fract);
			if (order <= SLUB_MAX_ORDER)
				return order;
		}
	return calc_slab_order(size, 1, MAX_ORDER - 1, 1);
}

/* Lays out the slot: see the picture in mm/slab.h. */
static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);		/* a right red zone, always */
	s->inuse = size;
	/*
	 * Outside the object when its bytes matter (poison, constructed
	 * state) or when the object is smaller than the pointer, which would
	 * then cover the right red zone.
	 */
	if ((s->flags & SLAB_POISON) || s->ctor ||
	    ((s->flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *))) {
		s->offset = size;		/* outside the object */
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2,
				       (unsigned int)sizeof(void *));
	}
	if (s->flags & SLAB_RED_ZONE) {
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	s->size = ALIGN(size, s->align);
	s->order = calculate_order(s->size);
	s->objects = (PAGE_SIZE << s->order) / s->size;
}

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return ALIGN(max(align, (unsigned int)sizeof(void *)),
		     (unsigned int)sizeof(void *));
}

int __kmem_cache_create(struct kmem_cache *s, const char *name,
			unsigned int size, unsigned int align,
			slab_flags_t flags, void (*ctor)(void *))
{
	unsigned int log2 = 0;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->ctor = ctor;
	/* A constructed object cannot be poisoned: its state matters. */
	s->flags = ctor ? flags & ~SLAB_POISON : flags;
	s->align = calculate_alignment(flags, align, size);
	calculate_sizes(s);
	if (s->objects == 0 || s->order >= MAX_ORDER)
		return -EINVAL;
	while ((2U << log2) <= s->size)
		log2++;
	s->min_partial = min(max(log2 / 2, (unsigned int)MIN_PARTIAL),
			     (unsigned int)MAX_PARTIAL);
	s->random = get_random_long();
	INIT_LIST_HEAD(&s->node.partial);
	INIT_LIST_HEAD(&s->node.full);
	INIT_LIST_HEAD(&s->list);
	return 0;
}

/* ---- slabs ---- */

static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t flags = gfp & ~(__GFP_HIGHMEM | __GFP_ZERO | __GFP_DMA);
	struct page *page;
	void *prev = NULL;
	unsigned int i;

	if (s->flags & SLAB_CACHE_DMA)
		flags |= GFP_DMA;
	page = alloc_pages(flags, s->order);
	if (!page)
		return NULL;
	if (s->order)
		prep_compound_page(page, s->order);
	SetPageSlab(page);
	page->slab_cache = s;
	page->objects = s->objects;
	page->inuse = 0;
	page->frozen = 0;
	/* Chain the objects back to front so the freelist runs upwards. */
	for (i = s->objects; i-- > 0;) {
		void *object = slot_object(s, slab_slot(s, page, i));

		init_object(s, object, SLUB_RED_INACTIVE);
		if (s->ctor)
			s->ctor(object);
		set_freepointer(s, object, prev);
		prev = object;
	}
	page->freelist = prev;
	s->node.nr_slabs++;
	s->node.total_objects += s->objects;
	return page;
}

/* An empty slab goes back to the buddy allocator. */
static void discard_slab(struct kmem_cache *s, struct page *page)
{
	s->node.nr_slabs--;
	s->node.total_objects -= page->objects;
	ClearPageSlab(page);
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	page->objects = 0;
	INIT_LIST_HEAD(&page->slab_list);
	if (s->order)
		clear_compound_page(page, s->order);
	__free_pages(page, s->order);
}

static void add_partial(struct kmem_cache *s, struct page *page)
{
	list_add(&page->slab_list, &s->node.partial);
	s->node.nr_partial++;
}

static void remove_partial(struct kmem_cache *s, struct page *page)
{
	list_del(&page->slab_list);
	s->node.nr_partial--;
}

/*
 * Where a slab that is not frozen belongs, given its counts: back to
 * the buddy allocator (empty, and enough empty ones kept), the partial
 * list, or the full list.  It must be on no list when called.
 */
static void place_slab(struct kmem_cache *s, struct page *page)
{
	if (page->inuse == 0 && s->node.nr_partial >= s->min_partial)
		discard_slab(s, page);
	else if (page->freelist)
		add_partial(s, page);
	else
		list_add(&page->slab_list, &s->node.full);
}

static void *freelist_corrupt(struct kmem_cache *s, struct kmem_cache_cpu *c,
			      void *object);

/*
 * Counts the CPU freelist, checking every pointer as slab_alloc does.
 * This walk used to follow an overwritten pointer blindly (a page fault
 * on the next shrink or destroy); now a bad one is reported and, since
 * the object holding it stays free here, the list is repaired behind it:
 * rebuilt from the red zones (then it holds every free object, so it
 * restarts at object), or cut off at object without them.
 */
static unsigned int count_cpu_freelist(struct kmem_cache *s,
				       struct kmem_cache_cpu *c)
{
	unsigned int nfree = 0;
	void *object = c->freelist, *next;

	while (object) {
		nfree++;
		next = get_freepointer(s, object);
		if (next && !check_valid_pointer(s, c->page, next)) {
			next = freelist_corrupt(s, c, object);
			set_freepointer(s, object, next);
			if (next) {
				c->freelist = object;
				nfree = 1;
			}
		}
		object = next;
	}
	return nfree;
}

/* The CPU gives its active slab back; its free objects go with it. */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c)
{
	struct page *page = c->page;
	unsigned int nfree = count_cpu_freelist(s, c);

	page->freelist = c->freelist;
	page->inuse = page->objects - nfree;
	page->frozen = 0;
	c->freelist = NULL;
	c->page = NULL;
	place_slab(s, page);
}

void flush_cpu_slab(struct kmem_cache *s)
{
	unsigned long flags;

	local_irq_save(flags);
	if (s->cpu_slab.page)
		deactivate_slab(s, &s->cpu_slab);
	local_irq_restore(flags);
}

/* Makes page the CPU's active slab, taking all its free objects. */
static void freeze_slab(struct kmem_cache_cpu *c, struct page *page)
{
	c->page = page;
	c->freelist = page->freelist;
	page->freelist = NULL;
	page->inuse = page->objects;
	page->frozen = 1;
}

/*
 * The freelist ran dry: retire the active slab, take a partial one or a
 * new one.  Interrupts are off.  Returns the object or NULL.
 */
static void *__slab_alloc(struct kmem_cache *s, gfp_t gfp,
			  struct kmem_cache_cpu *c)
{
	struct page *page;

	if (c->page)
		deactivate_slab(s, c);
	if (!list_empty(&s->node.partial)) {
		page = list_first_entry(&s->node.partial, struct page, slab_list);
		remove_partial(s, page);
	} else {
		page = new_slab(s, gfp);
		if (!page)
			return NULL;
	}
	freeze_slab(c, page);
	return c->freelist;
}

/*
 * The free pointer stored in object decoded to something that is not an
 * object of this slab: the freelist was overwritten.  Report it and do not
 * follow it.  With red zones every slot says whether it is free, so the
 * CPU freelist is rebuilt exactly (object itself is being handed out);
 * without them the rest of the chain is abandoned: those objects count as
 * in use for good, so the cache can no longer be destroyed.
 */
static void *freelist_corrupt(struct kmem_cache *s, struct kmem_cache_cpu *c,
			      void *object)
{
	void *head = NULL, *other;
	unsigned int i;

	object_err(s, c->page, object, "Freepointer corrupt");
	if (!(s->flags & SLAB_RED_ZONE)) {
		pr_err("FIX %s: rest of the freelist abandoned\n", s->name);
		return NULL;
	}
	for (i = s->objects; i-- > 0;) {
		other = slot_object(s, slab_slot(s, c->page, i));
		if (other != object && object_marked_free(s, other)) {
			set_freepointer(s, other, head);
			head = other;
		}
	}
	pr_err("FIX %s: freelist rebuilt from the red zones\n", s->name);
	return head;
}

/*
 * The next free object after object on the CPU freelist, checked: a
 * pointer that decodes outside this slab means the freelist was
 * overwritten, and then the chain is not followed.
 */
static void *next_free_object(struct kmem_cache *s, struct kmem_cache_cpu *c,
			      void *object)
{
	void *next = get_freepointer(s, object);

	if (next && !check_valid_pointer(s, c->page, next))
		return freelist_corrupt(s, c, object);
	return next;
}

static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	unsigned long flags;
	void *object;

	local_irq_save(flags);
	object = c->freelist;
	if (!object)
		object = __slab_alloc(s, gfp, c);
	if (object)
		c->freelist = next_free_object(s, c, object);
	local_irq_restore(flags);
	if (!object)
		return NULL;
	/* Linux's kmem_cache_debug(s): nothing more unless asked for. */
	if (unlikely(s->flags & SLAB_DEBUG_FLAGS))
		alloc_debug_checks(s, virt_to_head_page(object), object);
	if (gfp & __GFP_ZERO)
		memset(object, 0, s->object_size);
	return object;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp);
}

/* A slab that is not the CPU's: put the object back, move the slab. */
static void __slab_free(struct kmem_cache *s, struct page *page, void *object)
{
	bool was_full = !page->freelist;

	set_freepointer(s, object, page->freelist);
	page->freelist = object;
	page->inuse--;
	if (page->frozen)
		return;
	if (was_full)
		list_del(&page->slab_list);
	else if (page->inuse == 0)
		remove_partial(s, page);
	else
		return;		/* partial before, partial still */
	place_slab(s, page);
}

/* Frees object, whose slab page is page, to cache s (already checked). */
void slab_free(struct kmem_cache *s, struct page *page, void *object)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	unsigned long flags;

	/*
	 * The always-on checks (a pointer to an object of this slab, not
	 * the head of its freelist) inline; the report, and anything that
	 * needs debug flags, out of line.
	 */
	if (unlikely(!check_valid_pointer(s, page, object) ||
		     on_freelist_head(s, page, object) ||
		     (s->flags & SLAB_DEBUG_FLAGS)) &&
	    !free_debug_checks(s, page, object))
		return;
	local_irq_save(flags);
	if (page == c->page) {
		set_freepointer(s, object, c->freelist);
		c->freelist = object;
	} else {
		__slab_free(s, page, object);
	}
	local_irq_restore(flags);
}

/*
 * Which slab and cache does x belong to?  Reports (and returns NULL for)
 * pointers that are not slab objects; for an object of another cache
 * says so and returns the right cache, so nothing leaks.
 */
struct page *slab_page_of(struct kmem_cache **sp, const void *x,
			  const char *caller)
{
	struct page *page;

	if (!virt_addr_valid(x)) {
		WARN(1, "%s: %p is not a kernel lowmem address\n", caller, x);
		return NULL;
	}
	page = virt_to_head_page(x);
	if (!PageSlab(page)) {
		WARN(1, "%s: %p is not a slab object\n", caller, x);
		return NULL;
	}
	if (*sp && page->slab_cache != *sp)
		WARN(1, "%s: Wrong slab cache. %s but object is from %s\n",
		     caller, (*sp)->name, page->slab_cache->name);
	*sp = page->slab_cache;
	return page;
}

void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *page;

	if (!x)
		return;
	page = slab_page_of(&s, x, "kmem_cache_free");
	if (page)
		slab_free(s, page, x);
}

/* ---- shrinking and counting ---- */

int __kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *page, *next;
	unsigned long flags;

	flush_cpu_slab(s);
	local_irq_save(flags);
	list_for_each_entry_safe(page, next, &s->node.partial, slab_list) {
		if (page->inuse)
			continue;
		remove_partial(s, page);
		discard_slab(s, page);
	}
	local_irq_restore(flags);
	return 0;
}

unsigned long kmem_cache_objects_in_use(struct kmem_cache *s)
{
	unsigned long n = 0, flags;
	struct page *page;

	local_irq_save(flags);
	list_for_each_entry(page, &s->node.partial, slab_list)
		n += page->inuse;
	list_for_each_entry(page, &s->node.full, slab_list)
		n += page->inuse;
	/* Checked walk, as in deactivate_slab (slabinfo used to fault). */
	if (s->cpu_slab.page)
		n += s->cpu_slab.page->objects -
		     count_cpu_freelist(s, &s->cpu_slab);
	local_irq_restore(flags);
	return n;
}

/* Frees every (now empty) slab of a cache being destroyed. */
void __kmem_cache_release(struct kmem_cache *s)
{
	__kmem_cache_shrink(s);
	WARN_ON(s->node.nr_slabs != 0);
}
