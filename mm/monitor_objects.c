/*
 * The monitor's commands that make things happen, and the objects they
 * hold.  alloc/free, kmalloc/kfree, vmalloc/vfree and kmap/kunmap call
 * the real allocators, so a learner can watch buddyinfo, slabinfo,
 * vmallocinfo or pkmap change.  Whatever they hand out is recorded in the
 * one table below, and only what is recorded can be given back: `free`
 * of a pfn the monitor did not allocate is refused, never passed to
 * __free_pages.  `leaks` lists what is held, and poweroff and reboot
 * too when anything is (the leak check HelenOS's tests make, by hand).
 *
 * The table is static so that keeping the record allocates nothing: the
 * free counts after `alloc` and `free` are what they were before.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/monitor.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>

/* Linux's: the largest kmalloc, one MAX_ORDER - 1 block. */
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << (MAX_ORDER - 1))

enum mon_kind { MON_NONE, MON_PAGES, MON_KMALLOC, MON_VMALLOC, MON_KMAP };

struct mon_object {
	enum mon_kind kind;
	unsigned long key;	/* the pfn (pages, kmap) or the address */
	unsigned long size;	/* order (pages), bytes, or kmap's address */
	bool ref;		/* kmap took a page reference */
};

#define MON_OBJECTS	32
static struct mon_object objects[MON_OBJECTS];

static struct mon_object *find_object(enum mon_kind kind, unsigned long key)
{
	unsigned int i;

	for (i = 0; i < MON_OBJECTS; i++)
		if (objects[i].kind == kind && objects[i].key == key)
			return &objects[i];
	return NULL;
}

/* A free entry, looked for before anything is allocated; NULL when full. */
static struct mon_object *new_object(void)
{
	struct mon_object *o = find_object(MON_NONE, 0);

	if (!o)
		mon_printf("monitor: already holding %d objects (see 'leaks'); give some back first\n",
			   MON_OBJECTS);
	return o;
}

static void set_object(struct mon_object *o, enum mon_kind kind,
		       unsigned long key, unsigned long size, bool ref)
{
	o->kind = kind;
	o->key = key;
	o->size = size;
	o->ref = ref;
}

static void forget(struct mon_object *o)
{
	set_object(o, MON_NONE, 0, 0, false);
}

static void describe(const struct mon_object *o, char *buf, size_t size)
{
	switch (o->kind) {
	case MON_PAGES:
		scnprintf(buf, size, "alloc pfn 0x%lx order %lu (zone %s)", o->key,
			  o->size, page_zone(pfn_to_page(o->key))->name);
		break;
	case MON_KMALLOC:
	case MON_VMALLOC:
		scnprintf(buf, size, "%s 0x%08lx (%lu bytes)",
			  o->kind == MON_KMALLOC ? "kmalloc" : "vmalloc", o->key, o->size);
		break;
	case MON_KMAP:
		scnprintf(buf, size, "kmap pfn 0x%lx at 0x%08lx", o->key, o->size);
		break;
	case MON_NONE:
		buf[0] = '\0';
	}
}

/* One line per object held, then how many; returns that number. */
static unsigned int print_objects(void)
{
	unsigned int i, n = 0;
	char line[80];

	for (i = 0; i < MON_OBJECTS; i++) {
		if (objects[i].kind == MON_NONE)
			continue;
		describe(&objects[i], line, sizeof(line));
		mon_printf("monitor: still held: %s\n", line);
		n++;
	}
	return n;
}

void monitor_objects_report_left(void)
{
	unsigned int n = print_objects();

	if (n)
		mon_printf("monitor: %u object%s left behind\n", n,
			   n == 1 ? "" : "s");
}

static int cmd_leaks(int argc, char **argv)
{
	unsigned int n = print_objects();

	mon_printf("monitor: %u object%s held\n", n, n == 1 ? "" : "s");
	return 0;
}
DEFINE_MONITOR_CMD("leaks", "leaks", "what alloc, kmalloc, vmalloc and kmap hold, one line each", cmd_leaks);

