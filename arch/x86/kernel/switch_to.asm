; Switching kernel stacks (Linux: __switch_to_asm in entry_32.S).
;
; void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp)
;
; Saves the callee-saved registers on the current stack, stores the stack
; pointer in *prev_sp, loads next_sp and pops the registers the next task
; saved when it last ran here; `ret` then continues that task where it
; called __switch_to_asm (or, for a new task, at the address its stack
; was prepared with).

global __switch_to_asm

section .text
bits 32

__switch_to_asm:
	mov eax, [esp + 4]
	mov edx, [esp + 8]
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, edx
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

; void load_fs_gs(unsigned long fs, unsigned long gs) (Linux: loadsegment).
; A selector whose descriptor has gone (set_thread_area cleared it) would
; raise #GP; the fixup loads the null selector instead, as Linux's does.
global load_fs_gs
load_fs_gs:
	mov eax, [esp + 4]
.fs:
	mov fs, ax
.gs_next:
	mov eax, [esp + 8]
.gs:
	mov gs, ax
.done:
	ret
.fs_fixup:
	xor eax, eax
	mov fs, ax
	jmp .gs_next
.gs_fixup:
	xor eax, eax
	mov gs, ax
	ret

section __ex_table progbits alloc noexec nowrite align=4
	dd load_fs_gs.fs, load_fs_gs.fs_fixup
	dd load_fs_gs.gs, load_fs_gs.gs_fixup
