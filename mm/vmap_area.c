/*
 * Allocating ranges of the vmalloc space (Linux: the vmap_area half of
 * mm/vmalloc.c: alloc_vmap_area, free_vmap_area, find_vmap_area).
 *
 * Linux keeps busy and free vmap_areas in two red-black trees, the free
 * one augmented with the largest free size below each node.  Here the
 * trees are treaps: binary search trees by address that are also heaps
 * by a random priority, which keeps them balanced on average with two
 * short recursive operations, split and merge.  The augmentation is the
 * same: subtree_max_size lets the search for the lowest range that fits
 * skip every subtree too small to hold it, so allocation, lookup and
 * freeing all take O(log n).
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>

static struct vmap_area *free_root, *busy_root;
static LIST_HEAD(vmap_area_list);		/* busy, by address */
static unsigned long nr_busy;
static struct kmem_cache *vmap_area_cachep;
bool vmap_area_locked;				/* the fault path peeks */

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static unsigned long max_size(const struct vmap_area *va)
{
	return va ? va->subtree_max_size : 0;
}

static void update(struct vmap_area *t)
{
	t->subtree_max_size = max(va_size(t), max(max_size(t->left),
						  max_size(t->right)));
}

/* Splits t into the nodes starting below key (*l) and the rest (*r). */
static void split(struct vmap_area *t, unsigned long key,
		  struct vmap_area **l, struct vmap_area **r)
{
	if (!t) {
		*l = *r = NULL;
		return;
	}
	if (t->va_start < key) {
		split(t->right, key, &t->right, r);
		*l = t;
	} else {
		split(t->left, key, l, &t->left);
		*r = t;
	}
	update(t);
}

/* Joins two treaps; every node of l lies below every node of r. */
static struct vmap_area *merge(struct vmap_area *l, struct vmap_area *r)
{
	if (!l || !r)
		return l ? l : r;
	if (l->prio > r->prio) {
		l->right = merge(l->right, r);
		update(l);
		return l;
	}
	r->left = merge(l, r->left);
	update(r);
	return r;
}

static void tree_insert(struct vmap_area **root, struct vmap_area *va)
{
	struct vmap_area *l, *r;

	va->left = va->right = NULL;
	va->prio = get_random_long();
	update(va);
	split(*root, va->va_start, &l, &r);
	*root = merge(merge(l, va), r);
}

static void tree_remove(struct vmap_area **root, struct vmap_area *va)
{
	struct vmap_area *l, *m, *r;

	split(*root, va->va_start, &l, &m);
	split(m, va->va_start + 1, &m, &r);
	BUG_ON(m != va);
	*root = merge(l, r);
}

/* The range that contains addr, or NULL. */
static struct vmap_area *tree_find(struct vmap_area *t, unsigned long addr)
{
	while (t) {
		if (addr < t->va_start)
			t = t->left;
		else if (addr >= t->va_end)
			t = t->right;
		else
			return t;
	}
	return NULL;
}

/*
 * The lowest free range at least length long: a subtree whose largest
 * range is shorter is never entered, so one path is walked.
 */
static struct vmap_area *lowest_fit(struct vmap_area *t, unsigned long length)
{
	while (t && t->subtree_max_size >= length) {
		if (max_size(t->left) >= length)
			t = t->left;
		else if (va_size(t) >= length)
			return t;
		else
			t = t->right;
	}
	return NULL;
}

/* The busy list stays in address order: insert after the busy predecessor. */
static void link_busy(struct vmap_area *va)
{
	struct vmap_area *t = busy_root, *prev = NULL;

	while (t) {
		if (t->va_start < va->va_start) {
			prev = t;
			t = t->right;
		} else {
			t = t->left;
		}
	}
	list_add(&va->list, prev ? &prev->list : &vmap_area_list);
	tree_insert(&busy_root, va);
	nr_busy++;
}

void vmap_area_init(void)
{
	struct vmap_area *va;

	vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area),
					     0, SLAB_PANIC, NULL);
	va = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
	BUG_ON(!va);
	va->va_start = VMALLOC_START;
	va->va_end = VMALLOC_END;
	tree_insert(&free_root, va);
}

/*
 * Takes size bytes, aligned, from the lowest free range that has room.
 * Returns the busy vmap_area, or NULL when nothing fits.
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align)
{
	struct vmap_area *va, *fit, *rest;
	unsigned long flags, addr, end;

	va = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
	rest = kmem_cache_zalloc(vmap_area_cachep, GFP_KERNEL);
	if (!va || !rest)
		goto fail;
	local_irq_save(flags);
	vmap_area_locked = true;
	/*
	 * Free ranges start and end on page boundaries, so page alignment
	 * costs nothing: only a larger alignment needs the slack (as Linux's
	 * adjust_search_size).  Asking for size + PAGE_SIZE - 1 refused a
	 * range of exactly the right size -- an area (guard page included)
	 * as large as the largest free range the warning names.
	 */
	fit = lowest_fit(free_root, align > PAGE_SIZE ? size + align - 1 : size);
	if (!fit) {
		vmap_area_locked = false;
		local_irq_restore(flags);
		goto fail;
	}
	addr = ALIGN(fit->va_start, align);
	end = fit->va_end;
	tree_remove(&free_root, fit);
	if (addr > fit->va_start) {		/* the part below stays free */
		fit->va_end = addr;
		tree_insert(&free_root, fit);
		fit = NULL;
	}
	if (addr + size < end) {		/* and the part above */
		rest->va_start = addr + size;
		rest->va_end = end;
		tree_insert(&free_root, rest);
		rest = NULL;
	}
	va->va_start = addr;
	va->va_end = addr + size;
	link_busy(va);
	vmap_area_locked = false;
	local_irq_restore(flags);
	kmem_cache_free(vmap_area_cachep, fit);
	kmem_cache_free(vmap_area_cachep, rest);
	return va;
fail:
	kmem_cache_free(vmap_area_cachep, va);
	kmem_cache_free(vmap_area_cachep, rest);
	return NULL;
}

/* Gives a busy range back, merged with free neighbours on both sides. */
void free_vmap_area(struct vmap_area *va)
{
	struct vmap_area *prev, *next;
	unsigned long flags;

	local_irq_save(flags);
	vmap_area_locked = true;
	tree_remove(&busy_root, va);
	list_del(&va->list);
	nr_busy--;
	va->vm = NULL;
	prev = va->va_start > VMALLOC_START ? tree_find(free_root, va->va_start - 1) : NULL;
	next = tree_find(free_root, va->va_end);
	if (prev) {
		tree_remove(&free_root, prev);
		va->va_start = prev->va_start;
	}
	if (next) {
		tree_remove(&free_root, next);
		va->va_end = next->va_end;
	}
	tree_insert(&free_root, va);
	vmap_area_locked = false;
	local_irq_restore(flags);
	kmem_cache_free(vmap_area_cachep, prev);
	kmem_cache_free(vmap_area_cachep, next);
}

/* The busy area that contains addr (its guard page included), or NULL. */
struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;
	unsigned long flags;

	local_irq_save(flags);
	va = tree_find(busy_root, addr);
	local_irq_restore(flags);
	return va;
}

unsigned long vmalloc_largest_free(void)
{
	return max_size(free_root);
}

unsigned long vmalloc_nr_areas(void)
{
	return nr_busy;
}

struct list_head *vmap_area_list_head(void)
{
	return &vmap_area_list;
}