/* Does object o cover frame pfn? */
static bool object_has_pfn(const struct mon_object *o, unsigned long pfn)
{
	struct vm_struct *area;
	unsigned int i;

	switch (o->kind) {
	case MON_PAGES:
		return pfn - o->key < (1UL << o->size);
	case MON_KMAP:
		return pfn == o->key;
	case MON_KMALLOC:
		return pfn - PFN_DOWN(__pa(o->key)) <=
		       PFN_DOWN(__pa(o->key + o->size - 1)) - PFN_DOWN(__pa(o->key));
	case MON_VMALLOC:
		area = find_vm_area((void *)o->key);
		for (i = 0; area && i < area->nr_pages; i++)
			if (page_to_pfn(area->pages[i]) == pfn)
				return true;
		return false;
	case MON_NONE:
		break;
	}
	return false;
}

void monitor_objects_of_pfn(unsigned long pfn)
{
	unsigned int i;
	char line[80];

	for (i = 0; i < MON_OBJECTS; i++)
		if (object_has_pfn(&objects[i], pfn)) {
			describe(&objects[i], line, sizeof(line));
			mon_printf("monitor: %s\n", line);
		}
}

/* ---- alloc / free ---- */

static const struct alloc_zone {
	const char *word, *name;
	gfp_t gfp;
	enum zone_type zone;
} alloc_zones[] = {
	{ "normal", "Normal", GFP_KERNEL, ZONE_NORMAL },
	{ "dma", "DMA", GFP_KERNEL | GFP_DMA, ZONE_DMA },
	{ "highmem", "HighMem", GFP_HIGHUSER, ZONE_HIGHMEM },
};

/* What alloc_pages did with the zone asked for, when it used another. */
static void alloc_fell_back(const struct alloc_zone *z, struct page *page)
{
	if (page_zonenum(page) == z->zone)
		return;
	mon_printf("alloc: %s %s; the zonelist fell back to %s, as Linux's does\n",
		   z->name, populated_zone(&NODE_DATA(0)->node_zones[z->zone]) ?
		   "had no block to spare" : "has no pages on this machine",
		   page_zone(page)->name);
}

static int cmd_alloc(int argc, char **argv)
{
	const struct alloc_zone *z = &alloc_zones[0];
	struct mon_object *o;
	unsigned long order;
	struct page *page;
	unsigned int i;

	if (mon_arg_ulong(argv[1], "ORDER", MAX_ORDER - 1, &order))
		return -EINVAL;
	if (argc > 2) {
		for (i = 0; i < ARRAY_SIZE(alloc_zones); i++)
			if (!strcmp(argv[2], alloc_zones[i].word))
				break;
		if (i == ARRAY_SIZE(alloc_zones))
			return mon_bad_arg("no zone called '%s' (highmem, dma or normal)",
					   argv[2]);
		z = &alloc_zones[i];
	}
	o = new_object();
	if (!o)
		return -ENOSPC;
	page = alloc_pages(z->gfp | __GFP_NOWARN, order);
	if (!page) {
		mon_printf("alloc: no free block of order %lu for %s (see buddyinfo)\n",
			   order, z->name);
		return -ENOMEM;
	}
	set_object(o, MON_PAGES, page_to_pfn(page), order, false);
	mon_printf("alloc: pfn 0x%lx order %lu zone %s", o->key, order,
		   page_zone(page)->name);
	if (!PageHighMem(page))
		mon_printf(" at 0x%08lx", (unsigned long)page_address(page));
	mon_printf("\n");
	alloc_fell_back(z, page);
	return 0;
}
DEFINE_MONITOR_CMD("alloc", "alloc ORDER [highmem|dma|normal]", "allocate 2^ORDER pages (alloc_pages), normal by default", cmd_alloc);

/* Is a frame of [pfn, pfn + 2^order) kmapped by `kmap`? */
static bool kmapped_in(unsigned long pfn, unsigned long order)
{
	unsigned int i;

	for (i = 0; i < MON_OBJECTS; i++)
		if (objects[i].kind == MON_KMAP &&
		    objects[i].key - pfn < (1UL << order))
			return true;
	return false;
}

