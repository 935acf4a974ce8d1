/*
 * GFP ("get free pages") flags: where an allocation may come from and how
 * hard to try (Linux: include/linux/gfp.h).  The bit values are Linux
 * 6.0's, so "mode:0xcc0" in a failure report means GFP_KERNEL here too.
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u	/* only ZONE_DMA (ISA DMA: < 16 MiB) */
#define __GFP_HIGHMEM		0x02u	/* ZONE_HIGHMEM is fine */
#define __GFP_MOVABLE		0x08u
#define __GFP_HIGH		0x20u	/* may dip into the reserves */
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_ZERO		0x100u	/* return zeroed pages */
#define __GFP_ATOMIC		0x200u	/* cannot sleep: dip deeper */
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_NOWARN		0x2000u	/* no failure report */
#define __GFP_COMP		0x40000u	/* compound page (kmalloc large) */
#define __GFP_HARDWALL		0x100000u

#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC	(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM)
#define GFP_USER	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA		__GFP_DMA
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)

#endif /* _LINUX_GFP_H */
