; Copying to and from user memory (Linux: arch/x86/lib/usercopy_32.c,
; copy_user_*.S).  Every instruction that touches user memory is listed in
; __ex_table: a fault there (an unmapped or read-only user page) resumes at
; the fixup instead of an oops.  The callers (include/linux/uaccess.h) have
; already checked that the range lies below TASK_SIZE.

global __copy_user, __clear_user, __strnlen_user

EFAULT	equ 14

section .text
bits 32

; unsigned long __copy_user(void *to, const void *from, unsigned long n)
; Returns the number of bytes NOT copied: 0 when all went well.
__copy_user:
	push esi
	push edi
	mov edi, [esp + 12]
	mov esi, [esp + 16]
	mov ecx, [esp + 20]
.copy:
	rep movsb
.done:
	mov eax, ecx
	pop edi
	pop esi
	ret

; unsigned long __clear_user(void *to, unsigned long n): bytes NOT cleared.
__clear_user:
	push edi
	mov edi, [esp + 8]
	mov ecx, [esp + 12]
	xor eax, eax
.clear:
	rep stosb
.done:
	mov eax, ecx
	pop edi
	ret

; long __strnlen_user(const char *s, unsigned long n): the length of s
; counting its NUL, n + 1 if there is none in the first n bytes, or
; -EFAULT if a byte cannot be read.
__strnlen_user:
	mov edx, [esp + 4]
	mov ecx, [esp + 8]
	xor eax, eax
.next:
	cmp eax, ecx
	jae .none
.read:
	cmp byte [edx + eax], 0
	je .found
	inc eax
	jmp .next
.found:
	inc eax
	ret
.none:
	lea eax, [ecx + 1]
	ret
.fault:
	mov eax, -EFAULT
	ret

section __ex_table progbits alloc noexec nowrite align=4
	dd __copy_user.copy, __copy_user.done
	dd __clear_user.clear, __clear_user.done
	dd __strnlen_user.read, __strnlen_user.fault