static int cmd_free(int argc, char **argv)
{
	unsigned long pfn, order;
	struct mon_object *o;

	if (mon_arg_ulong(argv[1], "PFN", max_mapnr - 1, &pfn) ||
	    mon_arg_ulong(argv[2], "ORDER", MAX_ORDER - 1, &order))
		return -EINVAL;
	o = find_object(MON_PAGES, pfn);
	if (!o)
		return mon_bad_arg("pfn 0x%lx was not allocated with 'alloc'; nothing freed",
				   pfn);
	if (o->size != order)
		return mon_bad_arg("pfn 0x%lx was allocated with order %lu, not %lu; nothing freed",
				   pfn, o->size, order);
	if (kmapped_in(pfn, order)) {
		mon_printf("free: pfn 0x%lx is kmapped: 'kunmap' it first; nothing freed\n",
			   pfn);
		return -EBUSY;
	}
	__free_pages(pfn_to_page(pfn), order);
	forget(o);
	mon_printf("free: pfn 0x%lx order %lu back to zone %s\n", pfn, order,
		   page_zone(pfn_to_page(pfn))->name);
	return 0;
}
DEFINE_MONITOR_CMD("free", "free PFN ORDER", "free what 'alloc' gave (__free_pages)", cmd_free);

/* ---- kmalloc / kfree, vmalloc / vfree ---- */

static int cmd_kmalloc(int argc, char **argv)
{
	struct mon_object *o;
	unsigned long size;
	struct page *page;
	void *p;

	if (mon_arg_size(argv[1], "SIZE", KMALLOC_MAX_SIZE, &size))
		return -EINVAL;
	o = new_object();
	if (!o)
		return -ENOSPC;
	p = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	if (!p) {
		mon_printf("kmalloc: no memory for %lu bytes\n", size);
		return -ENOMEM;
	}
	set_object(o, MON_KMALLOC, (unsigned long)p, size, false);
	page = virt_to_head_page(p);
	if (PageSlab(page))
		mon_printf("kmalloc: %lu bytes at 0x%08lx (cache %s)\n", size,
			   o->key, kmem_cache_name(page->slab_cache));
	else
		mon_printf("kmalloc: %lu bytes at 0x%08lx (order %u block at pfn 0x%lx, from the buddy allocator)\n",
			   size, o->key, page_alloc_order(page), page_to_pfn(page));
	return 0;
}
DEFINE_MONITOR_CMD("kmalloc", "kmalloc SIZE", "kmalloc SIZE bytes (K, M suffixes)", cmd_kmalloc);

/* kfree or vfree ADDR: only an address the table holds as kind. */
static int give_back(const char *arg, enum mon_kind kind,
		     void (*release)(const void *addr))
{
	const char *by = kind == MON_KMALLOC ? "kmalloc" : "vmalloc";
	unsigned long addr;
	struct mon_object *o;

	if (mon_arg_addr(arg, "ADDR", &addr))
		return -EINVAL;
	o = find_object(kind, addr);
	if (!o)
		return mon_bad_arg("0x%08lx (%s) was not allocated with '%s'; nothing freed",
				   addr, mon_addr_area(addr), by);
	release((const void *)addr);
	mon_printf("%s: 0x%08lx (%lu bytes) freed\n", kind == MON_KMALLOC ?
		   "kfree" : "vfree", addr, o->size);
	forget(o);
	return 0;
}

static int cmd_kfree(int argc, char **argv)
{
	return give_back(argv[1], MON_KMALLOC, kfree);
}
DEFINE_MONITOR_CMD("kfree", "kfree ADDR", "free what 'kmalloc' gave", cmd_kfree);

