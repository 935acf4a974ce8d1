/*
 * Circular doubly linked lists with a sentinel head (Linux:
 * include/linux/list.h).  A node embedded in a struct is turned back into
 * the struct with list_entry (container_of).
 */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/kernel.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

/* Poisoned links make a use after list_del fault at a telling address. */
#define LIST_POISON1	((struct list_head *)0x00100100)
#define LIST_POISON2	((struct list_head *)0x00200200)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/*
 * Linux's CONFIG_DEBUG_LIST checks, always on: before a node is linked
 * between prev and next, the two must still point at each other and the
 * node must not be one of them (a node added twice, as when a task that
 * is already sleeping is put on the sleepers' list again, would point at
 * itself and make every walk of the list loop forever).  Before a node is
 * unlinked, its neighbours must point back at it.  A failed check is
 * reported with a stack trace and the operation is not done, so the list
 * stays as it was.  The reports are out of line; the checks are a few
 * compares.
 */
static __attribute__((__noinline__, __cold__, __unused__)) bool
__list_add_report(struct list_head *new, struct list_head *prev,
		  struct list_head *next)
{
	if (new == prev || new == next)
		WARN(1, "list_add double add: new=%p, prev=%p, next=%p.\n",
		     new, prev, next);
	else if (next->prev != prev)
		WARN(1, "list_add corruption. next->prev should be prev (%p), but was %p. (next=%p).\n",
		     prev, next->prev, next);
	else
		WARN(1, "list_add corruption. prev->next should be next (%p), but was %p. (prev=%p).\n",
		     next, prev->next, prev);
	return false;
}

static inline bool __list_add_valid(struct list_head *new,
				    struct list_head *prev,
				    struct list_head *next)
{
	if (likely(next->prev == prev && prev->next == next &&
		   new != prev && new != next))
		return true;
	return __list_add_report(new, prev, next);
}

static __attribute__((__noinline__, __cold__, __unused__)) bool
__list_del_report(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	if (next == LIST_POISON1)
		WARN(1, "list_del corruption, %p->next is LIST_POISON1 (%p)\n",
		     entry, LIST_POISON1);
	else if (prev == LIST_POISON2)
		WARN(1, "list_del corruption, %p->prev is LIST_POISON2 (%p)\n",
		     entry, LIST_POISON2);
	else if (prev->next != entry)
		WARN(1, "list_del corruption. prev->next should be %p, but was %p. (prev=%p)\n",
		     entry, prev->next, prev);
	else
		WARN(1, "list_del corruption. next->prev should be %p, but was %p. (next=%p)\n",
		     entry, next->prev, next);
	return false;
}

static inline bool __list_del_entry_valid(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	if (likely(next != LIST_POISON1 && prev != LIST_POISON2 &&
		   prev->next == entry && next->prev == entry))
		return true;
	return __list_del_report(entry);
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	if (!__list_add_valid(new, prev, next))
		return;
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* Unlinks entry, unless the check fails; true if it was unlinked. */
static inline bool __list_del_entry(struct list_head *entry)
{
	if (!__list_del_entry_valid(entry))
		return false;
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	return true;
}

static inline void list_del(struct list_head *entry)
{
	if (!__list_del_entry(entry))
		return;
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* Unlinks entry and leaves it an empty list, so list_empty(entry) holds. */
static inline void list_del_init(struct list_head *entry)
{
	if (__list_del_entry(entry))
		INIT_LIST_HEAD(entry);
}

static inline void list_move(struct list_head *entry, struct list_head *head)
{
	if (__list_del_entry(entry))
		list_add(entry, head);
}

static inline void list_move_tail(struct list_head *entry,
				  struct list_head *head)
{
	if (__list_del_entry(entry))
		list_add_tail(entry, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) \
	list_entry((head)->prev, type, member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),	\
	     n = list_entry(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head);					\
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))

#endif /* _LINUX_LIST_H */
