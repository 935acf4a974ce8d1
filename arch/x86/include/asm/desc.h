/* Segment and gate descriptors, GDT/IDT/TSS setup (Linux: asm/desc.h). */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <asm/segment.h>

struct desc_ptr {
	u16 size;
	u32 address;
} __attribute__((packed));

/* The 32-bit TSS: only ss0/esp0 and the I/O map base matter to us. */
struct x86_hw_tss {
	u16 back_link, __blh;
	u32 sp0;
	u16 ss0, __ss0h;
	u32 sp1;
	u16 ss1, __ss1h;
	u32 sp2;
	u16 ss2, __ss2h;
	u32 cr3, ip, flags, ax, cx, dx, bx, sp, bp, si, di;
	u16 es, __esh, cs, __csh, ss, __ssh, ds, __dsh, fs, __fsh, gs, __gsh;
	u16 ldt, __ldth;
	u16 trace, io_bitmap_base;
} __attribute__((packed));

#define NR_VECTORS		256
#define FIRST_EXTERNAL_VECTOR	0x20
#define NR_IRQS_LEGACY		16
#define IA32_SYSCALL_VECTOR	0x80	/* int 0x80, Linux's i386 ABI */

extern u64 gdt_page[GDT_ENTRIES];
extern struct x86_hw_tss cpu_tss;

void cpu_init_tss(void);
void idt_setup(void);

#endif /* _ASM_X86_DESC_H */
