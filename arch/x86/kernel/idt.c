/*
 * Descriptor tables (Linux: arch/x86/kernel/idt.c, cpu/common.c's GDT).
 * The GDT is flat and static: boot/head.asm loads it before C runs.  The
 * IDT points every vector we handle at its stub in entry.asm; all are
 * interrupt gates, so handlers start with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/thread_info.h>
#include <asm/setup.h>

/* base 0, limit 4 GiB, 32-bit; access byte 0x9a/0x92 kernel, 0xfa/0xf2 user */
u64 gdt_page[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL_CS] = 0x00cf9a000000ffffULL,
	[GDT_ENTRY_KERNEL_DS] = 0x00cf92000000ffffULL,
	[GDT_ENTRY_USER_CS]   = 0x00cffa000000ffffULL,
	[GDT_ENTRY_USER_DS]   = 0x00cff2000000ffffULL,
};

struct x86_hw_tss cpu_tss;

struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 reserved;
	u8 type_attr;		/* P, DPL, type 0xe = 32-bit interrupt gate */
	u16 offset_high;
} __attribute__((packed));

static struct gate_desc idt_table[NR_VECTORS] __aligned(8);
extern const unsigned long vector_stubs[FIRST_EXTERNAL_VECTOR + NR_IRQS_LEGACY];
extern const char entry_INT80_32[];

#define GATE_INTERRUPT	0x8e	/* present, DPL 0 */
#define GATE_INT_USER	0xee	/* present, DPL 3: int3 from user mode */

static void set_gate(unsigned int vector, unsigned long handler, u8 attr)
{
	struct gate_desc *g = &idt_table[vector];

	g->offset_low = handler & 0xffff;
	g->offset_high = handler >> 16;
	g->segment = __KERNEL_CS;
	g->reserved = 0;
	g->type_attr = attr;
}

static void load_idt(const struct desc_ptr *dtr)
{
	__asm__ __volatile__("lidt %0" : : "m"(*dtr));
}

/*
 * Vectors above the legacy IRQs stay not-present: an "int n" to one of
 * them raises #NP with error code n * 8 + 2.
 */
void idt_setup(void)
{
	struct desc_ptr idt_descr = {
		.size = sizeof(idt_table) - 1,
		.address = (u32)idt_table,
	};
	unsigned int v;

	BUILD_BUG_ON(GDT_ENTRIES != 9);	/* boot/head.asm's lgdt limit */
	for (v = 0; v < ARRAY_SIZE(vector_stubs); v++)
		set_gate(v, vector_stubs[v], v == 3 ? GATE_INT_USER
						    : GATE_INTERRUPT);
	/* System calls: an interrupt gate, so entry runs with IF clear. */
	set_gate(IA32_SYSCALL_VECTOR, (unsigned long)entry_INT80_32,
		 GATE_INT_USER);
	load_idt(&idt_descr);
}

/*
 * The TSS tells the CPU which stack to use when an interrupt arrives in
 * user mode (ss0:esp0); with no user mode yet it only has to be valid.
 */
void cpu_init_tss(void)
{
	u32 base = (u32)&cpu_tss, limit = sizeof(cpu_tss) - 1;

	memset(&cpu_tss, 0, sizeof(cpu_tss));
	cpu_tss.ss0 = __KERNEL_DS;
	cpu_tss.sp0 = (u32)init_stack_end;
	cpu_tss.io_bitmap_base = sizeof(cpu_tss);	/* no I/O bitmap */
	/* 32-bit available TSS (type 9), present, byte granularity */
	gdt_page[GDT_ENTRY_TSS] = (limit & 0xffff) |
		((u64)(base & 0xffffff) << 16) | (0x89ULL << 40) |
		((u64)(limit >> 16) << 48) | ((u64)(base >> 24) << 56);
	__asm__ __volatile__("ltr %w0" : : "r"(GDT_ENTRY_TSS_SEL));
}
