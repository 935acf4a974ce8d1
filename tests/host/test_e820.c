/*
 * Host tests for arch/x86/kernel/e820.c: the sanitizer must pass a clean
 * firmware map through untouched and turn a messy one into sorted,
 * non-overlapping, merged entries, reporting each problem; the boot
 * print must match Linux's format.
 *
 * host-test-sources: arch/x86/kernel/e820.c
 */
#include <asm/e820.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/multiboot2.h>
#include <linux/string.h>

#define RAM	E820_TYPE_RAM
#define RES	E820_TYPE_RESERVED
#define ACPI	E820_TYPE_ACPI
#define NVS	E820_TYPE_NVS
#define BAD	E820_TYPE_UNUSABLE

static struct e820_table t;
static struct mb2_info mi;

static void table_set(const struct e820_entry *e, u32 n)
{
	memset(&t, 0, sizeof(t));
	memcpy(t.entries, e, n * sizeof(*e));
	t.nr_entries = n;
}

/* Entry i of table tab must be exactly [start, end) of type. */
#define CHECK_ENTRY(test, tab, i, start, end, ty) do {			\
	EXPECT_EQ(test, (tab).entries[i].addr, (start));		\
	EXPECT_EQ(test, (tab).entries[i].size, (end) - (start));	\
	EXPECT_EQ(test, (tab).entries[i].type, (ty));			\
} while (0)

/* QEMU's BIOS at -m 2G, as GRUB reports it (MACHINE-NOTES.md). */
static const struct e820_entry qemu_2g[] = {
	{ 0x00000000, 0x0009fc00, RAM },
	{ 0x0009fc00, 0x00000400, RES },
	{ 0x000f0000, 0x00010000, RES },
	{ 0x00100000, 0x7fee0000, RAM },
	{ 0x7ffe0000, 0x00020000, RES },
	{ 0xfffc0000, 0x00040000, RES },
};

static bool same_as_qemu_2g(const struct e820_table *tab)
{
	return tab->nr_entries == ARRAY_SIZE(qemu_2g) &&
	       memcmp(tab->entries, qemu_2g, sizeof(qemu_2g)) == 0;
}

static void test_qemu_2g_unchanged(struct ktest *test)
{
	size_t mark = printk_log_pos();
	bool same;

	table_set(qemu_2g, ARRAY_SIZE(qemu_2g));
	EXPECT_EQ(test, e820__update_table(&t), 0);
	same = same_as_qemu_2g(&t);
	EXPECT_TRUE(test, same);
	EXPECT_FALSE(test, printk_log_find(mark, "e820:"));
}

/* -m 4G: 3 GiB below the PCI hole, the last 1 GiB above 4 GiB. */
static void test_qemu_4g_unchanged(struct ktest *test)
{
	static const struct e820_entry qemu_4g[] = {
		{ 0x000000000, 0x0009fc00, RAM },
		{ 0x00009fc00, 0x00000400, RES },
		{ 0x0000f0000, 0x00010000, RES },
		{ 0x000100000, 0xbfee0000, RAM },
		{ 0x0bffe0000, 0x00020000, RES },
		{ 0x0fffc0000, 0x00040000, RES },
		{ 0x100000000, 0x40000000, RAM },
	};

	table_set(qemu_4g, ARRAY_SIZE(qemu_4g));
	EXPECT_EQ(test, e820__update_table(&t), 0);
	EXPECT_EQ(test, t.nr_entries, 7);
	EXPECT_EQ(test, memcmp(t.entries, qemu_4g, sizeof(qemu_4g)), 0);
}

static void test_unsorted_sorted(struct ktest *test)
{
	const struct e820_entry shuffled[] = {
		qemu_2g[4], qemu_2g[1], qemu_2g[5],
		qemu_2g[0], qemu_2g[3], qemu_2g[2],
	};
	bool same;

	table_set(shuffled, ARRAY_SIZE(shuffled));
	EXPECT_EQ(test, e820__update_table(&t), 0);
	same = same_as_qemu_2g(&t);
	EXPECT_TRUE(test, same);
}

/*
 *	0x100000                                        0x80000000
 *	   |------------------- usable ---------------------|
 *	            |--- reserved ---|
 *	        0x1000000        0x2000000
 *
 * becomes usable | reserved | usable.
 */
static void test_reserved_inside_ram(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x100000, 0x7ff00000, RAM },
		{ 0x1000000, 0x1000000, RES },
	};
	size_t mark = printk_log_pos();

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 1);
	EXPECT_LOGGED(test, mark,
		"e820: [mem 0x0000000000100000-0x000000007fffffff] usable overlaps [mem 0x0000000001000000-0x0000000001ffffff] reserved, reserved kept\n");
	ASSERT_EQ(test, t.nr_entries, 3);
	CHECK_ENTRY(test, t, 0, 0x100000, 0x1000000, RAM);
	CHECK_ENTRY(test, t, 1, 0x1000000, 0x2000000, RES);
	CHECK_ENTRY(test, t, 2, 0x2000000, 0x80000000, RAM);
}

/*
 *	0                    0x9f000  0xa0000          0x100000
 *	|------ usable -------------------|
 *	                        |-------- reserved -------|
 *
 * The reserved entry comes first in the input.
 */
static void test_overlap_at_edge(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x9f000, 0x61000, RES },
		{ 0x0, 0xa0000, RAM },
	};
	size_t mark = printk_log_pos();

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 1);
	EXPECT_LOGGED(test, mark,
		"e820: [mem 0x0000000000000000-0x000000000009ffff] usable overlaps [mem 0x000000000009f000-0x00000000000fffff] reserved, reserved kept\n");
	ASSERT_EQ(test, t.nr_entries, 2);
	CHECK_ENTRY(test, t, 0, 0x0, 0x9f000, RAM);
	CHECK_ENTRY(test, t, 1, 0x9f000, 0x100000, RES);
}

/*
 * The higher type value wins, whatever the types:
 *
 *	0x7fe00000              0x7ff00000  0x7ff10000        0x80000000
 *	|----------------- reserved (2) ---------------------------|
 *	                        |-ACPI (3)-|
 *	0x90000000       0x90002000
 *	|--- NVS (4) ------|
 *	          |--- unusable (5) ---|
 *	     0x90001000           0x90003000
 */
static void test_higher_type_wins(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x7fe00000, 0x200000, RES },
		{ 0x7ff00000, 0x10000, ACPI },
		{ 0x90000000, 0x2000, NVS },
		{ 0x90001000, 0x2000, BAD },
	};

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 2);
	ASSERT_EQ(test, t.nr_entries, 5);
	CHECK_ENTRY(test, t, 0, 0x7fe00000, 0x7ff00000, RES);
	CHECK_ENTRY(test, t, 1, 0x7ff00000, 0x7ff10000, ACPI);
	CHECK_ENTRY(test, t, 2, 0x7ff10000, 0x80000000, RES);
	CHECK_ENTRY(test, t, 3, 0x90000000, 0x90001000, NVS);
	CHECK_ENTRY(test, t, 4, 0x90001000, 0x90003000, BAD);
}

/*
 *	0        0x1000     0x2000     0x3000
 *	|--- usable ---------|
 *	         |--- usable ----------|
 *
 * One overlap, one usable entry [0, 0x3000).
 */
static void test_same_type_overlap(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x0, 0x2000, RAM },
		{ 0x1000, 0x2000, RAM },
		{ 0x1000, 0x2000, RAM },	/* and an exact duplicate */
	};
	size_t mark = printk_log_pos();

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 3);
	EXPECT_LOGGED(test, mark,
		"e820: [mem 0x0000000000001000-0x0000000000002fff] usable overlaps [mem 0x0000000000001000-0x0000000000002fff] usable, usable kept\n");
	ASSERT_EQ(test, t.nr_entries, 1);
	CHECK_ENTRY(test, t, 0, 0x0, 0x3000, RAM);
}

static void test_zero_length_dropped(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x500000, 0, RAM },
		{ 0x100000, 0x100000, RAM },
		{ 0x0, 0, RES },
	};
	size_t mark = printk_log_pos();

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 2);
	EXPECT_LOGGED(test, mark,
		"e820: dropping empty entry at 0x0000000000500000\n");
	EXPECT_LOGGED(test, mark,
		"e820: dropping empty entry at 0x0000000000000000\n");
	ASSERT_EQ(test, t.nr_entries, 2);
	CHECK_ENTRY(test, t, 0, 0x0, 0x9fc00, RAM);
	CHECK_ENTRY(test, t, 1, 0x100000, 0x200000, RAM);
}

/*
 *	          60 GiB            64 GiB (PAE limit)   68 GiB
 *	            |------ usable --+-----------------|
 *	                             |-usable-| dropped
 *
 * The straddling RAM is cut at 64 GiB, the RAM above is dropped, and RAM
 * whose end does not even fit in 64 bits is cut too.  A reserved range
 * up there is kept (devices of a CPU with more address bits live there,
 * and Linux lists them); only what lies beyond 2^52 cannot exist at all.
 */
static void test_above_64g(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0xf00000000ULL, 0x200000000ULL, RAM },
		{ 0x1000000000ULL, 0x1000, RAM },
	};
	static const struct e820_entry huge[] = {
		{ 0x100000, ~0ULL, RAM },
	};
	static const struct e820_entry devices[] = {
		{ 0xfd00000000ULL, 0x300000000ULL, RES },
		{ 0xffffffff000ULL, ~0ULL, RES },
		{ 1ULL << 52, 0x1000, RES },
	};
	size_t mark = printk_log_pos();

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 2);
	EXPECT_LOGGED(test, mark,
		"e820: truncating [mem 0x0000000f00000000-0x00000010ffffffff] at the 64 GiB PAE limit\n");
	EXPECT_LOGGED(test, mark,
		"e820: dropping [mem 0x0000001000000000-0x0000001000000fff], above the 64 GiB PAE limit\n");
	ASSERT_EQ(test, t.nr_entries, 2);
	CHECK_ENTRY(test, t, 0, 0x0, 0x9fc00, RAM);
	CHECK_ENTRY(test, t, 1, 0xf00000000ULL, 0x1000000000ULL, RAM);

	mark = printk_log_pos();
	table_set(huge, ARRAY_SIZE(huge));
	EXPECT_EQ(test, e820__update_table(&t), 1);
	EXPECT_LOGGED(test, mark,
		"e820: truncating [mem 0x0000000000100000-0xffffffffffffffff] at the 64 GiB PAE limit\n");
	ASSERT_EQ(test, t.nr_entries, 1);
	CHECK_ENTRY(test, t, 0, 0x100000, 0x1000000000ULL, RAM);

	mark = printk_log_pos();
	table_set(devices, ARRAY_SIZE(devices));
	EXPECT_EQ(test, e820__update_table(&t), 2);
	EXPECT_LOGGED(test, mark,
		"e820: truncating [mem 0x00000ffffffff000-0xffffffffffffffff] at the 52-bit physical address limit\n");
	EXPECT_LOGGED(test, mark,
		"e820: dropping [mem 0x0010000000000000-0x0010000000000fff], above the 52-bit physical address limit\n");
	ASSERT_EQ(test, t.nr_entries, 2);
	CHECK_ENTRY(test, t, 0, 0xfd00000000ULL, 0x10000000000ULL, RES);
	CHECK_ENTRY(test, t, 1, 0xffffffff000ULL, 1ULL << 52, RES);
}

/*
 *	0     0x1000    0x2000    0x3000    0x4000   0x5000   0x6000
 *	|-usable-|-usable-|-reserved-|-reserved-|  hole  |-usable-|
 *
 * Touching entries of one type merge; different types and holes do not.
 */
static void test_adjacent_merged(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x0, 0x1000, RAM },
		{ 0x1000, 0x1000, RAM },
		{ 0x2000, 0x1000, RES },
		{ 0x3000, 0x1000, RES },
		{ 0x5000, 0x1000, RAM },
	};

	table_set(in, ARRAY_SIZE(in));
	EXPECT_EQ(test, e820__update_table(&t), 0);
	ASSERT_EQ(test, t.nr_entries, 3);
	CHECK_ENTRY(test, t, 0, 0x0, 0x2000, RAM);
	CHECK_ENTRY(test, t, 1, 0x2000, 0x4000, RES);
	CHECK_ENTRY(test, t, 2, 0x5000, 0x6000, RAM);
}

/*
 * One big usable range with 127 reserved pages punched into it needs 255
 * entries; the 128 lowest are kept and each piece dropped is reported.
 */
static void test_split_overflows_table(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 k;

	memset(&t, 0, sizeof(t));
	t.entries[0] = (struct e820_entry){ 0x0, 0x10000000, RAM };
	for (k = 0; k < 127; k++)
		t.entries[k + 1] = (struct e820_entry){
			k * 0x100000ULL + 0x80000, 0x1000, RES };
	t.nr_entries = 128;

	EXPECT_EQ(test, e820__update_table(&t), 127 + 127);
	EXPECT_LOGGED(test, mark,
		"e820: no room for [mem 0x0000000003f81000-0x000000000407ffff], dropped\n");
	ASSERT_EQ(test, t.nr_entries, E820_MAX_ENTRIES);
	CHECK_ENTRY(test, t, 0, 0x0, 0x80000, RAM);
	CHECK_ENTRY(test, t, 1, 0x80000, 0x81000, RES);
	CHECK_ENTRY(test, t, 2, 0x81000, 0x180000, RAM);
	CHECK_ENTRY(test, t, 127, 0x3f80000, 0x3f81000, RES);
}

static void test_print_format(struct ktest *test)
{
	static const struct e820_entry in[] = {
		{ 0x0, 0x9fc00, RAM },
		{ 0x9fc00, 0x400, RES },
		{ 0x7ffe0000, 0x10000, ACPI },
		{ 0x7fff0000, 0x10000, NVS },
		{ 0x100000000ULL, 0x1000, BAD },
		{ 0x200000000ULL, 0x1000, 12 },
	};
	size_t mark = printk_log_pos();

	memcpy(e820_table.entries, in, sizeof(in));
	e820_table.nr_entries = ARRAY_SIZE(in);
	e820__print_table("BIOS-e820");
	EXPECT_LOGGED(test, mark,
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
		"BIOS-e820: [mem 0x000000007ffe0000-0x000000007ffeffff] ACPI data\n"
		"BIOS-e820: [mem 0x000000007fff0000-0x000000007fffffff] ACPI NVS\n"
		"BIOS-e820: [mem 0x0000000100000000-0x0000000100000fff] unusable\n"
		"BIOS-e820: [mem 0x0000000200000000-0x0000000200000fff] type 12\n");
	EXPECT_EQ(test, e820__total_ram(), 0x9fc00);
}

static void mi_set_map(const struct e820_entry *e, u32 n)
{
	u32 i;

	memset(&mi, 0, sizeof(mi));
	for (i = 0; i < n; i++) {
		mi.mmap[i].addr = e[i].addr;
		mi.mmap[i].len = e[i].size;
		mi.mmap[i].type = e[i].type;
	}
	mi.nr_mmap = n;
}

/* QEMU's map plus an entry of a type E820 does not know (7). */
static void test_memory_setup_from_multiboot(struct ktest *test)
{
	size_t mark = printk_log_pos();
	bool same;

	mi_set_map(qemu_2g, ARRAY_SIZE(qemu_2g));
	mi.mmap[6] = (struct mb2_mmap){ 0xfeffc000, 0x4000, 7 };
	mi.nr_mmap = 7;
	e820__memory_setup(&mi);

	EXPECT_LOGGED(test, mark,
		"e820: [mem 0x00000000feffc000-0x00000000feffffff] has unknown type 7, treated as reserved\n");
	EXPECT_LOGGED(test, mark,
		"BIOS-provided physical RAM map:\n"
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"
		"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
		"BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n"
		"BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved\n"
		"BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] reserved\n"
		"BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved\n");
	ASSERT_EQ(test, e820_table.nr_entries, 7);
	CHECK_ENTRY(test, e820_table, 5, 0xfeffc000, 0xff000000, RES);
	EXPECT_EQ(test, e820__total_ram(), 0x9fc00 + 0x7fee0000);

	/* The clean map alone comes out as it went in. */
	mi_set_map(qemu_2g, ARRAY_SIZE(qemu_2g));
	e820__memory_setup(&mi);
	same = same_as_qemu_2g(&e820_table);
	EXPECT_TRUE(test, same);
}

/* No map: the basic meminfo's two numbers describe the RAM instead. */
static void test_memory_setup_fallback(struct ktest *test)
{
	size_t mark = printk_log_pos();

	memset(&mi, 0, sizeof(mi));
	mi.has_meminfo = true;
	mi.mem_lower = 639;
	mi.mem_upper = 2096000;
	e820__memory_setup(&mi);

	EXPECT_LOGGED(test, mark, "e820: no memory map from the boot loader\n");
	EXPECT_LOGGED(test, mark,
		"e820: using basic meminfo instead: 639 KiB at 0, 2096000 KiB at 1 MiB\n");
	ASSERT_EQ(test, e820_table.nr_entries, 2);
	CHECK_ENTRY(test, e820_table, 0, 0x0, 0x9fc00, RAM);
	CHECK_ENTRY(test, e820_table, 1, 0x100000, 0x7ffe0000, RAM);
	EXPECT_EQ(test, e820__total_ram(), 0x9fc00 + 0x7fee0000);
}

static void test_memory_setup_nothing(struct ktest *test)
{
	size_t mark = printk_log_pos();

	memset(&mi, 0, sizeof(mi));
	e820__memory_setup(&mi);
	EXPECT_LOGGED(test, mark, "e820: no memory map from the boot loader\n");
	EXPECT_LOGGED(test, mark,
		"e820: no basic meminfo either, no RAM known\n");
	EXPECT_EQ(test, e820_table.nr_entries, 0);
	EXPECT_EQ(test, e820__total_ram(), 0);
}

/*
 * e820__mapped_any over the -m 2G map: a range counts when any byte of
 * it has the type; [start, end) is half-open.
 *
 *   0        0x9fc00 0xa0000  0xf0000  0x100000            0x7ffe0000
 *   |  RAM      |RES |  hole   |  RES   |   RAM ...          |  RES
 */
static void test_mapped_any(struct ktest *test)
{
	static const struct {
		u64 start, end;
		u32 type;
		bool want;
	} cases[] = {
		{ 0x0, 0x1000, RAM, true },
		{ 0x9f000, 0xa0000, RAM, true },	/* straddles RAM/RES */
		{ 0x9fc00, 0xa0000, RAM, false },
		{ 0xa0000, 0xf0000, RAM, false },	/* the hole */
		{ 0xa0000, 0xf0000, RES, false },
		{ 0xf0000, 0x100000, RAM, false },	/* BIOS: reserved */
		{ 0xf0000, 0x100000, RES, true },
		{ 0xff000, 0x100000, RAM, false },	/* ends where RAM starts */
		{ 0xff800, 0x100800, RAM, true },	/* one byte in is enough */
		{ 0x7ffdf000, 0x7ffe0000, RAM, true },
		{ 0x7ffe0000, 0x80000000, RAM, false },
		{ 0x100000000ULL, 0x200000000ULL, RAM, false },
		{ 0x0, 0x1000000000ULL, ACPI, false },
	};
	unsigned int i;

	table_set(qemu_2g, ARRAY_SIZE(qemu_2g));
	e820_table = t;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (e820__mapped_any(cases[i].start, cases[i].end,
				     cases[i].type) != cases[i].want)
			ktest_fail_cmp(test, __FILE__, __LINE__, "==", "case",
				       i, "want", cases[i].want);
}

KTEST_SUITE(e820,
	KTEST_CASE(test_qemu_2g_unchanged),
	KTEST_CASE(test_qemu_4g_unchanged),
	KTEST_CASE(test_unsorted_sorted),
	KTEST_CASE(test_reserved_inside_ram),
	KTEST_CASE(test_overlap_at_edge),
	KTEST_CASE(test_higher_type_wins),
	KTEST_CASE(test_same_type_overlap),
	KTEST_CASE(test_zero_length_dropped),
	KTEST_CASE(test_above_64g),
	KTEST_CASE(test_adjacent_merged),
	KTEST_CASE(test_split_overflows_table),
	KTEST_CASE(test_print_format),
	KTEST_CASE(test_memory_setup_from_multiboot),
	KTEST_CASE(test_memory_setup_fallback),
	KTEST_CASE(test_memory_setup_nothing),
	KTEST_CASE(test_mapped_any));
