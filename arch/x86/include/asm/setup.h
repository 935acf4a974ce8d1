/* Boot-time state shared by the entry code and start_kernel. */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

#include <linux/types.h>

/* boot/head.asm maps this much at 0 and at PAGE_OFFSET (2 MiB pages). */
#define EARLY_MAP_SIZE		(64UL << 20)

/* boot/head.asm copies the multiboot2 information here before paging. */
#define MBI_COPY_SIZE		65536
extern u8 boot_mbi_copy[MBI_COPY_SIZE];
extern u32 boot_mbi_size;

extern u64 early_pmd[512];
extern u64 early_pdpt[4];
extern char init_stack[], init_stack_end[];

/* Linker symbols (linker.ld). */
extern char _text[], _etext[], __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[], __init_begin[], __init_end[];
extern char __bss_start[], __bss_stop[], _end[];

#endif /* _ASM_X86_SETUP_H */

#ifndef __ASSEMBLER__
struct mb2_info;
/* What the boot loader told us, parsed by setup_arch(). */
extern struct mb2_info boot_info;
extern char boot_command_line[];
extern u32 boot_magic, boot_mbi_phys;

/*
 * Parses multiboot2, sets up e820, CPU features, memblock and the kernel
 * page tables.
 */
void setup_arch(void);

/* arch/x86/mm/init_32.c */
extern unsigned long max_pfn, max_low_pfn, highstart_pfn, highend_pfn;
void memblock_apply_mem_limit(void);
void find_low_pfn_range(void);
void paging_init(void);
void zone_sizes_init(void);
void print_kernel_layout(void);
#endif
