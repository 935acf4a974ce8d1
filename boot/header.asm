; Multiboot2 header (multiboot2 specification, section 3.1).  GRUB looks for
; it 8-byte aligned in the first 32 KiB of the image; linker.ld puts this
; section first.  The information request tag makes the memory map and the
; command line mandatory: a boot loader that cannot give them refuses us
; instead of starting a kernel that would have to guess.

MB2_HEADER_MAGIC	equ 0xe85250d6
MB2_ARCH_I386		equ 0			; 32-bit protected mode
MB2_TAG_END		equ 0
MB2_TAG_INFO_REQUEST	equ 1
MB2_INFO_CMDLINE	equ 1
MB2_INFO_MMAP		equ 6

section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd MB2_HEADER_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	; magic + arch + length + checksum must be 0 modulo 2^32
	dd 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	align 8
.info_request:
	dw MB2_TAG_INFO_REQUEST, 0
	dd .info_request_end - .info_request
	dd MB2_INFO_CMDLINE
	dd MB2_INFO_MMAP
.info_request_end:

	align 8
	dw MB2_TAG_END, 0
	dd 8
mb2_header_end:
