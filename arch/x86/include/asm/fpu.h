/* FPU/SSE state of processes (Linux: arch/x86/include/asm/fpu/). */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <linux/types.h>

/* The FXSAVE image: 512 bytes, 16-byte aligned (Linux's fxregs_state). */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u32 fip, fcs, foo, fos;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];
	u32 xmm_space[32];
	u32 padding[56];
} __attribute__((aligned(16)));

struct task_struct;

/* CR0/CR4 set up so user code may use x87, MMX and SSE (with FXSR). */
void fpu__init_cpu(void);
void fpu_switch(struct task_struct *prev, struct task_struct *next);
void fpu_reset(struct task_struct *tsk);
void fpu_copy(struct task_struct *dst, struct task_struct *src);

#endif /* _ASM_X86_FPU_H */
