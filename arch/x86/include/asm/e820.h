/*
 * The firmware memory map in E820 form (arch/x86/kernel/e820.c, mirrors
 * Linux's arch/x86/include/asm/e820/{types,api}.h).  We boot through
 * multiboot2, whose memory map uses the same type numbers, and keep
 * Linux's name and print format because every x86 reader knows them:
 *
 *	BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
 *
 * The table is sanitized (sorted, no overlaps, neighbours merged) before
 * memblock is built from it.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <linux/types.h>

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,
	E820_TYPE_NVS		= 4,
	E820_TYPE_UNUSABLE	= 5,
};

#define E820_MAX_ENTRIES	128

/*
 * The end of what PAE can address: 36 physical address bits, 64 GiB
 * (Linux: MAX_PHYSMEM_BITS = 36).  The brief calls this MAXMEM, but on
 * x86-32 Linux's MAXMEM is the lowmem (direct map) limit, so it gets its
 * own name here.
 */
#define MAX_ARCH_PFN		(1UL << (36 - 12))	/* Linux's, for PAE */
#define E820_MAX_PHYS_ADDR	((u64)MAX_ARCH_PFN << 12)
/* Nothing at all can be at or above this: x86's 52-bit architectural limit. */
#define E820_MAX_ANY_ADDR	(1ULL << 52)

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;		/* enum e820_type, or a firmware value */
};

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* The machine's map, filled by e820__memory_setup() at boot. */
extern struct e820_table e820_table;

struct mb2_info;

/*
 * Sanitizes t in place: drops empty entries and RAM at or above 64 GiB
 * (truncating RAM that straddles it; other types are kept up to 2^52),
 * sorts by address,
 * resolves overlaps so that the higher type value owns the overlapped
 * part (reserved beats usable, as in Linux), and merges touching entries
 * of one type.  Prints one "e820: " line per problem and returns how many
 * there were (0 for a clean map).  Boot-time only: uses static scratch.
 */
int e820__update_table(struct e820_table *t);

/* Prints e820_table, one Linux-format line per entry, prefixed by who. */
void e820__print_table(const char *who);

/* One entry as Linux prints it, "[mem 0x...-0x...] usable", into buf. */
int e820__format_entry(char *buf, size_t size, const struct e820_entry *e);

/*
 * Appends [start, start + size) of type to e820_table, unsorted and
 * unchecked (run e820__update_table after); warns and drops the range
 * when the table is full.
 */
void e820__range_add(u64 start, u64 size, u32 type);

/*
 * Builds e820_table from the multiboot2 memory map (or, without one, from
 * the basic meminfo), sanitizes it and prints it as "BIOS-e820".  Called
 * once by start_kernel, before memblock.
 */
void e820__memory_setup(const struct mb2_info *info);

/* Bytes of E820_TYPE_RAM in e820_table. */
u64 e820__total_ram(void);

/* Does any part of [start, end) have this type in e820_table? */
bool e820__mapped_any(u64 start, u64 end, enum e820_type type);

#endif /* _ASM_X86_E820_H */
