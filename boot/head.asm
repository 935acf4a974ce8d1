; The kernel's first instructions (Linux: arch/x86/kernel/head_32.S).
;
; GRUB enters here in 32-bit protected mode with paging off, EAX = the
; multiboot2 magic and EBX = the physical address of the boot information.
; The kernel is linked at PAGE_OFFSET + 1 MiB but runs at 1 MiB until paging
; is on, so every address used before the jump to the higher half goes
; through pa().
;
; The early page tables map the first EARLY_MAP_SIZE bytes twice with 2 MiB
; pages: at 0 (so the instruction after "mov cr0" still exists) and at
; PAGE_OFFSET (where the kernel lives).  Both PDPT entries 0 and 3 point at
; the same PMD page.  Once running in the higher half we drop the identity
; alias, so a NULL pointer faults from the first C instruction on.
; paging_init() ([M2]) replaces these tables.
;
; The multiboot2 information may lie anywhere below 4 GiB, beyond what the
; early tables map, so it is copied into the kernel image (boot_mbi_copy)
; while paging is still off (Linux copies boot_params the same way).

PAGE_OFFSET		equ 0xC0000000
EARLY_MAP_SIZE		equ 64 * 1024 * 1024	; must match asm/setup.h
EARLY_PMD_ENTRIES	equ EARLY_MAP_SIZE / (2 * 1024 * 1024)
MB2_BOOTLOADER_MAGIC	equ 0x36d76289
THREAD_SIZE		equ 16384		; must match asm/thread_info.h
MBI_COPY_SIZE		equ 65536		; must match asm/setup.h

_PAGE_PRESENT		equ 0x001
_PAGE_RW		equ 0x002
_PAGE_PSE		equ 0x080
CR0_WP			equ 1 << 16
CR0_PG			equ 1 << 31
CR4_PAE			equ 1 << 5
CR4_PGE			equ 1 << 7
X86_EFLAGS_ID		equ 1 << 21
CPUID_EDX_PAE		equ 1 << 6
CPUID_EDX_PGE		equ 1 << 13

COM1			equ 0x3f8
ISA_DEBUG_EXIT		equ 0xf4
POWEROFF_BOOT_FAILURE	equ 0x10 + 3	; asm/reboot.h: EXIT_BASE + 3

%define pa(x) ((x) - PAGE_OFFSET)

extern start_kernel, gdt_page, __bss_start, __bss_stop
global startup_32, early_pdpt, early_pmd
global init_stack, init_stack_end, boot_magic, boot_mbi_phys
global boot_mbi_copy, boot_mbi_size

section .head.text progbits alloc exec nowrite align=16
bits 32
startup_32:
	cld
	cli
	; The multiboot2 spec leaves ESP undefined: take a stack of our own.
	; It is in .data, so clearing .bss below does not wipe it.
	mov esp, pa(early_stack_end)
	mov esi, eax			; keep magic and mbi out of the way
	mov edi, ebx
	call serial_setup

	cmp esi, MB2_BOOTLOADER_MAGIC
	je .magic_ok
	mov ebx, pa(msg_bad_magic)
	jmp early_fail
.magic_ok:
	call check_pae
	mov ebp, edx			; CPUID.1:EDX, for PGE below

	; Zero .bss: it holds the page tables and the stack.
	push edi
	mov edi, pa(__bss_start)
	mov ecx, pa(__bss_stop)
	sub ecx, edi
	shr ecx, 2
	xor eax, eax
	rep stosd
	pop edi
	mov [pa(boot_magic)], esi
	mov [pa(boot_mbi_phys)], edi

	call copy_boot_info
	call build_early_tables

	mov eax, cr4
	or eax, CR4_PAE
	test ebp, CPUID_EDX_PGE
	jz .no_pge
	or eax, CR4_PGE
.no_pge:
	mov cr4, eax
	mov eax, pa(early_pdpt)
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax
	mov eax, startup_high		; an absolute jump into the higher half
	jmp eax

