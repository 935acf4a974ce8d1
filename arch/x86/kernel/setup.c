/*
 * The architecture's part of boot (Linux: arch/x86/kernel/setup.c): read
 * what GRUB handed over, learn the CPU, install the descriptor tables.
 * Memory setup (memblock, paging_init) joins here in [M2].
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/monitor.h>
#include <linux/moduleparam.h>
#include <linux/multiboot2.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

struct mb2_info boot_info;
char boot_command_line[COMMAND_LINE_SIZE];

/*
 * boot/head.asm copied the boot information into boot_mbi_copy, wherever
 * GRUB had put it; a structure larger than the copy is refused by the
 * parser's size check, with its message.
 */
static void __init parse_boot_info(void)
{
	if (boot_magic != MULTIBOOT2_BOOTLOADER_MAGIC) {
		pr_err("multiboot2: bad magic %08x; no boot information\n",
		       boot_magic);
		return;
	}
	if (multiboot2_parse(boot_mbi_copy, boot_mbi_size, &boot_info) < 0)
		pr_err("multiboot2: boot information unusable; booting without it\n");
	strlcpy(boot_command_line, boot_info.cmdline, COMMAND_LINE_SIZE);
}

/* RAM beyond what the CPU can put in a page-table entry is no use. */
static void __init memblock_trim_unaddressable(void)
{
	phys_addr_t limit = 1ULL << boot_cpu_data.x86_phys_bits;

	if (memblock_end_of_DRAM() <= limit)
		return;
	pr_warn("e820: RAM above %lluM cannot be addressed with %u physical address bits; ignoring %lluM\n",
		(unsigned long long)(limit >> 20), boot_cpu_data.x86_phys_bits,
		(unsigned long long)((memblock_end_of_DRAM() - limit) >> 20));
	memblock_remove(limit, PHYS_ADDR_MAX - limit);
}

/*
 * memblock learns the RAM from e820 (Linux's e820__memblock_setup), each
 * range shrunk to whole pages, then what must never be handed out is
 * reserved: page 0 (real-mode IVT, and catching NULL), the kernel image
 * (which holds the boot information copy and the early page tables) and
 * the boot modules.
 */
static void __init e820__memblock_setup(void)
{
	u32 i;

	/* Until paging_init only the early 64 MiB can be reached. */
	memblock_set_current_limit(EARLY_MAP_SIZE);
	memblock_allow_resize();
	for (i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 start = ALIGN(e->addr, (u64)PAGE_SIZE);
		u64 end = ALIGN_DOWN(e->addr + e->size, (u64)PAGE_SIZE);

		if (e->type == E820_TYPE_RAM && end > start)
			memblock_add(start, end - start);
	}
	memblock_apply_mem_limit();
	memblock_trim_unaddressable();
	memblock_reserve(0, PAGE_SIZE);
	memblock_reserve(__pa(_text), __pa(_end) - __pa(_text));
	for (i = 0; i < boot_info.nr_modules; i++)
		memblock_reserve(boot_info.modules[i].mod_start,
				 boot_info.modules[i].mod_end -
				 boot_info.modules[i].mod_start);
}

void __init setup_arch(void)
{
	parse_boot_info();
	pr_info("Boot loader: %s\n", boot_info.boot_loader_name[0] ?
		boot_info.boot_loader_name : "(unknown)");
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_early_param(boot_command_line);
	e820__memory_setup(&boot_info);
	early_cpu_init();
	e820__memblock_setup();
	find_low_pfn_range();
	paging_init();
	memblock_dump_all();
	zone_sizes_init();
}

/* The table as at boot (after sanitizing), without the timestamps. */
static int cmd_e820(int argc, char **argv)
{
	char line[64];
	u32 i;

	for (i = 0; i < e820_table.nr_entries; i++) {
		e820__format_entry(line, sizeof(line), &e820_table.entries[i]);
		mon_printf("%s\n", line);
	}
	return 0;
}
DEFINE_MONITOR_CMD("e820", "e820", "the physical memory map from the boot loader", cmd_e820);

static int cmd_cpuinfo(int argc, char **argv)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;
	extern unsigned long tsc_khz;

	(void)argc;
	(void)argv;
	mon_printf("processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\n"
		   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n",
		   c->x86_vendor_id, c->x86, c->x86_model, c->x86_model_id,
		   c->x86_stepping);
	mon_printf("cpu MHz\t\t: %lu.%03lu\naddress sizes\t: %u bits physical, 32 bits virtual\n",
		   tsc_khz / 1000, tsc_khz % 1000, c->x86_phys_bits);
	mon_printf("flags\t\t:%s\n", cpu_flags_string());
	return 0;
}
DEFINE_MONITOR_CMD("cpuinfo", "cpuinfo", "the CPU, as /proc/cpuinfo", cmd_cpuinfo);
