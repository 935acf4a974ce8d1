/*
 * Allocating ranges of the vmalloc space (Linux: the vmap_area half of
 * mm/vmalloc.c: alloc_vmap_area, free_vmap_area, find_vmap_area).
 *
 * Linux keeps busy and free vmap_areas in two red-black trees, the free
 * one augmented with the largest free size below each node.  Here the
 * trees are the augmented treaps of include/linux/treap.h (shared with
 * the VMA tree of mm/mmap.c), keyed by va_start, the value a range's
 * size.  The augmentation is the same as Linux's: the subtree maximum
 * lets the search for the lowest range that fits skip every subtree too
 * small to hold it, so allocation, lookup and freeing all take O(log n).
 */
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/treap.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>

static LIST_HEAD(vmap_area_list);		/* busy, by address */
static unsigned long nr_busy;
static struct kmem_cache *vmap_area_cachep;
bool vmap_area_locked;				/* the fault path peeks */

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static unsigned long va_key(const struct treap_node *n)
{
	return container_of(n, struct vmap_area, node)->va_start;
}

static unsigned long va_value(const struct treap_node *n)
{
	return va_size(container_of(n, struct vmap_area, node));
}

#define va_of(n)	((n) ? container_of(n, struct vmap_area, node) : NULL)

static struct treap_root free_root = TREAP_ROOT(va_key, va_value);
static struct treap_root busy_root = TREAP_ROOT(va_key, va_value);

static void tree_insert(struct treap_root *root, struct vmap_area *va)
{
	treap_insert(root, &va->node);
}

static void tree_remove(struct treap_root *root, struct vmap_area *va)
{
	treap_erase(root, &va->node);
}

/* The range that contains addr, or NULL. */
static struct vmap_area *tree_find(struct treap_root *root, unsigned long addr)
{
	struct vmap_area *t = va_of(root->node);

	while (t) {
		if (addr < t->va_start)
			t = va_of(t->node.left);
		else if (addr >= t->va_end)
			t = va_of(t->node.right);
		else
			return t;
	}
	return NULL;
}

/*
 * The lowest free range at least length long: a subtree whose largest
 * range is shorter is never entered, so one path is walked.
 */
static struct vmap_area *lowest_fit(struct treap_node *t, unsigned long length)
{
	while (t && t->subtree_max >= length) {
		if (treap_subtree_max(t->left) >= length)
			t = t->left;
		else if (va_value(t) >= length)
			return va_of(t);
		else
			t = t->right;
	}
	return NULL;
}

/* The busy list stays in address order: insert after the busy predecessor. */
static void link_busy(struct vmap_area *va)
{
	struct vmap_area *t = va_of(busy_root.node), *prev = NULL;

	while (t) {
		if (t->va_start < va->va_start) {
			prev = t;
			t = va_of(t->node.right);
		} else {
			t = va_of(t->node.left);
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
	fit = lowest_fit(free_root.node, align > PAGE_SIZE ? size + align - 1 : size);
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
	prev = va->va_start > VMALLOC_START ? tree_find(&free_root, va->va_start - 1) : NULL;
	next = tree_find(&free_root, va->va_end);
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
	va = tree_find(&busy_root, addr);
	local_irq_restore(flags);
	return va;
}

unsigned long vmalloc_largest_free(void)
{
	return treap_subtree_max(free_root.node);
}

unsigned long vmalloc_nr_areas(void)
{
	return nr_busy;
}

struct list_head *vmap_area_list_head(void)
{
	return &vmap_area_list;
}