; Copies min(total_size, MBI_COPY_SIZE) bytes of the boot information at
; physical EDI; start_kernel's parser checks what it got.
copy_boot_info:
	push esi
	push edi
	mov esi, edi
	mov ecx, [esi]			; total_size, first field of the MBI
	cmp ecx, MBI_COPY_SIZE
	jbe .fits
	mov ecx, MBI_COPY_SIZE
.fits:
	mov [pa(boot_mbi_size)], ecx
	mov edi, pa(boot_mbi_copy)
	rep movsb
	pop edi
	pop esi
	ret

build_early_tables:
	mov ebx, pa(early_pmd)
	xor ecx, ecx
.next_pmd:
	mov eax, ecx
	shl eax, 21
	or eax, _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE
	mov [ebx + ecx * 8], eax
	mov dword [ebx + ecx * 8 + 4], 0
	inc ecx
	cmp ecx, EARLY_PMD_ENTRIES
	jne .next_pmd
	; PAE PDPT entries take only P (RW/US are reserved there).
	mov eax, pa(early_pmd) + _PAGE_PRESENT
	mov [pa(early_pdpt)], eax
	mov [pa(early_pdpt) + 3 * 8], eax
	ret

; Returns CPUID.1:EDX in EDX, or does not return.
check_pae:
	pushfd				; CPUID exists iff EFLAGS.ID can be toggled
	pop eax
	mov ecx, eax
	xor eax, X86_EFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no_pae
	mov eax, 1
	cpuid
	test edx, CPUID_EDX_PAE
	jz .no_pae
	ret
.no_pae:
	mov ebx, pa(msg_no_pae)
	jmp early_fail

; COM1 at 115200 8N1, FIFOs on: enough to say why we stopped.
serial_setup:
	mov dx, COM1 + 1
	xor al, al
	out dx, al			; no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al			; DLAB on
	mov dx, COM1
	mov al, 1
	out dx, al			; divisor 1 = 115200 baud
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03
	out dx, al			; 8N1, DLAB off
	mov dx, COM1 + 2
	mov al, 0xc5			; FIFOs on, keep what was typed
	out dx, al
	mov dx, COM1 + 4
	mov al, 0x0b
	out dx, al
	ret

; Prints the NUL-terminated string at physical EBX and stops: under QEMU
; through isa-debug-exit with status 3 (scripts/qemu.sh exits 3), elsewhere
; by halting for good.
early_fail:
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov al, [ebx]
	test al, al
	jz .halt
	mov dx, COM1
	out dx, al
	inc ebx
	mov dx, COM1 + 5
	jmp .wait
.halt:
	mov dx, ISA_DEBUG_EXIT
	mov eax, POWEROFF_BOOT_FAILURE
	out dx, eax
.hang:
	cli
	hlt
	jmp .hang

section .text
startup_high:
	lgdt [gdt_descr]
	jmp 0x08:.reload_cs		; __KERNEL_CS
.reload_cs:
	mov ax, 0x10			; __KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov esp, init_stack_end
	; Nothing runs at the identity addresses any more: unmap them.
	mov dword [early_pdpt], 0
	mov eax, cr3
	mov cr3, eax			; reloads the PDPT entries too
	xor ebp, ebp			; the stack trace ends here
	push dword [boot_mbi_phys]
	push dword [boot_magic]
	call start_kernel
.hang:
	cli
	hlt
	jmp .hang

section .rodata
msg_bad_magic:
	db "boot: not started by a multiboot2 boot loader (bad magic in EAX); halting", 13, 10, 0
msg_no_pae:
	db "This kernel requires a CPU with PAE support", 13, 10, 0

section .data
align 4
boot_magic:	dd 0
boot_mbi_phys:	dd 0
boot_mbi_size:	dd 0
early_stack:	times 64 dd 0		; for the few calls before paging
early_stack_end:
align 8
gdt_descr:
	dw 9 * 8 - 1			; GDT_ENTRIES, see asm/segment.h
	dd gdt_page

section .bss
alignb 4096
early_pmd:	resb 4096
alignb 32
early_pdpt:	resb 32			; the CPU wants a 32-byte aligned PDPT
alignb 8
boot_mbi_copy:	resb MBI_COPY_SIZE
alignb 16
init_stack:	resb THREAD_SIZE
init_stack_end:
