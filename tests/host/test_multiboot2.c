/*
 * Host tests for kernel/multiboot.c: a GRUB-like boot information must
 * parse completely and silently; each kind of corruption must be reported
 * on one "multiboot2: " line and survived.  The parser always gets its
 * input in a heap block of exactly the bytes it may read, so a read past
 * them lands in an ASan redzone and kills the test.
 *
 * host-test-sources: kernel/multiboot.c
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/multiboot2.h>
#include <linux/string.h>
#include <stdlib.h>

/*
 * The boot information under construction.  The u64 array keeps it 8-byte
 * aligned; len is the offset of the next tag.
 */
static struct {
	u64 words[1024];
	u32 len;
} mb;

static struct mb2_info info;

static u8 *mb_buf(void)
{
	return (u8 *)mb.words;
}

static void mb_begin(void)
{
	memset(&mb, 0, sizeof(mb));
	mb.len = sizeof(struct mb2_info_header);
}

/*
 * Appends a tag whose header claims size bytes, followed by payload_len
 * bytes of payload; the padding to the next 8-byte boundary is 'Z', so a
 * parser that reads past a tag's end sees something that shows.  Returns
 * the tag's offset.
 */
static u32 mb_tag_sized(u32 type, u32 size, const void *payload,
			u32 payload_len)
{
	struct mb2_tag hdr = { .type = type, .size = size };
	u32 off = mb.len, end = off + sizeof(hdr) + payload_len;

	memcpy(mb_buf() + off, &hdr, sizeof(hdr));
	if (payload_len)
		memcpy(mb_buf() + off + sizeof(hdr), payload, payload_len);
	mb.len = ALIGN(end, 8);
	memset(mb_buf() + end, 'Z', mb.len - end);
	return off;
}

static u32 mb_tag(u32 type, const void *payload, u32 payload_len)
{
	return mb_tag_sized(type, sizeof(struct mb2_tag) + payload_len,
			    payload, payload_len);
}

static u32 mb_string(u32 type, const char *s)
{
	return mb_tag(type, s, strlen(s) + 1);
}

static void mb_set_total(u32 total)
{
	memcpy(mb_buf(), &total, sizeof(total));
}

/* Closes the list with an end tag; returns total_size. */
static u32 mb_end(void)
{
	mb_tag(MULTIBOOT2_TAG_TYPE_END, NULL, 0);
	mb_set_total(mb.len);
	return mb.len;
}

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, sizeof(v));
}

/* A memory map tag with n entries spaced entry_size bytes apart. */
static u32 mb_mmap(u32 entry_size, const struct mb2_mmap_entry *e, u32 n,
		   u32 extra)
{
	static u8 payload[8 + 200 * 32 + 8];
	u32 i, len = 8 + n * entry_size + extra;

	memset(payload, 0, sizeof(payload));
	put32(payload, entry_size);
	put32(payload + 4, 0);
	for (i = 0; i < n; i++)
		memcpy(payload + 8 + i * entry_size, &e[i],
		       min((u32)sizeof(*e), entry_size));
	return mb_tag(MULTIBOOT2_TAG_TYPE_MMAP, payload, len);
}

static u32 mb_module(u32 start, u32 end, const char *s)
{
	u8 payload[256];
	u32 n = strlen(s) + 1;

	put32(payload, start);
	put32(payload + 4, end);
	memcpy(payload + 8, s, n);
	return mb_tag(MULTIBOOT2_TAG_TYPE_MODULE, payload, 8 + n);
}

static u32 mb_meminfo(u32 lower, u32 upper)
{
	u32 payload[2] = { lower, upper };

	return mb_tag(MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, payload,
		      sizeof(payload));
}

/*
 * Parses the first avail bytes of the buffer from a heap block holding
 * exactly those bytes (after shift bytes of slack in front, to misalign
 * it).  The block is freed: checks must not use info.elf.headers.
 */
static int mb_parse_shifted(size_t avail, size_t shift)
{
	u8 *p = malloc(avail + shift);
	int rc;

	memcpy(p + shift, mb_buf(), avail);
	rc = multiboot2_parse(p + shift, avail, &info);
	free(p);
	return rc;
}

static int mb_parse(size_t avail)
{
	return mb_parse_shifted(avail, 0);
}

/* The map GRUB passes from QEMU's BIOS at -m 2G (MACHINE-NOTES.md). */
static const struct mb2_mmap_entry qemu_2g[] = {
	{ 0x00000000, 0x0009fc00, MULTIBOOT2_MEMORY_AVAILABLE, 0 },
	{ 0x0009fc00, 0x00000400, MULTIBOOT2_MEMORY_RESERVED, 0 },
	{ 0x000f0000, 0x00010000, MULTIBOOT2_MEMORY_RESERVED, 0 },
	{ 0x00100000, 0x7fee0000, MULTIBOOT2_MEMORY_AVAILABLE, 0 },
	{ 0x7ffe0000, 0x00020000, MULTIBOOT2_MEMORY_RESERVED, 0 },
	{ 0xfffc0000, 0x00040000, MULTIBOOT2_MEMORY_RESERVED, 0 },
};

/* Builds what GRUB 2.06 hands a kernel booted from an ISO under QEMU. */
static u32 build_grub_like(void)
{
	u8 fb[24] = { 0 }, elf[12 + 120], rsdp[MB2_RSDP_V1_SIZE];
	u32 bootdev[3] = { 0xe0, 0xffffffff, 0xffffffff };
	u32 load_base = 0x100000, unknown = 0x12345678, i;
	u64 fb_addr = 0xb8000;

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "selftest mem=512M");
	mb_string(MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, "GRUB 2.06-13+deb12u1");
	mb_module(0x200000, 0x201000, "initrd.img");
	mb_meminfo(639, 2096000);
	mb_tag(MULTIBOOT2_TAG_TYPE_BOOTDEV, bootdev, sizeof(bootdev));
	mb_mmap(24, qemu_2g, ARRAY_SIZE(qemu_2g), 0);

	/* EGA text: 80x25, 160-byte lines, 16 bits per cell, type 2. */
	memcpy(fb, &fb_addr, 8);
	put32(fb + 8, 160);
	put32(fb + 12, 80);
	put32(fb + 16, 25);
	fb[20] = 16;
	fb[21] = 2;
	mb_tag(MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, fb, sizeof(fb));

	put32(elf, 3);			/* num */
	put32(elf + 4, 40);		/* entsize: Elf32_Shdr */
	put32(elf + 8, 2);		/* shndx */
	for (i = 0; i < 120; i++)
		elf[12 + i] = i;
	mb_tag(MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, elf, sizeof(elf));

	memset(rsdp, 0x11, sizeof(rsdp));
	memcpy(rsdp, "RSD PTR ", 8);
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_OLD, rsdp, sizeof(rsdp));
	mb_tag(MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, &load_base,
	       sizeof(load_base));
	mb_tag(99, &unknown, sizeof(unknown));
	return mb_end();
}

static void test_good_grub_info(struct ktest *test)
{
	u32 total = build_grub_like();
	size_t mark = printk_log_pos();
	u8 *p = malloc(total);
	const u8 *hdrs;
	bool inside;

	memcpy(p, mb_buf(), total);
	EXPECT_EQ(test, multiboot2_parse(p, total, &info), 0);
	EXPECT_FALSE(test, printk_log_find(mark, "multiboot2:"));

	EXPECT_EQ(test, info.total_size, total);
	EXPECT_STREQ(test, info.cmdline, "selftest mem=512M");
	EXPECT_STREQ(test, info.boot_loader_name, "GRUB 2.06-13+deb12u1");
	EXPECT_EQ(test, info.nr_modules, 1);
	EXPECT_EQ(test, info.modules[0].mod_start, 0x200000);
	EXPECT_EQ(test, info.modules[0].mod_end, 0x201000);
	EXPECT_STREQ(test, info.modules[0].string, "initrd.img");
	EXPECT_TRUE(test, info.has_meminfo);
	EXPECT_EQ(test, info.mem_lower, 639);
	EXPECT_EQ(test, info.mem_upper, 2096000);
	EXPECT_TRUE(test, info.has_bootdev);
	EXPECT_EQ(test, info.biosdev, 0xe0);

	EXPECT_EQ(test, info.nr_mmap, 6);
	EXPECT_EQ(test, info.mmap[3].addr, 0x100000);
	EXPECT_EQ(test, info.mmap[3].len, 0x7fee0000);
	EXPECT_EQ(test, info.mmap[3].type, MULTIBOOT2_MEMORY_AVAILABLE);
	EXPECT_EQ(test, info.mmap[5].addr, 0xfffc0000);
	EXPECT_EQ(test, info.mmap[5].type, MULTIBOOT2_MEMORY_RESERVED);

	EXPECT_TRUE(test, info.has_framebuffer);
	EXPECT_EQ(test, info.fb_addr, 0xb8000);
	EXPECT_EQ(test, info.fb_pitch, 160);
	EXPECT_EQ(test, info.fb_width, 80);
	EXPECT_EQ(test, info.fb_height, 25);
	EXPECT_EQ(test, info.fb_bpp, 16);
	EXPECT_EQ(test, info.fb_type, 2);

	EXPECT_TRUE(test, info.has_elf);
	EXPECT_EQ(test, info.elf.num, 3);
	EXPECT_EQ(test, info.elf.entsize, 40);
	EXPECT_EQ(test, info.elf.shndx, 2);
	/* The headers are used in place, inside the boot information. */
	hdrs = info.elf.headers;
	inside = hdrs > p && hdrs + 120 <= p + total;
	EXPECT_TRUE(test, inside);
	if (inside) {
		EXPECT_EQ(test, hdrs[0], 0);
		EXPECT_EQ(test, hdrs[119], 119);
	}

	EXPECT_EQ(test, info.rsdp_version, 1);
	EXPECT_EQ(test, memcmp(info.rsdp, "RSD PTR \x11", 9), 0);
	EXPECT_EQ(test, info.rsdp[MB2_RSDP_V1_SIZE], 0);
	EXPECT_TRUE(test, info.has_load_base);
	EXPECT_EQ(test, info.load_base_addr, 0x100000);
	free(p);
}

/* Tag types nobody knows (or we do not read) are legal: skip, no noise. */
static void test_unknown_tags_silent(struct ktest *test)
{
	u8 junk[40];
	size_t mark;
	u32 total;

	memset(junk, 0xee, sizeof(junk));
	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_VBE, junk, 40);
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "a");
	mb_tag(1000, junk, 3);
	mb_tag(0xffffffff, junk, 0);
	mb_meminfo(1, 2);
	total = mb_end();

	mark = printk_log_pos();
	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_FALSE(test, printk_log_find(mark, "multiboot2:"));
	EXPECT_STREQ(test, info.cmdline, "a");
	EXPECT_EQ(test, info.mem_upper, 2);
}

/* The ACPI 2.0 RSDP wins over the 1.0 one in either order. */
static void test_acpi_new_wins(struct ktest *test)
{
	u8 v1[MB2_RSDP_V1_SIZE], v2[MB2_RSDP_V2_SIZE];
	u32 total;

	memset(v1, 0x01, sizeof(v1));
	memset(v2, 0x02, sizeof(v2));

	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_NEW, v2, sizeof(v2));
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_OLD, v1, sizeof(v1));
	total = mb_end();
	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_EQ(test, info.rsdp_version, 2);
	EXPECT_EQ(test, memcmp(info.rsdp, v2, sizeof(v2)), 0);

	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_OLD, v1, sizeof(v1));
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_NEW, v2, sizeof(v2));
	total = mb_end();
	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_EQ(test, info.rsdp_version, 2);
	EXPECT_EQ(test, memcmp(info.rsdp, v2, sizeof(v2)), 0);
}

/*
 *	off  0  total_size = 48
 *	off  8  cmdline "abc"                      size 12
 *	off 24  meminfo claiming size 32           24 bytes left
 *	off 48  (end of the block: ASan redzone)
 */
static void test_tag_past_total_size(struct ktest *test)
{
	size_t mark = printk_log_pos();

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "abc");
	mb_tag_sized(MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, 32, "\1\0\0\0\2\0\0\0",
		     8);
	mb.len = 48;
	mb_set_total(48);

	EXPECT_EQ(test, mb_parse(48), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: tag type 4 at offset 24 has size 32, past total_size 48, stopping\n");
	EXPECT_STREQ(test, info.cmdline, "abc");
	EXPECT_FALSE(test, info.has_meminfo);
	EXPECT_FALSE(test, printk_log_find(mark, "no end tag"));
}

/*
 *	off  8  cmdline "ok"                       size 11
 *	off 24  type 6 with size 4: no way to find the next tag
 *	off 32  end tag (never reached)
 */
static void test_tag_size_below_8(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "ok");
	mb_tag_sized(MULTIBOOT2_TAG_TYPE_MMAP, 4, NULL, 0);
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: tag type 6 at offset 24 has size 4 (below 8), stopping\n");
	EXPECT_STREQ(test, info.cmdline, "ok");
	EXPECT_EQ(test, info.nr_mmap, 0);
}

/*
 * A structure cut inside a tag header:
 *
 *	off  8  unknown tag, size 8
 *	off 16  4 bytes left before total_size 20: half a header
 */
static void test_truncated_tag_header(struct ktest *test)
{
	size_t mark = printk_log_pos();

	mb_begin();
	mb_tag(99, NULL, 0);
	mb_set_total(20);

	EXPECT_EQ(test, mb_parse(20), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: tag header at offset 16 runs past total_size 20, stopping\n");
	EXPECT_EQ(test, info.total_size, 20);
}

/* Known tags shorter than their fixed layout are skipped, one line each. */
static void test_known_tag_too_short(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u8 rsdp[MB2_RSDP_V1_SIZE] = "RSD PTR ";
	u32 total, two = 2;

	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, &two, 4);	/* 12 < 16 */
	mb_tag(MULTIBOOT2_TAG_TYPE_ACPI_NEW, rsdp, sizeof(rsdp)); /* 28 < 44 */
	mb_meminfo(3, 4);		/* the skipped one did not count */
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: basic meminfo tag at offset 8 is 12 bytes, shorter than its 16-byte layout, skipped\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: ACPI 2.0 RSDP tag at offset 24 is 28 bytes, shorter than its 44-byte layout, skipped\n");
	EXPECT_EQ(test, info.rsdp_version, 0);
	EXPECT_TRUE(test, info.has_meminfo);
	EXPECT_EQ(test, info.mem_lower, 3);
	EXPECT_FALSE(test, printk_log_find(mark, "duplicate"));
}

static void test_total_size_beyond_avail(struct ktest *test)
{
	size_t mark = printk_log_pos();

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "this tag is cut off by avail");
	mb_end();
	mb_set_total(64);

	EXPECT_EQ(test, mb_parse(40), -EINVAL);
	EXPECT_LOGGED(test, mark,
		"multiboot2: total_size 64 is more than the 40 readable bytes, ignoring the boot information\n");
	EXPECT_EQ(test, info.total_size, 0);
	EXPECT_STREQ(test, info.cmdline, "");
}

static void test_total_size_too_small(struct ktest *test)
{
	size_t mark = printk_log_pos();

	mb_begin();
	mb_set_total(8);
	EXPECT_EQ(test, mb_parse(16), -EINVAL);
	EXPECT_LOGGED(test, mark,
		"multiboot2: total_size 8 is below the 16-byte minimum, ignoring the boot information\n");

	/* Not even total_size itself is readable. */
	mark = printk_log_pos();
	EXPECT_EQ(test, mb_parse(4), -EINVAL);
	EXPECT_LOGGED(test, mark,
		"multiboot2: only 4 bytes of boot information readable, ignoring it\n");

	mark = printk_log_pos();
	EXPECT_EQ(test, multiboot2_parse(NULL, 4096, &info), -EINVAL);
	EXPECT_LOGGED(test, mark,
		"multiboot2: no boot information, ignoring it\n");
}

static void test_misaligned_mbi(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "x");
	total = mb_end();

	EXPECT_EQ(test, mb_parse_shifted(total, 4), -EINVAL);
	EXPECT_LOGGED(test, mark, "is not 8-byte aligned, ignoring it\n");
	EXPECT_STREQ(test, info.cmdline, "");
	/* The same bytes, aligned, are fine. */
	EXPECT_EQ(test, mb_parse_shifted(total, 8), 0);
	EXPECT_STREQ(test, info.cmdline, "x");
}

/*
 *	off  8  cmdline "root"                     size 13
 *	off 24  meminfo                            size 16
 *	off 40  total_size: the list stops without an end tag
 */
static void test_missing_end_tag(struct ktest *test)
{
	size_t mark = printk_log_pos();

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "root");
	mb_meminfo(639, 1000);
	mb_set_total(mb.len);

	EXPECT_EQ(test, mb.len, 40);
	EXPECT_EQ(test, mb_parse(40), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: no end tag before total_size 40, using the tags found\n");
	EXPECT_STREQ(test, info.cmdline, "root");
	EXPECT_EQ(test, info.mem_upper, 1000);
}

/*
 * "hello" with no NUL, then 'Z' padding: the copy must stop at the tag's
 * end.  Then a boot loader name that is unterminated and also the very
 * last byte of the block, so that strnlen past it would hit the redzone:
 *
 *	off  8  boot loader name "GRUBX" (no NUL)  size 13
 *	off 21  total_size, end of the heap block
 */
static void test_unterminated_strings(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_CMDLINE, "hello", 5);
	total = mb_end();
	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: command line is not NUL-terminated inside its tag, using its 5 bytes\n");
	EXPECT_STREQ(test, info.cmdline, "hello");

	mark = printk_log_pos();
	mb_begin();
	mb_tag(MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, "GRUBX", 5);
	mb_set_total(21);
	EXPECT_EQ(test, mb_parse(21), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: boot loader name is not NUL-terminated inside its tag, using its 5 bytes\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: no end tag before total_size 21, using the tags found\n");
	EXPECT_STREQ(test, info.boot_loader_name, "GRUBX");
}

static void test_cmdline_too_long(struct ktest *test)
{
	static char line[3000];
	size_t mark = printk_log_pos();
	u32 total;

	memset(line, 'c', sizeof(line) - 1);
	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, line);
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: command line is 2999 bytes long, truncated to 2047\n");
	EXPECT_EQ(test, strlen(info.cmdline), COMMAND_LINE_SIZE - 1);
	EXPECT_EQ(test, info.cmdline[0], 'c');
}

/*
 * entry_size 20 cannot hold an entry and 28 breaks 8-byte alignment:
 * both maps are skipped; a later good map is then not a duplicate.
 */
static void test_mmap_bad_entry_size(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_mmap(20, qemu_2g, 2, 0);
	mb_mmap(28, qemu_2g, 2, 0);
	mb_mmap(24, qemu_2g, 3, 0);
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: memory map entry_size 20 is not a multiple of 8 of at least 24, map skipped\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: memory map entry_size 28 is not a multiple of 8 of at least 24, map skipped\n");
	EXPECT_FALSE(test, printk_log_find(mark, "duplicate"));
	EXPECT_EQ(test, info.nr_mmap, 3);
	EXPECT_EQ(test, info.mmap[2].addr, 0xf0000);
}

/* Entries 32 bytes apart (a future version), plus 8 stray bytes. */
static void test_mmap_wide_entries(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_mmap(32, qemu_2g, ARRAY_SIZE(qemu_2g), 8);
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: memory map has 8 bytes after its last whole entry, ignored\n");
	EXPECT_EQ(test, info.nr_mmap, 6);
	EXPECT_EQ(test, info.mmap[3].addr, 0x100000);
	EXPECT_EQ(test, info.mmap[3].len, 0x7fee0000);
	EXPECT_EQ(test, info.mmap[4].type, MULTIBOOT2_MEMORY_RESERVED);
}

static void test_mmap_too_many_entries(struct ktest *test)
{
	static struct mb2_mmap_entry many[130];
	size_t mark = printk_log_pos();
	u32 i, total;

	for (i = 0; i < ARRAY_SIZE(many); i++) {
		many[i].addr = (u64)i << 32;
		many[i].len = 0x1000;
		many[i].type = 1 + i % 5;
	}
	mb_begin();
	mb_mmap(24, many, ARRAY_SIZE(many), 0);
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: memory map has 130 entries, keeping the first 128\n");
	EXPECT_EQ(test, info.nr_mmap, MB2_MAX_MMAP);
	EXPECT_EQ(test, info.mmap[127].addr, 127ULL << 32);
	EXPECT_EQ(test, info.mmap[127].type, 1 + 127 % 5);
}

/*
 *	off  8  cmdline "first"                    size 14
 *	off 24  cmdline "second"                   size 15
 */
static void test_duplicate_cmdline(struct ktest *test)
{
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "first");
	mb_string(MULTIBOOT2_TAG_TYPE_CMDLINE, "second");
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: duplicate command line tag at offset 24, keeping the first\n");
	EXPECT_STREQ(test, info.cmdline, "first");
}

static void test_modules(struct ktest *test)
{
	static const char long_name[] =
		"/boot/a-module-name-that-is-much-longer-than-sixty-four-bytes.img";
	size_t mark = printk_log_pos();
	u32 i, total;

	mb_begin();
	mb_module(0x300000, 0x200000, "backwards");
	for (i = 0; i < MB2_MAX_MODULES + 1; i++)
		mb_module(0x200000 + i * 0x10000, 0x200000 + i * 0x10000 + 1,
			  i == 0 ? long_name : "m");
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: module [0x00300000-0x00200000) ends before it starts, skipped\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: module string is 65 bytes long, truncated to 63\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: more than 16 modules, module at 0x00300000 dropped\n");
	EXPECT_EQ(test, info.nr_modules, MB2_MAX_MODULES);
	EXPECT_EQ(test, info.modules[0].mod_start, 0x200000);
	EXPECT_EQ(test, strlen(info.modules[0].string), 63);
	EXPECT_EQ(test, info.modules[15].mod_start, 0x2f0000);
	EXPECT_STREQ(test, info.modules[15].string, "m");
}

/*
 * An ELF sections tag whose num * entsize is more than it holds, once
 * plainly and once where the product only overflows 32 bits.
 */
static void test_elf_sections_too_big(struct ktest *test)
{
	u8 elf[12 + 40] = { 0 };
	size_t mark = printk_log_pos();
	u32 total;

	mb_begin();
	put32(elf, 100);
	put32(elf + 4, 40);
	mb_tag(MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, elf, sizeof(elf));
	put32(elf, 0x10000);
	put32(elf + 4, 0x10000);
	mb_tag(MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, elf, sizeof(elf));
	total = mb_end();

	EXPECT_EQ(test, mb_parse(total), 0);
	EXPECT_LOGGED(test, mark,
		"multiboot2: ELF sections tag claims 100 headers of 40 bytes but holds 40 bytes, skipped\n");
	EXPECT_LOGGED(test, mark,
		"multiboot2: ELF sections tag claims 65536 headers of 65536 bytes but holds 40 bytes, skipped\n");
	EXPECT_FALSE(test, info.has_elf);
}

KTEST_SUITE(multiboot2,
	KTEST_CASE(test_good_grub_info),
	KTEST_CASE(test_unknown_tags_silent),
	KTEST_CASE(test_acpi_new_wins),
	KTEST_CASE(test_tag_past_total_size),
	KTEST_CASE(test_tag_size_below_8),
	KTEST_CASE(test_truncated_tag_header),
	KTEST_CASE(test_known_tag_too_short),
	KTEST_CASE(test_total_size_beyond_avail),
	KTEST_CASE(test_total_size_too_small),
	KTEST_CASE(test_misaligned_mbi),
	KTEST_CASE(test_missing_end_tag),
	KTEST_CASE(test_unterminated_strings),
	KTEST_CASE(test_cmdline_too_long),
	KTEST_CASE(test_mmap_bad_entry_size),
	KTEST_CASE(test_mmap_wide_entries),
	KTEST_CASE(test_mmap_too_many_entries),
	KTEST_CASE(test_duplicate_cmdline),
	KTEST_CASE(test_modules),
	KTEST_CASE(test_elf_sections_too_big));
