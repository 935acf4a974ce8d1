/*
 * The augmented treap of include/linux/treap.h.  Every operation walks
 * one or two root-to-leaf paths and recomputes subtree_max on the way
 * back up, so all of them take O(log n) on average.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/treap.h>

static void update(const struct treap_root *root, struct treap_node *t)
{
	t->subtree_max = max(root->value(t), max(treap_subtree_max(t->left),
						 treap_subtree_max(t->right)));
}

/* Splits t into the nodes keyed below key (*l) and the rest (*r). */
static void split(const struct treap_root *root, struct treap_node *t,
		  unsigned long key, struct treap_node **l, struct treap_node **r)
{
	if (!t) {
		*l = *r = NULL;
		return;
	}
	if (root->key(t) < key) {
		split(root, t->right, key, &t->right, r);
		*l = t;
	} else {
		split(root, t->left, key, l, &t->left);
		*r = t;
	}
	update(root, t);
}

/* Joins two treaps; every key of l lies below every key of r. */
static struct treap_node *merge(const struct treap_root *root,
				struct treap_node *l, struct treap_node *r)
{
	if (!l || !r)
		return l ? l : r;
	if (l->prio > r->prio) {
		l->right = merge(root, l->right, r);
		update(root, l);
		return l;
	}
	r->left = merge(root, l, r->left);
	update(root, r);
	return r;
}

void treap_insert(struct treap_root *root, struct treap_node *node)
{
	struct treap_node *l, *r;

	node->left = node->right = NULL;
	node->prio = get_random_long();
	update(root, node);
	split(root, root->node, root->key(node), &l, &r);
	root->node = merge(root, merge(root, l, node), r);
}

/* node must be in the tree: anything else is corruption. */
void treap_erase(struct treap_root *root, struct treap_node *node)
{
	struct treap_node *l, *m, *r;
	unsigned long key = root->key(node);

	split(root, root->node, key, &l, &m);
	split(root, m, key + 1, &m, &r);
	BUG_ON(m != node);
	root->node = merge(root, l, r);
}

static bool propagate(const struct treap_root *root, struct treap_node *t,
		      struct treap_node *node, unsigned long key)
{
	bool found;

	if (!t)
		return false;
	if (t == node)
		found = true;
	else
		found = propagate(root, key < root->key(t) ? t->left : t->right,
				  node, key);
	update(root, t);
	return found;
}

/*
 * node's value changed (its key too, without passing another key):
 * recomputes subtree_max on the path from the root down to it.
 */
void treap_propagate(struct treap_root *root, struct treap_node *node)
{
	BUG_ON(!propagate(root, root->node, node, root->key(node)));
}

static long check(const struct treap_root *root, const struct treap_node *t,
		  unsigned long lo, unsigned long hi, unsigned long prio)
{
	unsigned long key, m;
	long l, r;

	if (!t)
		return 0;
	key = root->key(t);
	if (key < lo || key > hi || t->prio > prio)
		return -1;
	m = max(root->value(t), max(treap_subtree_max(t->left),
				    treap_subtree_max(t->right)));
	if (m != t->subtree_max)
		return -1;
	l = key ? check(root, t->left, lo, key - 1, t->prio) : (t->left ? -1 : 0);
	r = check(root, t->right, key + 1, hi, t->prio);
	return l < 0 || r < 0 ? -1 : l + r + 1;
}

long treap_check(const struct treap_root *root)
{
	return check(root, root->node, 0, ~0UL, ~0UL);
}
