/*
 * What boot/head.asm and setup_arch() leave behind: the image layout from
 * linker.ld, the early PAE page tables and control registers, the parsed
 * multiboot2 information and the e820 map.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/multiboot2.h>
#include <linux/string.h>
#include <asm/e820.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>

static void test_image_layout(struct ktest *test)
{
	EXPECT_EQ(test, (unsigned long)_text, 0xc0100000);
	EXPECT_EQ(test, __pa(_text), 0x100000);
	EXPECT_EQ(test, (unsigned long)__start_rodata % PAGE_SIZE, 0);
	EXPECT_EQ(test, (unsigned long)_sdata % PAGE_SIZE, 0);
	EXPECT_EQ(test, (unsigned long)__init_begin % PAGE_SIZE, 0);
	EXPECT_EQ(test, (unsigned long)__bss_start % PAGE_SIZE, 0);
	EXPECT_LE(test, (unsigned long)_etext, (unsigned long)__start_rodata);
	EXPECT_LE(test, (unsigned long)__end_rodata, (unsigned long)_sdata);
	EXPECT_LE(test, (unsigned long)_edata, (unsigned long)__init_begin);
	EXPECT_LE(test, (unsigned long)__init_end, (unsigned long)__bss_start);
	EXPECT_LE(test, (unsigned long)__bss_stop, (unsigned long)_end);
	EXPECT_LT(test, __pa(_end), EARLY_MAP_SIZE);
}

static void test_paging_enabled(struct ktest *test)
{
	EXPECT_TRUE(test, read_cr0() & X86_CR0_PG);
	EXPECT_TRUE(test, read_cr0() & X86_CR0_WP);
	EXPECT_TRUE(test, read_cr4() & X86_CR4_PAE);
	if (boot_cpu_has(X86_FEATURE_PGE))
		EXPECT_TRUE(test, read_cr4() & X86_CR4_PGE);
	/* paging_init switched from the early tables to swapper_pg_dir. */
	EXPECT_EQ(test, read_cr3(), __pa(swapper_pg_dir));
	EXPECT_EQ(test, (unsigned long)swapper_pg_dir % 32, 0);
}

/* head.asm copied the boot information; the copy is what was parsed. */
static void test_boot_info_copied(struct ktest *test)
{
	EXPECT_GE(test, boot_mbi_size, 16);
	EXPECT_EQ(test, boot_mbi_size, *(u32 *)boot_mbi_copy);
	EXPECT_EQ(test, boot_info.total_size, boot_mbi_size);
}

static void test_multiboot_info(struct ktest *test)
{
	EXPECT_EQ(test, boot_magic, MULTIBOOT2_BOOTLOADER_MAGIC);
	EXPECT_TRUE(test, strstr(boot_info.boot_loader_name, "GRUB") != NULL);
	/*
	 * The cmdline tag reached the parameter parser: the word is there
	 * exactly when the self-tests were requested (run from the prompt's
	 * `selftest`, they were not).
	 */
	EXPECT_EQ(test, strstr(boot_command_line, "selftest") != NULL,
		  selftest_requested);
	EXPECT_GT(test, boot_info.nr_mmap, 2);
	EXPECT_TRUE(test, boot_info.has_meminfo);
}

/* QEMU's fw_cfg interface (QEMU's docs/specs/fw_cfg.rst): key, then bytes. */
#define FW_CFG_PORT_SEL		0x510
#define FW_CFG_PORT_DATA	0x511
#define FW_CFG_SIGNATURE	0x00
#define FW_CFG_RAM_SIZE		0x03

static void fw_cfg_read(u16 key, void *buf, unsigned int len)
{
	u8 *b = buf;

	outw(key, FW_CFG_PORT_SEL);
	while (len--)
		*b++ = inb(FW_CFG_PORT_DATA);
}

/* The RAM the machine was given (QEMU's -m), or 0 without fw_cfg. */
static u64 fw_ram_size(void)
{
	char sig[4];
	u64 size;

	fw_cfg_read(FW_CFG_SIGNATURE, sig, sizeof(sig));
	if (memcmp(sig, "QEMU", 4))
		return 0;
	fw_cfg_read(FW_CFG_RAM_SIZE, &size, sizeof(size));
	return size;
}

/*
 * The e820 RAM is the RAM the machine was given less what the firmware
 * keeps: the legacy area below 1 MiB and a little at the top of the RAM
 * below 4 GiB, under 1 MiB together.
 */
/*
 * The RAM QEMU gave that a PAE kernel can use: QEMU puts what does not
 * fit below 4 GiB at 4 GiB and up, and RAM at or above 64 GiB
 * (MAX_ARCH_PFN) is dropped at boot.
 */
static u64 usable_given(u64 given)
{
	u64 low = 0, cap = E820_MAX_PHYS_ADDR - (1ULL << 32);
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM &&
		    e820_table.entries[i].addr < (1ULL << 32))
			low += e820_table.entries[i].size;
	return given > low && given - low > cap ? low + cap : given;
}

static void test_e820_ram(struct ktest *test)
{
	u64 ram = e820__total_ram(), given = usable_given(fw_ram_size());
	u64 mem = (u64)boot_info.mem_upper * 1024 + SZ_1M;
	u32 i;

	EXPECT_GE(test, e820_table.nr_entries, 3);
	for (i = 1; i < e820_table.nr_entries; i++)
		EXPECT_LE(test, e820_table.entries[i - 1].addr +
			  e820_table.entries[i - 1].size,
			  e820_table.entries[i].addr);
	/* mem_upper counts only the RAM below the first hole above 1 MiB. */
	EXPECT_GE(test, ram + SZ_1M, mem);
	if (!given)
		KTEST_SKIP(test, "no QEMU fw_cfg to say how much RAM the machine has");
	EXPECT_LE(test, ram, given);
	EXPECT_GT(test, ram, given - SZ_1M);
}

static void test_cpu_features(struct ktest *test)
{
	EXPECT_TRUE(test, boot_cpu_has(X86_FEATURE_PAE));
	EXPECT_GE(test, boot_cpu_data.x86_phys_bits, 32);
	EXPECT_NE(test, boot_cpu_data.x86_vendor_id[0], 0);
}

KTEST_SUITE(boot,
	    KTEST_CASE(test_image_layout),
	    KTEST_CASE(test_paging_enabled),
	    KTEST_CASE(test_boot_info_copied),
	    KTEST_CASE(test_multiboot_info),
	    KTEST_CASE(test_e820_ram),
	    KTEST_CASE(test_cpu_features));
