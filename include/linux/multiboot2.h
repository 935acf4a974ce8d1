/*
 * The multiboot2 boot protocol (kernel/multiboot.c): the header the boot
 * code embeds, the boot information GRUB hands over, and the checked copy
 * of it the kernel works from.  Written from the Multiboot2 specification
 * (version 2.0); Linux itself does not boot this way, so there is no Linux
 * file to mirror, but struct mb2_info plays the part of x86's boot_params.
 *
 * Boot information layout (all little-endian, all tags 8-byte aligned):
 *
 *	+0  u32 total_size      bytes, including this header
 *	+4  u32 reserved
 *	+8  tag: u32 type, u32 size (bytes, header included, not padded)
 *	    ... payload, then padding to the next multiple of 8
 *	    tag ...
 *	    end tag: type 0, size 8
 */
#ifndef _LINUX_MULTIBOOT2_H
#define _LINUX_MULTIBOOT2_H

/* What the boot loader leaves in eax; the header the kernel image carries. */
#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36d76289
#define MULTIBOOT2_HEADER_MAGIC		0xe85250d6
#define MULTIBOOT2_ARCHITECTURE_I386	0
#define MULTIBOOT2_HEADER_ALIGN		8
#define MULTIBOOT2_INFO_ALIGN		8
#define MULTIBOOT2_TAG_ALIGN		8

/* Header tags (kernel -> boot loader), usable from the assembly entry. */
#define MULTIBOOT2_HEADER_TAG_END		0
#define MULTIBOOT2_HEADER_TAG_INFO_REQUEST	1
#define MULTIBOOT2_HEADER_TAG_ADDRESS		2
#define MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS	3
#define MULTIBOOT2_HEADER_TAG_CONSOLE_FLAGS	4
#define MULTIBOOT2_HEADER_TAG_FRAMEBUFFER	5
#define MULTIBOOT2_HEADER_TAG_MODULE_ALIGN	6
#define MULTIBOOT2_HEADER_TAG_OPTIONAL		1	/* flags bit 0 */

/* Information tags (boot loader -> kernel). */
#define MULTIBOOT2_TAG_TYPE_END			0
#define MULTIBOOT2_TAG_TYPE_CMDLINE		1
#define MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME	2
#define MULTIBOOT2_TAG_TYPE_MODULE		3
#define MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO	4
#define MULTIBOOT2_TAG_TYPE_BOOTDEV		5
#define MULTIBOOT2_TAG_TYPE_MMAP		6
#define MULTIBOOT2_TAG_TYPE_VBE			7
#define MULTIBOOT2_TAG_TYPE_FRAMEBUFFER		8
#define MULTIBOOT2_TAG_TYPE_ELF_SECTIONS	9
#define MULTIBOOT2_TAG_TYPE_APM			10
#define MULTIBOOT2_TAG_TYPE_EFI32		11
#define MULTIBOOT2_TAG_TYPE_EFI64		12
#define MULTIBOOT2_TAG_TYPE_SMBIOS		13
#define MULTIBOOT2_TAG_TYPE_ACPI_OLD		14
#define MULTIBOOT2_TAG_TYPE_ACPI_NEW		15
#define MULTIBOOT2_TAG_TYPE_NETWORK		16
#define MULTIBOOT2_TAG_TYPE_EFI_MMAP		17
#define MULTIBOOT2_TAG_TYPE_EFI_BS		18
#define MULTIBOOT2_TAG_TYPE_EFI32_IH		19
#define MULTIBOOT2_TAG_TYPE_EFI64_IH		20
#define MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR	21

/* Memory map entry types; the same numbers as E820. */
#define MULTIBOOT2_MEMORY_AVAILABLE		1
#define MULTIBOOT2_MEMORY_RESERVED		2
#define MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE	3
#define MULTIBOOT2_MEMORY_NVS			4
#define MULTIBOOT2_MEMORY_BADRAM		5

#ifndef __ASSEMBLY__

#include <linux/moduleparam.h>
#include <linux/types.h>

/*
 * The raw layouts, as the boot loader writes them.  Variable parts (the
 * strings, entries and headers that follow) are reached by offset, never
 * through flexible arrays, so a reader cannot index past a tag by mistake.
 */
struct mb2_info_header {
	u32 total_size;
	u32 reserved;
};

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_string {			/* cmdline, boot loader name */
	struct mb2_tag tag;
	/* NUL-terminated string follows */
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
	/* NUL-terminated command line of the module follows */
};

struct mb2_tag_basic_meminfo {
	struct mb2_tag tag;
	u32 mem_lower;			/* KiB from 0 */
	u32 mem_upper;			/* KiB from 1 MiB up to a hole */
};

struct mb2_tag_bootdev {
	struct mb2_tag tag;
	u32 biosdev;
	u32 partition;
	u32 sub_partition;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;			/* a multiple of 8, >= 24 */
	u32 entry_version;		/* 0 */
	/* entries of entry_size bytes follow, each starting as below */
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
};

/* The spec's fixed part; GRUB pads reserved to 16 bits, then color info. */
struct mb2_tag_framebuffer {
	struct mb2_tag tag;
	u64 addr;
	u32 pitch;
	u32 width;
	u32 height;
	u8 bpp;
	u8 type;
};
#define MB2_FRAMEBUFFER_MIN_SIZE	31

/*
 * The specification draws num/entsize/shndx as u16s, but GRUB (the
 * reference implementation) writes u32s, and that is what is found.
 */
struct mb2_tag_elf_sections {
	struct mb2_tag tag;
	u32 num;
	u32 entsize;
	u32 shndx;
	/* num section headers of entsize bytes follow */
};

struct mb2_tag_load_base_addr {
	struct mb2_tag tag;
	u32 load_base_addr;
};

#define MB2_RSDP_V1_SIZE	20	/* ACPI 1.0 RSDP */
#define MB2_RSDP_V2_SIZE	36	/* ACPI 2.0+ XSDP */

/* The parsed, checked copy of the boot information. */
#define MB2_MAX_MMAP		128
#define MB2_MAX_MODULES		16
#define MB2_NAME_LEN		64

struct mb2_mmap {
	u64 addr;
	u64 len;
	u32 type;
};

struct mb2_module {
	u32 mod_start;
	u32 mod_end;		/* first byte after the module */
	char string[MB2_NAME_LEN];
};

struct mb2_info {
	char cmdline[COMMAND_LINE_SIZE];
	char boot_loader_name[MB2_NAME_LEN];

	bool has_meminfo;
	u32 mem_lower;		/* KiB */
	u32 mem_upper;		/* KiB */

	struct mb2_mmap mmap[MB2_MAX_MMAP];
	u32 nr_mmap;

	struct mb2_module modules[MB2_MAX_MODULES];
	u32 nr_modules;

	bool has_elf;
	struct {
		u32 num;
		u32 entsize;
		u32 shndx;
		const void *headers;	/* inside the boot information */
	} elf;

	u8 rsdp[MB2_RSDP_V2_SIZE];
	u32 rsdp_version;	/* 1 or 2; 0 when there was no RSDP */

	bool has_load_base;
	u32 load_base_addr;

	bool has_bootdev;
	u32 biosdev, partition, sub_partition;

	bool has_framebuffer;
	u64 fb_addr;
	u32 fb_pitch, fb_width, fb_height;
	u8 fb_bpp, fb_type;

	u32 total_size;
};

/*
 * Checks and copies the boot information at mbi into *info, of which avail
 * bytes are safely readable.  Never reads outside [mbi, mbi + min(avail,
 * total_size)).  Every problem is reported on one "multiboot2: " line;
 * a bad tag is skipped (or its string truncated) and parsing goes on.
 * Returns 0 when info is usable, or -EINVAL when the structure as a whole
 * is not (misaligned, total_size out of range), in which case *info is
 * left empty.  Called once by start_kernel, and by the tests.
 */
int multiboot2_parse(const void *mbi, size_t avail, struct mb2_info *info);

#endif /* !__ASSEMBLY__ */

#endif /* _LINUX_MULTIBOOT2_H */