static int cmd_vmalloc(int argc, char **argv)
{
	struct vm_struct *area;
	struct mon_object *o;
	unsigned long size;
	void *p;

	if (mon_arg_size(argv[1], "SIZE", VMALLOC_END - VMALLOC_START - PAGE_SIZE,
			 &size))
		return -EINVAL;
	o = new_object();
	if (!o)
		return -ENOSPC;
	p = __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN);
	if (!p) {
		mon_printf("vmalloc: no memory or no room for %lu bytes\n", size);
		return -ENOMEM;
	}
	set_object(o, MON_VMALLOC, (unsigned long)p, size, false);
	area = find_vm_area(p);
	mon_printf("vmalloc: %lu bytes at 0x%08lx-0x%08lx (%u pages), guard page at 0x%08lx\n",
		   size, o->key, o->key + area->size - PAGE_SIZE, area->nr_pages,
		   o->key + area->size - PAGE_SIZE);
	return 0;
}
DEFINE_MONITOR_CMD("vmalloc", "vmalloc SIZE", "vmalloc SIZE bytes (K, M suffixes)", cmd_vmalloc);

static int cmd_vfree(int argc, char **argv)
{
	return give_back(argv[1], MON_VMALLOC, vfree);
}
DEFINE_MONITOR_CMD("vfree", "vfree ADDR", "free what 'vmalloc' gave", cmd_vfree);

/* ---- kmap / kunmap ---- */

/* Where a kmap put the page: its pkmap slot, or its lowmem address. */
static void print_kmap(const char *cmd, unsigned long pfn, unsigned long va)
{
	unsigned long slot = (va - PKMAP_BASE) >> PAGE_SHIFT;

	if (PageHighMem(pfn_to_page(pfn)))
		mon_printf("%s: pfn 0x%lx at 0x%08lx (pkmap slot %lu, count %d)\n",
			   cmd, pfn, va, slot, pkmap_count[slot]);
	else
		mon_printf("%s: pfn 0x%lx at 0x%08lx (lowmem: the direct map, no pkmap slot)\n",
			   cmd, pfn, va);
}

/*
 * A page in use only: a free one could be handed out while mapped.  A
 * reference keeps it from being freed under the mapping.  Reserved and
 * slab pages are never freed through put_page (__free_pages refuses
 * them), and the tail pages of a block have a count of 0: they get no
 * reference, and are never freed on their own.
 */
static int cmd_kmap(int argc, char **argv)
{
	unsigned long pfn, head;
	struct mon_object *o;
	unsigned int order;
	struct page *page;
	bool ref;

	if (mon_arg_ulong(argv[1], "PFN", max_mapnr - 1, &pfn))
		return -EINVAL;
	if (page_free_state(pfn, &head, &order) != PAGE_NOT_FREE)
		return mon_bad_arg("pfn 0x%lx is free; kmap a page in use ('alloc' one)",
				   pfn);
	o = new_object();
	if (!o)
		return -ENOSPC;
	page = pfn_to_page(pfn);
	/* Atomically: the timer may let the last reference go meanwhile. */
	ref = !PageReserved(page) && !PageSlab(compound_head(page)) &&
	      get_page_unless_zero(page);
	set_object(o, MON_KMAP, pfn, (unsigned long)kmap(page), ref);
	print_kmap("kmap", pfn, o->size);
	return 0;
}
DEFINE_MONITOR_CMD("kmap", "kmap PFN", "map a page with kmap (pkmap for highmem)", cmd_kmap);

static int cmd_kunmap(int argc, char **argv)
{
	unsigned long pfn, va;
	struct mon_object *o;
	struct page *page;

	if (mon_arg_ulong(argv[1], "PFN", max_mapnr - 1, &pfn))
		return -EINVAL;
	o = find_object(MON_KMAP, pfn);
	if (!o)
		return mon_bad_arg("pfn 0x%lx was not mapped with 'kmap'; nothing unmapped",
				   pfn);
	page = pfn_to_page(pfn);
	va = o->size;
	kunmap(page);
	if (o->ref)
		put_page(page);
	forget(o);
	print_kmap("kunmap", pfn, va);
	return 0;
}
DEFINE_MONITOR_CMD("kunmap", "kunmap PFN", "undo one 'kmap' of the page", cmd_kunmap);
