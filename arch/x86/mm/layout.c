/*
 * The virtual address space at the monitor: `layout` prints the boot's
 * "virtual kernel memory layout:" block (init_32.c's print_kernel_layout,
 * Linux's old mem_init print) with the parts it leaves out -- user
 * space, the VMALLOC_OFFSET gap, the guard pages and gaps -- and
 * mon_addr_area() names the area an address falls in, for the commands
 * that take an address.  asm/pgtable_32_areas.h draws the picture.
 */
#include <linux/kernel.h>
#include <linux/monitor.h>
#include <asm/fixmap.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

struct layout_area {
	const char *name;		/* as the layout lines print it */
	const char *what;		/* for messages about an address */
	unsigned long start, end;	/* [start, end) */
	bool mb;			/* size in MB (else kB), as Linux */
};

#define PKMAP_END	(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)

/* Top down, as Linux prints them; high_memory and vmalloc vary by RAM. */
static unsigned int kernel_layout(struct layout_area *a)
{
	unsigned long low_end = (unsigned long)high_memory;
	const struct layout_area all[] = {
		{ "fixmap", "the fixmap", FIXADDR_START, FIXADDR_TOP, false },
		{ "gap", "the gap below the fixmap", PKMAP_END, FIXADDR_START, false },
		{ "pkmap", "the pkmap window", PKMAP_BASE, PKMAP_END, false },
		{ "guard", "the guard pages below pkmap", VMALLOC_END, PKMAP_BASE, false },
		{ "vmalloc", "the vmalloc area", VMALLOC_START, VMALLOC_END, true },
		{ "gap", "the VMALLOC_OFFSET gap after lowmem", low_end, VMALLOC_START, false },
		{ "lowmem", "lowmem, the direct map", PAGE_OFFSET, low_end, true },
		{ "user", "user space", 0, TASK_SIZE, true },
	};
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(all); i++)
		if (all[i].end > all[i].start)
			a[n++] = all[i];
	return n;
}

#define MAX_AREAS	8

const char *mon_addr_area(unsigned long addr)
{
	struct layout_area a[MAX_AREAS];
	unsigned int i, n = kernel_layout(a);

	for (i = 0; i < n; i++)
		if (addr >= a[i].start && addr < a[i].end)
			return a[i].what;
	return "the unused page above the fixmap";
}

static void layout_line(const char *name, unsigned long start,
			unsigned long end, bool mb)
{
	mon_printf("    %-8s: 0x%08lx - 0x%08lx   (%4lu %s)\n", name, start, end,
		   (end - start) >> (mb ? 20 : 10), mb ? "MB" : "kB");
}

/* The kernel image's sections sit in lowmem, printed below it. */
static void layout_image(void)
{
	layout_line("  .init", (unsigned long)__init_begin,
		    (unsigned long)__init_end, false);
	layout_line("  .data", (unsigned long)_etext, (unsigned long)_edata, false);
	layout_line("  .text", (unsigned long)_text, (unsigned long)_etext, false);
}

static int cmd_layout(int argc, char **argv)
{
	struct layout_area a[MAX_AREAS];
	unsigned int i, n = kernel_layout(a);

	mon_printf("virtual kernel memory layout:\n");
	for (i = 0; i < n; i++) {
		layout_line(a[i].name, a[i].start, a[i].end, a[i].mb);
		if (a[i].start == PAGE_OFFSET)
			layout_image();
	}
	return 0;
}
DEFINE_MONITOR_CMD("layout", "layout", "the virtual memory layout with its real addresses", cmd_layout);
