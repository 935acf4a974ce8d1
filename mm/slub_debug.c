/*
 * Slab debugging (Linux: the CONFIG_SLUB_DEBUG half of mm/slub.c).
 *
 * SLAB_RED_ZONE puts guard bytes on both sides of every object: 0xcc
 * while it is handed out, 0xbb while it is free.  A write past either end
 * changes them, which the next free or allocation notices; the state also
 * catches a double free.  SLAB_POISON fills free objects with 0x6b (last
 * byte 0xa5), so a write after free shows up when the object is handed
 * out again.  `slub_debug` on the command line turns both on for every
 * cache.  Every finding is reported in Linux's format, repaired where it
 * can be (the guard bytes restored), and the allocator carries on.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched/debug.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include "slab.h"

slab_flags_t slub_debug;
unsigned long slab_error_count;

/* slub_debug, slub_debug=Z (red zones), =P (poison), =ZP. */
static int __init setup_slub_debug(char *val)
{
	slab_flags_t flags = 0;

	if (!val || !*val) {
		slub_debug = SLAB_DEBUG_FLAGS;
		return 0;
	}
	for (; *val; val++) {
		if (*val == 'Z' || *val == 'z')
			flags |= SLAB_RED_ZONE;
		else if (*val == 'P' || *val == 'p')
			flags |= SLAB_POISON;
		else
			return -EINVAL;
	}
	slub_debug = flags;
	return 0;
}
early_param("slub_debug", setup_slub_debug);

static void *slot_start(const struct kmem_cache *s, void *object)
{
	return (char *)object - s->red_left_pad;
}

void init_object(const struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;

	if (s->flags & SLAB_RED_ZONE) {
		memset(slot_start(s, object), val, s->red_left_pad);
		memset(p + s->object_size, val, s->inuse - s->object_size);
	}
	if (s->flags & SLAB_POISON) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
}

/* 16 bytes a line, as Linux's print_hex_dump in slab reports. */
static void print_section(const char *text, const u8 *addr, unsigned int len)
{
	char line[16 * 3 + 1];
	unsigned int i, n;

	for (i = 0; i < len; i += 16) {
		size_t pos = 0;

		for (n = i; n < len && n < i + 16; n++)
			pos += scnprintf(line + pos, sizeof(line) - pos, "%02x ",
					 addr[n]);
		pr_err("%s%08lx: %s\n", text, (unsigned long)(addr + i), line);
	}
}

static void slab_bug(struct kmem_cache *s, const char *what)
{
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", s->name, what);
	pr_err("-----------------------------------------------------------------------------\n\n");
	slab_error_count++;
}

static void print_page_info(struct page *page)
{
	pr_err("Slab 0x%p objects=%u used=%u fp=0x%p flags=%#lx\n", page,
	       page->objects, page->inuse, page->freelist, page->flags);
}

void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...)
{
	char buf[128];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	slab_bug(s, buf);
	print_page_info(page);
	dump_stack();
}

/* The object and what surrounds it (Linux's print_trailer). */
static void print_trailer(struct kmem_cache *s, struct page *page, u8 *p)
{
	print_page_info(page);
	pr_err("Object 0x%p @offset=%lu fp=0x%p\n\n", p,
	       (unsigned long)(p - (u8 *)slab_address(page)),
	       get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	print_section("Object   ", p, min(s->object_size, 64U));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size,
			      s->inuse - s->object_size);
	dump_stack();
}

void object_err(struct kmem_cache *s, struct page *page, void *object,
		const char *reason)
{
	slab_bug(s, reason);
	print_trailer(s, page, object);
}

/*
 * Are the len bytes at start all value?  If not, report "<what>
 * overwritten" with the damaged range and put the bytes back.
 */
static bool check_bytes_and_report(struct kmem_cache *s, struct page *page,
				   u8 *object, const char *what, u8 *start,
				   u8 value, unsigned int len)
{
	u8 *first = NULL, *last = NULL, *p;
	char msg[40];

	for (p = start; p < start + len; p++)
		if (*p != value) {
			first = first ? first : p;
			last = p;
		}
	if (!first)
		return true;
	scnprintf(msg, sizeof(msg), "%s overwritten", what);
	slab_bug(s, msg);
	pr_err("0x%p-0x%p @offset=%lu. First byte 0x%x instead of 0x%x\n",
	       first, last, (unsigned long)(first - (u8 *)slab_address(page)),
	       *first, value);
	print_trailer(s, page, object);
	memset(first, value, last - first + 1);
	pr_err("FIX %s: Restoring %s 0x%p-0x%p=0x%x\n", s->name, what, first,
	       last, value);
	return false;
}

bool check_object(struct kmem_cache *s, struct page *page, void *object,
		  u8 val)
{
	u8 *p = object;
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		ok &= check_bytes_and_report(s, page, p, "Left Redzone",
					     slot_start(s, p), val,
					     s->red_left_pad);
		ok &= check_bytes_and_report(s, page, p, "Right Redzone",
					     p + s->object_size, val,
					     s->inuse - s->object_size);
	}
	if ((s->flags & SLAB_POISON) && val == SLUB_RED_INACTIVE) {
		ok &= check_bytes_and_report(s, page, p, "Poison", p,
					     POISON_FREE, s->object_size - 1);
		ok &= check_bytes_and_report(s, page, p, "End Poison",
					     p + s->object_size - 1,
					     POISON_END, 1);
	}
	return ok;
}

