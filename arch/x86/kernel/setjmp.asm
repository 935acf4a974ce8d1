; ksetjmp/klongjmp (asm/setjmp.h): saves the callee-saved registers, the
; stack pointer, the return address and EFLAGS.

global ksetjmp, klongjmp

section .text
bits 32

; int ksetjmp(struct jmp_buf *buf)
ksetjmp:
	mov eax, [esp + 4]
	mov [eax + 0], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]		; the caller's ESP after our return
	mov [eax + 16], ecx
	mov ecx, [esp]
	mov [eax + 20], ecx		; return address
	pushfd
	pop dword [eax + 24]
	xor eax, eax
	ret

; void klongjmp(struct jmp_buf *buf, int val): val 0 becomes 1, as in C.
klongjmp:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax
.nonzero:
	mov ebx, [edx + 0]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	push dword [edx + 24]
	popfd
	jmp [edx + 20]
