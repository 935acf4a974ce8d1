; Exception and interrupt entry (Linux: arch/x86/entry/entry_32.S).
;
; Every vector gets a stub that pushes an error code (0 when the CPU pushes
; none, so the frame has one shape), then the vector number, and jumps to
; common_entry, which saves the rest as struct pt_regs (asm/ptrace.h) and
; calls do_trap_entry(regs).  idt.c reads the stub addresses from
; vector_stubs[].

extern do_trap_entry
global vector_stubs, entry_INT80_32, asm_enter_user_mode

; Exceptions for which the CPU pushes an error code (Intel SDM vol. 3, 6.13).
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

section .text
bits 32

%assign v 0
%rep 48
align 8
stub_%+v:
%if HAS_ERROR_CODE(v) == 0
	push dword 0
%endif
	push dword v
	jmp common_entry
%assign v v + 1
%endrep

common_entry:
	push gs
	push fs
	push es
	push ds
	pushad
	mov ax, 0x10			; __KERNEL_DS
	mov ds, ax
	mov es, ax
	; The kernel runs with null %fs and %gs, so an entry nested in this
	; one saves 0 there, never a user's TLS selector whose descriptor
	; may be gone by the time it returns (see restore_all's fixups).
	xor eax, eax
	mov fs, ax
	mov gs, ax
	cld
	; Make the trapped EIP look like a call site so the stack trace
	; runs through the interrupted function: a fake frame {ebp, eip}.
	push dword [esp + 14 * 4]	; regs->ip
	push ebp
	mov ebp, esp
	lea eax, [esp + 8]		; &pt_regs
	push eax
	call do_trap_entry
	add esp, 12
restore_all:
	popad
.ds:	pop ds
.es:	pop es
.fs:	pop fs
.gs:	pop gs
	add esp, 8			; vector and error code
	iretd

; A saved selector whose descriptor went away meanwhile (set_thread_area
; emptied the TLS entry %gs uses, or exec cleared them all while an
; interrupt had saved the old %gs) makes its pop raise #GP.  As in Linux's
; entry_32.S, the fault is fixed up: the slot becomes the null selector
; and the pop runs again, so the task goes on with 0 there.
%macro POP_FIXUP 1
.%1_fixup:
	mov dword [esp], 0
	jmp .%1
%endmacro
	POP_FIXUP ds
	POP_FIXUP es
	POP_FIXUP fs
	POP_FIXUP gs

section __ex_table progbits alloc noexec nowrite align=4
	dd restore_all.ds, restore_all.ds_fixup
	dd restore_all.es, restore_all.es_fixup
	dd restore_all.fs, restore_all.fs_fixup
	dd restore_all.gs, restore_all.gs_fixup
section .text

; int 0x80 from user mode (Linux's entry_INT80_32): the same frame as an
; interrupt, vector 0x80; eax holds the call number, ebx-ebp the
; arguments, and the result goes back in the frame's eax.
align 8
entry_INT80_32:
	push dword 0
	push dword 0x80
	jmp common_entry

; void asm_enter_user_mode(struct pt_regs *regs): leaves for user mode
; through the interrupt return path with regs, which must sit at the top
; of the current kernel stack (task_pt_regs).
asm_enter_user_mode:
	cli
	mov esp, [esp + 4]
	jmp restore_all

section .rodata
align 4
vector_stubs:
%assign v 0
%rep 48
	dd stub_%+v
%assign v v + 1
%endrep
