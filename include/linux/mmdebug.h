/*
 * Looking at pages (Linux: include/linux/mmdebug.h): the flag decoder
 * dump_page uses (mm/page_alloc.c) and where a free frame sits
 * (mm/debug.c), for the monitor's `page` and its object commands.
 */
#ifndef _LINUX_MMDEBUG_H
#define _LINUX_MMDEBUG_H

#include <linux/types.h>

/* "reserved|buddy|zone=1": the PG_* names of flags, then the zone. */
void format_page_flags(char *buf, size_t size, unsigned long flags);

enum page_free_state {
	PAGE_NOT_FREE,
	PAGE_FREE_BUDDY,	/* in a free block on a zone's free_area */
	PAGE_FREE_PCP,		/* on a zone's per-CPU list */
};

/*
 * Is the frame free, and where: for a buddy block its first pfn and
 * order in *head and *order.  Takes the zone lock; pfn must be valid.
 */
enum page_free_state page_free_state(unsigned long pfn, unsigned long *head,
				     unsigned int *order);

#endif /* _LINUX_MMDEBUG_H */
