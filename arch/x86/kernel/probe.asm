; Reading and writing kernel memory that may not be mapped (Linux:
; copy_from_kernel_nofault).  Each routine's one memory access is listed
; in __ex_table: if it faults, the page-fault handler resumes at the
; routine's fixup, which returns -EFAULT (-14) instead of an oops.

global probe_read_byte, probe_write_byte

EFAULT	equ 14

section .text
bits 32

; int probe_read_byte(const void *src, unsigned char *dst)
probe_read_byte:
	mov edx, [esp + 4]
.access:
	mov al, [edx]
	mov ecx, [esp + 8]
	mov [ecx], al
	xor eax, eax
	ret
.fixup:
	mov eax, -EFAULT
	ret

; int probe_write_byte(void *dst, unsigned char val)
probe_write_byte:
	mov edx, [esp + 4]
	mov al, [esp + 8]
.access:
	mov [edx], al
	xor eax, eax
	ret
.fixup:
	mov eax, -EFAULT
	ret

section __ex_table progbits alloc noexec nowrite align=4
	dd probe_read_byte.access, probe_read_byte.fixup
	dd probe_write_byte.access, probe_write_byte.fixup
