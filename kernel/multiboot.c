/*
 * Multiboot2 boot information parsing: turns the tag list GRUB leaves in
 * memory into a checked struct mb2_info (see include/linux/multiboot2.h).
 * Linux has no multiboot code; this is our counterpart of the boot_params
 * copy arch/x86/kernel/head32.c makes, and it is the first place boot
 * input is trusted, so nothing here may read a byte outside the structure
 * however the tags are corrupted.  Every problem prints one line saying
 * what was wrong and what was done, and parsing carries on if it can.
 *
 * All reads of the structure go through memcpy into local structs: the
 * fields are aligned by the spec, but a memcpy also keeps the compiler's
 * aliasing rules out of the picture.
 */
#define pr_fmt(fmt) "multiboot2: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/multiboot2.h>
#include <linux/string.h>

/*
 * Copies the fixed part of a tag into dst, which has room for dst_size
 * bytes: only min(size, dst_size) bytes are read, the rest of dst zeroed.
 * Callers have already checked size against the fields they use.
 */
static void read_tag(const u8 *tag, u32 size, void *dst, size_t dst_size)
{
	memset(dst, 0, dst_size);
	memcpy(dst, tag, min((size_t)size, dst_size));
}

/*
 * Copies the string at tag + offset, which must end inside the tag, into
 * dst.  An unterminated string keeps its bytes up to the tag's end, a long
 * one is cut to fit dst; either is reported.  Always NUL-terminates dst.
 */
static void copy_tag_string(const u8 *tag, u32 size, u32 offset, char *dst,
			    size_t dst_size, const char *what)
{
	const char *s = (const char *)tag + offset;
	size_t room = size - offset;
	size_t len = strnlen(s, room);

	if (len == room)
		pr_warn("%s is not NUL-terminated inside its tag, using its %zu bytes\n",
			what, len);
	if (len >= dst_size) {
		pr_warn("%s is %zu bytes long, truncated to %zu\n", what, len,
			dst_size - 1);
		len = dst_size - 1;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static bool parse_cmdline(const u8 *tag, u32 size, struct mb2_info *info)
{
	copy_tag_string(tag, size, sizeof(struct mb2_tag_string),
			info->cmdline, sizeof(info->cmdline), "command line");
	return true;
}

static bool parse_loader_name(const u8 *tag, u32 size, struct mb2_info *info)
{
	copy_tag_string(tag, size, sizeof(struct mb2_tag_string),
			info->boot_loader_name, sizeof(info->boot_loader_name),
			"boot loader name");
	return true;
}

static bool parse_module(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_module t;
	struct mb2_module *mod;

	read_tag(tag, size, &t, sizeof(t));
	if (t.mod_end < t.mod_start) {
		pr_warn("module [0x%08x-0x%08x) ends before it starts, skipped\n",
			t.mod_start, t.mod_end);
		return false;
	}
	if (info->nr_modules >= MB2_MAX_MODULES) {
		pr_warn("more than %d modules, module at 0x%08x dropped\n",
			MB2_MAX_MODULES, t.mod_start);
		return false;
	}
	mod = &info->modules[info->nr_modules++];
	mod->mod_start = t.mod_start;
	mod->mod_end = t.mod_end;
	copy_tag_string(tag, size, sizeof(t), mod->string,
			sizeof(mod->string), "module string");
	return true;
}

static bool parse_meminfo(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_basic_meminfo t;

	read_tag(tag, size, &t, sizeof(t));
	info->mem_lower = t.mem_lower;
	info->mem_upper = t.mem_upper;
	info->has_meminfo = true;
	return true;
}

static bool parse_bootdev(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_bootdev t;

	read_tag(tag, size, &t, sizeof(t));
	info->biosdev = t.biosdev;
	info->partition = t.partition;
	info->sub_partition = t.sub_partition;
	info->has_bootdev = true;
	return true;
}

/*
 * The memory map: entries are entry_size bytes apart so that later spec
 * versions can grow them; we read the first 24 bytes of each.
 */
static bool parse_mmap(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_mmap t;
	struct mb2_mmap_entry e;
	u32 i, n, extra;

	read_tag(tag, size, &t, sizeof(t));
	if (t.entry_size < sizeof(e) || t.entry_size % 8) {
		pr_warn("memory map entry_size %u is not a multiple of 8 of at least %zu, map skipped\n",
			t.entry_size, sizeof(e));
		return false;
	}
	n = (size - sizeof(t)) / t.entry_size;
	extra = (size - sizeof(t)) % t.entry_size;
	if (extra)
		pr_warn("memory map has %u bytes after its last whole entry, ignored\n",
			extra);
	if (n > MB2_MAX_MMAP) {
		pr_warn("memory map has %u entries, keeping the first %d\n", n,
			MB2_MAX_MMAP);
		n = MB2_MAX_MMAP;
	}
	for (i = 0; i < n; i++) {
		memcpy(&e, tag + sizeof(t) + i * t.entry_size, sizeof(e));
		info->mmap[i].addr = e.addr;
		info->mmap[i].len = e.len;
		info->mmap[i].type = e.type;
	}
	info->nr_mmap = n;
	return true;
}

static bool parse_framebuffer(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_framebuffer t;

	read_tag(tag, size, &t, sizeof(t));
	info->fb_addr = t.addr;
	info->fb_pitch = t.pitch;
	info->fb_width = t.width;
	info->fb_height = t.height;
	info->fb_bpp = t.bpp;
	info->fb_type = t.type;
	info->has_framebuffer = true;
	return true;
}

static bool parse_elf_sections(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_elf_sections t;
	u64 need;

	read_tag(tag, size, &t, sizeof(t));
	need = (u64)t.num * t.entsize;
	if (need > size - sizeof(t)) {
		pr_warn("ELF sections tag claims %u headers of %u bytes but holds %zu bytes, skipped\n",
			t.num, t.entsize, (size_t)(size - sizeof(t)));
		return false;
	}
	info->elf.num = t.num;
	info->elf.entsize = t.entsize;
	info->elf.shndx = t.shndx;
	info->elf.headers = tag + sizeof(t);
	info->has_elf = true;
	return true;
}

/* GRUB may pass both RSDP tags; the ACPI 2.0 one wins whatever the order. */
static bool parse_acpi_old(const u8 *tag, u32 size, struct mb2_info *info)
{
	(void)size;
	if (info->rsdp_version == 2)
		return true;
	memset(info->rsdp, 0, sizeof(info->rsdp));
	memcpy(info->rsdp, tag + sizeof(struct mb2_tag), MB2_RSDP_V1_SIZE);
	info->rsdp_version = 1;
	return true;
}

static bool parse_acpi_new(const u8 *tag, u32 size, struct mb2_info *info)
{
	(void)size;
	memcpy(info->rsdp, tag + sizeof(struct mb2_tag), MB2_RSDP_V2_SIZE);
	info->rsdp_version = 2;
	return true;
}

static bool parse_load_base(const u8 *tag, u32 size, struct mb2_info *info)
{
	struct mb2_tag_load_base_addr t;

	read_tag(tag, size, &t, sizeof(t));
	info->load_base_addr = t.load_base_addr;
	info->has_load_base = true;
	return true;
}

/*
 * The tags we read.  min_size is the fixed layout a tag must at least
 * have before its handler looks inside; all but modules may appear once.
 * A handler returns whether it kept the tag (a skipped one does not count
 * as the first of its type).
 */
struct mb2_tag_kind {
	u32 type;
	const char *name;
	u32 min_size;
	bool single;
	bool (*parse)(const u8 *tag, u32 size, struct mb2_info *info);
};

static const struct mb2_tag_kind mb2_tag_kinds[] = {
	{ MULTIBOOT2_TAG_TYPE_CMDLINE, "command line",
	  sizeof(struct mb2_tag_string), true, parse_cmdline },
	{ MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, "boot loader name",
	  sizeof(struct mb2_tag_string), true, parse_loader_name },
	{ MULTIBOOT2_TAG_TYPE_MODULE, "module",
	  sizeof(struct mb2_tag_module), false, parse_module },
	{ MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, "basic meminfo",
	  sizeof(struct mb2_tag_basic_meminfo), true, parse_meminfo },
	{ MULTIBOOT2_TAG_TYPE_BOOTDEV, "boot device",
	  sizeof(struct mb2_tag_bootdev), true, parse_bootdev },
	{ MULTIBOOT2_TAG_TYPE_MMAP, "memory map",
	  sizeof(struct mb2_tag_mmap), true, parse_mmap },
	{ MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, "framebuffer",
	  MB2_FRAMEBUFFER_MIN_SIZE, true, parse_framebuffer },
	{ MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, "ELF sections",
	  sizeof(struct mb2_tag_elf_sections), true, parse_elf_sections },
	{ MULTIBOOT2_TAG_TYPE_ACPI_OLD, "ACPI 1.0 RSDP",
	  sizeof(struct mb2_tag) + MB2_RSDP_V1_SIZE, true, parse_acpi_old },
	{ MULTIBOOT2_TAG_TYPE_ACPI_NEW, "ACPI 2.0 RSDP",
	  sizeof(struct mb2_tag) + MB2_RSDP_V2_SIZE, true, parse_acpi_new },
	{ MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, "load base address",
	  sizeof(struct mb2_tag_load_base_addr), true, parse_load_base },
};

/* All known types are below 32, so one bit each records "already kept". */
BUILD_BUG_ON(MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR >= 32);

static const struct mb2_tag_kind *find_tag_kind(u32 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mb2_tag_kinds); i++)
		if (mb2_tag_kinds[i].type == type)
			return &mb2_tag_kinds[i];
	return NULL;
}

/* Checks one known tag's size and uniqueness, then hands it over. */
static void parse_tag(const u8 *tag, u32 type, u32 size, u32 offset,
		      u32 *seen, struct mb2_info *info)
{
	const struct mb2_tag_kind *kind = find_tag_kind(type);

	if (!kind)
		return;		/* unknown types are legal: skip them */
	if (size < kind->min_size) {
		pr_warn("%s tag at offset %u is %u bytes, shorter than its %u-byte layout, skipped\n",
			kind->name, offset, size, kind->min_size);
		return;
	}
	if (kind->single && (*seen & (1u << type))) {
		pr_warn("duplicate %s tag at offset %u, keeping the first\n",
			kind->name, offset);
		return;
	}
	if (kind->parse(tag, size, info))
		*seen |= 1u << type;
}

/*
 * Checks the outer header.  Returns total_size, or 0 (after saying why)
 * when the structure cannot be used at all.
 */
static u32 check_header(const void *mbi, size_t avail)
{
	struct mb2_info_header hdr;

	if (!mbi) {
		pr_err("no boot information, ignoring it\n");
		return 0;
	}
	if (!IS_ALIGNED((uintptr_t)mbi, MULTIBOOT2_INFO_ALIGN)) {
		pr_err("boot information at %p is not 8-byte aligned, ignoring it\n",
		       mbi);
		return 0;
	}
	if (avail < sizeof(hdr)) {
		pr_err("only %zu bytes of boot information readable, ignoring it\n",
		       avail);
		return 0;
	}
	memcpy(&hdr, mbi, sizeof(hdr));
	if (hdr.total_size < sizeof(hdr) + sizeof(struct mb2_tag)) {
		pr_err("total_size %u is below the 16-byte minimum, ignoring the boot information\n",
		       hdr.total_size);
		return 0;
	}
	if (hdr.total_size > avail) {
		pr_err("total_size %u is more than the %zu readable bytes, ignoring the boot information\n",
		       hdr.total_size, avail);
		return 0;
	}
	return hdr.total_size;
}

int multiboot2_parse(const void *mbi, size_t avail, struct mb2_info *info)
{
	const u8 *base = mbi;
	u32 total, offset = sizeof(struct mb2_info_header), seen = 0;
	struct mb2_tag tag;

	memset(info, 0, sizeof(*info));
	total = check_header(mbi, avail);
	if (!total)
		return -EINVAL;
	info->total_size = total;

	/* offset is 8-aligned throughout: it starts at 8, steps are aligned. */
	while (offset < total) {
		if (total - offset < sizeof(tag)) {
			pr_warn("tag header at offset %u runs past total_size %u, stopping\n",
				offset, total);
			return 0;
		}
		memcpy(&tag, base + offset, sizeof(tag));
		if (tag.size < sizeof(tag)) {
			pr_warn("tag type %u at offset %u has size %u (below 8), stopping\n",
				tag.type, offset, tag.size);
			return 0;
		}
		if (tag.size > total - offset) {
			pr_warn("tag type %u at offset %u has size %u, past total_size %u, stopping\n",
				tag.type, offset, tag.size, total);
			return 0;
		}
		if (tag.type == MULTIBOOT2_TAG_TYPE_END)
			return 0;
		parse_tag(base + offset, tag.type, tag.size, offset, &seen,
			  info);
		/* u64: near 4 GiB the aligned step could wrap a u32. */
		if ((u64)offset + ALIGN((u64)tag.size, MULTIBOOT2_TAG_ALIGN) >
		    total)
			break;
		offset += ALIGN(tag.size, MULTIBOOT2_TAG_ALIGN);
	}
	pr_warn("no end tag before total_size %u, using the tags found\n",
		total);
	return 0;
}
