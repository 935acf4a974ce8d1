/*
 * An augmented treap: a binary search tree by key that is also a heap by
 * a random priority, so it stays balanced on average, and where every
 * node knows the largest value() in its subtree.  Shared by the vmalloc
 * space (mm/vmap_area.c: key va_start, value the free size) and by the
 * user address spaces (mm/mmap.c: key vm_start, value the gap below the
 * VMA).  Linux uses augmented red-black trees for both (lib/rbtree.c with
 * rbtree_augmented.h); a treap does the same job with two short
 * recursive operations, split and merge.
 *
 * The node is embedded in its owner; the root carries the two callbacks
 * that read the owner's key and value.  Keys must be unique and must not
 * change order while a node is in the tree; a value (or a key, in
 * order) may change in place if treap_propagate() is called afterwards.
 */
#ifndef _LINUX_TREAP_H
#define _LINUX_TREAP_H

#include <linux/types.h>

struct treap_node {
	struct treap_node *left, *right;
	unsigned long prio;
	unsigned long subtree_max;	/* the largest value() below, itself included */
};

struct treap_root {
	struct treap_node *node;
	unsigned long (*key)(const struct treap_node *);
	unsigned long (*value)(const struct treap_node *);
};

#define TREAP_ROOT(k, v)	{ NULL, (k), (v) }

static inline unsigned long treap_subtree_max(const struct treap_node *n)
{
	return n ? n->subtree_max : 0;
}

void treap_insert(struct treap_root *root, struct treap_node *node);
void treap_erase(struct treap_root *root, struct treap_node *node);
void treap_propagate(struct treap_root *root, struct treap_node *node);
/* Checks order, heap order and subtree_max; returns the node count or -1. */
long treap_check(const struct treap_root *root);

#endif /* _LINUX_TREAP_H */