/* By the red zones (more 0xbb than 0xcc bytes): is the object free? */
bool object_marked_free(const struct kmem_cache *s, void *object)
{
	const u8 *left = slot_start(s, object);
	const u8 *right = (u8 *)object + s->object_size;
	unsigned int i, inactive = 0, active = 0;

	for (i = 0; i < s->red_left_pad; i++) {
		inactive += left[i] == SLUB_RED_INACTIVE;
		active += left[i] == SLUB_RED_ACTIVE;
	}
	for (i = 0; i < s->inuse - s->object_size; i++) {
		inactive += right[i] == SLUB_RED_INACTIVE;
		active += right[i] == SLUB_RED_ACTIVE;
	}
	return inactive > active;
}

/* Only for caches with SLAB_DEBUG_FLAGS (slab_alloc tests them). */
void alloc_debug_checks(struct kmem_cache *s, struct page *page, void *object)
{
	check_object(s, page, object, SLUB_RED_INACTIVE);
	init_object(s, object, SLUB_RED_ACTIVE);
}

/*
 * Is object anywhere on its slab's freelist?  (Linux's on_freelist; the
 * walk is bounded and stops at a pointer that leaves the slab.)  Needed
 * without red zones, where nothing else tells a free object apart.
 */
static bool on_freelist(struct kmem_cache *s, struct page *page, void *object)
{
	void *fp = page == s->cpu_slab.page ? s->cpu_slab.freelist
					    : page->freelist;
	unsigned int n;

	for (n = 0; fp && n <= page->objects; n++) {
		if (fp == object)
			return true;
		if (!check_valid_pointer(s, page, fp))
			break;
		fp = get_freepointer(s, fp);
	}
	return false;
}

/*
 * Before a free, called by slab_free when a cheap check failed or the
 * cache has debug flags: an address that is not an object of this slab, or an
 * object already free, is reported and the free ignored (false).  Damaged
 * red zones are reported and restored, and the free goes on.
 */
bool free_debug_checks(struct kmem_cache *s, struct page *page, void *object)
{
	if (!check_valid_pointer(s, page, object)) {
		slab_err(s, page, "Invalid object pointer 0x%p", object);
		pr_err("FIX %s: Object at 0x%p not freed\n", s->name, object);
		return false;
	}
	if (on_freelist_head(s, page, object) ||
	    ((s->flags & SLAB_RED_ZONE) && object_marked_free(s, object)) ||
	    ((s->flags & SLAB_DEBUG_FLAGS) && on_freelist(s, page, object))) {
		object_err(s, page, object, "Object already free");
		pr_err("FIX %s: Object at 0x%p not freed\n", s->name, object);
		return false;
	}
	if (s->flags & SLAB_RED_ZONE)
		check_object(s, page, object, SLUB_RED_ACTIVE);
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;
}

/* ---- validation of whole caches ---- */

#define BITS	(8 * sizeof(unsigned long))

/* One bit per object of the slab being validated (irqs off, so shared). */
static unsigned long free_map[MAX_OBJS_PER_SLAB / BITS + 1];

/* Marks the objects on one freelist; returns how many, or -1 if broken. */
static int mark_freelist(struct kmem_cache *s, struct page *page, void *fp)
{
	int n = 0;

	for (; fp; fp = get_freepointer(s, fp)) {
		unsigned long idx;

		if (!check_valid_pointer(s, page, fp) || n > page->objects) {
			slab_err(s, page, "Freelist corrupt at 0x%p", fp);
			return -1;
		}
		idx = ((char *)fp - (char *)slab_address(page)) / s->size;
		if (free_map[idx / BITS] & (1UL << (idx % BITS))) {
			slab_err(s, page, "Object 0x%p twice on the freelist", fp);
			return -1;
		}
		free_map[idx / BITS] |= 1UL << (idx % BITS);
		n++;
	}
	return n;
}

static int validate_slab(struct kmem_cache *s, struct page *page)
{
	bool cpu = page == s->cpu_slab.page;
	int nfree, cpufree = 0, bad = 0;
	unsigned int i;

	memset(free_map, 0, sizeof(free_map));
	nfree = mark_freelist(s, page, page->freelist);
	if (cpu && nfree >= 0)
		cpufree = mark_freelist(s, page, s->cpu_slab.freelist);
	if (nfree < 0 || cpufree < 0)
		return 1;
	if (!cpu && page->inuse != page->objects - nfree) {
		slab_err(s, page, "inuse %u but %d of %u objects free",
			 page->inuse, nfree, page->objects);
		bad++;
	}
	/*
	 * Poison alone (slub_debug=P) must be checked too: testing only
	 * SLAB_RED_ZONE here let a write after free pass validation.
	 */
	if (!(s->flags & SLAB_DEBUG_FLAGS))
		return bad;
	for (i = 0; i < page->objects; i++) {
		void *object = slot_object(s, slab_slot(s, page, i));
		bool is_free = free_map[i / BITS] & (1UL << (i % BITS));

		bad += !check_object(s, page, object, is_free ?
				     SLUB_RED_INACTIVE : SLUB_RED_ACTIVE);
	}
	return bad;
}

int validate_slab_cache(struct kmem_cache *s)
{
	unsigned long flags, slabs = 0;
	struct page *page;
	int bad = 0;

	local_irq_save(flags);
	if (s->cpu_slab.page) {
		bad += validate_slab(s, s->cpu_slab.page);
		slabs++;
	}
	list_for_each_entry(page, &s->node.partial, slab_list) {
		bad += validate_slab(s, page) + !page->freelist;
		slabs++;
	}
	list_for_each_entry(page, &s->node.full, slab_list) {
		bad += validate_slab(s, page) + !!page->freelist;
		slabs++;
	}
	if (slabs != s->node.nr_slabs) {
		pr_err("slab %s: %lu slabs found, %lu counted\n", s->name,
		       slabs, s->node.nr_slabs);
		bad++;
	}
	local_irq_restore(flags);
	return bad;
}
