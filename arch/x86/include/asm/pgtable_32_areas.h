/*
 * The kernel's 1 GiB of virtual address space (Linux:
 * asm/pgtable_32_areas.h), top down:
 *
 *  0xffffffff +---------------------------+
 *             | one unused page           |
 * FIXADDR_TOP +---------------------------+ 0xfffff000
 *             | fixmap slots              | __fix_to_virt(i) = TOP - i pages
 * FIXADDR_START ------------------------- +
 *             | gap up to the PMD start   |
 *             +---------------------------+ 0xffe00000
 *             | pkmap: LAST_PKMAP pages   | kmap(), one PTE page = 2 MiB
 *  PKMAP_BASE +---------------------------+
 *             | 2 guard pages             |
 * VMALLOC_END +---------------------------+
 *             | vmalloc, vmap, ioremap    | each area + a 4 KiB guard page
 * VMALLOC_START ------------------------- + high_memory + 8 MiB, 8 MiB aligned
 *             | VMALLOC_OFFSET gap        | catches overruns off lowmem
 * high_memory +---------------------------+ <= 0xf8000000
 *             | direct map of lowmem      | virt = phys + PAGE_OFFSET
 * PAGE_OFFSET +---------------------------+ 0xc0000000
 *
 * high_memory depends on the RAM found and on vmalloc=, so the vmalloc
 * bounds are variables; the rest are constants.  init_32.c checks the
 * order at build time (what is constant) and again at boot.
 */
#ifndef _ASM_X86_PGTABLE_32_AREAS_H
#define _ASM_X86_PGTABLE_32_AREAS_H

#include <asm/fixmap.h>
#include <asm/page.h>

#define LAST_PKMAP		512
#define LAST_PKMAP_MASK		(LAST_PKMAP - 1)
#define PKMAP_BASE \
	((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)

#define VMALLOC_OFFSET		(8UL << 20)
#define VMALLOC_END		(PKMAP_BASE - 2 * PAGE_SIZE)

/* The direct map never exceeds 896 MiB: 0xc0000000-0xf8000000. */
#define MAXMEM_DEFAULT		(896UL << 20)

#ifndef __ASSEMBLER__
extern void *high_memory;
extern unsigned long vmalloc_start;
#define VMALLOC_START		vmalloc_start
#endif

#endif /* _ASM_X86_PGTABLE_32_AREAS_H */
