/*
 * The E820 memory map: the firmware's list of physical ranges and what
 * they are, sanitized into a sorted, non-overlapping table that memblock
 * is later built from (mirrors arch/x86/kernel/e820.c).  We get the map
 * from multiboot2 rather than from int 0x15, but the table, its sanitizer
 * and its boot print are Linux's.
 *
 * Firmware maps overlap, come unsorted and contain empty or absurd
 * entries; the sanitizer's job is to decide, byte by byte, what each
 * address is.  Linux sweeps over sorted "change points"; we do the same
 * thing in its plainest form: cut the address space at every entry
 * boundary and ask, for each piece, which entries cover it.
 */
#include <asm/e820.h>
#include <linux/kernel.h>
#include <linux/multiboot2.h>
#include <linux/sprintf.h>
#include <linux/string.h>

struct e820_table e820_table;

/* u64 is not unsigned long long on every host; %llx wants the latter. */
#define ULL(x)	((unsigned long long)(x))

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_TYPE_RAM:
		return "usable";
	case E820_TYPE_RESERVED:
		return "reserved";
	case E820_TYPE_ACPI:
		return "ACPI data";
	case E820_TYPE_NVS:
		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:
		return "unusable";
	default:
		return NULL;
	}
}

/* The inclusive last byte, as printed; saturates instead of wrapping. */
static u64 e820_last(u64 addr, u64 size)
{
	if (size == 0)
		return addr;
	return size - 1 > UINT64_MAX - addr ? UINT64_MAX : addr + size - 1;
}

/* Type text for messages, where the printer's "type N" needs a buffer. */
static const char *e820_type_text(u32 type, char *buf, size_t len)
{
	const char *name = e820_type_name(type);

	if (name)
		return name;
	snprintf(buf, len, "type %u", type);
	return buf;
}

int e820__format_entry(char *buf, size_t size, const struct e820_entry *e)
{
	char tbuf[16];

	return scnprintf(buf, size, "[mem 0x%016llx-0x%016llx] %s",
			 ULL(e->addr), ULL(e820_last(e->addr, e->size)),
			 e820_type_text(e->type, tbuf, sizeof(tbuf)));
}

void e820__print_table(const char *who)
{
	char line[64];
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		e820__format_entry(line, sizeof(line), &e820_table.entries[i]);
		pr_info("%s: %s\n", who, line);
	}
}

void e820__range_add(u64 start, u64 size, u32 type)
{
	struct e820_entry *e;

	if (e820_table.nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: table full, dropping [mem 0x%016llx-0x%016llx]\n",
		       ULL(start), ULL(e820_last(start, size)));
		return;
	}
	e = &e820_table.entries[e820_table.nr_entries++];
	e->addr = start;
	e->size = size;
	e->type = type;
}

/*
 * Drops empty entries and RAM a PAE kernel cannot use (at or above
 * 64 GiB, Linux's MAX_ARCH_PFN), truncating RAM that straddles it.
 * Other types are kept as the firmware says, as Linux keeps them: device
 * ranges above 64 GiB are real on CPUs with more address bits, and
 * ioremap may map them.  Nothing can sit at or above 2^52, the
 * architecture's limit, so after this every end (addr + size) fits in 53
 * bits and the rest of the sanitizer can add without overflowing.
 * Returns the number of problems reported.
 */
static int e820_clip(struct e820_table *t)
{
	u32 i, n = 0;
	int problems = 0;

	if (t->nr_entries > E820_MAX_ENTRIES) {
		pr_err("e820: table claims %u entries, only %d exist\n",
		       t->nr_entries, E820_MAX_ENTRIES);
		t->nr_entries = E820_MAX_ENTRIES;
		problems++;
	}
	for (i = 0; i < t->nr_entries; i++) {
		struct e820_entry e = t->entries[i];
		bool ram = e.type == E820_TYPE_RAM;
		u64 limit = ram ? E820_MAX_PHYS_ADDR : E820_MAX_ANY_ADDR;
		const char *why = ram ? "the 64 GiB PAE limit" :
					"the 52-bit physical address limit";

		if (e.size == 0) {
			pr_warn("e820: dropping empty entry at 0x%016llx\n",
				ULL(e.addr));
			problems++;
			continue;
		}
		if (e.addr >= limit) {
			pr_warn("e820: dropping [mem 0x%016llx-0x%016llx], above %s\n",
				ULL(e.addr), ULL(e820_last(e.addr, e.size)), why);
			problems++;
			continue;
		}
		if (e.size > limit - e.addr) {
			pr_warn("e820: truncating [mem 0x%016llx-0x%016llx] at %s\n",
				ULL(e.addr), ULL(e820_last(e.addr, e.size)), why);
			e.size = limit - e.addr;
			problems++;
		}
		t->entries[n++] = e;
	}
	t->nr_entries = n;
	return problems;
}

/* Insertion sort by address: n <= 128, and usually already sorted. */
static void e820_sort(struct e820_table *t)
{
	u32 i, j;

	for (i = 1; i < t->nr_entries; i++) {
		struct e820_entry e = t->entries[i];

		for (j = i; j > 0 && t->entries[j - 1].addr > e.addr; j--)
			t->entries[j] = t->entries[j - 1];
		t->entries[j] = e;
	}
}

/*
 * Reports each pair of overlapping entries (t is sorted, so an entry can
 * only overlap those after it that start before it ends).  Returns the
 * number of pairs.
 */
static int e820_report_overlaps(const struct e820_table *t)
{
	char abuf[16], bbuf[16];
	const char *aname, *bname;
	int overlaps = 0;
	u32 i, j;

	for (i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *a = &t->entries[i];

		aname = e820_type_text(a->type, abuf, sizeof(abuf));
		for (j = i + 1; j < t->nr_entries; j++) {
			const struct e820_entry *b = &t->entries[j];

			if (b->addr >= a->addr + a->size)
				break;
			bname = e820_type_text(b->type, bbuf, sizeof(bbuf));
			pr_warn("e820: [mem 0x%016llx-0x%016llx] %s overlaps [mem 0x%016llx-0x%016llx] %s, %s kept\n",
				ULL(a->addr), ULL(a->addr + a->size - 1), aname,
				ULL(b->addr), ULL(b->addr + b->size - 1), bname,
				b->type > a->type ? bname : aname);
			overlaps++;
		}
	}
	return overlaps;
}

/* Boot-time scratch for the sweep (too big for a kernel stack). */
static u64 e820_bounds[2 * E820_MAX_ENTRIES];
static struct e820_table e820_new;

/* Every entry start and end, sorted, each address once. Returns the count. */
static u32 e820_collect_bounds(const struct e820_table *t)
{
	u32 i, j, n = 0;

	for (i = 0; i < t->nr_entries; i++) {
		u64 ends[2] = { t->entries[i].addr,
				t->entries[i].addr + t->entries[i].size };

		for (j = 0; j < 2; j++) {
			u32 k = n;

			while (k > 0 && e820_bounds[k - 1] > ends[j])
				k--;
			if (k > 0 && e820_bounds[k - 1] == ends[j])
				continue;
			memmove(&e820_bounds[k + 1], &e820_bounds[k],
				(n - k) * sizeof(e820_bounds[0]));
			e820_bounds[k] = ends[j];
			n++;
		}
	}
	return n;
}

/* The highest type of the entries covering addr, 0 if none does. */
static u32 e820_type_at(const struct e820_table *t, u64 addr)
{
	u32 i, type = 0;

	for (i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		if (e->addr <= addr && addr < e->addr + e->size)
			type = max(type, e->type);
	}
	return type;
}

/*
 * Rebuilds t from the pieces between consecutive boundaries: within a
 * piece no entry starts or ends, so one type owns all of it.  A piece
 * that continues the previous one with the same type extends it, which
 * is what merges neighbours.  Returns the number of pieces dropped for
 * want of room (overlaps can split one entry into three).
 */
static int e820_sweep(struct e820_table *t)
{
	u32 nb = e820_collect_bounds(t), k, type;
	struct e820_entry *last = NULL;
	int dropped = 0;

	e820_new.nr_entries = 0;
	for (k = 0; k + 1 < nb; k++) {
		u64 lo = e820_bounds[k], hi = e820_bounds[k + 1];

		type = e820_type_at(t, lo);
		if (!type)
			continue;	/* a hole between entries */
		if (last && last->type == type &&
		    last->addr + last->size == lo) {
			last->size += hi - lo;
			continue;
		}
		if (e820_new.nr_entries == E820_MAX_ENTRIES) {
			pr_err("e820: no room for [mem 0x%016llx-0x%016llx], dropped\n",
			       ULL(lo), ULL(hi - 1));
			dropped++;
			continue;
		}
		last = &e820_new.entries[e820_new.nr_entries++];
		last->addr = lo;
		last->size = hi - lo;
		last->type = type;
	}
	*t = e820_new;
	return dropped;
}

int e820__update_table(struct e820_table *t)
{
	int problems = e820_clip(t);

	e820_sort(t);
	problems += e820_report_overlaps(t);
	problems += e820_sweep(t);
	return problems;
}

/* Without a memory map, trust the two numbers of the basic meminfo tag. */
static void e820_from_meminfo(const struct mb2_info *info)
{
	pr_warn("e820: no memory map from the boot loader\n");
	if (!info->has_meminfo) {
		pr_err("e820: no basic meminfo either, no RAM known\n");
		return;
	}
	pr_warn("e820: using basic meminfo instead: %u KiB at 0, %u KiB at 1 MiB\n",
		info->mem_lower, info->mem_upper);
	if (info->mem_lower)
		e820__range_add(0, (u64)info->mem_lower * SZ_1K,
				E820_TYPE_RAM);
	if (info->mem_upper)
		e820__range_add(SZ_1M, (u64)info->mem_upper * SZ_1K,
				E820_TYPE_RAM);
}

/*
 * Linux prints the header after sanitizing too, so the table follows it
 * directly and any complaints come before both.
 */
void e820__memory_setup(const struct mb2_info *info)
{
	u32 i, n = min(info->nr_mmap, (u32)MB2_MAX_MMAP);

	e820_table.nr_entries = 0;
	for (i = 0; i < n; i++) {
		const struct mb2_mmap *m = &info->mmap[i];
		u32 type = m->type;

		if (type < E820_TYPE_RAM || type > E820_TYPE_UNUSABLE) {
			pr_warn("e820: [mem 0x%016llx-0x%016llx] has unknown type %u, treated as reserved\n",
				ULL(m->addr), ULL(e820_last(m->addr, m->len)),
				type);
			type = E820_TYPE_RESERVED;
		}
		e820__range_add(m->addr, m->len, type);
	}
	if (!e820_table.nr_entries)
		e820_from_meminfo(info);

	e820__update_table(&e820_table);
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table("BIOS-e820");
}

bool e820__mapped_any(u64 start, u64 end, enum e820_type type)
{
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		/* Sanitized: addr + size cannot overflow (e820_clip). */
		if (e->type == type && e->addr < end && start < e->addr + e->size)
			return true;
	}
	return false;
}

u64 e820__total_ram(void)
{
	u64 total = 0;
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM)
			total += e820_table.entries[i].size;
	return total;
}
